"""Planning a batch: who gets which certificate, checked against the rules, nothing written.

Rules (domain.md "Certificates"; issue 6):

- only from **locked** results (``Event.locked_at``; a release is not needed);
- award certificates only for contestants who are **checked in** (registration status
  ``checked_in``) and **ranked** with an award in the chosen tiers (一等奖 … 优胜奖);
- optional participation certificates (参赛证书) for every checked-in contestant without an
  award;
- a contestant who already holds a valid certificate of that kind is skipped, or reprinted
  (补发) when ``reprint_issued``; if the results now give a different award or title than the
  certificate says, the plan says so (revoke the old certificate first);
- every text a certificate prints is checked against the fonts: a character that no font has
  is a *blocking* notice (the batch prints only when forced), never an empty box on paper.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge.accounts import Actor, Perm, require
from kmjudge.certificates import settings as settings_mod
from kmjudge.certificates.fonts import missing_chars
from kmjudge.certificates.layout import Layout, load_layout
from kmjudge.certificates.model import (
    TIER_ZH,
    TIERS,
    ZH_TIER,
    CertificateError,
    CertificatePlan,
    Notice,
    PlanEntry,
    SampleFields,
)
from kmjudge.certificates.render import PreviewEvent, cert_fields, element_texts, preview_pdf
from kmjudge.checkin.common import local_now
from kmjudge.db.engine import Database
from kmjudge.db.models import Certificate, Competition, Event, Registration, Trade
from kmjudge.results.engine import compute, group_label
from kmjudge.results.load import load_event


def parse_tiers(tiers: Iterable[str] | str | None) -> tuple[str, ...]:
    """Tier names from ``first``/``一等奖`` (or a comma-separated text); None = all four."""
    if tiers is None:
        return TIERS
    items = tiers.replace("，", ",").split(",") if isinstance(tiers, str) else list(tiers)
    out: list[str] = []
    for raw in items:
        t = str(raw).strip()
        if not t:
            continue
        key = ZH_TIER.get(t, t.lower())
        if key not in TIERS:
            raise CertificateError(
                f"不认识的奖项“{t}”（可用：一等奖、二等奖、三等奖、优胜奖）。",
                f"Unknown award tier {t!r} (first, second, third, merit).",
                code="tier",
            )
        if key not in out:
            out.append(key)
    return tuple(t for t in TIERS if t in out)


def event_texts(s: Session, event_id: uuid.UUID, issued_on: date | None = None) -> PreviewEvent:
    """The per-batch texts of an event's certificates."""
    ev = s.get(Event, event_id)
    if ev is None:
        raise CertificateError("找不到该竞赛场次。", f"No event {event_id}.", code="not_found")
    comp = s.get(Competition, ev.competition_id)
    trade = s.get(Trade, ev.trade_id)
    when = ev.end_at or ev.start_at
    return PreviewEvent(
        competition=comp.name if comp else ev.name,
        campaign=comp.campaign if comp else "",
        year=comp.year if comp else (when.year if when else local_now().year),
        event=ev.name,
        trade_name=trade.name if trade else "",
        trade_grade=trade.grade if trade else "",
        level=ev.level,
        organiser=ev.organiser,
        venue=ev.venue,
        issuers=settings_mod.issuers_in(s, event_id),
        issued_on=issued_on or local_now().date(),
        event_date=when.date() if when else None,
    )


def _existing(s: Session, event_id: uuid.UUID) -> dict[tuple[uuid.UUID, str], Certificate]:
    rows = s.scalars(
        select(Certificate)
        .join(Registration, Registration.id == Certificate.registration_id)
        .where(Registration.event_id == event_id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.issued_at)
    ).all()
    return {(c.registration_id, c.kind): c for c in rows}


