"""Device keys and trust: which laptops' signatures this database accepts.

Every installation has an Ed25519 key pair (``kmjudge.device``); its public key is registered
in every database it writes to. Another machine (the city office, the chief judge's laptop, a
certificate checker) accepts what a device signed only once that device is *trusted* here, and
a device becomes trusted only when a person confirms its fingerprint, read aloud or compared
on paper (the handover slip prints it). Trusting and untrusting are audited.

A device's public key travels as a small text file (``device-key.txt``)::

    kmjudge-device-key 1
    device: 3f1c0d9e-...
    name: 五华区考场笔记本
    fingerprint: 1A2B 3C4D 5E6F 7A8B
    key: <base64 of the 32-byte Ed25519 public key>

Reading one never trusts it; ``trust_device`` does, with the fingerprint typed in by a person.

Other modules (certificates, packages) use ``trusted_public_key`` / ``verify_signed`` to check
a signature against the devices this database trusts, without a network.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge import device as device_mod
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Device, PackageLog
from kmjudge.errors import KmError, NotFound, PermissionDenied

KEY_FILE_HEADER = "kmjudge-device-key 1"
KEY_FILE_MAX_BYTES = 4096


class TrustError(KmError):
    """A key or fingerprint does not check out; nothing was changed."""

    code = "trust"


@dataclass(frozen=True)
class DeviceKey:
    """A device's public identity: what a key file carries."""

    device_id: uuid.UUID
    name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return device_mod.fingerprint(self.public_key)

    def to_text(self) -> str:
        name = " ".join(self.name.split())
        return (
            f"{KEY_FILE_HEADER}\n"
            f"device: {self.device_id}\n"
            f"name: {name}\n"
            f"fingerprint: {self.fingerprint}\n"
            f"key: {base64.b64encode(self.public_key).decode('ascii')}\n"
        )

    @classmethod
    def from_text(cls, text: str) -> DeviceKey:
        """Parse a key file's text; refuses anything malformed or a fingerprint that does not
        belong to the key (an edited file)."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if not lines or lines[0] != KEY_FILE_HEADER:
            raise TrustError(
                "这不是 kmjudge 设备公钥文件（第一行应为 kmjudge-device-key 1）。",
                "Not a kmjudge device key file (the first line must be 'kmjudge-device-key 1').",
                code="bad_key_file",
            )
        fields: dict[str, str] = {}
        for ln in lines[1:]:
            key, sep, value = ln.partition(":")
            if not sep:
                raise TrustError(
                    f"设备公钥文件格式错误：{ln[:40]}",
                    f"Malformed line in the device key file: {ln[:40]}",
                    code="bad_key_file",
                )
            fields[key.strip().lower()] = value.strip()
        try:
            dev_id = uuid.UUID(fields["device"])
            raw = base64.b64decode(fields["key"], validate=True)
        except (KeyError, ValueError, binascii.Error) as exc:
            raise TrustError(
                "设备公钥文件缺少设备编号或公钥，或内容已损坏。",
                "The device key file lacks the device id or key, or is damaged.",
                code="bad_key_file",
            ) from exc
        if len(raw) != 32:
            raise TrustError(
                "设备公钥长度不对（应为 32 字节 Ed25519 公钥）。",
                "The key is not a 32-byte Ed25519 public key.",
                code="bad_key_file",
            )
        parsed = cls(dev_id, fields.get("name", "")[:100], raw)
        stated = fields.get("fingerprint")
        if stated and normalize_fingerprint(stated) != parsed.fingerprint:
            raise TrustError(
                "公钥文件中的指纹与公钥不符：文件可能被改动过。",
                "The fingerprint in the key file does not match its key: the file was altered.",
                code="fingerprint_mismatch",
            )
        return parsed


@dataclass(frozen=True)
class DeviceInfo:
    """A device as this database knows it."""

    id: uuid.UUID
    name: str
    fingerprint: str
    public_key: bytes
    is_local: bool
    trusted: bool
    trusted_at: datetime | None
    audit_seq: int
    #: this database's own export counter (local device only)
    export_seq: int
    #: highest package sequence number imported from this device (0: none)
    last_import_seq: int
    last_import_at: datetime | None

    @property
    def key(self) -> DeviceKey:
        return DeviceKey(self.id, self.name, self.public_key)


_HEX = re.compile(r"[^0-9A-F]")


def normalize_fingerprint(text: str) -> str:
    """``"1a2b3c4d 5e6f-7a8b"`` -> ``"1A2B 3C4D 5E6F 7A8B"`` (spaces, dashes, case ignored)."""
    digits = _HEX.sub("", text.upper())
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def fingerprints_match(typed: str | None, actual: str) -> bool:
    return bool(typed) and normalize_fingerprint(typed or "") == normalize_fingerprint(actual)


# --------------------------------------------------------------------------- this device


def local_key(db: Database) -> DeviceKey:
    """This installation's public key (never the private key)."""
    return DeviceKey(db.device.id, db.device.name, db.device.public_key_bytes)


