"""This installation's identity: a device id and its Ed25519 key pair.

The private key is a file in the data folder (mode 0600), never a database row, so that no
backup, export or log can carry it. The public key is registered in every database the
device writes to, so other machines verify what it signed without a network.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import platform
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kmjudge import paths


@dataclass(frozen=True)
class DeviceIdentity:
    id: uuid.UUID
    name: str
    private_key: Ed25519PrivateKey

    @property
    def public_key_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key_bytes)

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def __repr__(self) -> str:  # never print the key
        return f"DeviceIdentity(id={self.id}, name={self.name!r}, fp={self.fingerprint})"


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint: 16 hex digits of SHA-256 in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except Exception:
        return False
    return True


def _read_key_file(key_path: Path, info_path: Path) -> DeviceIdentity:
    lines = key_path.read_text("ascii").split()
    if len(lines) >= 2:  # "device id" then the base64 key
        dev_id, raw_b64 = uuid.UUID(lines[0]), lines[1]
    else:  # an early layout: the id lived only in device.json
        dev_id, raw_b64 = uuid.UUID(json.loads(info_path.read_text("utf-8"))["id"]), lines[0]
    name = platform.node() or "kmjudge"
    if info_path.exists():
        with contextlib.suppress(ValueError, OSError):
            name = json.loads(info_path.read_text("utf-8")).get("name", name)
    raw = base64.b64decode(raw_b64)
    return DeviceIdentity(dev_id, name, Ed25519PrivateKey.from_private_bytes(raw))


def load_or_create(folder: Path | None = None) -> DeviceIdentity:
    """Read the device identity from ``folder`` (the data folder), creating it once.

    Safe when several processes start at once on a fresh folder: the key file is published
    with an atomic hard link, so exactly one identity wins and everyone reads that one.
    """
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    folder = folder or paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    info_path = folder / "device.json"
    key_path = folder / "device.key"
    if not key_path.exists():
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        dev_id = uuid.uuid4()
        fd, tmp_name = tempfile.mkstemp(prefix=".device-", suffix=".tmp", dir=folder)
        tmp = Path(tmp_name)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(f"{dev_id}\n{base64.b64encode(raw).decode('ascii')}\n")
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, key_path)
                _write_atomic(
                    info_path,
                    json.dumps(
                        {"id": str(dev_id), "name": platform.node() or "kmjudge"},
                        ensure_ascii=False,
                    ),
                )
            except FileExistsError:
                pass  # another process won the race: use its identity
        finally:
            tmp.unlink(missing_ok=True)
    return _read_key_file(key_path, info_path)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=".device-", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp_name, path)
