"""Inspecting and importing packages: every check first, then one transaction.

Order of checks (nothing is written until all pass): container and sizes, manifest, the
signer (known key, trust or a confirmed fingerprint), the signature, the schema version, the
sequence, every member's size and SHA-256, every value's type, the audit chain, references.
Then, after a backup, one write transaction merges everything (``merge.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.db import migrate
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.errors import KmError
from kmjudge.gcpause import gc_paused
from kmjudge.sync import package as pkg
from kmjudge.sync.errors import PackageRefused, SequenceGap, UntrustedSigner, refuse
from kmjudge.sync.exporter import DIRECTION_IN
from kmjudge.sync.merge import Merge
from kmjudge.sync.model import (
    STATUS_DUPLICATE,
    STATUS_IMPORTED,
    STATUS_STALE,
    ImportResult,
    Manifest,
    PackageInfo,
    SignerInfo,
)
from kmjudge.sync.parse import parse_all
from kmjudge.sync.prefetch import Prepared, allowed_tables
from kmjudge.trust import fingerprints_match, trust_in_session

#: The first schema revision that has packages; older packages cannot exist.
MIN_SCHEMA = "0003"


def _signer(db: Database | None, man: Manifest) -> SignerInfo:
    row = None
    if db is not None:
        with db.read() as s:
            row = s.get(m.Device, man.device_id)
    return SignerInfo(
        device_id=man.device_id,
        name=row.name if row is not None else man.device_name,
        fingerprint=man.fingerprint,
        public_key=man.public_key,
        known=row is not None,
        trusted=bool(row is not None and (row.trusted or row.is_local)),
        key_matches=row is None or bytes(row.public_key) == man.public_key,
        is_local=bool(row is not None and row.is_local),
    )


def _schema_problem(man: Manifest) -> tuple[str, str, str] | None:
    v = man.schema_version
    if v > migrate.HEAD:
        return (
            f"数据包由更新版本的 kmjudge 导出（数据结构 {v}，本机 {migrate.HEAD}），"
            "请先升级本机软件。",
            f"The package comes from a newer kmjudge (schema {v}, here {migrate.HEAD}); "
            "upgrade this kmjudge first.",
            "schema_newer",
        )
    if v < MIN_SCHEMA:
        return (
            f"数据包的数据结构版本 {v} 过旧，不受支持。",
            f"The package's schema version {v} is too old to be read.",
            "schema_older",
        )
    return None


def _sequence(
    db: Database | None, man: Manifest, sha: str
) -> tuple[str, int, tuple[int, ...], str]:
    """(state, last imported seq, missing seqs, sha of the logged package at man.seq)."""
    if db is None:
        return "new", 0, (), ""
    direction = DIRECTION_IN[man.kind]
    with db.read() as s:
        last = (
            s.scalar(
                select(func.max(m.PackageLog.seq)).where(
                    m.PackageLog.device_id == man.device_id, m.PackageLog.direction == direction
                )
            )
            or 0
        )
        same = s.scalar(
            select(m.PackageLog.sha256).where(
                m.PackageLog.device_id == man.device_id,
                m.PackageLog.direction == direction,
                m.PackageLog.seq == man.seq,
            )
        )
        prev = s.scalar(
            select(m.PackageLog.sha256).where(
                m.PackageLog.device_id == man.device_id,
                m.PackageLog.direction == direction,
                m.PackageLog.seq == man.seq - 1,
            )
        )
    if same == sha:
        return "duplicate", last, (), same
    if same is not None:
        return "fork", last, (), same
    if man.seq < last:
        return "stale", last, (), ""
    if man.seq > last + 1 and not man.full:
        return "gap", last, tuple(range(last + 1, man.seq)), ""
    if prev is not None and man.prev_sha256 and prev != man.prev_sha256:
        return "fork", last, (), prev
    return "new", last, (), ""


def _sequence_error(
    man: Manifest, state: str, last: int, missing: tuple[int, ...], other: str
) -> KmError:
    who = f"{man.device_name}（{man.fingerprint}）"
    who_en = f"{man.device_name} ({man.fingerprint})"
    if state == "gap":
        nums = ", ".join(str(n) for n in missing[:20]) + (" …" if len(missing) > 20 else "")
        return SequenceGap(
            f"缺少设备 {who} 的第 {nums} 号数据包"
            f"（本库已导入到第 {last} 号，此包是第 {man.seq} 号）。"
            "请先导入缺少的数据包，或请对方导出完整数据包（--full）。未写入任何内容。",
            f"Package(s) {nums} of device {who_en} are missing (imported here up to {last}; "
            f"this is {man.seq}). Import the missing ones first, or ask for a full export "
            "(--full). Nothing was written.",
            missing,
        )
    return refuse(
        f"设备 {who} 的第 {man.seq} 号数据包与本库已导入的不一致（哈希 {other[:16]}…）："
        "该设备可能从备份恢复过。请对方导出完整数据包（--full）后再导入。未写入任何内容。",
        f"Package {man.seq} of device {who_en} does not match what was imported here "
        f"(hash {other[:16]}...): the device may have been restored from a backup. Ask for a "
        "full export (--full). Nothing was written.",
        "sequence_fork",
    )


def inspect_package(db: Database | None, path: Path, *, deep: bool = True) -> PackageInfo:
    with pkg.open_package(path) as p:
        man = p.manifest
        signer = _signer(db, man)
        problems_zh: list[str] = []
        problems_en: list[str] = []
        if signer.known and not signer.key_matches:
            problems_zh.append("签名设备的公钥与本库登记的不同（外来或伪造的签名者）。")
            problems_en.append("The signer's key differs from the one registered here.")
            sig_ok = False
        else:
            key = man.public_key
            sig_ok = p.signature_valid(key)
            if not sig_ok:
                problems_zh.append("签名无效：清单被改动过，或不是该设备签名。")
                problems_en.append("Invalid signature: the manifest was altered or not signed.")
        sp = _schema_problem(man)
        if sp:
            problems_zh.append(sp[0])
            problems_en.append(sp[1])
        files_ok: bool | None = None
        if deep:
            try:
                p.check_members()
                for name in man.files:
                    p.read(name)
                files_ok = True
            except PackageRefused as exc:
                files_ok = False
                problems_zh.append(exc.message_zh)
                problems_en.append(exc.message_en)
        missing: tuple[int, ...] = ()
        if signer.is_local:
            state, last = "own", 0
        else:
            state, last, missing, _other = _sequence(db, man, p.sha256)
        return PackageInfo(
            path=path,
            sha256=p.sha256,
            size=p.size,
            manifest=man,
            signer=signer,
            signature_ok=sig_ok,
            files_ok=files_ok,
            last_seq=last,
            sequence=state,
            missing=missing,
            problems_zh=tuple(problems_zh),
            problems_en=tuple(problems_en),
        )


def _result(
    p: pkg.OpenPackage,
    status: str,
    *,
    counts: dict[str, Any] | None = None,
    audit_entries: int = 0,
    conflicts: tuple[Any, ...] = (),
    backup: Path | None = None,
    trusted_now: bool = False,
    zh: str = "",
    en: str = "",
) -> ImportResult:
    man = p.manifest
    return ImportResult(
        path=p.path,
        sha256=p.sha256,
        status=status,
        kind=man.kind,
        device_id=man.device_id,
        device_name=man.device_name,
        fingerprint=man.fingerprint,
        seq=man.seq,
        events=man.events,
        counts=counts or {},
        audit_entries=audit_entries,
        conflicts=conflicts,
        backup=backup,
        trusted_now=trusted_now,
        message_zh=zh,
        message_en=en,
    )


def import_package(
    db: Database,
    actor: Actor,
    path: Path,
    confirm_fingerprint: str | None,
    *,
    backup: bool = True,
    prepared: Prepared | None = None,
) -> ImportResult:
    require(actor, Perm.IMPORT_PACKAGES)
    # A package is 20,000 rows or more built in memory: no cycle collections meanwhile.
    with gc_paused(), pkg.open_package(path) as p:
        man = p.manifest
        with db.read() as s:
            dup = s.scalar(
                select(m.PackageLog.seq).where(
                    m.PackageLog.sha256 == p.sha256,
                    m.PackageLog.direction == DIRECTION_IN[man.kind],
                )
            )
        if dup is not None:
            return _result(
                p,
                STATUS_DUPLICATE,
                zh=f"该数据包（第 {man.seq} 号）此前已导入，本次未做任何改动。",
                en=f"This package (no. {man.seq}) was imported before; nothing changed.",
            )
        signer = _signer(db, man)
        if signer.is_local:
            raise refuse(
                "这是本机自己导出的数据包，不能导入本机。",
                "This package was exported by this very device; it cannot be imported here.",
                "own_package",
            )
        if not signer.key_matches:
            raise refuse(
                f"签名设备 {signer.name}（{man.device_id}）在本库登记的公钥与数据包中的不同："
                "这是外来或伪造的签名者，已拒绝。未写入任何内容。",
                f"The signing device {signer.name} ({man.device_id}) is registered here with "
                "another key: a foreign or forged signer; refused. Nothing was written.",
                "key_mismatch",
            )
        if not p.signature_valid(man.public_key):
            raise refuse(
                "数据包签名无效：清单被改动过，或不是该设备签名的。已拒绝，未写入任何内容。",
                "The package signature is invalid: the manifest was altered or not signed by "
                "the device. Refused; nothing was written.",
                "bad_signature",
            )
        sp = _schema_problem(man)
        if sp:
            raise refuse(*sp)
        trust_now = False
        if not signer.trusted:
            if not fingerprints_match(confirm_fingerprint, man.fingerprint):
                typed = "输入的指纹不符。" if confirm_fingerprint else ""
                typed_en = " The fingerprint entered does not match." if confirm_fingerprint else ""
                raise UntrustedSigner(
                    f"数据包来自本库尚未信任的设备 {man.device_name}，指纹 {man.fingerprint}。"
                    f"请与对方电脑屏幕或移交单上的指纹逐位核对后确认。{typed}",
                    f"The package comes from a device not trusted here: {man.device_name}, "
                    f"fingerprint {man.fingerprint}. Compare it with the other laptop's screen "
                    f"or the handover slip, then confirm it.{typed_en}",
                    signer,
                )
            trust_now = True
        state, last, missing, other = _sequence(db, man, p.sha256)
        if state == "stale":
            return _result(
                p,
                STATUS_STALE,
                zh=f"该数据包（第 {man.seq} 号）比本库已导入的（第 {last} 号）旧，"
                "本次未做任何改动。",
                en=f"This package (no. {man.seq}) is older than the newest imported here "
                f"(no. {last}); nothing changed.",
            )
        if state in ("gap", "fork"):
            raise _sequence_error(man, state, last, missing, other)
        if prepared is not None and prepared.sha256 == p.sha256:
            # Read by the helper process from these very bytes (kmjudge.sync.prefetch).
            parsed = prepared.parsed
        else:
            p.check_members()
            parsed = parse_all(p, allowed_tables(man.kind))
        if man.kind == "setup" and parsed.audit:
            raise refuse(
                "设置数据包不应含审计记录。",
                "A set-up package may not carry audit entries.",
                "bad_data",
            )

        saved = db.backup("pre-import") if backup and db.path is not None else None
        with db.write() as s:
            # Re-check under the write lock: another import may have run meanwhile.
            state2, last2, missing2, other2 = _sequence(db, man, p.sha256)
            if state2 == "duplicate":
                return _result(
                    p, STATUS_DUPLICATE, zh="该数据包此前已导入。", en="Imported before."
                )
            if state2 != "new":
                raise _sequence_error(man, state2, last2, missing2, other2)
            if trust_now:
                from kmjudge.trust import DeviceKey

                trust_in_session(
                    s,
                    db,
                    actor,
                    DeviceKey(man.device_id, man.device_name, man.public_key),
                    confirm_fingerprint,
                    how=f"package {p.sha256[:16]}",
                )
            merge = Merge(s, db, actor, man, p.sha256)
            merge.devices()
            merge.audit(parsed.audit)
            merge.tables(parsed.tables)
            conflicts = merge.finish()
            s.add(
                m.PackageLog(
                    device_id=man.device_id,
                    seq=man.seq,
                    direction=DIRECTION_IN[man.kind],
                    sha256=p.sha256,
                    prev_sha256=man.prev_sha256,
                    path=str(p.path),
                    kind=man.kind,
                    full=man.full,
                    info={
                        "counts": {k: v.changed for k, v in merge.counts.items()},
                        "events": [str(e.id) for e in man.events],
                        "fingerprint": man.fingerprint,
                        "conflicts": len(conflicts),
                        "audit_entries": merge.audit_added,
                    },
                )
            )
            audit.record(
                s,
                db,
                actor,
                "package.import",
                entity="package",
                entity_id=p.sha256[:40],
                after={
                    "kind": man.kind,
                    "device": str(man.device_id),
                    "fingerprint": man.fingerprint,
                    "seq": man.seq,
                    "full": man.full,
                    "sha256": p.sha256,
                    "file": p.path.name,
                    "changed": {k: v.changed for k, v in merge.counts.items() if v.changed},
                    "conflicts": len(conflicts),
                    "audit_entries": merge.audit_added,
                    "removed_scores": merge.removed_scores,
                    **({"renamed": merge.renamed} if merge.renamed else {}),
                },
            )
            views = merge.conflict_views(conflicts)
        changed = sum(c.changed for c in merge.counts.values())
        return _result(
            p,
            STATUS_IMPORTED,
            counts=merge.counts,
            audit_entries=merge.audit_added,
            conflicts=tuple(views),
            backup=saved,
            trusted_now=trust_now,
            zh=f"已导入第 {man.seq} 号数据包：{changed} 条记录有变化，"
            f"{merge.audit_added} 条审计记录，{len(views)} 处冲突待处理。",
            en=f"Package {man.seq} imported: {changed} row(s) changed, {merge.audit_added} audit "
            f"entries, {len(views)} conflict(s) to resolve.",
        )
