"""The certificates screens: 证书打印 (batch, preview, printing, calibration, reprints, print
log) and 证书查验 (verify a certificate's QR offline). The rules live in
``kmjudge.certificates``; see docs/certificates.md, "Screens"."""
