"""Certificates (荣誉证书): plan, issue, print, verify. The Qt-free core; see docs/certificates.md.

Everything a GUI or the CLI needs is here; signatures are stable.

Layouts (``resources/certificates/*.toml``, documented in its README)::

    list_layouts() -> list[LayoutInfo]
    load_layout(name) -> Layout

Settings (``setting`` rows, no schema change)::

    get_settings(db, event_id=None) -> CertificateSettings      layout, issuers, offsets
    save_layout_choice(db, actor, name)                          the default layout
    save_issuers(db, actor, event_id, lines)                     issuing bodies of an event
    printer_offsets(db, printer) -> (dx_mm, dy_mm)               overlay offsets of a printer
    save_printer_offsets(db, actor, printer, dx_mm, dy_mm)       (+x right, +y down)

Plan, then issue and render (``progress(done, total)``, ``cancel`` callable/threading.Event;
a cancelled or failed run leaves no file and writes nothing)::

    plan_batch(db, actor, event_id, tiers=None, participation=False, reprint_issued=False,
               layout=None) -> CertificatePlan                  reads only
    issue_certificates(db, actor, plan, path, overlay=False, printer=None, force=False,
                       reason="", progress=None, cancel=None) -> CertificatesPdf
    reprint_certificate(db, actor, number, path, reason, ...) -> CertificatesPdf   补发
    revoke_certificate(db, actor, number, reason)
    list_certificates(db, actor, event_id) -> list[CertificateRow]
    print_log(db, actor, event_id) -> list[PrintLogEntry]

Preview and calibration (no database writes; fast enough for a live preview)::

    preview_pdf(layout, fields=SampleFields(), event=PreviewEvent(), overlay=False,
                offsets=(0, 0), show_stock=True) -> bytes          one page
    preview_for_event(db, event_id, layout=None, ...) -> bytes      with the event's texts
    calibration_pdf(path=None, orientation="landscape", offsets=(0, 0)) -> bytes

Verification (offline, against this database's local and trusted devices)::

    verify(db, text, name=None) -> VerifyResult
    trust_issuer_key(db, actor, device_id, name, public_key) -> None
"""

from __future__ import annotations

from kmjudge.certificates.issue import (
    issue_certificates,
    list_certificates,
    print_log,
    reprint_certificate,
    revoke_certificate,
)
from kmjudge.certificates.layout import Layout, list_layouts, load_layout
from kmjudge.certificates.model import (
    TIER_ZH,
    TIERS,
    CertificateClaims,
    CertificateError,
    CertificatePlan,
    CertificateRecord,
    CertificateRow,
    CertificatesPdf,
    IssuedCertificate,
    LayoutInfo,
    Notice,
    PlanEntry,
    PrintLogEntry,
    SampleFields,
    VerifyResult,
    VerifyStatus,
)
from kmjudge.certificates.plan import plan_batch, preview_for_event
from kmjudge.certificates.render import PreviewEvent, calibration_pdf, preview_pdf
from kmjudge.certificates.settings import (
    CertificateSettings,
    get_settings,
    printer_offsets,
    save_issuers,
    save_layout_choice,
    save_printer_offsets,
)
from kmjudge.certificates.verify import trust_issuer_key, verify

__all__ = [
    "TIERS",
    "TIER_ZH",
    "CertificateClaims",
    "CertificateError",
    "CertificatePlan",
    "CertificateRecord",
    "CertificateRow",
    "CertificateSettings",
    "CertificatesPdf",
    "IssuedCertificate",
    "Layout",
    "LayoutInfo",
    "Notice",
    "PlanEntry",
    "PreviewEvent",
    "PrintLogEntry",
    "SampleFields",
    "VerifyResult",
    "VerifyStatus",
    "calibration_pdf",
    "get_settings",
    "issue_certificates",
    "list_certificates",
    "list_layouts",
    "load_layout",
    "plan_batch",
    "preview_for_event",
    "preview_pdf",
    "print_log",
    "printer_offsets",
    "reprint_certificate",
    "revoke_certificate",
    "save_issuers",
    "save_layout_choice",
    "save_printer_offsets",
    "trust_issuer_key",
    "verify",
]
