"""Why a package was refused. Every refusal leaves the database exactly as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kmjudge.errors import KmError

if TYPE_CHECKING:
    from kmjudge.sync.model import SignerInfo


class PackageRefused(KmError):
    """The package is not imported; ``code`` says why (see docs/package-format.md):

    ``not_a_package`` ``too_large`` ``bad_member`` ``bad_manifest`` ``bad_signature``
    ``schema_newer`` ``schema_older`` ``format`` ``hash_mismatch`` ``bad_data``
    ``key_mismatch`` ``untrusted_device`` ``sequence_gap`` ``sequence_fork`` ``own_package``
    ``audit_chain`` ``missing_reference`` ``unique_clash`` ``wrong_kind``.
    """

    code = "package_refused"


class UntrustedSigner(PackageRefused):
    """The signer is not trusted here. The GUI shows ``signer.fingerprint`` and asks the
    person to compare it with the exporting laptop's screen or handover slip, then calls
    ``import_package(..., confirm_fingerprint=...)``."""

    code = "untrusted_device"

    def __init__(self, message_zh: str, message_en: str, signer: SignerInfo) -> None:
        super().__init__(message_zh, message_en)
        self.signer = signer


class SequenceGap(PackageRefused):
    """Packages of this device are missing in between; ``missing`` lists their numbers."""

    code = "sequence_gap"

    def __init__(self, message_zh: str, message_en: str, missing: tuple[int, ...]) -> None:
        super().__init__(message_zh, message_en)
        self.missing = missing


def refuse(zh: str, en: str, code: str) -> PackageRefused:
    return PackageRefused(zh, en, code=code)
