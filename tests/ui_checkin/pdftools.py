"""Reading the QR codes of a PDF back, as a scanner would: rasterised with pdftoppm,
decoded with zxing-cpp."""

from __future__ import annotations

import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def qr_texts(pdf: Path, folder: Path, dpi: int = 150) -> list[str]:
    prefix = folder / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True)
    texts = []
    for page in sorted(folder.glob(f"{prefix.name}-*.pgm")):
        found = zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.QRCode)
        texts.extend(r.text for r in found)
    return texts
