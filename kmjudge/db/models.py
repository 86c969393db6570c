"""The whole domain as SQLAlchemy 2 typed ORM models.

Identifiers of rows that travel between machines (packages to the city office, a venue LAN)
are UUIDs. Only the audit table keeps a local autoincrement key, for local ordering; its
travelling identity is (device_id, seq). Decimals are exact (``DecimalText``); times are
naive UTC (``kmjudge.clock.utcnow``).

Schema changes go through numbered Alembic migrations in ``kmjudge/db/migrations``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kmjudge.clock import utcnow
from kmjudge.db.types import DecimalText, JSONText
from kmjudge.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def _sorted_pk() -> Mapped[uuid.UUID]:
    """Time-ordered ids (version 7) for the tables that grow by the ten thousand (marks, sheet
    entries, scans): one package's rows then sit together in the city office's indexes. Ids
    people see or type a prefix of (events, people, users) stay random: a version 7 id's first
    characters are its creation time, shared by everything made that minute."""
    return mapped_column(Uuid, primary_key=True, default=new_id)


def _created() -> Mapped[datetime]:
    return mapped_column(DateTime, default=utcnow, nullable=False)


# --------------------------------------------------------------------------- devices & keys


class Device(Base):
    """A laptop or server installation. Its private key lives in the installation's data
    folder (``kmjudge.device``), never in the database, so no backup or export carries it."""

    __tablename__ = "device"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    trusted_at: Mapped[datetime | None] = mapped_column(DateTime)
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head: Mapped[str] = mapped_column(String(64), default="")
    export_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = _created()


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONText)


# --------------------------------------------------------------------------- people & accounts


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[uuid.UUID] = _uuid_pk()
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    roles: Mapped[list[str]] = mapped_column(JSONText, default=list)
    secret_hash: Mapped[str] = mapped_column(String(300))
    employer: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = _created()
    version: Mapped[int] = mapped_column(Integer, default=1)


class Contestant(Base):
    """A person, identified by the resident ID number (居民身份证号)."""

    __tablename__ = "contestant"
    id: Mapped[uuid.UUID] = _uuid_pk()
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(60), default="")
    ethnicity: Mapped[str] = mapped_column(String(30), default="")
    education: Mapped[str] = mapped_column(String(30), default="")
    job_title: Mapped[str] = mapped_column(String(60), default="")
    qualification: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# --------------------------------------------------------------------------- competition set-up


class Competition(Base):
    __tablename__ = "competition"
    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _created()
    events: Mapped[list[Event]] = relationship(back_populates="competition")


class Trade(Base):
    """A trade (工种) with its occupation code and qualification grade."""

    __tablename__ = "trade"
    __table_args__ = (UniqueConstraint("name", "grade"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(100))
    occupation_code: Mapped[str] = mapped_column(String(30), default="")
    grade: Mapped[str] = mapped_column(String(40), default="")


class Event(Base):
    """One competition event (竞赛场次) for one trade."""

    __tablename__ = "event"
    id: Mapped[uuid.UUID] = _uuid_pk()
    competition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("competition.id"))
    trade_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trade.id"))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    district: Mapped[str] = mapped_column(String(60), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    start_at: Mapped[datetime | None] = mapped_column(DateTime)
    end_at: Mapped[datetime | None] = mapped_column(DateTime)
    checkin_opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    checkin_closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    theory_weight: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(30))
    practical_weight: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(70))
    pass_mark: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(60))
    spread_limit: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(1))
    judges_per_panel: Mapped[int] = mapped_column(Integer, default=5)
    ranking_groups: Mapped[Any] = mapped_column(JSONText, default="all")
    award: Mapped[Any] = mapped_column(JSONText, default=dict)
    tie_break: Mapped[Any] = mapped_column(JSONText, default=list)
    scheme_title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="setup")
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    released_at: Mapped[datetime | None] = mapped_column(DateTime)
    origin_device_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("device.id"))
    created_at: Mapped[datetime] = _created()
    version: Mapped[int] = mapped_column(Integer, default=1)

    competition: Mapped[Competition] = relationship(back_populates="events")
    trade: Mapped[Trade] = relationship()
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="event", order_by="Criterion.position", cascade="all, delete-orphan"
    )


class Criterion(Base):
    """A module (模块) of the marking scheme."""

    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("event_id", "code"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))

    event: Mapped[Event] = relationship(back_populates="criteria")
    subcriteria: Mapped[list[SubCriterion]] = relationship(
        back_populates="criterion", order_by="SubCriterion.position", cascade="all, delete-orphan"
    )


class SubCriterion(Base):
    __tablename__ = "subcriterion"
    id: Mapped[uuid.UUID] = _uuid_pk()
    criterion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("criterion.id"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    criterion: Mapped[Criterion] = relationship(back_populates="subcriteria")
    aspects: Mapped[list[Aspect]] = relationship(
        back_populates="subcriterion", order_by="Aspect.position", cascade="all, delete-orphan"
    )


class Aspect(Base):
    """A marked aspect (评分项): kind M (measurement), J (judgement) or D (deduction)."""

    __tablename__ = "aspect"
    __table_args__ = (UniqueConstraint("event_id", "code"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"), index=True)
    subcriterion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subcriterion.id"))
    code: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(1))
    max_mark: Mapped[Decimal] = mapped_column(DecimalText)
    step: Mapped[Decimal | None] = mapped_column(DecimalText)
    all_or_nothing: Mapped[bool] = mapped_column(Boolean, default=False)
    panel_rule: Mapped[str] = mapped_column(String(10), default="mean")
    cap: Mapped[Decimal | None] = mapped_column(DecimalText)
    judges_min: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    subcriterion: Mapped[SubCriterion] = relationship(back_populates="aspects")


# --------------------------------------------------------------------------- registration


class Registration(Base):
    """A contestant entered in one event, with ticket and station."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("event_id", "contestant_id"),
        UniqueConstraint("event_id", "ticket_no", name="uq_registration_event_ticket"),
        UniqueConstraint("event_id", "station_no", name="uq_registration_event_station"),
        Index("ix_registration_event_status", "event_id", "status"),
    )
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"), index=True)
    contestant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contestant.id"), index=True)
    ticket_no: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="registered")
    station_no: Mapped[int | None] = mapped_column(Integer)
    ranking_group: Mapped[str] = mapped_column(String(40), default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(60), default="")
    recommended_by: Mapped[str] = mapped_column(String(200), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="import")
    completion_seconds: Mapped[int | None] = mapped_column(Integer)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    contestant: Mapped[Contestant] = relationship()
    event: Mapped[Event] = relationship()


