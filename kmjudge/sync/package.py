"""The package container: a zip with a signed manifest, read defensively.

Nothing in a package is trusted before it is checked, and nothing is decompressed before its
size is bounded: the file's size, the number and names of members (no folders, no ``..``,
no absolute paths, no duplicates, nothing the manifest does not list), the manifest's size,
each member's declared and actual size and its compression ratio (zip bombs), then each
member's SHA-256 against the signed manifest.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kmjudge import device as device_mod
from kmjudge.sync.errors import PackageRefused, refuse
from kmjudge.sync.model import KINDS, EventRef, Manifest

FORMAT_NAME = "kmjudge-package"
FORMAT_VERSION = 1
#: The signature covers these bytes followed by manifest.json, so a device key's signature
#: over a package can never be mistaken for one over a ticket token or an audit hash.
SIGNATURE_CONTEXT = b"kmjudge-package-v1\n"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"

MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_MANIFEST_BYTES = 4 * 1024**2
MAX_SIGNATURE_BYTES = 256
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 1024**3
MAX_TOTAL_BYTES = 3 * 1024**3
#: JSON Lines of a kmjudge table compress about 5-15 times; 200 is far beyond honest data.
MAX_RATIO = 200
#: What reading a damaged or unusual zip raises (``NotImplementedError``: a member claims a
#: zip version or compression Python does not know).
DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)

_MEMBER = re.compile(r"^(data/[a-z_]{1,40}\.jsonl|audit/[0-9a-f-]{36}\.jsonl)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def sha256_file(path: Path, limit: int = MAX_PACKAGE_BYTES) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise refuse(
                    f"{path.name} 超过 {limit // 1024**2} MB，不是 kmjudge 数据包。",
                    f"{path.name} is larger than {limit // 1024**2} MB; not a kmjudge package.",
                    "too_large",
                )
            h.update(chunk)
    return h.hexdigest(), size


def _bad_manifest(what: str) -> PackageRefused:
    return refuse(
        f"数据包清单（manifest.json）格式错误：{what}。",
        f"The package manifest (manifest.json) is malformed: {what}.",
        "bad_manifest",
    )


def _get(d: dict[str, Any], key: str, typ: type | tuple[type, ...]) -> Any:
    v = d.get(key)
    if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
        raise _bad_manifest(f"{key} missing or of the wrong type")
    return v


def _uuid(v: Any, what: str) -> uuid.UUID:
    if not isinstance(v, str) or len(v) != 36:
        raise _bad_manifest(f"{what} is not a UUID")
    try:
        return uuid.UUID(v)
    except ValueError as exc:
        raise _bad_manifest(f"{what} is not a UUID") from exc


def _key(v: Any, what: str) -> bytes:
    try:
        raw = base64.b64decode(v, validate=True) if isinstance(v, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise _bad_manifest(f"{what} is not an Ed25519 public key")
    return raw


def parse_manifest(data: bytes) -> Manifest:
    """Parse and type-check the manifest (its signature is checked separately)."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad_manifest("not JSON") from exc
    if not isinstance(raw, dict):
        raise _bad_manifest("not a JSON object")
    if raw.get("format") != FORMAT_NAME:
        raise refuse(
            "这不是 kmjudge 数据包（清单格式名不对）。",
            "Not a kmjudge package (wrong format name in the manifest).",
            "not_a_package",
        )
    fmt = _get(raw, "format_version", int)
    if fmt != FORMAT_VERSION:
        raise refuse(
            f"数据包格式版本 {fmt} 不受支持（本软件支持 {FORMAT_VERSION}），请升级 kmjudge。",
            f"Package format version {fmt} is not supported (this kmjudge reads "
            f"{FORMAT_VERSION}); upgrade kmjudge.",
            "format",
        )
    kind = _get(raw, "kind", str)
    if kind not in KINDS:
        raise _bad_manifest(f"unknown kind {kind[:20]!r}")
    dev = _get(raw, "device", dict)
    public_key = _key(dev.get("public_key"), "device.public_key")
    seq = _get(raw, "seq", int)
    if seq < 1:
        raise _bad_manifest("seq must be at least 1")
    prev_sha = _get(raw, "prev_sha256", str)
    if prev_sha and not _HEX64.match(prev_sha):
        raise _bad_manifest("prev_sha256 is not a SHA-256")
    try:
        created = datetime.fromisoformat(_get(raw, "created_at", str).replace("Z", ""))
    except ValueError as exc:
        raise _bad_manifest("created_at is not a date-time") from exc
    events: list[EventRef] = []
    for e in _get(raw, "events", list):
        if not isinstance(e, dict):
            raise _bad_manifest("events")
        events.append(
            EventRef(
                id=_uuid(e.get("id"), "events[].id"),
                name=str(e.get("name", ""))[:200],
                year=int(e.get("year") or 0) if isinstance(e.get("year"), int) else 0,
                level=str(e.get("level", ""))[:20],
                district=str(e.get("district", ""))[:60],
                trade=str(e.get("trade", ""))[:100],
            )
        )
    files: dict[str, tuple[str, int, int]] = {}
    for name, f in _get(raw, "files", dict).items():
        if not isinstance(name, str) or not _MEMBER.match(name) or not isinstance(f, dict):
            raise _bad_manifest(f"file name {str(name)[:60]!r}")
        sha = f.get("sha256")
        size = f.get("size")
        rows = f.get("rows")
        if not (isinstance(sha, str) and _HEX64.match(sha)):
            raise _bad_manifest(f"{name}: sha256")
        if type(size) is not int or not 0 <= size <= MAX_MEMBER_BYTES:
            raise _bad_manifest(f"{name}: size")
        if type(rows) is not int or rows < 0:
            raise _bad_manifest(f"{name}: rows")
        files[name] = (sha, size, rows)
    audit: dict[uuid.UUID, tuple[int, int, str]] = {}
    for dev_id, a in _get(raw, "audit", dict).items():
        if not isinstance(a, dict):
            raise _bad_manifest("audit")
        first, last, head = a.get("first"), a.get("last"), a.get("head")
        if type(first) is not int or type(last) is not int or not 1 <= first <= last:
            raise _bad_manifest("audit first/last")
        if not (isinstance(head, str) and _HEX64.match(head)):
            raise _bad_manifest("audit head")
        audit[_uuid(dev_id, "audit device")] = (first, last, head)
    devices: dict[uuid.UUID, tuple[str, bytes]] = {}
    for d in _get(raw, "devices", list):
        if not isinstance(d, dict):
            raise _bad_manifest("devices")
        devices[_uuid(d.get("id"), "devices[].id")] = (
            str(d.get("name", ""))[:100],
            _key(d.get("public_key"), "devices[].public_key"),
        )
    return Manifest(
        format=fmt,
        kind=kind,
        schema_version=_get(raw, "schema_version", str)[:20],
        app_version=_get(raw, "app_version", str)[:40],
        device_id=_uuid(dev.get("id"), "device.id"),
        device_name=str(dev.get("name", ""))[:100],
        fingerprint=device_mod.fingerprint(public_key),
        public_key=public_key,
        seq=seq,
        prev_sha256=prev_sha,
        full=bool(_get(raw, "full", bool)),
        created_at=created,
        events=tuple(events),
        files=files,
        audit=audit,
        devices=devices,
        raw=raw,
    )


