"""This installation's identity: a device id and its Ed25519 key pair.

The private key is a file in the data folder (mode 0600), never a database row, so that no
backup, export or log can carry it. The public key is registered in every database the
device writes to, so other machines verify what it signed without a network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
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


def load_or_create(folder: Path | None = None) -> DeviceIdentity:
    """Read the device identity from ``folder`` (the data folder), creating it once."""
    folder = folder or paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    info_path = folder / "device.json"
    key_path = folder / "device.key"
    if info_path.exists() and key_path.exists():
        info = json.loads(info_path.read_text("utf-8"))
        raw = base64.b64decode(key_path.read_text("ascii").strip())
        return DeviceIdentity(
            uuid.UUID(info["id"]), info["name"], Ed25519PrivateKey.from_private_bytes(raw)
        )
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    identity = DeviceIdentity(uuid.uuid4(), platform.node() or "kmjudge", key)
    _write_private(key_path, base64.b64encode(raw).decode("ascii") + "\n")
    info_path.write_text(
        json.dumps({"id": str(identity.id), "name": identity.name}, ensure_ascii=False),
        "utf-8",
    )
    return identity


def _write_private(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