class Ticket(Base):
    """An admission ticket (准考证) token. Reissuing revokes the previous serial."""

    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("registration_id", "serial"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    serial: Mapped[int] = mapped_column(Integer)
    token: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = _created()
    issued_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")


class CheckIn(Base):
    __tablename__ = "checkin"
    id: Mapped[uuid.UUID] = _uuid_pk()
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"), index=True)
    checked_in_at: Mapped[datetime] = _created()
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    method: Mapped[str] = mapped_column(String(20), default="scan")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    undo_reason: Mapped[str] = mapped_column(Text, default="")


class Scan(Base):
    """Every scan at check-in, rejected ones included."""

    __tablename__ = "scan"
    __table_args__ = (Index("ix_scan_event_verdict", "event_id", "verdict"),)
    id: Mapped[uuid.UUID] = _sorted_pk()
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event.id"))
    registration_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("registration.id"))
    raw: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(30))
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    scanned_at: Mapped[datetime] = _created()


# --------------------------------------------------------------------------- judging


class JudgeAssignment(Base):
    """A judge on an event, optionally restricted to one criterion/aspect and ranking group."""

    __tablename__ = "judge_assignment"
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    criterion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("criterion.id"))
    aspect_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aspect.id"))
    ranking_group: Mapped[str] = mapped_column(String(40), default="")
    trainee: Mapped[bool] = mapped_column(Boolean, default=False)
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)


class JudgeExclusion(Base):
    """Conflict of interest (回避): a judge excluded from marking one registration."""

    __tablename__ = "judge_exclusion"
    __table_args__ = (UniqueConstraint("user_id", "registration_id"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    reason: Mapped[str] = mapped_column(Text, default="")


class Score(Base):
    """One judge's mark for one aspect of one registration."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("registration_id", "aspect_id", "judge_id"),
        Index("ix_score_event_aspect", "event_id", "aspect_id"),
    )
    id: Mapped[uuid.UUID] = _sorted_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"))
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    aspect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("aspect.id"))
    judge_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    trainee: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="entered")
    source: Mapped[str] = mapped_column(String(10), default="screen")
    entered_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    entered_at: Mapped[datetime] = _created()
    confirmed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)


class ScoreSheet(Base):
    """A printed paper marking sheet (评分表) with a barcode code."""

    __tablename__ = "score_sheet"
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"))
    judge_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    criterion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("criterion.id"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    stations: Mapped[list[int]] = mapped_column(JSONText, default=list)
    printed_at: Mapped[datetime] = _created()


class SheetEntry(Base):
    """One clerk's typed value from a paper sheet; pass 1 and a blind pass 2 by another clerk."""

    __tablename__ = "sheet_entry"
    __table_args__ = (UniqueConstraint("sheet_id", "registration_id", "aspect_id", "pass_no"),)
    id: Mapped[uuid.UUID] = _sorted_pk()
    sheet_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("score_sheet.id"))
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    aspect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("aspect.id"))
    pass_no: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    clerk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    entered_at: Mapped[datetime] = _created()