@dataclass
class OpenPackage:
    """A package whose structure and manifest were checked; members read on demand."""

    path: Path
    sha256: str
    size: int
    manifest_bytes: bytes
    signature: bytes
    manifest: Manifest
    _zip: zipfile.ZipFile
    _infos: dict[str, zipfile.ZipInfo]

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> OpenPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def signature_valid(self, public_key: bytes) -> bool:
        return device_mod.verify(
            public_key, self.signature, SIGNATURE_CONTEXT + self.manifest_bytes
        )

    def check_members(self) -> None:
        """Every member listed, nothing extra, sizes and ratios bounded (no decompression)."""
        listed = set(self.manifest.files)
        present = set(self._infos) - {MANIFEST, SIGNATURE}
        if present != listed:
            extra = sorted(present - listed)
            missing = sorted(listed - present)
            raise refuse(
                "数据包内容与清单不符："
                + (f"多出 {', '.join(extra[:5])}；" if extra else "")
                + (f"缺少 {', '.join(missing[:5])}" if missing else ""),
                "The package's files do not match its manifest: "
                + (f"unexpected {', '.join(extra[:5])}; " if extra else "")
                + (f"missing {', '.join(missing[:5])}" if missing else ""),
                "bad_member",
            )
        total = 0
        for name, (_sha, size, _rows) in self.manifest.files.items():
            info = self._infos[name]
            total += size
            if info.file_size != size or total > MAX_TOTAL_BYTES:
                raise refuse(
                    f"数据包文件 {name} 的大小与清单不符（可能被改动）。",
                    f"The size of {name} differs from the manifest (altered?).",
                    "hash_mismatch",
                )
            if size > MAX_RATIO * max(info.compress_size, 1) + 4096:
                raise refuse(
                    f"数据包文件 {name} 压缩比异常（疑似压缩炸弹），已拒绝。",
                    f"{name} has an implausible compression ratio (a zip bomb?); refused.",
                    "too_large",
                )

    def read(self, name: str) -> bytes:
        """A member's bytes, checked against the manifest's size and SHA-256."""
        sha, size, _rows = self.manifest.files[name]
        try:
            with self._zip.open(self._infos[name]) as fh:
                data = fh.read(size + 1)
        except DAMAGED as exc:
            raise refuse(
                f"数据包文件 {name} 已损坏：{exc}",
                f"The package member {name} is damaged: {exc}",
                "hash_mismatch",
            ) from exc
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
            raise refuse(
                f"数据包文件 {name} 的 SHA-256 与签名清单不符：内容被改动过，已拒绝。",
                f"The SHA-256 of {name} does not match the signed manifest: it was altered; "
                "refused.",
                "hash_mismatch",
            )
        return data


