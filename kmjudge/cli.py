"""The ``kmjudge`` command line: everything a venue or the city office may want to script.

Every command takes ``--db`` (a path or SQLAlchemy URL; default: SQLite in the per-user data
folder; ``KMJUDGE_DB`` overrides) and ``--json`` (one JSON object on stdout).
Exit codes: 0 done, 1 refused (message on stderr), 2 usage.
Commands that change venue data sign in: ``--user`` (or ``KMJUDGE_USER``) with the PIN from
``KMJUDGE_SECRET`` or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kmjudge import __version__, accounts, audit, events, paths
from kmjudge.accounts import Actor
from kmjudge.db import backup as backup_mod
from kmjudge.db import migrate
from kmjudge.db.engine import Database, open_database, resolve_url, with_restore_offer
from kmjudge.errors import DatabaseError, KmError, ValidationFailed

Handler = Callable[[argparse.Namespace], dict[str, Any]]


class Refused(KmError):
    pass


# --------------------------------------------------------------------------- plumbing


def _lang(args: argparse.Namespace) -> str:
    lang: str = getattr(args, "lang", None) or os.environ.get("KMJUDGE_LANG", "en")
    return lang


def _open(args: argparse.Namespace, **kw: Any) -> Database:
    try:
        return open_database(args.db, **kw)
    except DatabaseError as exc:  # damaged / foreign file: name the backup to restore
        raise with_restore_offer(args.db, exc) from exc


def _actor(args: argparse.Namespace, db: Database) -> Actor:
    user = args.user or os.environ.get("KMJUDGE_USER")
    if not user:
        raise Refused(
            "此命令需要登录：请用 --user 指定账号。",
            "This command needs a signed-in user: pass --user NAME.",
        )
    secret = os.environ.get("KMJUDGE_SECRET")
    if secret is None:
        if not sys.stdin.isatty():
            raise Refused(
                "请通过 KMJUDGE_SECRET 环境变量提供 PIN。",
                "Provide the PIN in KMJUDGE_SECRET (no terminal to ask on).",
            )
        secret = getpass.getpass(f"PIN for {user}: ")
    return accounts.login(db, user, secret)


def _new_secret(prompt: str) -> str:
    secret = os.environ.get("KMJUDGE_NEW_SECRET")
    if secret is not None:
        return secret
    if not sys.stdin.isatty():
        raise Refused(
            "请通过 KMJUDGE_NEW_SECRET 环境变量提供新 PIN。",
            "Provide the new PIN in KMJUDGE_NEW_SECRET (no terminal to ask on).",
        )
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise Refused("两次输入的 PIN 不一致。", "The two PINs differ.")
    return first


def _print(args: argparse.Namespace, payload: dict[str, Any], text_lines: list[str]) -> None:
    if args.json:
        json.dump(audit.jsonable(payload), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for line in text_lines:
            print(line)


# --------------------------------------------------------------------------- db


def cmd_db_upgrade(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    state = migrate.state(db.engine)
    db.dispose()
    return {
        "revision": state.current,
        "head": state.head,
        "_text": [f"Database at revision {state.current} (current)."],
    }


def cmd_db_check(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.maintenance import check_database

    db = _open(args, upgrade=False)
    report = check_database(db)
    db.dispose()
    lines = report.lines_zh if _lang(args).startswith("zh") else report.lines_en
    result = {"ok": report.ok, "lines": lines, "_text": lines}
    if not report.ok:
        result["_exit"] = 1
    return result


def cmd_db_backup(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    path = db.backup("manual")
    db.dispose()
    return {"backup": str(path), "_text": [f"Backup written: {path}"]}


def cmd_db_backups(args: argparse.Namespace) -> dict[str, Any]:
    url = resolve_url(args.db)
    stem = Path(url.removeprefix("sqlite:///")).stem if url.startswith("sqlite") else None
    infos = backup_mod.list_backups(paths.backups_dir(), stem)
    rows = [
        {
            "path": str(b.path),
            "created_utc": b.created.isoformat(),
            "reason": b.reason,
            "size": b.size,
        }
        for b in infos
    ]
    return {
        "backups": rows,
        "_text": [
            f"{r['created_utc']}  {r['reason']:<12} {r['size']:>10}  {r['path']}" for r in rows
        ]
        or ["No backups."],
    }


def cmd_db_restore(args: argparse.Namespace) -> dict[str, Any]:
    url = resolve_url(args.db)
    if not url.startswith("sqlite:///"):
        raise Refused("只能恢复 SQLite 数据库。", "Only SQLite databases can be restored here.")
    target = Path(url.removeprefix("sqlite:///"))
    source = Path(args.file) if args.file else None
    if source is None:
        newest = backup_mod.newest_good_backup(paths.backups_dir(), target.stem)
        if newest is None:
            raise Refused("没有可用的完好备份。", "No healthy backup found.")
        source = newest.path
    if not source.exists():
        raise Refused(f"找不到备份文件 {source}。", f"No backup file {source}.")
    saved = backup_mod.restore_sqlite(source, target, paths.backups_dir())
    db = open_database(target)  # upgrades an older backup, registers this device
    db.dispose()
    return {
        "restored_from": str(source),
        "previous_saved_as": str(saved) if saved else None,
        "_text": [f"Restored {target} from {source}."]
        + ([f"The previous file was kept as {saved}."] if saved else []),
    }


def cmd_db_info(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    state = migrate.state(db.engine)
    info = {
        "url": db.url,
        "path": str(db.path) if db.path else None,
        "revision": state.current,
        "device_id": str(db.device.id),
        "device_name": db.device.name,
        "fingerprint": db.device.fingerprint,
        "data_dir": str(paths.data_dir()),
        "version": __version__,
    }
    db.dispose()
    return {**info, "_text": [f"{k}: {v}" for k, v in info.items()]}


# --------------------------------------------------------------------------- users


def cmd_user_first_admin(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    info = accounts.create_first_admin(
        db, args.username, args.name or args.username, _new_secret(f"New PIN for {args.username}: ")
    )
    db.dispose()
    return {"user": info.username, "_text": [f"Administrator {info.username} created."]}


def cmd_user_add(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    actor = _actor(args, db)
    info = accounts.create_user(
        db,
        actor,
        args.username,
        args.name or args.username,
        args.role,
        _new_secret(f"New PIN for {args.username}: "),
        args.employer or "",
    )
    db.dispose()
    return {
        "user": info.username,
        "roles": [r.value for r in info.roles],
        "_text": [f"User {info.username} created ({', '.join(r.value for r in info.roles)})."],
    }


def cmd_user_list(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    users = accounts.list_users(db, _actor(args, db))
    db.dispose()
    rows: list[dict[str, Any]] = [
        {
            "username": u.username,
            "name": u.display_name,
            "roles": [r.value for r in u.roles],
            "active": u.active,
            "locked": u.locked,
        }
        for u in users
    ]
    return {
        "users": rows,
        "_text": [
            f"{r['username']:<12} {r['name']:<12} {','.join(r['roles'])}"
            + (" (locked)" if r["locked"] else "")
            for r in rows
        ],
    }


def cmd_user_passwd(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    actor = _actor(args, db)
    accounts.set_secret(db, actor, args.username, _new_secret(f"New PIN for {args.username}: "))
    db.dispose()
    return {"user": args.username, "_text": [f"PIN of {args.username} changed."]}


# --------------------------------------------------------------------------- events & schemes


def cmd_event_import(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    ids = events.import_setup_file(db, _actor(args, db), args.file)
    db.dispose()
    return {"events": [str(i) for i in ids], "_text": [f"Event created: {i}" for i in ids]}


def cmd_event_list(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    rows = events.list_events(db, accounts.system_actor(db))
    db.dispose()
    out: list[dict[str, Any]] = [
        {
            "id": str(e.id),
            "name": e.name,
            "trade": e.trade,
            "level": e.level,
            "year": e.year,
            "venue": e.venue,
            "status": e.status,
            "registered": e.registered,
            "checked_in": e.checked_in,
        }
        for e in rows
    ]
    return {
        "events": out,
        "_text": [
            f"{e['id'][:8]}  {e['year']}  {e['level']:<8} {e['name']}"
            f"  ({e['registered']} registered)"
            for e in out
        ]
        or ["No events."],
    }


def cmd_event_show(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    event_id = events.find_event(db, args.event)
    d = events.get_event(db, accounts.system_actor(db), event_id)
    db.dispose()
    payload = {
        "id": str(d.summary.id),
        "name": d.summary.name,
        "trade": d.summary.trade,
        "level": d.summary.level,
        "venue": d.summary.venue,
        "organiser": d.organiser,
        "start": d.summary.start_at,
        "end": d.end_at,
        "theory_weight": d.theory_weight,
        "practical_weight": d.practical_weight,
        "pass_mark": d.pass_mark,
        "counts": d.counts,
        "scheme": d.scheme.to_dict() if d.scheme else None,
    }
    lines = [f"{k}: {v}" for k, v in payload.items() if k != "scheme"]
    if d.scheme:
        lines.append(f"scheme: {d.scheme.title} (total {d.scheme.total_max})")
        for _crit, _sub, asp in d.scheme.aspects():
            lines.append(f"  {asp.code:<10} {asp.kind} {asp.max_mark:>6}  {asp.title}")
    return {**payload, "_text": lines}


def cmd_scheme_import(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args)
    actor = _actor(args, db)
    scheme = events.import_scheme_file(db, actor, events.find_event(db, args.event), args.file)
    db.dispose()
    return {
        "title": scheme.title,
        "total": scheme.total_max,
        "_text": [f"Scheme {scheme.title!r} imported (total {scheme.total_max})."],
    }


def cmd_scheme_check(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.scheme import load_scheme

    scheme = load_scheme(args.file)
    n = sum(1 for _ in scheme.aspects())
    return {
        "title": scheme.title,
        "total": scheme.total_max,
        "aspects": n,
        "_text": [f"OK: {scheme.title!r}, {n} aspects, total {scheme.total_max}."],
    }


def cmd_scheme_template(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.scheme import write_scheme_xlsx

    write_scheme_xlsx(None, args.out)
    return {"written": args.out, "_text": [f"Template written: {args.out}"]}


# --------------------------------------------------------------------------- registration


def cmd_reg_import(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.registration import service

    db = _open(args)
    actor = _actor(args, db)
    event_id = events.find_event(db, args.event)
    preview = service.preview_import(db, actor, event_id, args.file)
    if args.rejections:
        preview.export_rejections(args.rejections)
    zh = _lang(args).startswith("zh")
    lines = [
        f"{'行' if zh else 'row'} {i.row:>5}  {i.column:<10} {i.value!s:<20} "
        f"{i.message_zh if zh else i.message_en}"
        for i in preview.rejected
    ]
    result: dict[str, Any] = {
        "new": preview.count("new"),
        "update": preview.count("update"),
        "unchanged": preview.count("unchanged"),
        "rejected_rows": preview.rejected_rows,
        "rejected": [
            {
                "row": i.row,
                "column": i.column,
                "code": i.code,
                "value": i.value,
                "message_zh": i.message_zh,
                "message_en": i.message_en,
            }
            for i in preview.rejected
        ],
        "warnings": len(preview.warnings),
        "committed": False,
    }
    summary = (
        f"{result['new']} new, {result['update']} to update, "
        f"{result['unchanged']} unchanged, {len(preview.rejected_rows)} rows rejected."
    )
    if args.commit:
        done = service.commit_import(db, actor, preview)
        result.update(
            committed=True,
            created=done.created,
            updated=done.updated,
            backup=str(done.backup) if done.backup else None,
        )
        summary += f" Committed ({done.created} created, {done.updated} updated)."
    else:
        summary += " Preview only: add --commit to write."
    db.dispose()
    result["_text"] = [*lines, summary]
    return result


def cmd_reg_list(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.registration import service

    db = _open(args)
    actor = _actor(args, db)
    rows = service.list_registrations(db, actor, events.find_event(db, args.event))
    db.dispose()
    if args.search:
        idx = service.SearchIndex(rows)
        rows = [rows[i] for i in idx.search(args.search)]
    out = [
        {
            "ticket": r.ticket_no,
            "station": r.station_no,
            "name": r.name,
            "gender": r.gender,
            "id": r.id_masked,
            "employer": r.employer,
            "district": r.district,
            "status": r.status,
        }
        for r in rows
    ]
    return {
        "registrations": out,
        "_text": [
            f"{r['ticket']:<8} {r['name']:<6} {r['id']}  {r['status']:<10} {r['employer']}"
            for r in out
        ]
        + [f"{len(out)} contestant(s)."],
    }


def cmd_reg_add(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.registration import service

    db = _open(args)
    actor = _actor(args, db)
    view = service.add_walkin(
        db,
        actor,
        events.find_event(db, args.event),
        service.WalkIn(
            name=args.name,
            id_number=args.id_number,
            phone=args.phone or "",
            employer=args.employer or "",
            district=args.district or "",
        ),
    )
    db.dispose()
    return {
        "ticket": view.ticket_no,
        "name": view.name,
        "_text": [f"{view.name} registered, ticket {view.ticket_no}."],
    }


# --------------------------------------------------------------------------- tickets & check-in


def cmd_tickets(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin
    from kmjudge.checkin.service import registration_by_ticket

    db = _open(args)
    actor = _actor(args, db)
    event_id = events.find_event(db, args.event)
    if args.reprint:
        if not args.reason:
            raise Refused("补发准考证须用 --reason 说明原因。", "A reprint needs --reason.")
        rid = registration_by_ticket(db, event_id, args.reprint)
        result = checkin.reprint_ticket_pdf(
            db, actor, rid, args.out, args.reason, per_page=args.per_page or 1
        )
    else:
        result = checkin.write_tickets_pdf(
            db, actor, event_id, args.out, per_page=args.per_page or 6
        )
    db.dispose()
    return {
        "file": str(result.path),
        "tickets": result.tickets,
        "pages": result.pages,
        "_text": [f"{result.tickets} ticket(s) on {result.pages} page(s): {result.path}"],
    }


def cmd_checkin_scan(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin

    db = _open(args)
    actor = _actor(args, db)
    v = checkin.scan(db, actor, events.find_event(db, args.event), args.text)
    db.dispose()
    zh = _lang(args).startswith("zh")
    out: dict[str, Any] = {
        "verdict": v.kind.value,
        "message": v.message_zh if zh else v.message_en,
        "ok": v.ok,
    }
    lines = [f"{v.kind.value.upper()}: {out['message']}"]
    if v.ok:
        first = v.first_checkin_at.isoformat(timespec="seconds") if v.first_checkin_at else None
        out.update(
            name=v.name,
            ticket=v.ticket_no,
            station=v.station_no,
            id_last4=v.id_last4,
            trade=v.trade,
            first_checkin_at=first,
        )
        lines.append(
            f"{v.name}  ticket {v.ticket_no}  station {v.station_no or '-'}  "
            f"ID ...{v.id_last4}  first {first or '-'}"
        )
    else:
        out["_exit"] = 1
    out["_text"] = lines
    return out


def cmd_checkin_counts(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin

    db = _open(args)
    c = checkin.counters(db, events.find_event(db, args.event))
    db.dispose()
    payload = {
        "registered": c.registered,
        "waiting": c.waiting,
        "checked_in": c.checked_in,
        "absent": c.absent,
        "withdrawn": c.withdrawn,
        "disqualified": c.disqualified,
        "with_station": c.with_station,
        "scans": c.scans,
        "rejected_scans": c.rejected_scans,
    }
    return {**payload, "_text": [f"{k}: {v}" for k, v in payload.items()]}


def cmd_checkin_absent(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin

    db = _open(args)
    actor = _actor(args, db)
    result = checkin.mark_absent(db, actor, events.find_event(db, args.event))
    db.dispose()
    return {
        "absent": result.count,
        "tickets": result.ticket_nos,
        "_text": [f"{result.count} contestant(s) marked absent."],
    }


def cmd_checkin_draw(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin

    db = _open(args)
    actor = _actor(args, db)
    event_id = events.find_event(db, args.event)
    result = checkin.draw_all(db, actor, event_id)
    if args.out:
        checkin.write_draw_list_pdf(db, actor, event_id, args.out)
    db.dispose()
    lines = [f"station {d.station_no:>4}  ticket {d.ticket_no}" for d in result.drawn]
    lines.append(
        f"{len(result.drawn)} station(s) drawn of {result.stations}"
        + (f"; {result.left_without} left without a station" if result.left_without else "")
        + (f"; list written to {args.out}" if args.out else "")
        + "."
    )
    return {
        "stations": result.stations,
        "drawn": [{"ticket": d.ticket_no, "station": d.station_no} for d in result.drawn],
        "left_without": result.left_without,
        "file": args.out,
        "_text": lines,
    }


def cmd_checkin_noshow(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import checkin

    db = _open(args)
    actor = _actor(args, db)
    n = checkin.export_noshow_xlsx(db, actor, events.find_event(db, args.event), args.out)
    db.dispose()
    return {"file": args.out, "rows": n, "_text": [f"{n} contestant(s) listed in {args.out}."]}


# --------------------------------------------------------------------------- audit & demo


def cmd_audit_verify(args: argparse.Namespace) -> dict[str, Any]:
    db = _open(args, upgrade=False)
    report = audit.verify(db)
    report.problems.extend(audit.verify_records(db))  # rows edited behind the app's back
    db.dispose()
    zh = _lang(args).startswith("zh")
    problems: list[dict[str, Any]] = [
        {
            "device": p.device_id,
            "seq": p.seq,
            "row_id": p.row_id,
            "kind": p.kind,
            "message": p.message_zh if zh else p.message_en,
        }
        for p in report.problems
    ]
    lines = [
        f"✘ [{p['kind']}] device {p['device'][:8]} seq {p['seq']} (row {p['row_id']}): "
        f"{p['message']}"
        for p in problems
    ]
    lines.append(
        f"{report.entries} entries on {report.devices} device(s): "
        + ("chain verifies." if report.ok else f"{len(problems)} problem(s).")
    )
    out: dict[str, Any] = {
        "ok": report.ok,
        "entries": report.entries,
        "problems": problems,
        "_text": lines,
    }
    if not report.ok:
        out["_exit"] = 1
    return out


def cmd_demo(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import demo

    target = Path(args.db) if args.db and "://" not in args.db else paths.demo_db_path()
    if args.reset and target.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    db = demo.ensure_demo(target)
    n = events.list_events(db, accounts.system_actor(db))
    db.dispose()
    return {
        "db": str(target),
        "events": len(n),
        "pin": demo.DEMO_PIN,
        "_text": [
            f"Demo database: {target}",
            f"Accounts: {', '.join(u[0] for u in demo.DEMO_USERS)} (PIN {demo.DEMO_PIN})",
        ],
    }


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        help="database path or SQLAlchemy URL (default: KMJUDGE_DB or the per-user SQLite file)",
    )
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    common.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=None,
        help="language of messages (default en; KMJUDGE_LANG)",
    )
    common.add_argument("--user", default=None, help="sign in as this user (KMJUDGE_USER)")

    parser = argparse.ArgumentParser(
        prog="kmjudge", description="kmjudge: on-site judging for worker skills competitions"
    )
    parser.add_argument("--version", action="version", version=f"kmjudge {__version__}")
    top = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def leaf(sub: Any, name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help_)
        p.set_defaults(handler=handler)
        return p

    dbp = top.add_parser("db", help="database maintenance").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    leaf(dbp, "upgrade", cmd_db_upgrade, "bring the schema to the current revision")
    leaf(dbp, "check", cmd_db_check, "integrity, references, schema and audit chain")
    leaf(dbp, "backup", cmd_db_backup, "write a backup now")
    leaf(dbp, "backups", cmd_db_backups, "list backups")
    p = leaf(dbp, "restore", cmd_db_restore, "restore a backup (default: the newest good one)")
    p.add_argument("file", nargs="?", help="backup file")
    leaf(dbp, "info", cmd_db_info, "where the database is, device id and key fingerprint")

    up = top.add_parser("user", help="accounts").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(up, "first-admin", cmd_user_first_admin, "create the first administrator")
    p.add_argument("username")
    p.add_argument("--name")
    p = leaf(up, "add", cmd_user_add, "add an account (PIN from KMJUDGE_NEW_SECRET or prompt)")
    p.add_argument("username")
    p.add_argument("--name")
    p.add_argument(
        "--role", action="append", required=True, choices=[r.value for r in accounts.Role]
    )
    p.add_argument("--employer")
    leaf(up, "list", cmd_user_list, "list accounts")
    p = leaf(up, "passwd", cmd_user_passwd, "change a PIN")
    p.add_argument("username")

    ep = top.add_parser("event", help="competitions and events").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(ep, "import", cmd_event_import, "create events from a set-up file (.toml)")
    p.add_argument("file")
    leaf(ep, "list", cmd_event_list, "list events")
    p = leaf(ep, "show", cmd_event_show, "show an event and its marking scheme")
    p.add_argument("event", help="event id, id prefix or exact name")

    sp = top.add_parser("scheme", help="marking schemes").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(sp, "import", cmd_scheme_import, "replace an event's scheme from .xlsx/.toml/.json")
    p.add_argument("event")
    p.add_argument("file")
    p = leaf(sp, "check", cmd_scheme_check, "validate a scheme file without a database")
    p.add_argument("file")
    p = leaf(sp, "template", cmd_scheme_template, "write a blank xlsx scheme template")
    p.add_argument("out")

    rp = top.add_parser("registration", help="registrations").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(rp, "import", cmd_reg_import, "preview (and with --commit, write) a sheet")
    p.add_argument("event")
    p.add_argument("file")
    p.add_argument("--commit", action="store_true", help="write the accepted rows")
    p.add_argument("--rejections", help="write the rejected rows to this .xlsx")
    p = leaf(rp, "list", cmd_reg_list, "list contestants")
    p.add_argument("event")
    p.add_argument("--search")
    p = leaf(rp, "add", cmd_reg_add, "register a walk-in contestant")
    p.add_argument("event")
    p.add_argument("--name", required=True)
    p.add_argument("--id", dest="id_number", required=True)
    p.add_argument("--phone")
    p.add_argument("--employer")
    p.add_argument("--district")

    p = leaf(top, "tickets", cmd_tickets, "print admission tickets (准考证) to a PDF")
    p.add_argument("event")
    p.add_argument("--out", required=True, help="PDF file to write")
    p.add_argument("--per-page", type=int, choices=[1, 4, 6], default=None)
    p.add_argument("--reprint", metavar="TICKET_NO", help="reissue one ticket (old one revoked)")
    p.add_argument("--reason", help="why the ticket is reissued")

    cp = top.add_parser("checkin", help="check-in (检录)").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    p = leaf(cp, "scan", cmd_checkin_scan, "check a scanned ticket code in (exit 1 if refused)")
    p.add_argument("event")
    p.add_argument("text", help="the scanned text")
    p = leaf(cp, "counts", cmd_checkin_counts, "registered / checked in / absent / ... counts")
    p.add_argument("event")
    p = leaf(cp, "absent", cmd_checkin_absent, "after the cut-off: mark the missing absent")
    p.add_argument("event")
    p = leaf(cp, "draw", cmd_checkin_draw, "draw stations for checked-in contestants")
    p.add_argument("event")
    p.add_argument("--out", help="also write the draw list (工位抽签表) PDF")
    p = leaf(cp, "noshow", cmd_checkin_noshow, "write the no-show list (缺考名单) .xlsx")
    p.add_argument("event")
    p.add_argument("--out", required=True)

    ap = top.add_parser("audit", help="audit trail").add_subparsers(
        dest="sub", required=True, metavar="ACTION"
    )
    leaf(ap, "verify", cmd_audit_verify, "verify the hash chain; report edits behind our back")

    p = leaf(top, "demo", cmd_demo, "create (or open) the demo database")
    p.add_argument("--reset", action="store_true", help="delete and recreate it")

    from kmjudge import cli_certificates, cli_judging, cli_results, cli_sync

    cli_judging.register(top, leaf)
    cli_results.register(top, leaf)
    cli_sync.register(top, leaf)
    cli_certificates.register(top, leaf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    zh = _lang(args).startswith("zh")
    try:
        result = args.handler(args)
    except ValidationFailed as exc:
        lines = [f"{i.where}: {i.message_zh if zh else i.message_en}" for i in exc.issues]
        _fail(args, exc.code, exc.message(_lang(args)), lines)
        return 1
    except KmError as exc:
        _fail(args, exc.code, exc.message(_lang(args)), getattr(exc, "issue_lines", []))
        return 1
    except (ValueError, OSError) as exc:
        issues = getattr(exc, "issues", None)
        lines = [f"{i.where}: {i.message_zh if zh else i.message_en}" for i in issues or []]
        msg = getattr(exc, "message_zh" if zh else "message_en", None) or str(exc)
        _fail(args, getattr(exc, "code", "invalid"), msg, lines)
        return 1
    exit_code = int(result.pop("_exit", 0))
    text = result.pop("_text", [])
    _print(args, result, text)
    return exit_code


def _fail(args: argparse.Namespace, code: str, message: str, lines: list[str]) -> None:
    if args.json:
        json.dump(
            {"error": code, "message": message, "issues": lines}, sys.stdout, ensure_ascii=False
        )
        sys.stdout.write("\n")
    print(f"kmjudge: {message}", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
