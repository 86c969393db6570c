"""``kmjudge export|import|package|device|conflicts``: signed packages and device trust.

    kmjudge export [EVENT ...] --out DIR [--full] [--setup] [--slip FILE.pdf]
    kmjudge import FILE ... [--trust-fingerprint FP]     (several files: taken in sequence order)
    kmjudge package inspect FILE                        (writes nothing)
    kmjudge package log
    kmjudge device key [--out FILE]                     this device's public key file
    kmjudge device trust FILE --fingerprint FP          trust a device (fingerprint confirmed)
    kmjudge device untrust DEVICE [--reason R]
    kmjudge device list
    kmjudge conflicts list [--all] [--event E] [--kind K]
    kmjudge conflicts resolve ID (--keep-local | --take-incoming) --note N
    kmjudge report targets FILE [--year Y] | training FILE [--year Y]
    kmjudge report progress|lists [--year Y] | write [--year Y] --xlsx F --pdf F

Wired into ``kmjudge.cli.build_parser`` through ``register(top_subparsers, leaf)``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Handler = Callable[[argparse.Namespace], dict[str, Any]]
Leaf = Callable[[Any, str, Handler, str], argparse.ArgumentParser]


def _zh(args: argparse.Namespace) -> bool:
    from kmjudge.cli import _lang

    return _lang(args).startswith("zh")


def _err(line: str) -> None:
    """Refusals go to stderr (exit code 1), whatever the output format."""
    print(f"kmjudge: {line}", file=sys.stderr)


def _counts(counts: dict[str, Any]) -> dict[str, Any]:
    return {
        k: {
            "inserted": c.inserted,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "older": c.older,
            "conflicts": c.conflicts,
            "skipped": c.skipped,
        }
        for k, c in counts.items()
    }


def _conflict_json(c: Any, zh: bool) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "kind": c.kind,
        "table": c.table,
        "event": c.event_name,
        "subject": c.subject,
        "summary": c.summary_zh if zh else c.summary_en,
        "fields": {k: list(v) for k, v in c.fields.items()},
        "local_device": c.local_device,
        "incoming_device": c.incoming_device,
        "status": c.status,
        "resolution": c.resolution,
        "note": c.note,
    }


# --------------------------------------------------------------------------- export / import


def cmd_export(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import events, sync
    from kmjudge.cli import _actor, _open

    db = _open(args)
    try:
        actor = _actor(args, db)
        ids = [events.find_event(db, e) for e in args.events] or None
        res = sync.export_package(
            db,
            actor,
            args.out,
            ids,
            incremental=not args.full,
            kind="setup" if args.setup else "venue",
        )
        if args.slip:
            sync.handover_slip_pdf(db, actor, res, args.slip)
    finally:
        db.dispose()
    zh = _zh(args)
    rows = sum(res.counts.values())
    text = [
        (f"已导出：{res.path}" if zh else f"Exported: {res.path}"),
        f"  SHA-256      {res.sha256}",
        (f"  设备指纹     {res.fingerprint}" if zh else f"  fingerprint  {res.fingerprint}"),
        (
            f"  第 {res.seq} 号（{'完整' if res.full else '增量'}），{rows} 条记录，"
            f"{res.audit_entries} 条审计记录"
            if zh
            else f"  no. {res.seq} ({'full' if res.full else 'incremental'}), {rows} rows, "
            f"{res.audit_entries} audit entries"
        ),
    ]
    if res.nothing_changed:
        text.append(
            "  自上次导出以来没有变化。" if zh else "  Nothing changed since the last export."
        )
    if args.slip:
        text.append(f"  移交单：{args.slip}" if zh else f"  Handover slip: {args.slip}")
    return {
        "file": str(res.path),
        "sha256": res.sha256,
        "size": res.size,
        "fingerprint": res.fingerprint,
        "device": str(res.device_id),
        "seq": res.seq,
        "kind": res.kind,
        "full": res.full,
        "events": [str(e.id) for e in res.events],
        "counts": res.counts,
        "audit_entries": res.audit_entries,
        "slip": args.slip,
        "_text": text,
    }


def _order(paths: list[Path]) -> list[Path]:
    """Packages sorted by signer and sequence, so that a stick's worth imports in order;
    unreadable files keep their place at the end (and are reported)."""
    from kmjudge.sync.errors import PackageRefused
    from kmjudge.sync.package import open_package

    keyed: list[tuple[tuple[Any, ...], Path]] = []
    for i, p in enumerate(paths):
        try:
            with open_package(p) as op:
                man = op.manifest
                keyed.append(((0, str(man.device_id), man.kind, man.seq, i), p))
        except (PackageRefused, OSError):
            keyed.append(((1, "", "", 0, i), p))
    return [p for _k, p in sorted(keyed)]


def cmd_import(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import sync
    from kmjudge.cli import _actor, _open
    from kmjudge.errors import KmError

    zh = _zh(args)
    db = _open(args)
    results: list[dict[str, Any]] = []
    text: list[str] = []
    failed = 0
    ordered = _order([Path(f) for f in args.files])
    # The next packages are read in a second process while one merges.
    ahead = sync.Prefetcher(ordered)
    try:
        actor = _actor(args, db)
        backed_up = False
        for index, path in enumerate(ordered):
            try:
                # One backup before the first package that is written, not one per package.
                res = sync.import_package(
                    db,
                    actor,
                    path,
                    args.trust_fingerprint,
                    backup=not backed_up,
                    prepared=ahead.take(index),
                )
                backed_up = backed_up or res.backup is not None
            except sync.UntrustedSigner as exc:
                failed += 1
                results.append(
                    {
                        "file": str(path),
                        "status": "refused",
                        "error": exc.code,
                        "message": exc.message("zh" if zh else "en"),
                        "device": str(exc.signer.device_id),
                        "device_name": exc.signer.name,
                        "fingerprint": exc.signer.fingerprint,
                    }
                )
                _err(f"✘ {path.name}: {exc.message('zh' if zh else 'en')}")
                _err(
                    f"  确认指纹后重试：kmjudge import {path} --trust-fingerprint "
                    f"'{exc.signer.fingerprint}'"
                    if zh
                    else f"  After comparing, run: kmjudge import {path} --trust-fingerprint "
                    f"'{exc.signer.fingerprint}'"
                )
                continue
            except KmError as exc:
                failed += 1
                entry: dict[str, Any] = {
                    "file": str(path),
                    "status": "refused",
                    "error": exc.code,
                    "message": exc.message("zh" if zh else "en"),
                }
                if isinstance(exc, sync.SequenceGap):
                    entry["missing"] = list(exc.missing)
                results.append(entry)
                _err(f"✘ {path.name}: {entry['message']}")
                continue
            results.append(
                {
                    "file": str(path),
                    "status": res.status,
                    "sha256": res.sha256,
                    "device": str(res.device_id),
                    "device_name": res.device_name,
                    "fingerprint": res.fingerprint,
                    "seq": res.seq,
                    "kind": res.kind,
                    "changed": res.changed,
                    "counts": _counts(res.counts),
                    "audit_entries": res.audit_entries,
                    "conflicts": [_conflict_json(c, zh) for c in res.conflicts],
                    "backup": str(res.backup) if res.backup else None,
                    "trusted_now": res.trusted_now,
                    "message": res.message_zh if zh else res.message_en,
                }
            )
            text.append(f"✔ {path.name}: {res.message_zh if zh else res.message_en}")
            for c in res.conflicts:
                text.append(f"  ! {c.summary_zh if zh else c.summary_en}")
    finally:
        ahead.close()
        db.dispose()
    out: dict[str, Any] = {"packages": results, "refused": failed, "_text": text}
    if failed:
        out["_exit"] = 1
    return out


def cmd_inspect(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import sync
    from kmjudge.cli import _open

    db = _open(args)
    try:
        info = sync.inspect(db, args.file)
    finally:
        db.dispose()
    zh = _zh(args)
    man = info.manifest
    problems = list(info.problems_zh if zh else info.problems_en)
    lines = [
        f"{info.path.name}",
        f"  SHA-256      {info.sha256}",
        f"  kind         {man.kind} ({'full' if man.full else 'incremental'}), no. {man.seq}",
        f"  device       {man.device_name} {man.device_id}",
        f"  fingerprint  {man.fingerprint}",
        f"  signature    {'valid' if info.signature_ok else 'INVALID'}",
        f"  files        {'verified' if info.files_ok else 'NOT verified'}",
        f"  trusted here {'yes' if info.signer.trusted else 'no'}",
        f"  sequence     {info.sequence} (last imported here: {info.last_seq})",
        f"  created      {man.created_at:%Y-%m-%d %H:%M} UTC, schema {man.schema_version}, "
        f"kmjudge {man.app_version}",
    ]
    lines += [f"  event        {e.name}" for e in man.events]
    lines += [f"  ! {p}" for p in problems]
    out: dict[str, Any] = {
        "file": str(info.path),
        "sha256": info.sha256,
        "size": info.size,
        "kind": man.kind,
        "full": man.full,
        "seq": man.seq,
        "prev_sha256": man.prev_sha256,
        "device": str(man.device_id),
        "device_name": man.device_name,
        "fingerprint": man.fingerprint,
        "signature_ok": info.signature_ok,
        "files_ok": info.files_ok,
        "trusted": info.signer.trusted,
        "known": info.signer.known,
        "sequence": info.sequence,
        "missing": list(info.missing),
        "last_seq": info.last_seq,
        "schema_version": man.schema_version,
        "events": [{"id": str(e.id), "name": e.name} for e in man.events],
        "rows": {n: f[2] for n, f in man.files.items()},
        "problems": problems,
        "_text": lines,
    }
    if problems:
        out["_exit"] = 1
    return out


def cmd_package_log(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import sync
    from kmjudge.cli import _actor, _open

    db = _open(args)
    try:
        rows = sync.package_log(db, _actor(args, db))
    finally:
        db.dispose()
    out: list[dict[str, Any]] = [
        {
            "device": str(r.device_id),
            "device_name": r.device_name,
            "seq": r.seq,
            "direction": r.direction,
            "kind": r.kind,
            "full": r.full,
            "sha256": r.sha256,
            "path": r.path,
            "at": r.created_at,
        }
        for r in rows
    ]
    return {
        "packages": out,
        "_text": [
            f"{r['at']:%Y-%m-%d %H:%M}  {r['direction']:<9} {r['device_name'][:16]:<16} "
            f"#{r['seq']:<4} {r['sha256'][:16]}  {Path(r['path']).name}"
            for r in out
        ]
        or ["No packages yet."],
    }


# --------------------------------------------------------------------------- devices


def cmd_device_key(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import trust
    from kmjudge.cli import _open

    db = _open(args)
    try:
        key = trust.write_key_file(db, args.out) if args.out else trust.local_key(db)
    finally:
        db.dispose()
    text = key.to_text().splitlines()
    if args.out:
        text.append(f"Written: {args.out}")
    return {
        "device": str(key.device_id),
        "name": key.name,
        "fingerprint": key.fingerprint,
        "file": args.out,
        "key_text": key.to_text(),
        "_text": text,
    }


def cmd_device_trust(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import trust
    from kmjudge.cli import _actor, _open

    key = trust.read_key_file(args.file)
    db = _open(args)
    try:
        info = trust.trust_device(db, _actor(args, db), key, args.fingerprint)
    finally:
        db.dispose()
    return {
        "device": str(info.id),
        "name": info.name,
        "fingerprint": info.fingerprint,
        "trusted": info.trusted,
        "_text": [f"Device {info.name} ({info.fingerprint}) is trusted."],
    }


def cmd_device_untrust(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import trust
    from kmjudge.cli import _actor, _open

    db = _open(args)
    try:
        dev_id = trust.find_device(db, args.device)
        trust.untrust_device(db, _actor(args, db), dev_id, args.reason or "")
    finally:
        db.dispose()
    return {"device": str(dev_id), "trusted": False, "_text": [f"Device {dev_id} untrusted."]}


def cmd_device_list(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import trust
    from kmjudge.cli import _open

    db = _open(args)
    try:
        rows = trust.list_devices(db)
    finally:
        db.dispose()
    out: list[dict[str, Any]] = [
        {
            "id": str(d.id),
            "name": d.name,
            "fingerprint": d.fingerprint,
            "local": d.is_local,
            "trusted": d.trusted,
            "trusted_at": d.trusted_at,
            "audit_seq": d.audit_seq,
            "export_seq": d.export_seq,
            "last_import_seq": d.last_import_seq,
        }
        for d in rows
    ]
    return {
        "devices": out,
        "_text": [
            f"{'*' if r['local'] else ' '} {r['fingerprint']}  "
            f"{'trusted' if r['trusted'] else 'known  '}  {r['id'][:8]}  {r['name']}"
            + (f"  (imported up to no. {r['last_import_seq']})" if r["last_import_seq"] else "")
            for r in out
        ],
    }


# --------------------------------------------------------------------------- conflicts


def cmd_conflicts_list(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import events, sync
    from kmjudge.cli import _actor, _open

    db = _open(args)
    try:
        actor = _actor(args, db)
        ev = events.find_event(db, args.event) if args.event else None
        rows = sync.list_conflicts(
            db, actor, status=None if args.all else "open", event_id=ev, kind=args.kind
        )
    finally:
        db.dispose()
    zh = _zh(args)
    out = [_conflict_json(c, zh) for c in rows]
    return {
        "conflicts": out,
        "_text": [f"{c['id'][:8]}  {c['status']:<8} {c['kind']:<10} {c['summary']}" for c in out]
        or (["没有待处理的冲突。"] if zh else ["No open conflicts."]),
    }


def cmd_conflicts_resolve(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import sync
    from kmjudge.cli import Refused, _actor, _open
    from kmjudge.sync.conflicts import find_conflict

    if args.keep_local == args.take_incoming:
        raise Refused(
            "请选择 --keep-local 或 --take-incoming 之一。",
            "Choose one of --keep-local or --take-incoming.",
        )
    db = _open(args)
    try:
        actor = _actor(args, db)
        cid = find_conflict(db, args.conflict)
        v = sync.resolve_conflict(
            db,
            actor,
            cid,
            sync.KEEP_LOCAL if args.keep_local else sync.TAKE_INCOMING,
            args.note or "",
        )
    finally:
        db.dispose()
    return {
        **_conflict_json(v, _zh(args)),
        "_text": [f"Conflict {str(v.id)[:8]} resolved: {v.resolution}."],
    }


# --------------------------------------------------------------------------- city office


def _year(args: argparse.Namespace) -> int:
    from datetime import date

    return int(args.year or date.today().year)


def cmd_report_targets(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import Refused, _actor, _open
    from kmjudge.sync import reports

    year_in_file, rows = reports.parse_targets(args.file)
    year = args.year or year_in_file
    if not year:
        raise Refused(
            "请用 --year 指定年度（或写在文件中）。", "Give the year (--year or in the file)."
        )
    db = _open(args)
    try:
        reports.set_targets(db, _actor(args, db), int(year), rows)
    finally:
        db.dispose()
    return {
        "year": int(year),
        "targets": [t.__dict__ for t in rows],
        "_text": [
            f"{t.district or '市级'}: {t.competitions} competitions, {t.trades} trades"
            + (f", {t.trained} trained" if t.trained else "")
            for t in rows
        ],
    }


def cmd_report_training(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import _actor, _open
    from kmjudge.sync import reports

    db = _open(args)
    try:
        res = reports.import_training(db, _actor(args, db), args.file, year=args.year)
    finally:
        db.dispose()
    msg = (
        "This file was imported before; nothing changed."
        if res.duplicate
        else f"{res.rows} row(s), {res.people:,} people trained."
    )
    return {"rows": res.rows, "people": res.people, "duplicate": res.duplicate, "_text": [msg]}


def cmd_report_progress(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import _actor, _open
    from kmjudge.sync import reports

    db = _open(args)
    try:
        prog = reports.progress(db, _actor(args, db), _year(args))
    finally:
        db.dispose()
    rows: list[dict[str, Any]] = []
    text = [f"{'':<10} competitions   trades     trained"]
    for r in [prog.city, *prog.districts]:
        t = r.target
        rows.append(
            {
                "district": r.label,
                "competitions": r.competitions,
                "trades": r.trades,
                "trained": r.trained,
                "target": t.__dict__ if t else None,
                "met": {k: r.met(k) for k in ("competitions", "trades", "trained")},
                "events": r.events,
            }
        )
        text.append(
            f"{r.label:<10} {r.competitions:>4}/{t.competitions if t else '-':<6} "
            f"{r.trades:>4}/{t.trades if t else '-':<6} {r.trained:>7}/{t.trained if t else '-'}"
        )
    return {"year": prog.year, "rows": rows, "trained_total": prog.trained_total, "_text": text}


def cmd_report_lists(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import _actor, _open
    from kmjudge.sync import reports

    db = _open(args)
    try:
        res = reports.year_results(db, _actor(args, db), _year(args))
    finally:
        db.dispose()
    lines = {"winners": res.winners, "upgrade": res.upgrades, "nominations": res.nominations}[
        args.kind
    ]
    out: list[dict[str, Any]] = [
        {
            "event": r.event,
            "trade": r.trade,
            "district": r.district,
            "rank": r.rank,
            "name": r.name,
            "employer": r.employer,
            "total": None if r.total is None else str(r.total),
            "award": r.award,
            "title": r.title,
        }
        for r in lines
    ]
    return {
        "year": res.year,
        "kind": args.kind,
        "rows": out,
        "_text": [
            f"{r['event'][:24]:<24} {r['rank'] or '':>3} {r['name']:<6} {r['total'] or '':>7} "
            f"{r['award']} {r['title']}".rstrip()
            for r in out
        ]
        or ["Nobody yet."],
    }


def cmd_report_write(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import Refused, _actor, _open
    from kmjudge.sync import reports

    if not (args.xlsx or args.pdf):
        raise Refused("请用 --xlsx 或 --pdf 指定输出文件。", "Give --xlsx and/or --pdf.")
    db = _open(args)
    try:
        actor = _actor(args, db)
        if args.xlsx:
            reports.report_xlsx(db, actor, _year(args), args.xlsx)
        if args.pdf:
            reports.report_pdf(db, actor, _year(args), args.pdf)
    finally:
        db.dispose()
    written = [f for f in (args.xlsx, args.pdf) if f]
    return {"written": written, "_text": [f"Written: {f}" for f in written]}


def register(top: Any, leaf: Leaf) -> None:
    """Add the package, device and conflict commands to the CLI."""
    p = leaf(top, "export", cmd_export, "write a signed package to a folder or USB stick")
    p.add_argument("events", nargs="*", metavar="EVENT", help="events (default: every event)")
    p.add_argument("--out", required=True, help="folder (e.g. the USB stick)")
    p.add_argument("--full", action="store_true", help="everything, not only what changed")
    p.add_argument(
        "--setup", action="store_true", help="an event set-up package (for venue laptops)"
    )
    p.add_argument("--slip", metavar="PDF", help="also write the handover slip (数据移交单)")

    p = leaf(top, "import", cmd_import, "verify and merge signed packages")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--trust-fingerprint",
        metavar="FP",
        help="trust a new signer whose fingerprint you compared (e.g. '1A2B 3C4D 5E6F 7A8B')",
    )

    pp = top.add_parser("package", help="signed packages").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(pp, "inspect", cmd_inspect, "check a package without importing it")
    p.add_argument("file")
    leaf(pp, "log", cmd_package_log, "packages exported from and imported into this database")

    dp = top.add_parser("device", help="device keys and trust").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(dp, "key", cmd_device_key, "show (or --out: write) this device's public key")
    p.add_argument("--out", metavar="FILE")
    p = leaf(dp, "trust", cmd_device_trust, "trust a device from its key file")
    p.add_argument("file")
    p.add_argument("--fingerprint", required=True, help="the fingerprint you compared")
    p = leaf(dp, "untrust", cmd_device_untrust, "stop trusting a device")
    p.add_argument("device", help="device id (prefix), fingerprint or name")
    p.add_argument("--reason")
    leaf(dp, "list", cmd_device_list, "devices known here, with fingerprints")

    cp = top.add_parser("conflicts", help="conflicts found by imports").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(cp, "list", cmd_conflicts_list, "open conflicts (--all: resolved ones too)")
    p.add_argument("--all", action="store_true")
    p.add_argument("--event")
    p.add_argument("--kind", choices=["contestant", "checkin", "score", "row"])
    p = leaf(cp, "resolve", cmd_conflicts_resolve, "resolve one conflict")
    p.add_argument("conflict", help="conflict id or id prefix")
    p.add_argument("--keep-local", action="store_true")
    p.add_argument("--take-incoming", action="store_true")
    p.add_argument("--note", help="why (kept in the audit trail)")

    rp = top.add_parser("report", help="city office: targets, progress, lists").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(rp, "targets", cmd_report_targets, "set a year's targets from a .toml/.csv file")
    p.add_argument("file")
    p.add_argument("--year", type=int)
    p = leaf(rp, "training", cmd_report_training, "import training head counts (.csv/.xlsx)")
    p.add_argument("file")
    p.add_argument("--year", type=int, help="for sheets without a 年度 column")
    p = leaf(rp, "progress", cmd_report_progress, "the city and each district vs the targets")
    p.add_argument("--year", type=int)
    p = leaf(rp, "lists", cmd_report_lists, "winners (通报), upgrade list, nomination candidates")
    p.add_argument("--year", type=int)
    p.add_argument("--kind", choices=["winners", "upgrade", "nominations"], default="winners")
    p = leaf(rp, "write", cmd_report_write, "the year's report as .xlsx and/or .pdf")
    p.add_argument("--year", type=int)
    p.add_argument("--xlsx", metavar="FILE")
    p.add_argument("--pdf", metavar="FILE")