def open_package(path: Path) -> OpenPackage:
    """Open ``path``, check the container and parse the manifest (signature not yet checked)."""
    if not path.is_file():
        raise refuse(f"找不到数据包文件 {path}。", f"No package file {path}.", "not_a_package")
    sha, size = sha256_file(path)
    try:
        zf = zipfile.ZipFile(path)
    except DAMAGED as exc:
        raise refuse(
            f"{path.name} 不是有效的数据包（不是 zip 文件或已损坏）。",
            f"{path.name} is not a valid package (not a zip file, or damaged).",
            "not_a_package",
        ) from exc
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise refuse(
                "数据包内文件过多，已拒绝。",
                "The package holds too many files; refused.",
                "too_large",
            )
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            ok = name in (MANIFEST, SIGNATURE) or _MEMBER.match(name)
            if not ok or info.is_dir() or name in by_name:
                raise refuse(
                    f"数据包含有不允许的文件名 {name[:80]!r}"
                    "（如 ../ 路径、文件夹或重名），已拒绝。",
                    f"The package holds a disallowed name {name[:80]!r} (a ../ path, a folder "
                    "or a duplicate); refused.",
                    "bad_member",
                )
            if info.flag_bits & 0x1 or info.compress_type not in (
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            ):
                raise refuse(
                    f"数据包文件 {name} 已加密或使用了不支持的压缩方式。",
                    f"{name} is encrypted or uses an unsupported compression.",
                    "bad_member",
                )
            by_name[name] = info
        if MANIFEST not in by_name or SIGNATURE not in by_name:
            raise refuse(
                "数据包缺少清单或签名（manifest.json / manifest.sig）。",
                "The package lacks its manifest or signature (manifest.json / manifest.sig).",
                "not_a_package",
            )
        manifest_bytes = _read_small(zf, by_name[MANIFEST], MAX_MANIFEST_BYTES)
        sig_text = _read_small(zf, by_name[SIGNATURE], MAX_SIGNATURE_BYTES)
        try:
            signature = base64.b64decode(sig_text.strip(), validate=True)
        except (binascii.Error, ValueError):
            signature = b""
        if len(signature) != 64:
            raise refuse(
                "数据包签名格式错误。", "The package signature is malformed.", "bad_signature"
            )
        manifest = parse_manifest(manifest_bytes)
    except BaseException:
        zf.close()
        raise
    return OpenPackage(path, sha, size, manifest_bytes, signature, manifest, zf, by_name)


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise refuse(
            f"{info.filename} 过大，已拒绝。",
            f"{info.filename} is too large; refused.",
            "too_large",
        )
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except DAMAGED as exc:
        raise refuse(
            f"{info.filename} 已损坏：{exc}", f"{info.filename} is damaged: {exc}", "bad_member"
        ) from exc
    if len(data) > limit:
        raise refuse(
            f"{info.filename} 过大，已拒绝。",
            f"{info.filename} is too large; refused.",
            "too_large",
        )
    return data


def write_package(
    target: Path,
    manifest: dict[str, Any],
    members: dict[str, bytes],
    sign: Any,
) -> None:
    """Write members, then the manifest (with every member's SHA-256) and its signature."""
    stamp = manifest["created_at"]
    date_time = (
        int(stamp[0:4]),
        int(stamp[5:7]),
        int(stamp[8:10]),
        int(stamp[11:13]),
        int(stamp[14:16]),
        int(stamp[17:19]),
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=1)
        body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        zf.writestr(zipfile.ZipInfo(MANIFEST, date_time), body)
        sig = base64.b64encode(sign(SIGNATURE_CONTEXT + body)) + b"\n"
        zf.writestr(zipfile.ZipInfo(SIGNATURE, date_time), sig)
