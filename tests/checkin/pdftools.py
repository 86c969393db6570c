"""Reading PDFs back the way a person (or a scanner) would: rasterised pages, decoded QR codes,
extracted text, the fonts and form XObjects inside."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject

DPI = 150


@dataclass(frozen=True)
class Found:
    page: int
    text: str
    width_mm: float


def rasterise(pdf: Path, folder: Path, dpi: int = DPI) -> list[Image.Image]:
    prefix = folder / f"{pdf.stem}-r"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True, timeout=300
    )
    return [Image.open(p) for p in sorted(folder.glob(f"{prefix.name}-*.pgm"))]


def decode_qr(pdf: Path, folder: Path, dpi: int = DPI) -> list[Found]:
    out = []
    for n, image in enumerate(rasterise(pdf, folder, dpi), start=1):
        for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            p = r.position
            width_px = max(p.top_right.x, p.bottom_right.x) - min(p.top_left.x, p.bottom_left.x)
            out.append(Found(n, r.text, width_px / dpi * 25.4))
    return out


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def all_fonts(pdf: Path) -> list[Any]:
    """Every font dictionary on every page, including inside form XObjects."""
    fonts: dict[int, Any] = {}

    def walk(resources: Any, seen: set[int]) -> None:
        resources = _resolve(resources)
        if not resources:
            return
        for ref in _resolve(resources.get("/Font", {})).values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            fonts[key] = _resolve(ref)
        for ref in _resolve(resources.get("/XObject", {})).values():
            xo = _resolve(ref)
            key = ref.idnum if isinstance(ref, IndirectObject) else id(xo)
            if xo.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                walk(xo.get("/Resources"), seen)

    for page in PdfReader(pdf).pages:
        walk(page.get("/Resources"), set())
    return list(fonts.values())


def forms_per_page(pdf: Path) -> list[set[int]]:
    """The object numbers of the form XObjects each page uses."""
    out = []
    for page in PdfReader(pdf).pages:
        xobjects = _resolve(_resolve(page["/Resources"]).get("/XObject", {}))
        out.append(
            {
                ref.idnum
                for ref in xobjects.values()
                if isinstance(ref, IndirectObject) and _resolve(ref).get("/Subtype") == "/Form"
            }
        )
    return out


def images_on(pdf: Path) -> int:
    n = 0
    for page in PdfReader(pdf).pages:
        xobjects = _resolve(_resolve(page["/Resources"]).get("/XObject", {}))
        n += sum(1 for ref in xobjects.values() if _resolve(ref).get("/Subtype") == "/Image")
    return n
