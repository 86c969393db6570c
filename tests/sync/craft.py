"""Making altered packages: a byte changed, members swapped, or re-signed by some key."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kmjudge.device import DeviceIdentity
from kmjudge.sync.package import MANIFEST, SIGNATURE, SIGNATURE_CONTEXT


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write(path: Path, items: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    return path


def flip(data: bytes, at: int | None = None) -> bytes:
    """One byte changed (in the middle by default)."""
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]


def resign(
    src: Path,
    dst: Path,
    key: DeviceIdentity,
    *,
    edit_member: Callable[[str, bytes], bytes] | None = None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
    as_device: bool = False,
) -> Path:
    """Rewrite ``src`` with edits, fix the manifest's hashes and sign it with ``key``.
    ``as_device``: the manifest names ``key``'s device (else it keeps the original signer)."""
    items = members(src)
    manifest = json.loads(items.pop(MANIFEST))
    items.pop(SIGNATURE)
    if edit_member:
        items = {n: edit_member(n, d) for n, d in items.items()}
    for name, data in items.items():
        entry = manifest["files"].setdefault(name, {"rows": 0})
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        entry["size"] = len(data)
        if name.startswith("data/"):
            entry["rows"] = max(0, data.decode().count("\n") - 1)
    if as_device:
        manifest["device"] = {
            "id": str(key.id),
            "name": key.name,
            "fingerprint": key.fingerprint,
            "public_key": base64.b64encode(key.public_key_bytes).decode(),
        }
    if edit_manifest:
        edit_manifest(manifest)
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    items[MANIFEST] = body
    items[SIGNATURE] = base64.b64encode(key.sign(SIGNATURE_CONTEXT + body)) + b"\n"
    return write(dst, items)


def edit_rows(
    table: str, edit: Callable[[list[str], list[Any]], None]
) -> Callable[[str, bytes], bytes]:
    """An ``edit_member`` that changes the rows of one table (as decoded JSON arrays)."""

    def run(name: str, data: bytes) -> bytes:
        if name != f"data/{table}.jsonl":
            return data
        lines = data.decode().splitlines()
        header = json.loads(lines[0])
        rows = [json.loads(x) for x in lines[1:]]
        for r in rows:
            edit(header["columns"], r)
        out = [lines[0], *(json.dumps(r, ensure_ascii=False) for r in rows)]
        return ("\n".join(out) + "\n").encode()

    return run