def write_key_file(db: Database, path: str | Path) -> DeviceKey:
    """Write this device's public key file (for the city office or a chief judge's laptop)."""
    key = local_key(db)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(key.to_text(), encoding="utf-8")
    return key


def read_key_file(path: str | Path) -> DeviceKey:
    p = Path(path)
    try:
        if p.stat().st_size > KEY_FILE_MAX_BYTES:
            raise TrustError(
                f"{p.name} 太大，不是设备公钥文件。",
                f"{p.name} is too large to be a device key file.",
                code="bad_key_file",
            )
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TrustError(
            f"无法读取设备公钥文件 {p}：{exc}",
            f"Cannot read the device key file {p}: {exc}",
            code="bad_key_file",
        ) from exc
    return DeviceKey.from_text(text)


# --------------------------------------------------------------------------- listing


def _info(s: Session, d: Device) -> DeviceInfo:
    last = s.execute(
        select(func.max(PackageLog.seq), func.max(PackageLog.created_at)).where(
            PackageLog.device_id == d.id, PackageLog.direction == "import"
        )
    ).one()
    return DeviceInfo(
        id=d.id,
        name=d.name,
        fingerprint=device_mod.fingerprint(d.public_key),
        public_key=d.public_key,
        is_local=d.is_local,
        trusted=d.trusted,
        trusted_at=d.trusted_at,
        audit_seq=d.audit_seq,
        export_seq=d.export_seq,
        last_import_seq=int(last[0] or 0),
        last_import_at=last[1],
    )


def list_devices(db: Database) -> list[DeviceInfo]:
    """Every device this database knows: this one, trusted ones, and devices seen in
    packages (their public keys are public; nothing secret is listed)."""
    with db.read() as s:
        rows = list(s.scalars(select(Device).order_by(Device.is_local.desc(), Device.name)))
        return [_info(s, d) for d in rows]


def get_device(db: Database, device_id: uuid.UUID) -> DeviceInfo | None:
    with db.read() as s:
        d = s.get(Device, device_id)
        return _info(s, d) if d is not None else None


def trusted_public_key(db: Database, device_id: uuid.UUID) -> bytes | None:
    """The public key of ``device_id`` if this database trusts that device (the local device
    always counts as trusted), else None."""
    with db.read() as s:
        d = s.get(Device, device_id)
        if d is None or not (d.trusted or d.is_local):
            return None
        return bytes(d.public_key)


def trusted_public_keys(db: Database) -> dict[uuid.UUID, bytes]:
    with db.read() as s:
        return {
            d.id: bytes(d.public_key)
            for d in s.scalars(select(Device).where((Device.trusted) | (Device.is_local)))
        }


