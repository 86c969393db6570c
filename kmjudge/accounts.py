"""Accounts, roles and permissions, enforced here in the core (never only in the GUI).

Secrets (PINs or passwords) are hashed with scrypt (memory-hard, in the standard library:
N=2**14, r=8 -> 16 MiB per attempt). Repeated failures lock the account for a while.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import func, select

from kmjudge import audit
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import User
from kmjudge.errors import AuthError, KmError, NotFound, PermissionDenied

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class Role(StrEnum):
    ADMIN = "admin"
    REGISTRAR = "registrar"
    JUDGE = "judge"
    CLERK = "clerk"
    CHIEF = "chief"
    CITY = "city"


ROLE_NAMES_ZH = {
    Role.ADMIN: "管理员",
    Role.REGISTRAR: "检录员",
    Role.JUDGE: "裁判员",
    Role.CLERK: "录分员",
    Role.CHIEF: "裁判长",
    Role.CITY: "市级办公室",
}


class Perm(StrEnum):
    MANAGE_USERS = "manage_users"
    SETUP_EVENTS = "setup_events"
    IMPORT_REGISTRATIONS = "import_registrations"
    EDIT_REGISTRATIONS = "edit_registrations"
    VIEW_NAMES = "view_names"
    CHECKIN = "checkin"
    PRINT_TICKETS = "print_tickets"
    ASSIGN_JUDGES = "assign_judges"
    ENTER_OWN_SCORES = "enter_own_scores"
    ENTER_PAPER_SCORES = "enter_paper_scores"
    REVIEW_SCORES = "review_scores"
    LOCK = "lock"
    UNLOCK = "unlock"
    VIEW_PROVISIONAL_RESULTS = "view_provisional_results"
    RELEASE_RESULTS = "release_results"
    PRINT_CERTIFICATES = "print_certificates"
    EXPORT = "export"
    IMPORT_PACKAGES = "import_packages"
    REPORTS = "reports"
    BACKUP = "backup"
    VIEW_AUDIT = "view_audit"


ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.ADMIN: frozenset(
        {
            Perm.MANAGE_USERS,
            Perm.SETUP_EVENTS,
            Perm.IMPORT_REGISTRATIONS,
            Perm.EDIT_REGISTRATIONS,
            Perm.VIEW_NAMES,
            Perm.CHECKIN,
            Perm.PRINT_TICKETS,
            Perm.ASSIGN_JUDGES,
            Perm.VIEW_PROVISIONAL_RESULTS,
            Perm.PRINT_CERTIFICATES,
            Perm.EXPORT,
            Perm.IMPORT_PACKAGES,
            Perm.REPORTS,
            Perm.BACKUP,
            Perm.VIEW_AUDIT,
        }
    ),
    Role.REGISTRAR: frozenset(
        {Perm.VIEW_NAMES, Perm.CHECKIN, Perm.PRINT_TICKETS, Perm.EDIT_REGISTRATIONS}
    ),
    Role.JUDGE: frozenset({Perm.ENTER_OWN_SCORES}),
    Role.CLERK: frozenset({Perm.ENTER_PAPER_SCORES}),
    Role.CHIEF: frozenset(
        {
            Perm.VIEW_NAMES,
            Perm.REVIEW_SCORES,
            Perm.LOCK,
            Perm.UNLOCK,
            Perm.VIEW_PROVISIONAL_RESULTS,
            Perm.RELEASE_RESULTS,
            Perm.PRINT_CERTIFICATES,
            Perm.VIEW_AUDIT,
            Perm.ASSIGN_JUDGES,
            # the chief judge's laptop collects the judges' laptops' packages and sends the
            # venue's package on to the city office
            Perm.EXPORT,
            Perm.IMPORT_PACKAGES,
        }
    ),
    Role.CITY: frozenset(
        {Perm.IMPORT_PACKAGES, Perm.REPORTS, Perm.VIEW_NAMES, Perm.EXPORT, Perm.VIEW_AUDIT}
    ),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting, on which device. Obtained only through ``login`` (or ``system``)."""

    user_id: uuid.UUID | None
    username: str
    display_name: str
    roles: frozenset[Role]
    device_id: uuid.UUID

    @property
    def perms(self) -> frozenset[Perm]:
        out: set[Perm] = set()
        for role in self.roles:
            out |= ROLE_PERMS[role]
        return frozenset(out)

    def can(self, perm: Perm) -> bool:
        return perm in self.perms

    def has_role(self, role: Role) -> bool:
        return role in self.roles