class TheoryScore(Base):
    __tablename__ = "theory_score"
    id: Mapped[uuid.UUID] = _uuid_pk()
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"), unique=True)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = _created()
    imported_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Recheck(Base):
    """复核: a sampled registration rechecked by the chief judge's team."""

    __tablename__ = "recheck"
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"))
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    reason: Mapped[str] = mapped_column(String(20))
    checked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    found_error: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class Appeal(Base):
    """申诉: a written appeal and its decision."""

    __tablename__ = "appeal"
    id: Mapped[uuid.UUID] = _uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event.id"))
    registration_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("registration.id"))
    submitted_at: Mapped[datetime] = _created()
    submitted_by: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="pending")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


# --------------------------------------------------------------------------- certificates


class Certificate(Base):
    __tablename__ = "certificate"
    id: Mapped[uuid.UUID] = _uuid_pk()
    number: Mapped[str] = mapped_column(String(40), unique=True)
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    kind: Mapped[str] = mapped_column(String(20), default="award")
    award: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(60), default="")
    token: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[datetime] = _created()
    issued_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class PrintLog(Base):
    """Who printed what, when, and whether it was a reprint (补发)."""

    __tablename__ = "print_log"
    id: Mapped[uuid.UUID] = _uuid_pk()
    kind: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event.id"))
    certificate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("certificate.id"))
    count: Mapped[int] = mapped_column(Integer, default=1)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    printed_at: Mapped[datetime] = _created()
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    device_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("device.id"))


# --------------------------------------------------------------------------- audit & sync


class AuditEntry(Base):
    """One link of a device's hash chain. ``hash`` covers every field and ``prev_hash``."""

    __tablename__ = "audit_entry"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    username: Mapped[str] = mapped_column(String(50), default="")
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    before: Mapped[Any] = mapped_column(JSONText, nullable=True)
    after: Mapped[Any] = mapped_column(JSONText, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))


class PackageLog(Base):
    """Signed packages exported from or imported into this database."""

    __tablename__ = "package_log"
    __table_args__ = (UniqueConstraint("device_id", "seq", "direction"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    seq: Mapped[int] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    prev_sha256: Mapped[str] = mapped_column(String(64), default="")
    path: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created()
    # 0003: what the package was, and (exports) the per-chunk digests an incremental export
    # compares against; (imports) the manifest's counts and events.
    kind: Mapped[str] = mapped_column(String(10), default="venue")
    full: Mapped[bool] = mapped_column(Boolean, default=True)
    info: Mapped[Any] = mapped_column(JSONText, nullable=True)
    state: Mapped[Any] = mapped_column(JSONText, nullable=True)


class SyncConflict(Base):
    """A real conflict found by a package import, listed until a person resolves it."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_status", "status", "kind"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    kind: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    local_id: Mapped[str] = mapped_column(String(40), default="")
    incoming_id: Mapped[str] = mapped_column(String(40), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    fields: Mapped[Any] = mapped_column(JSONText, default=dict)
    local: Mapped[Any] = mapped_column(JSONText, nullable=True)
    incoming: Mapped[Any] = mapped_column(JSONText, nullable=True)
    local_device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    incoming_device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    #: same conflict seen again (another package carrying the same rows) is not listed twice
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    resolution: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created()
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


# --------------------------------------------------------------------------- city office


class YearTarget(Base):
    """The year's targets from the campaign notice (data, not code): for the city and for
    each district, competitions, trades and workers trained (``district`` "" = the city;
    ``*`` = every district not listed by name)."""

    __tablename__ = "year_target"
    __table_args__ = (UniqueConstraint("year", "district"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    year: Mapped[int] = mapped_column(Integer)
    district: Mapped[str] = mapped_column(String(60), default="")
    competitions: Mapped[int] = mapped_column(Integer, default=0)
    trades: Mapped[int] = mapped_column(Integer, default=0)
    trained: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class TrainingCount(Base):
    """A training head count (培训人数) reported by a district or organiser."""

    __tablename__ = "training_count"
    __table_args__ = (Index("ix_training_count_year", "year", "district"),)
    id: Mapped[uuid.UUID] = _uuid_pk()
    year: Mapped[int] = mapped_column(Integer)
    district: Mapped[str] = mapped_column(String(60), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    trade: Mapped[str] = mapped_column(String(100), default="")
    count: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = _created()
    imported_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
