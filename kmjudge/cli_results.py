"""``kmjudge results``: an event's results as a table, JSON, xlsx or PDF; releasing them.

    kmjudge results EVENT [--json]                    the board (signed in: --user / KMJUDGE_USER)
    kmjudge results EVENT --xlsx FILE                 成绩公示表 + 获奖名单 as Excel
    kmjudge results EVENT --pdf FILE [--kind KIND]    board | winners | transcripts | signoff
    kmjudge results EVENT --release                   publish a locked event (chief judge)
    kmjudge results EVENT --public [--json]           released results, no sign-in, no IDs

Wired into ``kmjudge.cli.build_parser`` through ``register(top_subparsers, leaf)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

PDF_KINDS = ("board", "winners", "transcripts", "signoff")


def _num(v: object) -> str | None:
    return None if v is None else str(v)


def cmd_results(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import events
    from kmjudge.cli import _actor, _open
    from kmjudge.results import publish, release
    from kmjudge.results.engine import group_label

    db = _open(args)
    try:
        event_id = events.find_event(db, args.event)
        if args.public:
            board = release.released_results(db, event_id)
            public: list[dict[str, Any]] = [
                {
                    "group": r.group,
                    "rank": r.rank,
                    "station": r.station,
                    "name": r.name,
                    "employer": r.employer,
                    "theory": r.theory or None,
                    "practical": r.practical or None,
                    "total": r.total or None,
                    "award": r.award,
                    "title": r.title,
                    "state": r.state,
                }
                for r in board.rows
            ]
            return {
                "event": board.event,
                "released_at": board.released_at,
                "rows": public,
                "_text": [
                    f"{r['group']:<6} {r['rank'] or '':>4} {r['station'] or '':>4} "
                    f"{r['name']:<6} {r['total'] or r['state']:>8} {r['award']} {r['title']}"
                    for r in public
                ],
            }
        actor = _actor(args, db)
        out: dict[str, Any] = {}
        text: list[str] = []
        if args.release:
            when = release.release(db, actor, event_id)
            out["released_at"] = when
            text.append(f"Results released at {when:%Y-%m-%d %H:%M} UTC.")
        view = release.view_results(db, actor, event_id, reveal_names=args.reveal_names)
        res = view.results
        if args.xlsx:
            publish.board_xlsx(view, args.xlsx)
            out["xlsx"] = args.xlsx
            text.append(f"Written: {args.xlsx}")
        if args.pdf:
            if args.kind == "signoff":
                publish.signoff_pdf(view, args.pdf, release.signoff_info(db, event_id))
            else:
                publish.KINDS[args.kind](view, args.pdf)
            out["pdf"] = args.pdf
            out["kind"] = args.kind
            text.append(f"Written: {args.pdf} ({args.kind})")
        rows: list[dict[str, Any]] = []
        for r in res.rows:
            ident = view.identity(r.key)
            rows.append(
                {
                    "group": group_label(r.group, res.rules),
                    "state": r.state,
                    "rank": r.rank,
                    "station": r.station,
                    "name": ident.name if ident else None,
                    "employer": ident.employer if ident else None,
                    "theory": _num(r.theory),
                    "practical": _num(r.practical),
                    "total": _num(r.total),
                    "award": r.award,
                    "title": r.title,
                    "upgrade": r.upgrade,
                    "standardised": _num(r.standardised),
                    "tie": r.tie.text_zh() if r.tie else "",
                    "problems": list(r.score.problems),
                }
            )
        out.update(
            event=view.meta.name,
            stage=view.stage,
            names_visible=view.names_visible,
            groups=[
                {"label": g.label, "ranked": g.ranked, "places": list(g.places), **g.awarded}
                for g in res.groups
            ],
            rows=rows,
            warnings=list(res.warnings),
        )
        if args.severity:
            out["severity"] = [
                {
                    "judge": s.judge,
                    "kind": s.kind,
                    "trainee": s.trainee,
                    "n": s.n,
                    "mean_deviation": str(s.mean_deviation),
                    "mean_abs_deviation": str(s.mean_abs_deviation),
                    "percent": str(s.percent),
                }
                for s in view.severity()
            ]
        if not (args.xlsx or args.pdf):
            text.append(f"{view.meta.name} — {release.STAGE_ZH[view.stage]}")
            for row in rows:
                shown = row["name"] or (f"#{row['station']}" if row["station"] else "?")
                rank = row["rank"] if row["rank"] is not None else row["state"]
                text.append(
                    f"{row['group']:<6} {rank!s:>12} {shown:<8} {row['theory'] or '-':>7} "
                    f"{row['practical'] or '-':>7} {row['total'] or '-':>7} "
                    f"{row['award']} {row['title']}".rstrip()
                )
            text += [f"! {w}" for w in res.warnings]
        out["_text"] = text
        return out
    finally:
        db.dispose()


def register(top: Any, leaf: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``results`` to the top-level subcommands (``leaf`` is ``build_parser``'s helper)."""
    p = leaf(top, "results", cmd_results, "an event's results: table, --json, --xlsx, --pdf")
    p.add_argument("event", help="event id, id prefix or exact name")
    p.add_argument("--xlsx", metavar="FILE", help="write 成绩公示表 and 获奖名单 as .xlsx")
    p.add_argument("--pdf", metavar="FILE", help="write a PDF (see --kind)")
    p.add_argument(
        "--kind",
        choices=PDF_KINDS,
        default="board",
        help="PDF: board 成绩公示表 | winners 获奖名单 | transcripts 成绩单 | signoff 裁判签字表",
    )
    p.add_argument("--release", action="store_true", help="release (publish) a locked event")
    p.add_argument(
        "--reveal-names",
        action="store_true",
        help="chief judge only: show names before the lock (audited)",
    )
    p.add_argument("--severity", action="store_true", help="add the judge severity report")
    p.add_argument("--public", action="store_true", help="released results only; no sign-in needed")