_PERM_ZH = {
    Perm.MANAGE_USERS: "管理账号",
    Perm.SETUP_EVENTS: "设置竞赛",
    Perm.VIEW_NAMES: "查看选手姓名",
    Perm.IMPORT_REGISTRATIONS: "导入报名",
    Perm.EDIT_REGISTRATIONS: "修改报名",
    Perm.LOCK: "锁定成绩",
    Perm.UNLOCK: "解锁成绩",
    Perm.BACKUP: "备份数据库",
    Perm.ENTER_OWN_SCORES: "录入本人评分",
    Perm.VIEW_AUDIT: "查看审计记录",
}


def require(actor: Actor, perm: Perm) -> None:
    """Refuse unless ``actor`` holds ``perm``."""
    if not actor.can(perm):
        what = _PERM_ZH.get(perm, perm.value)
        roles = "、".join(ROLE_NAMES_ZH[r] for r in actor.roles) or "无角色"
        raise PermissionDenied(
            f"{actor.display_name}（{roles}）无权{what}。",
            f"{actor.username} may not {perm.value.replace('_', ' ')}.",
        )


def system_actor(db: Database) -> Actor:
    """The app itself (migrations, demo set-up); every role, no user row."""
    return Actor(None, "system", "系统", frozenset(Role), db.device.id)


# --------------------------------------------------------------------------- secrets


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_secret(secret: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if algo != "scrypt":
            return False
        digest = hashlib.scrypt(
            secret.encode("utf-8"),
            salt=base64.b64decode(salt_b64),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


_TRIVIAL = {"0123", "1234", "12345", "123456", "1234567", "12345678", "4321", "654321"}


def validate_secret(secret: str) -> None:
    """PINs/passwords: at least 4 characters, not all one character, not 1234-style."""
    if len(secret) < 4:
        raise KmError("PIN/密码至少 4 位。", "PIN/password needs at least 4 characters.")
    if len(set(secret)) == 1 or secret in _TRIVIAL:
        raise KmError(
            "PIN/密码过于简单（如 1111、1234），请换一个。",
            "PIN/password is too easy to guess (like 1111 or 1234); choose another.",
        )


# --------------------------------------------------------------------------- users


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    display_name: str
    roles: tuple[Role, ...]
    employer: str
    active: bool
    locked: bool


def _info(u: User) -> UserInfo:
    now = utcnow()
    return UserInfo(
        u.id,
        u.username,
        u.display_name,
        tuple(Role(r) for r in u.roles),
        u.employer,
        u.active,
        bool(u.locked_until and u.locked_until > now),
    )


def _parse_roles(roles: list[str] | tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for r in roles:
        try:
            out.append(Role(r).value)
        except ValueError as exc:
            valid = ", ".join(x.value for x in Role)
            raise KmError(
                f"未知角色：{r}（可选：{valid}）", f"Unknown role {r!r} (valid: {valid})"
            ) from exc
    if not out:
        raise KmError("至少选择一个角色。", "Choose at least one role.")
    return sorted(set(out))


def _clean_username(username: str) -> str:
    username = username.strip()
    if not username or len(username) > 50 or any(c.isspace() for c in username):
        raise KmError(
            "用户名不能为空、不能含空格，最长 50 个字符。",
            "A username must be 1-50 characters without spaces.",
        )
    return username


def needs_first_admin(db: Database) -> bool:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(User)) or 0) == 0


def create_first_admin(db: Database, username: str, display_name: str, secret: str) -> UserInfo:
    """The first run creates the admin; refused once any account exists."""
    username = _clean_username(username)
    validate_secret(secret)
    with db.write() as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise PermissionDenied(
                "已有账号，不能再创建首个管理员。",
                "Accounts exist already; the first admin was created before.",
            )
        user = User(
            username=username,
            display_name=display_name.strip() or username,
            roles=[Role.ADMIN.value],
            secret_hash=hash_secret(secret),
        )
        s.add(user)
        s.flush()
        audit.record(
            s,
            db,
            None,
            "user.create_first_admin",
            entity="user",
            entity_id=user.id,
            after={"username": username, "roles": user.roles},
        )
        return _info(user)


def create_user(
    db: Database,
    actor: Actor,
    username: str,
    display_name: str,
    roles: list[str],
    secret: str,
    employer: str = "",
) -> UserInfo:
    require(actor, Perm.MANAGE_USERS)
    username = _clean_username(username)
    role_values = _parse_roles(roles)
    validate_secret(secret)
    with db.write() as s:
        if s.scalar(select(User).where(User.username == username)):
            raise KmError(f"用户名 {username} 已存在。", f"Username {username} exists already.")
        user = User(
            username=username,
            display_name=display_name.strip() or username,
            roles=role_values,
            secret_hash=hash_secret(secret),
            employer=employer.strip(),
        )
        s.add(user)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "user.create",
            entity="user",
            entity_id=user.id,
            after={"username": username, "roles": role_values, "employer": employer},
        )
        return _info(user)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    require(actor, Perm.MANAGE_USERS)
    with db.read() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.username))]