def plan_batch(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    *,
    tiers: Iterable[str] | str | None = None,
    participation: bool = False,
    reprint_issued: bool = False,
    layout: str | None = None,
    today: date | None = None,
) -> CertificatePlan:
    """Who would get which certificate (in print order: tier, group, rank), with notices.

    Reads only. ``tiers``: award tiers to print (default all four; ``[]`` = none, e.g. only
    participation certificates). ``reprint_issued``: include certificates already issued, as
    reprints (补发). ``layout``: the layout whose texts are checked (default: the saved one).
    """
    require(actor, Perm.PRINT_CERTIFICATES)
    chosen = parse_tiers(tiers)
    loaded = load_event(db, event_id)
    meta = loaded.meta
    if meta.locked_at is None:
        raise CertificateError(
            "成绩尚未锁定，不能发放证书。请裁判长先锁定成绩。",
            "The results are not locked; certificates are issued only from locked results.",
            code="not_locked",
        )
    results = compute(loaded.inputs)
    status = {c.key: c.status for c in loaded.inputs.contestants}
    stations = {c.key: c.station for c in loaded.inputs.contestants}
    with db.read() as s:
        layout_name = layout or settings_mod.layout_in(s)
        texts = event_texts(s, event_id, today)
        existing = _existing(s, event_id)
    lay: Layout = load_layout(layout_name)
    event_values = texts.fields()
    groups = {r.group for r in results.rows}

    notices: list[Notice] = []
    entries: list[PlanEntry] = []
    glyph_cache: dict[str, str] = {}

    def missing_for(kind: str, values: dict[str, str]) -> str:
        out = ""
        for text in element_texts(lay, kind, values):
            for ch in glyph_cache.get(text) or glyph_cache.setdefault(text, missing_chars(text)):
                if ch not in out:
                    out += ch
        return out

    # the batch-wide texts once (event name, issuers, …)
    static_missing = missing_for("award", {**event_values, **cert_fields(name="", award="")})
    if static_missing:
        notices.append(
            Notice(
                "missing_glyph",
                f"竞赛名称、发证单位等文字中的“{static_missing}”没有任何字体能显示，打印出来会是方框。",
                f"No font has {static_missing!r} (event texts); it would print as a box.",
                chars=static_missing,
                blocking=True,
            )
        )

    def add(row_key: str, kind: str, tier: str, rank: int | None, group: str, title: str) -> None:
        ident = loaded.identities[row_key]
        reg_id = uuid.UUID(row_key)
        award = TIER_ZH[tier]
        values = {
            **event_values,
            **cert_fields(
                name=ident.name,
                award=award if kind == "award" else "",
                title=title,
                employer=ident.employer,
                rank=rank,
                group=group,
            ),
        }
        missing = "".join(ch for ch in missing_for(kind, values) if ch not in static_missing)
        action = "new"
        number = ""
        old = existing.get((reg_id, kind))
        if old is not None:
            number = old.number
            if kind == "award" and (old.award != award or old.title != title):
                notices.append(
                    Notice(
                        "award_changed",
                        f"{ident.name}：已发证书 {old.number} 写的是{old.award}{old.title}，"
                        f"现在的结果是{award}{title}。请先作废旧证书再打印新证书。",
                        f"{ident.name}: certificate {old.number} says {old.award}{old.title}, the "
                        f"results now say {award}{title}; revoke it before printing a new one.",
                        registration_id=reg_id,
                        name=ident.name,
                    )
                )
                action = "skip"
            else:
                action = "reprint" if reprint_issued else "skip"
        if missing and action != "skip":
            notices.append(
                Notice(
                    "missing_glyph",
                    f"{ident.name}：“{missing}”没有任何字体能显示，打印出来会是方框。"
                    "请安装含该字的字体，或确认后强制打印。",
                    f"{ident.name}: no font has {missing!r}; it would print as a box. Install "
                    "a font that has it, or force printing.",
                    registration_id=reg_id,
                    name=ident.name,
                    chars=missing,
                    blocking=True,
                )
            )
        entries.append(
            PlanEntry(
                registration_id=reg_id,
                name=ident.name,
                station=stations.get(row_key),
                ticket_no=ident.ticket_no,
                employer=ident.employer,
                group=group_label(group, results.rules) if len(groups) > 1 else "",
                rank=rank,
                kind="participation" if kind == "participation" else "award",
                tier=tier,
                award=award,
                title=title,
                action=action,  # type: ignore[arg-type]
                number=number,
                missing_chars=missing,
            )
        )

    winners = [r for r in results.rows if r.state == "ranked" and r.award in chosen]
    winners.sort(key=lambda r: (TIERS.index(r.award), r.group, r.rank or 0, r.station or 0))
    for r in winners:
        if status.get(r.key) != "checked_in":
            ident = loaded.identities[r.key]
            notices.append(
                Notice(
                    "not_checked_in",
                    f"{ident.name}（{r.award_zh}）没有检录记录，不发证书。",
                    f"{ident.name} ({r.award}) was never checked in; no certificate.",
                    registration_id=uuid.UUID(r.key),
                    name=ident.name,
                )
            )
            continue
        add(r.key, "award", r.award, r.rank, r.group, r.title)
    if participation:
        for r in sorted(results.rows, key=lambda r: (r.station is None, r.station or 0, r.key)):
            if status.get(r.key) == "checked_in" and not (r.state == "ranked" and r.award):
                add(r.key, "participation", "participation", None, r.group, "")
    # certificates whose holder no longer has that award at all
    awarded = {uuid.UUID(r.key) for r in results.rows if r.state == "ranked" and r.award}
    for (reg_id, kind), cert in existing.items():
        if kind == "award" and reg_id not in awarded:
            holder = loaded.identities.get(str(reg_id))
            who = holder.name if holder else str(reg_id)[:8]
            notices.append(
                Notice(
                    "award_changed",
                    f"{who}：已发证书 {cert.number}（{cert.award}），但现在的结果中没有奖项。"
                    "请作废该证书。",
                    f"{who}: certificate {cert.number} ({cert.award}) but no award in the results "
                    "now; revoke it.",
                    registration_id=reg_id,
                    name=who,
                )
            )
    skipped = sum(1 for e in entries if e.action == "skip")
    if skipped and not reprint_issued:
        notices.append(
            Notice(
                "already_issued",
                f"{skipped} 人已领取过证书，本批不再打印（如需补发请选择“补发已发证书”）。",
                f"{skipped} already hold a certificate and are left out (choose reprint to "
                "include them).",
            )
        )
    return CertificatePlan(
        event_id=event_id,
        event_name=meta.name,
        trade=texts.fields()["trade"],
        locked_at=meta.locked_at,
        # A layout given as a file stays that file: re-loading by its ``name`` would pick a
        # bundled layout of the same name instead.
        layout=lay.name if layout is None or layout == lay.name else str(layout_name),
        entries=tuple(entries),
        notices=tuple(notices),
        tiers=chosen,
        participation=participation,
        reprint_issued=reprint_issued,
    )


def preview_for_event(
    db: Database,
    event_id: uuid.UUID,
    *,
    layout: str | None = None,
    fields: SampleFields | None = None,
    overlay: bool | None = None,
    printer: str | None = None,
    offsets: tuple[float, float] | None = None,
    show_stock: bool = True,
    today: date | None = None,
) -> bytes:
    """A one-page preview with the event's own texts (competition, trade, issuers, date) and
    the saved layout and printer offsets unless given. Reads only."""
    with db.read() as s:
        texts = event_texts(s, event_id, today)
        name = layout or settings_mod.layout_in(s)
    lay = load_layout(name)
    ov = lay.mode == "overlay" if overlay is None else overlay
    offs = offsets if offsets is not None else settings_mod.printer_offsets(db, printer)
    return preview_pdf(lay, fields, texts, overlay=ov, offsets=offs, show_stock=show_stock)
