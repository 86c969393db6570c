"""Verifying a certificate's QR offline, against the devices this database trusts.

``verify(db, scanned_text)``:

- ``malformed``: not a kmjudge certificate token;
- ``unknown_issuer``: well-formed, but no local or trusted device has the key id it names
  (trust the issuing laptop's key first: ``kmjudge.trust``, fingerprint confirmed by a person);
- ``forged``: a trusted device has that key id, but the signature does not verify (a changed
  byte, a made-up certificate);
- ``revoked``: genuine, but this database knows it was revoked;
- ``valid``: genuine. ``name`` (optional, as printed on the certificate) is checked against the
  token's name digest: ``name_matches``.

When this database holds the certificate (the issuing venue, or the city office after the
import), ``record`` adds the name, event, trade, award and title as recorded.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from kmjudge import device as device_mod
from kmjudge.accounts import Actor
from kmjudge.certificates import token as token_mod
from kmjudge.certificates.model import CertificateRecord, VerifyResult
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Certificate,
    Contestant,
    Device,
    Event,
    PrintLog,
    Registration,
    Trade,
)


def verify(db: Database, text: str, *, name: str | None = None) -> VerifyResult:
    """Check a scanned certificate code (see the module docstring). Never raises on bad input."""
    signed = token_mod.decode(text)
    if signed is None:
        return VerifyResult("malformed")
    claims = signed.claims
    with db.read() as s:
        devices = s.scalars(select(Device).where(Device.trusted | Device.is_local)).all()
        candidates = [d for d in devices if token_mod.key_id(bytes(d.public_key)) == claims.key_id]
        issuer = next((d for d in candidates if signed.verify(bytes(d.public_key))), None)
        if issuer is None:
            status = "forged" if candidates else "unknown_issuer"
            return VerifyResult(status, claims)  # type: ignore[arg-type]
        row = s.execute(
            select(Certificate, Contestant.name, Event.name, Trade.name, Trade.grade)
            .join(Registration, Registration.id == Certificate.registration_id)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .join(Event, Event.id == Registration.event_id)
            .join(Trade, Trade.id == Event.trade_id)
            .where(Certificate.number == claims.number)
        ).first()
        record = None
        notes: list[str] = []
        if row is not None:
            cert, person, event_name, trade, grade = row
            printed = 1 + int(
                s.scalar(
                    select(func.count()).where(
                        PrintLog.certificate_id == cert.id, PrintLog.reprint.is_(True)
                    )
                )
                or 0
            )
            record = CertificateRecord(
                number=cert.number,
                name=person,
                event_name=event_name,
                trade=trade + (f"（{grade}）" if grade else ""),
                award=cert.award,
                title=cert.title,
                issued_at=cert.issued_at,
                revoked_at=cert.revoked_at,
                printed=printed,
            )
            if cert.token and token_mod.normalize(cert.token) != signed.text:
                notes.append("本库记录的该编号证书二维码与扫描内容不同。")
    matches = None if name is None or not name.strip() else signed.name_matches(name)
    status = "revoked" if record is not None and record.revoked_at is not None else "valid"
    return VerifyResult(
        status,  # type: ignore[arg-type]
        claims,
        issuer_name=issuer.name,
        issuer_fingerprint=device_mod.fingerprint(bytes(issuer.public_key)),
        name_matches=matches,
        record=record,
        notes=tuple(notes),
    )


def trust_issuer_key(
    db: Database,
    actor: Actor,
    device_id: uuid.UUID,
    name: str,
    public_key: bytes,
    confirmed_fingerprint: str,
) -> None:
    """Trust an issuing laptop's public key on this computer so that its certificates verify
    here (a thin wrapper over ``kmjudge.trust.trust_device``: admin or city office, with the
    fingerprint read from the issuing laptop and typed in by a person; audited)."""
    from kmjudge import trust

    trust.trust_device(
        db, actor, trust.DeviceKey(device_id, name, public_key), confirmed_fingerprint
    )