def login_names(db: Database) -> list[tuple[str, str]]:
    """(username, display name) of active accounts, for the login screen's list."""
    with db.read() as s:
        rows = s.execute(
            select(User.username, User.display_name).where(User.active).order_by(User.username)
        ).all()
    return [(r[0], r[1]) for r in rows]


def login(db: Database, username: str, secret: str) -> Actor:
    """Check a PIN/password. Five failures in a row lock the account for five minutes."""
    now = utcnow()
    with db.write() as s:
        user = s.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active:
            raise AuthError("用户名或 PIN 不正确。", "Wrong username or PIN.")
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise AuthError(
                f"连续输错次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员。",
                f"Too many wrong attempts: the account is locked for {minutes} more minute(s).",
                code="locked",
            )
        if not check_secret(secret, user.secret_hash):
            user.failed_attempts += 1
            locked = user.failed_attempts >= MAX_FAILURES
            if locked:
                user.locked_until = now + LOCKOUT
                user.failed_attempts = 0
            audit.record(
                s,
                db,
                None,
                "user.login_failed",
                entity="user",
                entity_id=user.id,
                after={"username": user.username, "locked": locked},
            )
            left = MAX_FAILURES - user.failed_attempts
            failure = (
                AuthError(
                    f"连续输错 {MAX_FAILURES} 次，账号已锁定 {LOCKOUT.seconds // 60} 分钟。",
                    f"{MAX_FAILURES} wrong attempts: the account is locked for "
                    f"{LOCKOUT.seconds // 60} minutes.",
                    code="locked",
                )
                if locked
                else AuthError(
                    f"用户名或 PIN 不正确（还可再试 {left} 次）。",
                    f"Wrong username or PIN ({left} attempt(s) left).",
                )
            )
        else:
            failure = None
            user.failed_attempts = 0
            user.locked_until = None
            user.last_login_at = now
            audit.record(
                s,
                db,
                None,
                "user.login",
                entity="user",
                entity_id=user.id,
                after={"username": user.username},
            )
            actor = Actor(
                user.id,
                user.username,
                user.display_name,
                frozenset(Role(r) for r in user.roles),
                db.device.id,
            )
    # A failure is committed (the count must stick) before it is raised.
    if failure is not None:
        raise failure
    return actor


def reauthenticate(db: Database, actor: Actor, secret: str) -> None:
    """Re-check the acting user's secret (for unlocking, PIN re-entry on submit)."""
    if actor.user_id is None:
        return
    again = login(db, actor.username, secret)
    if again.user_id != actor.user_id:
        raise AuthError("身份验证失败。", "Re-authentication failed.")


def set_secret(db: Database, actor: Actor, username: str, new_secret: str) -> None:
    """Users change their own secret; admins reset anyone's (and lift a lockout)."""
    validate_secret(new_secret)
    with db.write() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"没有用户 {username}。", f"No user {username}.")
        if user.id != actor.user_id:
            require(actor, Perm.MANAGE_USERS)
        user.secret_hash = hash_secret(new_secret)
        user.failed_attempts = 0
        user.locked_until = None
        user.version += 1
        audit.record(
            s,
            db,
            actor,
            "user.set_secret",
            entity="user",
            entity_id=user.id,
            after={"username": username},
        )
