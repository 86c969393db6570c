"""``kmjudge judging ...``: judges, marks, paper sheets, theory scores, review and locks.

    kmjudge judging assign EVENT JUDGE [--criterion C] [--aspect A] [--group G] [--trainee]
    kmjudge judging assignments EVENT | conflicts EVENT | exclude EVENT JUDGE STATION
    kmjudge judging grid EVENT                         the signed-in judge's grid (stations only)
    kmjudge judging enter EVENT STATION ASPECT VALUE [--version N]
    kmjudge judging submit EVENT CRITERION             (PIN again: KMJUDGE_SECRET or a prompt)
    kmjudge judging reopen EVENT CRITERION JUDGE --reason R
    kmjudge judging reopen-request EVENT CRITERION --reason R   (the judge asks)
    kmjudge judging sheets EVENT JUDGE CRITERION [--stations 1-10,12] [--pdf FILE]
    kmjudge judging paper-enter CODE PASS 3:A1.2=8.5 ...
    kmjudge judging differences EVENT [--code CODE] | resolve CODE STATION ASPECT VALUE
    kmjudge judging theory EVENT FILE [--commit]
    kmjudge judging flags EVENT | override EVENT STATION ASPECT --reason R | missing EVENT
    kmjudge judging recheck EVENT [--draw | --record STATION (--ok | --error) --note N]
    kmjudge judging appeal EVENT --by NAME --text TEXT [--station N] | decide ID ...
    kmjudge judging lock EVENT [--criterion C] | unlock EVENT --reason R [--criterion C]

Wired into ``kmjudge.cli.build_parser`` through ``register(top_subparsers, leaf)``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], dict[str, Any]]
Leaf = Callable[[Any, str, Handler, str], argparse.ArgumentParser]


def _ctx(args: argparse.Namespace, sign_in: bool = True) -> tuple[Any, Any, uuid.UUID | None]:
    from kmjudge import events
    from kmjudge.cli import _actor, _open

    db = _open(args)
    try:
        actor = _actor(args, db) if sign_in else None
        event = getattr(args, "event", None)
        event_id = events.find_event(db, event) if event else None
    except BaseException:
        db.dispose()
        raise
    return db, actor, event_id


def _secret(args: argparse.Namespace) -> str:
    from kmjudge.cli import Refused

    secret = os.environ.get("KMJUDGE_SECRET")
    if secret is not None:
        return secret
    if not sys.stdin.isatty():
        raise Refused("请通过 KMJUDGE_SECRET 提供 PIN。", "Provide the PIN in KMJUDGE_SECRET.")
    return getpass.getpass(f"PIN for {args.user or os.environ.get('KMJUDGE_USER')}: ")


def _stations(text: str | None) -> list[int] | None:
    """``1-10,12`` -> station numbers; bad parts are refused with a message naming them."""
    if not text:
        return None
    from kmjudge.judging.paper import parse_stations

    return parse_stations(text)


def _lines(rows: list[dict[str, Any]], fmt: str, empty: str) -> list[str]:
    return [fmt.format(**r) for r in rows] or [empty]


# --------------------------------------------------------------------------- assignments


def cmd_assign(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import judges

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        if args.chief:
            a = judges.assign_chief(db, actor, ev, args.judge)
        else:
            a = judges.assign_judge(
                db,
                actor,
                ev,
                args.judge,
                args.criterion or "",
                args.trainee,
                args.aspect or "",
                args.group or "",
            )
    finally:
        db.dispose()
    return {"assignment": str(a.id), "_text": [f"{a.username} assigned."]}


def cmd_assignments(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import judges

    db, _actor, ev = _ctx(args, sign_in=False)
    try:
        assert ev is not None
        rows = [
            {
                "judge": a.username,
                "name": a.display_name,
                "criterion": a.criterion_code or "*",
                "aspect": a.aspect_code or "*",
                "group": a.ranking_group or "*",
                "trainee": a.trainee,
                "chief": a.is_chief,
            }
            for a in judges.list_assignments(db, ev)
        ]
    finally:
        db.dispose()
    return {
        "assignments": rows,
        "_text": _lines(
            rows,
            "{judge:<10} {criterion:<4} {aspect:<8} {group:<6} trainee={trainee} chief={chief}",
            "No judges assigned.",
        ),
    }


def cmd_conflicts(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import judges

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        rows = [
            {
                "judge": c.judge_username,
                "station": c.station_no,
                "ticket": c.ticket_no,
                "name": c.contestant_name,
                "employer": c.contestant_employer,
                "exact": c.exact,
                "excluded": c.excluded,
            }
            for c in judges.conflicts(db, actor, ev)
        ]
    finally:
        db.dispose()
    return {
        "conflicts": rows,
        "_text": _lines(
            rows,
            "{judge:<10} station {station} {name} ({employer}) excluded={excluded}",
            "No conflicts of interest found.",
        ),
    }


def cmd_exclude(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import judges

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        x = judges.exclude(db, actor, ev, args.judge, station_no=args.station, reason=args.reason)
    finally:
        db.dispose()
    return {
        "exclusion": str(x.id),
        "_text": [f"{x.judge_username} excluded from station {x.station_no}."],
    }


# --------------------------------------------------------------------------- judge entry


def cmd_grid(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import entry

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        grid = entry.judge_sheet(db, actor, ev)
    finally:
        db.dispose()
    head = "station " + " ".join(f"{a.code:>7}" for a in grid.aspects)
    rows = []
    lines = [head]
    for r in grid.stations:
        cells = [
            {
                "aspect": a.code,
                "value": c.value,
                "version": c.version,
                "blocked": c.blocked,
                "flagged": c.flagged,
            }
            for a, c in zip(grid.aspects, r.cells, strict=True)
        ]
        rows.append({"station": r.station_no, "status": r.status, "cells": cells})
        shown = [
            ("-" if c["blocked"] else "")
            + (str(c["value"]) if c["value"] is not None else ".")
            + ("!" if c["flagged"] else "")
            for c in cells
        ]
        lines.append(f"{r.station_no:>7} " + " ".join(f"{x:>7}" for x in shown))
    lines.append(f"{grid.missing} mark(s) missing.")
    return {"aspects": [a.code for a in grid.aspects], "stations": rows, "_text": lines}


def cmd_enter(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import entry

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        v = entry.enter_score(db, actor, ev, args.station, args.aspect, args.value, args.version)
    finally:
        db.dispose()
    return {
        "station": v.station_no,
        "aspect": v.aspect_code,
        "value": v.value,
        "version": v.version,
        "trainee": v.trainee,
        "_text": [f"Station {v.station_no} {v.aspect_code} = {v.value} (version {v.version})."],
    }


def cmd_submit(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import entry

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        entry.submit(db, actor, ev, args.criterion, _secret(args))
    finally:
        db.dispose()
    return {"submitted": args.criterion, "_text": [f"Criterion {args.criterion} submitted."]}


def cmd_reopen(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import entry

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        entry.reopen(db, actor, ev, args.criterion, args.judge, args.reason)
    finally:
        db.dispose()
    return {"reopened": args.criterion, "_text": [f"{args.judge}: {args.criterion} reopened."]}


def cmd_reopen_request(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import entry

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        entry.request_reopen(db, actor, ev, args.criterion, args.reason)
    finally:
        db.dispose()
    return {
        "reopen_requested": args.criterion,
        "_text": [f"{args.criterion}: the chief judge has been asked to reopen it."],
    }


# --------------------------------------------------------------------------- paper


def cmd_sheets(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import paper

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        infos = paper.create_sheets(
            db, actor, ev, args.judge, _stations(args.stations), args.criterion, args.per_sheet
        )
        if args.pdf:
            paper.write_sheets_pdf(db, actor, [i.code for i in infos], args.pdf)
    finally:
        db.dispose()
    return {
        "sheets": [{"code": i.code, "stations": list(i.stations)} for i in infos],
        "pdf": args.pdf,
        "_text": [f"{i.code}: stations {', '.join(map(str, i.stations))}" for i in infos]
        + ([f"Written: {args.pdf}"] if args.pdf else []),
    }


def _cells(items: list[str]) -> dict[tuple[int, str], str]:
    from kmjudge.cli import Refused

    out: dict[tuple[int, str], str] = {}
    for item in items:
        try:
            where, value = item.split("=", 1)
            station, aspect = where.split(":", 1)
            out[(int(station), aspect.strip())] = value.strip()
        except ValueError as exc:
            raise Refused(
                f"无法识别“{item}”，格式为 工位:评分项=分数，如 3:A1.2=8.5。",
                f"Cannot read {item!r}; write STATION:ASPECT=VALUE, e.g. 3:A1.2=8.5.",
            ) from exc
    return out


def cmd_paper_enter(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import paper

    db, actor, _ev = _ctx(args)
    try:
        r = paper.enter_sheet_values(db, actor, args.code, args.pass_no, _cells(args.cells))
    finally:
        db.dispose()
    return {
        "saved": r.saved,
        "confirmed": r.confirmed,
        "waiting": r.waiting,
        "differing": [f"{st}:{a}" for st, a in r.differing],
        "_text": [
            f"Pass {r.pass_no}: {r.saved} saved, {r.confirmed} confirmed, "
            f"{len(r.differing)} differing, {r.waiting} waiting for the other pass."
        ],
    }


def cmd_differences(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import paper

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        diffs = paper.sheet_differences(db, actor, ev, args.code)
    finally:
        db.dispose()
    rows = [
        {
            "code": d.code,
            "judge": d.judge_username,
            "station": d.station_no,
            "aspect": d.aspect_code,
            "kind": d.kind,
            "pass1": d.pass1,
            "pass2": d.pass2,
            "pass3": d.pass3,
            "existing": d.existing,
        }
        for d in diffs
    ]
    return {
        "differences": rows,
        "_text": _lines(
            rows,
            "{code} {judge:<8} station {station} {aspect:<6} pass1={pass1} pass2={pass2} "
            "pass3={pass3}",
            "No differences.",
        ),
    }


def cmd_resolve(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import paper

    db, actor, _ev = _ctx(args)
    try:
        v = paper.resolve_difference(
            db, actor, args.code, args.station, args.aspect, args.value, args.reason or ""
        )
    finally:
        db.dispose()
    if v is None:
        return {"resolved": False, "_text": ["Third entry saved; still differing."]}
    return {"resolved": True, "value": v.value, "_text": [f"Resolved: {v.value}."]}


# --------------------------------------------------------------------------- theory


def cmd_theory(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import theory

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        preview = theory.preview_theory_import(db, actor, ev, args.file)
        zh = (getattr(args, "lang", None) or os.environ.get("KMJUDGE_LANG", "en")).startswith("zh")
        lines = [
            f"row {i.row:>4}  {i.column:<8} {i.value!s:<12} {i.message_zh if zh else i.message_en}"
            for i in preview.issues
        ]
        out: dict[str, Any] = {
            "new": preview.count("new"),
            "update": preview.count("update"),
            "unchanged": preview.count("unchanged"),
            "skipped": len(preview.skipped),
            "issues": [
                {
                    "row": i.row,
                    "column": i.column,
                    "code": i.code,
                    "value": i.value,
                    "message_zh": i.message_zh,
                    "message_en": i.message_en,
                }
                for i in preview.issues
            ],
            "committed": False,
        }
        summary = (
            f"{out['new']} new, {out['update']} to update, {out['unchanged']} unchanged, "
            f"{len(preview.issues)} problem(s)."
        )
        if args.commit:
            r = theory.commit_theory_import(db, actor, preview)
            out.update(committed=True, created=r.created, updated=r.updated)
            summary += " Committed."
        elif preview.ok:
            summary += " Preview only: add --commit to write."
        if preview.issues:
            out["_exit"] = 1
    finally:
        db.dispose()
    out["_text"] = [*lines, summary]
    return out


# --------------------------------------------------------------------------- review & lock


def cmd_flags(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import review

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        flags = review.spread_flags(db, actor, ev, include_accepted=args.all)
    finally:
        db.dispose()
    rows = [
        {
            "station": f.station_no,
            "aspect": f.aspect_code,
            "spread": f.spread,
            "accepted": f.accepted,
            "values": " ".join(f"{x.judge_username}={x.value}" for x in f.values),
        }
        for f in flags
    ]
    return {
        "flags": rows,
        "_text": _lines(
            rows,
            "station {station} {aspect:<6} spread {spread}: {values} accepted={accepted}",
            "No spread flags.",
        ),
    }


def cmd_override(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import review

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        f = review.override(db, actor, ev, args.station, args.aspect, args.reason)
    finally:
        db.dispose()
    return {"accepted": f.accepted, "_text": [f"Station {f.station_no} {f.aspect_code} accepted."]}


def cmd_missing(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import completeness

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        rep = completeness.missing(db, actor, ev)
    finally:
        db.dispose()
    crits: list[dict[str, Any]] = [
        {
            "criterion": c.code,
            "expected": c.expected,
            "entered": c.entered,
            "missing": [f"{m.judge_username}:{m.station_no}:{m.aspect_code}" for m in c.missing],
        }
        for c in rep.criteria
    ]
    lines = [
        f"{c['criterion']}: {c['entered']}/{c['expected']} entered, {len(c['missing'])} missing"
        for c in crits
    ]
    lines += [f"  {m}" for c in crits for m in c["missing"][:50]]
    if rep.unstationed:
        lines.append(f"{rep.unstationed} competing contestant(s) without a station.")
    return {
        "criteria": crits,
        "unstationed": rep.unstationed,
        "complete": rep.complete,
        "_text": lines,
    }


def cmd_recheck(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.cli import Refused
    from kmjudge.judging import recheck

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        if args.draw:
            st = recheck.recheck_sample(db, actor, ev)
        elif args.record is not None:
            if args.ok == args.error:
                raise Refused("请指定 --ok 或 --error。", "Give --ok or --error.")
            st = recheck.record_recheck(db, actor, ev, args.record, args.error, args.note or "")
        else:
            st = recheck.recheck_status(db, actor, ev)
    finally:
        db.dispose()
    items = [
        {
            "station": i.station_no,
            "reason": i.reason,
            "checked": i.checked,
            "found_error": i.found_error,
        }
        for i in st.items
    ]
    return {
        "items": items,
        "sample_size": st.sample_size,
        "errors": st.errors,
        "error_rate": st.error_rate,
        "full_required": st.full_required,
        "complete": st.complete,
        "_text": [
            f"{i['station']:>4} {i['reason']:<6} checked={i['checked']} error={i['found_error']}"
            for i in items
        ]
        + [
            f"Errors {st.errors}/{st.sample_size} ({st.error_rate:.2%}); full recheck "
            f"{'REQUIRED' if st.full_required else 'not required'}."
        ],
    }


def cmd_appeal(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import appeals

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        a = appeals.submit_appeal(db, actor, ev, args.text, args.by, args.station)
    finally:
        db.dispose()
    return {"appeal": str(a.id), "_text": [f"Appeal recorded: {a.id}"]}


def cmd_decide(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import appeals

    db, actor, _ev = _ctx(args)
    try:
        a = appeals.decide_appeal(db, actor, uuid.UUID(args.appeal), args.outcome, args.decision)
    finally:
        db.dispose()
    return {"outcome": a.outcome, "_text": [f"Appeal {a.id}: {a.outcome}."]}


def cmd_lock(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import lock

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        if args.criterion:
            lock.lock_criterion(db, actor, ev, args.criterion)
        else:
            lock.lock_event(db, actor, ev)
    finally:
        db.dispose()
    what = f"Criterion {args.criterion}" if args.criterion else "Event"
    return {"locked": args.criterion or "event", "_text": [f"{what} locked."]}


def cmd_unlock(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge.judging import lock

    db, actor, ev = _ctx(args)
    try:
        assert ev is not None
        if args.criterion:
            lock.unlock_criterion(db, actor, ev, args.criterion, _secret(args), args.reason)
        else:
            lock.unlock_event(db, actor, ev, _secret(args), args.reason)
    finally:
        db.dispose()
    return {"unlocked": args.criterion or "event", "_text": ["Unlocked."]}


# --------------------------------------------------------------------------- parser


def register(top: Any, leaf: Leaf) -> None:
    """Add ``kmjudge judging ...`` to the CLI."""
    jp = top.add_parser(
        "judging", help="judges, marks, paper sheets, review, locks"
    ).add_subparsers(dest="sub", required=True, metavar="ACTION")
    p = leaf(jp, "assign", cmd_assign, "assign a judge (or --chief) to an event")
    p.add_argument("event")
    p.add_argument("judge")
    p.add_argument("--criterion")
    p.add_argument("--aspect")
    p.add_argument("--group", help="ranking group (default: every group)")
    p.add_argument("--trainee", action="store_true", help="marks stored, never counted")
    p.add_argument("--chief", action="store_true", help="name the event's chief judge")
    p = leaf(jp, "assignments", cmd_assignments, "list an event's judges")
    p.add_argument("event")
    p = leaf(jp, "conflicts", cmd_conflicts, "judges from a contestant's employer (回避)")
    p.add_argument("event")
    p = leaf(jp, "exclude", cmd_exclude, "exclude a judge from one contestant (回避)")
    p.add_argument("event")
    p.add_argument("judge")
    p.add_argument("station", type=int)
    p.add_argument("--reason", default="同一工作单位")
    p = leaf(jp, "grid", cmd_grid, "the signed-in judge's grid (station numbers only)")
    p.add_argument("event")
    p = leaf(jp, "enter", cmd_enter, "enter one mark")
    p.add_argument("event")
    p.add_argument("station", type=int)
    p.add_argument("aspect")
    p.add_argument("value")
    p.add_argument("--version", type=int, default=None, help="the version you saw (0: none)")
    p = leaf(jp, "submit", cmd_submit, "submit a criterion (PIN again)")
    p.add_argument("event")
    p.add_argument("criterion")
    p = leaf(jp, "reopen", cmd_reopen, "reopen a judge's submitted criterion (chief judge)")
    p.add_argument("event")
    p.add_argument("criterion")
    p.add_argument("judge")
    p.add_argument("--reason", required=True)
    p = leaf(jp, "reopen-request", cmd_reopen_request, "ask the chief judge to reopen (judge)")
    p.add_argument("event")
    p.add_argument("criterion")
    p.add_argument("--reason", required=True)
    p = leaf(jp, "sheets", cmd_sheets, "create paper marking sheets (and print them)")
    p.add_argument("event")
    p.add_argument("judge")
    p.add_argument("criterion")
    p.add_argument("--stations", help="e.g. 1-10,12 (default: every station the judge marks)")
    p.add_argument("--per-sheet", type=int, default=10)
    p.add_argument("--pdf", help="write the sheets to this PDF")
    p = leaf(jp, "paper-enter", cmd_paper_enter, "type one pass of a paper sheet")
    p.add_argument("code")
    p.add_argument("pass_no", type=int, choices=[1, 2])
    p.add_argument("cells", nargs="+", help="STATION:ASPECT=VALUE ...")
    p = leaf(jp, "differences", cmd_differences, "the paper correction list")
    p.add_argument("event")
    p.add_argument("--code")
    p = leaf(jp, "resolve", cmd_resolve, "third entry (clerk) or decision (chief judge)")
    p.add_argument("code")
    p.add_argument("station", type=int)
    p.add_argument("aspect")
    p.add_argument("value")
    p.add_argument("--reason")
    p = leaf(jp, "theory", cmd_theory, "preview (and with --commit, import) theory scores")
    p.add_argument("event")
    p.add_argument("file")
    p.add_argument("--commit", action="store_true")
    p = leaf(jp, "flags", cmd_flags, "judgement spread flags")
    p.add_argument("event")
    p.add_argument("--all", action="store_true", help="include overridden ones")
    p = leaf(jp, "override", cmd_override, "accept a flagged panel (chief judge)")
    p.add_argument("event")
    p.add_argument("station", type=int)
    p.add_argument("aspect")
    p.add_argument("--reason", required=True)
    p = leaf(jp, "missing", cmd_missing, "marks still missing, per criterion")
    p.add_argument("event")
    p = leaf(jp, "recheck", cmd_recheck, "复核: draw, record, status")
    p.add_argument("event")
    p.add_argument("--draw", action="store_true")
    p.add_argument("--record", type=int, metavar="STATION")
    p.add_argument("--ok", action="store_true")
    p.add_argument("--error", action="store_true")
    p.add_argument("--note")
    p = leaf(jp, "appeal", cmd_appeal, "record a written appeal (within 2 h of the end)")
    p.add_argument("event")
    p.add_argument("--by", required=True)
    p.add_argument("--text", required=True)
    p.add_argument("--station", type=int)
    p = leaf(jp, "decide", cmd_decide, "decide an appeal (chief judge)")
    p.add_argument("appeal")
    p.add_argument("--outcome", required=True, choices=["upheld", "rejected"])
    p.add_argument("--decision", required=True)
    p = leaf(jp, "lock", cmd_lock, "lock a criterion or the event (chief judge)")
    p.add_argument("event")
    p.add_argument("--criterion")
    p = leaf(jp, "unlock", cmd_unlock, "unlock (chief judge: PIN again and a reason)")
    p.add_argument("event")
    p.add_argument("--criterion")
    p.add_argument("--reason", required=True)


__all__ = ["register"]