def verify_signed(db: Database, device_id: uuid.UUID, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` over ``data`` was made by a device this database trusts."""
    key = trusted_public_key(db, device_id)
    return key is not None and device_mod.verify(key, signature, data)


# --------------------------------------------------------------------------- trusting


def _require_trust_perm(actor: Actor) -> None:
    if not (actor.can(Perm.IMPORT_PACKAGES) or actor.can(Perm.MANAGE_USERS)):
        raise PermissionDenied(
            f"{actor.display_name} 无权信任或取消信任设备（需要管理员或市级办公室）。",
            f"{actor.username} may not trust or untrust devices (admin or city office).",
        )


def trust_in_session(
    s: Session,
    db: Database,
    actor: Actor | None,
    key: DeviceKey,
    confirmed_fingerprint: str | None,
    *,
    how: str = "key_file",
) -> Device:
    """Trust ``key`` inside the caller's transaction (used by package import as well).

    Refused unless ``confirmed_fingerprint`` (typed by a person) equals the key's fingerprint,
    and refused if this database already knows the device id with another key (a forged or
    re-installed device: a person must look at it).
    """
    if not fingerprints_match(confirmed_fingerprint, key.fingerprint):
        raise TrustError(
            f"指纹不符：设备 {key.name or key.device_id} 的指纹是 {key.fingerprint}，"
            f"输入的是 {normalize_fingerprint(confirmed_fingerprint or '') or '（空）'}。"
            "请与对方屏幕或移交单上的指纹逐位核对。",
            f"Fingerprint mismatch: device {key.name or key.device_id} has {key.fingerprint}, "
            f"you entered {normalize_fingerprint(confirmed_fingerprint or '') or '(nothing)'}. "
            "Compare it digit by digit with the other screen or the handover slip.",
            code="fingerprint_mismatch",
        )
    row = s.get(Device, key.device_id)
    if row is not None and bytes(row.public_key) != key.public_key:
        raise TrustError(
            f"设备 {row.name}（{key.device_id}）已登记了另一把公钥"
            f"（指纹 {device_mod.fingerprint(row.public_key)}）：不能用新公钥替换。"
            "若该电脑重装过系统，请以新设备身份导出。",
            f"Device {row.name} ({key.device_id}) is registered with another key "
            f"(fingerprint {device_mod.fingerprint(row.public_key)}); it cannot be replaced. "
            "A reinstalled laptop must export as a new device.",
            code="key_mismatch",
        )
    if row is not None and row.is_local:
        return row
    before = None
    if row is None:
        row = Device(
            id=key.device_id,
            name=key.name or str(key.device_id)[:8],
            public_key=key.public_key,
            is_local=False,
            trusted=False,
            audit_seq=0,
            audit_head="",
            export_seq=0,
        )
        s.add(row)
    else:
        before = {"trusted": row.trusted}
    if not row.trusted:
        row.trusted = True
        row.trusted_at = utcnow()
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "device.trust",
            entity="device",
            entity_id=key.device_id,
            before=before,
            after={"name": row.name, "fingerprint": key.fingerprint, "how": how},
        )
    return row


def trust_device(
    db: Database, actor: Actor, key: DeviceKey, confirmed_fingerprint: str
) -> DeviceInfo:
    """Trust a device from its key file, with its fingerprint confirmed by a person."""
    _require_trust_perm(actor)
    with db.write() as s:
        row = trust_in_session(s, db, actor, key, confirmed_fingerprint)
        s.flush()
        return _info(s, row)


def untrust_device(db: Database, actor: Actor, device_id: uuid.UUID, reason: str = "") -> None:
    """Stop accepting packages (and certificates) signed by ``device_id``. What was imported
    from it stays; its audit entries keep verifying."""
    _require_trust_perm(actor)
    with db.write() as s:
        row = s.get(Device, device_id)
        if row is None:
            raise NotFound("没有该设备。", f"No device {device_id}.")
        if row.is_local:
            raise TrustError(
                "不能取消对本机的信任。", "This device cannot untrust itself.", code="local"
            )
        if not row.trusted:
            return
        row.trusted = False
        audit.record(
            s,
            db,
            actor,
            "device.untrust",
            entity="device",
            entity_id=device_id,
            before={"trusted": True},
            after={"trusted": False, "reason": " ".join(reason.split())},
        )


def find_device(db: Database, ref: str) -> uuid.UUID:
    """A device by id, id prefix, fingerprint or exact name."""
    text = ref.strip()
    fp = normalize_fingerprint(text)
    with db.read() as s:
        rows = list(s.scalars(select(Device)))
    hits = [
        d
        for d in rows
        if str(d.id) == text
        or (len(text) >= 4 and str(d.id).startswith(text.lower()))
        or d.name == text
        or (len(fp) >= 4 and device_mod.fingerprint(d.public_key).startswith(fp))
    ]
    if len(hits) != 1:
        raise NotFound(
            f"找不到唯一的设备：{ref}" + ("（有多个匹配）" if hits else ""),
            f"No single device matches {ref!r}" + (" (several match)" if hits else ""),
        )
    return hits[0].id


__all__ = [
    "KEY_FILE_HEADER",
    "DeviceInfo",
    "DeviceKey",
    "TrustError",
    "find_device",
    "fingerprints_match",
    "get_device",
    "list_devices",
    "local_key",
    "normalize_fingerprint",
    "read_key_file",
    "trust_device",
    "trust_in_session",
    "trusted_public_key",
    "trusted_public_keys",
    "untrust_device",
    "verify_signed",
    "write_key_file",
]
