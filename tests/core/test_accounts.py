"""Accounts: hashing, first run, lockout, and permissions enforced in the services."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kmjudge import accounts, events
from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.db.models import User
from kmjudge.errors import AuthError, KmError, PermissionDenied


@pytest.mark.real_scrypt
def test_secrets_are_stored_as_scrypt_hashes(db: Database, admin: Actor) -> None:
    """PINs are stored as scrypt hashes at the production cost (N=2**14, r=8, p=1)."""
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None
        assert user.secret_hash.startswith("scrypt$16384$8$1$")
        assert "2580" not in user.secret_hash
    assert accounts.check_secret("2580", user.secret_hash)
    assert not accounts.check_secret("2581", user.secret_hash)


def test_first_admin_only_once(db: Database) -> None:
    assert accounts.needs_first_admin(db)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    assert not accounts.needs_first_admin(db)
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(db, "evil", "x", "9753")


@pytest.mark.parametrize("bad", ["", "12", "1111", "1234", "123456"])
def test_weak_secrets_refused(db: Database, bad: str) -> None:
    with pytest.raises(KmError):
        accounts.create_first_admin(db, "admin", "管理员", bad)
    assert accounts.needs_first_admin(db)


def test_five_wrong_pins_lock_the_account(db: Database, admin: Actor) -> None:
    """Brute force is locked out: after 5 failures even the right PIN is refused."""
    for i in range(4):
        with pytest.raises(AuthError) as info:
            accounts.login(db, "admin", "0000")
        assert f"还可再试 {4 - i} 次" in info.value.message_zh
    with pytest.raises(AuthError) as info:
        accounts.login(db, "admin", "0000")
    assert info.value.code == "locked"
    with pytest.raises(AuthError) as info:
        accounts.login(db, "admin", "2580")
    assert info.value.code == "locked"


def test_unknown_user_and_wrong_pin_say_the_same(db: Database, admin: Actor) -> None:
    """No hint whether a username exists."""
    with pytest.raises(AuthError) as a:
        accounts.login(db, "nobody", "2580")
    assert "用户名或 PIN 不正确" in a.value.message_zh


def test_roles_are_enforced_in_the_core(db: Database, admin: Actor) -> None:
    """A judge cannot manage users or set up events; an admin can."""
    accounts.create_user(db, admin, "j1", "裁判1", ["judge"], "2468")
    judge = accounts.login(db, "j1", "2468")
    assert not judge.can(Perm.LOCK) and not judge.can(Perm.VIEW_NAMES)
    with pytest.raises(PermissionDenied):
        accounts.create_user(db, judge, "x", "x", ["admin"], "9753")
    with pytest.raises(PermissionDenied):
        accounts.list_users(db, judge)
    with pytest.raises(PermissionDenied):
        events.update_event(db, judge, admin.device_id, venue="x")
    with pytest.raises(PermissionDenied):
        accounts.set_secret(db, judge, "admin", "9753")
    accounts.set_secret(db, judge, "j1", "8642")  # own PIN is fine
    assert accounts.login(db, "j1", "8642").username == "j1"


def test_admin_reset_lifts_a_lockout(db: Database, admin: Actor) -> None:
    accounts.create_user(db, admin, "r1", "检录1", ["registrar"], "1357")
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.login(db, "r1", "0000")
    accounts.set_secret(db, admin, "r1", "7531")
    assert accounts.login(db, "r1", "7531").username == "r1"


def test_unknown_role_refused(db: Database, admin: Actor) -> None:
    with pytest.raises(KmError) as info:
        accounts.create_user(db, admin, "x1", "x", ["superuser"], "9753")
    assert "未知角色" in info.value.message_zh
