"""``kmjudge certificates`` and ``kmjudge verify``: certificates (荣誉证书) from the command line.

    kmjudge certificates EVENT --out FILE.pdf [--tier 一等奖,二等奖] [--participation]
                         [--layout NAME] [--overlay --printer NAME] [--include-issued --reason R]
                         [--force] [--dry-run]
    kmjudge certificates EVENT --reprint NUMBER|TICKET --reason R --out FILE.pdf    补发
    kmjudge certificates calibration --out FILE.pdf [--orientation portrait] [--printer NAME]
    kmjudge certificates log EVENT | list EVENT | layouts
    kmjudge certificates revoke NUMBER --reason R
    kmjudge certificates offsets [PRINTER DX_MM DY_MM]
    kmjudge verify TEXT [--name NAME]            exit 0 genuine, 1 not

Wired into ``kmjudge.cli.build_parser`` through ``register(top_subparsers, leaf)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

ACTIONS = ("calibration", "log", "list", "layouts", "revoke", "offsets")


def _zh(args: argparse.Namespace) -> bool:
    from kmjudge.cli import _lang

    return _lang(args).startswith("zh")


def _notice_lines(plan: Any, zh: bool) -> list[str]:
    return [
        ("! " if n.blocking else "- ") + (n.message_zh if zh else n.message_en)
        for n in plan.notices
    ]


def _plan_payload(plan: Any) -> dict[str, Any]:
    return {
        "event": plan.event_name,
        "layout": plan.layout,
        "by_tier": plan.by_tier,
        "new": plan.new_count,
        "reprints": plan.reprint_count,
        "entries": [
            {
                "name": e.name,
                "station": e.station,
                "group": e.group,
                "rank": e.rank,
                "kind": e.kind,
                "award": e.award,
                "title": e.title,
                "action": e.action,
                "number": e.number or None,
                "missing_chars": e.missing_chars,
            }
            for e in plan.entries
        ],
        "notices": [
            {
                "code": n.code,
                "blocking": n.blocking,
                "message_zh": n.message_zh,
                "message_en": n.message_en,
                "chars": n.chars,
            }
            for n in plan.notices
        ],
    }


def _reprint_number(db: Any, event_id: Any, ref: str) -> str:
    """A certificate number, or the ticket number of a contestant with one valid certificate."""
    from sqlalchemy import select

    from kmjudge.certificates import CertificateError
    from kmjudge.db.models import Certificate, Registration

    text = ref.strip()
    with db.read() as s:
        if s.scalar(select(Certificate.id).where(Certificate.number == text.upper())):
            return text.upper()
        numbers = s.scalars(
            select(Certificate.number)
            .join(Registration, Registration.id == Certificate.registration_id)
            .where(
                Registration.event_id == event_id,
                Registration.ticket_no == text,
                Certificate.revoked_at.is_(None),
            )
        ).all()
    if len(numbers) == 1:
        return numbers[0]
    raise CertificateError(
        f"找不到证书“{text}”（证书编号或准考证号）"
        + ("，该选手有多张证书，请用证书编号。" if numbers else "。"),
        f"No certificate {text!r} (a certificate number or ticket number)"
        + ("; this contestant holds several, use the certificate number." if numbers else "."),
        code="not_found",
    )


def cmd_certificates(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import certificates, events
    from kmjudge.cli import Refused, _actor, _open

    zh = _zh(args)
    target = args.target
    rest: list[str] = list(args.rest or [])
    if target == "calibration":
        if not args.out:
            raise Refused("请用 --out 指定输出文件。", "Pass --out FILE.pdf.")
        offsets = (0.0, 0.0)
        if args.printer:
            db = _open(args)
            try:
                offsets = certificates.printer_offsets(db, args.printer)
            finally:
                db.dispose()
        certificates.calibration_pdf(
            args.out, orientation=args.orientation, offsets=offsets, printer=args.printer or ""
        )
        return {
            "file": args.out,
            "offsets_mm": list(offsets),
            "_text": [
                f"Calibration page: {args.out} (offsets {offsets[0]:+.1f}, {offsets[1]:+.1f} mm)"
            ],
        }
    if target == "layouts":
        infos = certificates.list_layouts()
        return {
            "layouts": [
                {"name": i.name, "label": i.label, "orientation": i.orientation, "mode": i.mode}
                for i in infos
            ],
            "_text": [f"{i.name:<18} {i.mode:<8} {i.orientation:<10} {i.label}" for i in infos],
        }
    db = _open(args)
    try:
        if target == "offsets":
            if rest:
                if len(rest) != 3:
                    raise Refused(
                        "用法：certificates offsets 打印机 X毫米 Y毫米",
                        "Usage: certificates offsets PRINTER DX_MM DY_MM",
                    )
                actor = _actor(args, db)
                try:
                    dx, dy = float(rest[1]), float(rest[2])
                except ValueError as exc:
                    raise Refused("偏移应为数字（毫米）。", "Offsets are numbers (mm).") from exc
                certificates.save_printer_offsets(db, actor, rest[0], dx, dy)
            saved = certificates.get_settings(db).offsets
            return {
                "offsets": {k: list(v) for k, v in saved.items()},
                "_text": [f"{k}: X {v[0]:+.1f} mm, Y {v[1]:+.1f} mm" for k, v in saved.items()]
                or ["No printer offsets saved."],
            }
        actor = _actor(args, db)
        if target == "revoke":
            if len(rest) != 1 or not args.reason:
                raise Refused(
                    "用法：certificates revoke 证书编号 --reason 原因",
                    "Usage: certificates revoke NUMBER --reason R",
                )
            certificates.revoke_certificate(db, actor, rest[0], args.reason)
            return {"revoked": rest[0].upper(), "_text": [f"Revoked: {rest[0].upper()}"]}
        if target in ("log", "list"):
            if len(rest) != 1:
                raise Refused(
                    f"用法：certificates {target} 场次", f"Usage: certificates {target} EVENT"
                )
            event_id = events.find_event(db, rest[0])
            if target == "log":
                log = certificates.print_log(db, actor, event_id)
                return {
                    "log": [
                        {
                            "printed_at": p.printed_at,
                            "user": p.user,
                            "device": p.device,
                            "count": p.count,
                            "reprint": p.reprint,
                            "number": p.number or None,
                            "name": p.name or None,
                            "reason": p.reason or None,
                        }
                        for p in log
                    ],
                    "_text": [
                        f"{p.printed_at:%Y-%m-%d %H:%M} UTC  {p.user:<10} {p.device:<12} "
                        + (
                            f"补发 {p.number} {p.name} — {p.reason}"
                            if p.reprint
                            else f"{p.count} certificate(s)"
                        )
                        for p in log
                    ]
                    or ["Nothing printed yet."],
                }
            rows = certificates.list_certificates(db, actor, event_id)
            return {
                "certificates": [
                    {
                        "number": r.number,
                        "name": r.name,
                        "kind": r.kind,
                        "award": r.award,
                        "title": r.title,
                        "issued_at": r.issued_at,
                        "issued_by": r.issued_by,
                        "revoked_at": r.revoked_at,
                        "printed": r.printed,
                    }
                    for r in rows
                ],
                "_text": [
                    f"{r.number:<22} {r.name:<6} {r.award} {r.title} ×{r.printed}"
                    + (" (revoked)" if r.revoked_at else "")
                    for r in rows
                ]
                or ["No certificates issued yet."],
            }
        if rest:
            raise Refused(
                f"多余的参数：{' '.join(rest)}", f"Unexpected arguments: {' '.join(rest)}"
            )
        event_id = events.find_event(db, target)
        if args.reprint:
            if not args.out or not args.reason:
                raise Refused("补发须用 --out 和 --reason。", "A reprint needs --out and --reason.")
            number = _reprint_number(db, event_id, args.reprint)
            res = certificates.reprint_certificate(
                db,
                actor,
                number,
                args.out,
                args.reason,
                layout=args.layout,
                overlay=args.overlay or None,
                printer=args.printer,
                force=args.force,
            )
            return {
                "file": str(res.path),
                "pages": res.pages,
                "reprinted": number,
                "_text": [f"Reprinted (补发) {number}: {res.path}"],
            }
        plan = certificates.plan_batch(
            db,
            actor,
            event_id,
            tiers=args.tier if args.tier is not None else ([] if args.participation_only else None),
            participation=args.participation or args.participation_only,
            reprint_issued=args.include_issued,
            layout=args.layout,
        )
        payload = _plan_payload(plan)
        tiers = ", ".join(f"{certificates.TIER_ZH[k]} {v}" for k, v in plan.by_tier.items())
        summary = f"{plan.event_name}: {len(plan.to_print)} to print ({tiers or 'none'}); " + (
            f"{plan.new_count} new, {plan.reprint_count} reprint(s)"
        )
        if args.dry_run or not args.out:
            if not args.dry_run:
                raise Refused(
                    "请用 --out 指定 PDF 文件（或 --dry-run 只查看）。",
                    "Pass --out FILE.pdf (or --dry-run).",
                )
            lines = [summary] + [
                f"  {e.award:<4} {e.rank or '':>3} {e.name:<6} {e.title:<6} {e.action}"
                + (f" {e.number}" if e.number else "")
                for e in plan.entries
            ]
            return {**payload, "_text": lines + _notice_lines(plan, zh)}
        try:
            res = certificates.issue_certificates(
                db,
                actor,
                plan,
                args.out,
                overlay=args.overlay or None,
                printer=args.printer,
                force=args.force,
                reason=args.reason or "",
            )
        except certificates.CertificateError as exc:
            exc.issue_lines = _notice_lines(plan, zh)  # type: ignore[attr-defined]
            raise
        payload.update(
            file=str(res.path),
            pages=res.pages,
            certificates=[
                {
                    "number": c.number,
                    "name": c.name,
                    "award": c.award,
                    "title": c.title,
                    "reprint": c.reprint,
                }
                for c in res.certificates
            ],
        )
        return {
            **payload,
            "_text": [summary, f"{res.pages} page(s): {res.path}", *_notice_lines(plan, zh)],
        }
    finally:
        db.dispose()


def cmd_verify(args: argparse.Namespace) -> dict[str, Any]:
    from kmjudge import certificates
    from kmjudge.cli import _open

    zh = _zh(args)
    db = _open(args)
    try:
        r = certificates.verify(db, args.text, name=args.name)
    finally:
        db.dispose()
    msg = r.message("zh" if zh else "en")
    out: dict[str, Any] = {"status": r.status, "ok": r.ok, "message": msg}
    lines = [f"{r.status.upper()}: {msg}"]
    if r.claims is not None:
        c = r.claims
        out.update(
            number=c.number,
            award=c.award,
            kind=c.kind,
            has_title=c.has_title,
            issued_on=c.issued_on,
            key_id=c.key_id_hex,
            issuer=r.issuer_name or None,
            issuer_fingerprint=r.issuer_fingerprint or None,
            name_matches=r.name_matches,
        )
        lines.append(f"{c.number}  {c.award}  issued {c.issued_on.isoformat()}  key {c.key_id_hex}")
        if r.issuer_name:
            lines.append(f"issuer: {r.issuer_name} ({r.issuer_fingerprint})")
    if r.record is not None:
        rec = r.record
        out["record"] = {
            "name": rec.name,
            "event": rec.event_name,
            "trade": rec.trade,
            "award": rec.award,
            "title": rec.title,
            "issued_at": rec.issued_at,
            "revoked_at": rec.revoked_at,
            "printed": rec.printed,
        }
        lines.append(f"{rec.name}  {rec.event_name}  {rec.trade}  {rec.award} {rec.title}".rstrip())
    out["_text"] = lines
    if not r.ok:
        out["_exit"] = 1
    return out


def register(top: Any, leaf: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``certificates`` and ``verify`` to the top-level subcommands."""
    p = leaf(top, "certificates", cmd_certificates, "certificates (荣誉证书): print, reprint, log")
    p.add_argument(
        "target",
        help="EVENT (id, id prefix or name), or: calibration | log EVENT | list EVENT | "
        "layouts | revoke NUMBER | offsets [PRINTER DX DY]",
    )
    p.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    p.add_argument("--out", metavar="FILE.pdf", help="the PDF to write (all certificates in one)")
    p.add_argument(
        "--tier", help="award tiers, comma-separated: 一等奖,二等奖,三等奖,优胜奖 (default all)"
    )
    p.add_argument("--participation", action="store_true", help="also participation certificates")
    p.add_argument(
        "--participation-only", action="store_true", help="only participation certificates"
    )
    p.add_argument("--layout", help="layout name (kmjudge certificates layouts)")
    p.add_argument("--overlay", action="store_true", help="pre-printed stock: fields only")
    p.add_argument("--printer", help="printer whose overlay offsets apply")
    p.add_argument("--orientation", choices=["landscape", "portrait"], default="landscape")
    p.add_argument("--reprint", metavar="NUMBER|TICKET", help="reprint (补发) one certificate")
    p.add_argument(
        "--include-issued", action="store_true", help="reprint (补发) those already issued too"
    )
    p.add_argument("--reason", help="why (reprints, revocation)")
    p.add_argument("--force", action="store_true", help="print despite missing-glyph warnings")
    p.add_argument("--dry-run", action="store_true", help="show the plan; write nothing")
    p = leaf(top, "verify", cmd_verify, "verify a certificate's scanned QR text (exit 0 = genuine)")
    p.add_argument("text", help="the scanned text")
    p.add_argument("--name", help="the name printed on the certificate, to compare")
