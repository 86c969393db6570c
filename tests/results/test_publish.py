"""Published outputs read back: PDF text with pypdf, the workbook with openpyxl."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest

from kmjudge.db.engine import Database
from kmjudge.results import publish, release
from kmjudge.results.release import ResultsView
from tests.conftest import make_admin
from tests.results.helpers import ScoredEvent, marks


def pdf_text(path: Path) -> tuple[str, int]:
    reader = pypdf.PdfReader(path)
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def embedded_fonts(path: Path) -> set[str]:
    """Names of the fonts whose program is embedded in the file (FontFile2 = TrueType)."""
    out: set[str] = set()
    for page in pypdf.PdfReader(path).pages:
        fonts = page["/Resources"]["/Font"]  # type: ignore[index]
        for ref in fonts.values():  # type: ignore[union-attr]
            font = ref.get_object()
            for desc in [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]:
                if desc is not None and "/FontFile2" in desc.get_object():
                    out.add(str(font["/BaseFont"]))
    return out


@pytest.fixture
def released(db: Database) -> tuple[ScoredEvent, ResultsView]:
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(1, name="张三", marks=marks(38, [3, 2, 2, 1, 3], 27, 1), theory="84.5")
    ev.add(2, name="李四", marks=marks("35.5", [2, 2, 2, 2, 2], 30), theory=90)
    ev.add(3, name="王五", marks=marks(20, [1, 1, 1, 1, 1], 15), theory=70)
    ev.add(4, name="赵六", status="absent")
    ev.lock()
    chief = ev.login("chief")
    release.release(db, chief, ev.event_id)
    return ev, release.view_results(db, chief, ev.event_id)


def test_board_pdf_has_names_totals_awards_headers_and_the_notice(
    released: tuple[ScoredEvent, ResultsView], tmp_path: Path
) -> None:
    """成绩公示表: every name and reported total, the awards and title, event name in the page
    header, 第 1 页 共 1 页, the 公示期 note, and the CJK font embedded."""
    _, view = released
    path = publish.board_pdf(view, tmp_path / "board.pdf")
    text, pages = pdf_text(path)
    for needle in (
        "成绩公示表",
        "李四",
        "86.85",
        "张三",
        "83.68",
        "王五",
        "52.50",
        "一等奖",
        "技术状元",
        "二等奖",
        "赵六",
        "缺考",
        "公示期",
        "测试电工项目",
        f"第 1 页 共 {pages} 页",
        "昆明钢铁控股有限公司",
    ):
        assert needle in text, needle
    assert "未锁定" not in text
    assert any("WenQuanYiMicroHei" in f for f in embedded_fonts(path))


def test_provisional_board_pdf_shows_stations_not_names_and_says_so(
    db: Database, tmp_path: Path
) -> None:
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(7, name="张三", marks=marks(38, [3] * 5, 27), theory=80)
    view = release.view_results(db, ev.login("chief"), ev.event_id)
    text, _ = pdf_text(publish.board_pdf(view, tmp_path / "check.pdf"))
    assert "临时成绩（未锁定）" in text and "不得公示" in text
    assert "张三" not in text and "昆明钢铁" not in text and "（未揭晓）" in text


def test_long_board_paginates_with_page_numbers(db: Database, tmp_path: Path) -> None:
    """80 contestants: several pages, each with 第 n 页 共 N 页 and the header row repeated."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    for i in range(1, 81):
        ev.add(i, marks=marks(20 + i % 20, [i % 4] * 5, 10 + i % 20), theory=50 + i % 50)
    ev.lock()
    view = release.view_results(db, ev.login("chief"), ev.event_id)
    reader = pypdf.PdfReader(publish.board_pdf(view, tmp_path / "long.pdf"))
    n = len(reader.pages)
    assert n >= 2
    for k, page in enumerate(reader.pages, 1):
        t = page.extract_text()
        assert f"第 {k} 页 共 {n} 页" in t and "工作单位" in t and "成绩已锁定，尚未公布" in t


def test_xlsx_reads_back_with_the_same_numbers(
    released: tuple[ScoredEvent, ResultsView], tmp_path: Path
) -> None:
    """Every row's rank, name, theory, practical, total and award equal the results."""
    _, view = released
    wb = openpyxl.load_workbook(publish.board_xlsx(view, tmp_path / "board.xlsx"))
    ws = wb["成绩公示表"]
    header = [c.value for c in ws[3]]
    assert header[:9] == [
        "组别",
        "名次",
        "工位号",
        "姓名",
        "工作单位",
        "理论",
        "实操",
        "总成绩",
        "奖项",
    ]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[2] is not None]
    assert len(rows) == len(view.results.rows)

    def dec(v: object) -> Decimal | None:
        return None if v is None else Decimal(repr(v)).quantize(Decimal("0.01"))

    for row, r in zip(rows, view.results.rows, strict=True):
        ident = view.identity(r.key)
        assert ident is not None
        assert row[2] == r.station and row[3] == ident.name
        if r.state == "ranked":
            assert row[1] == r.rank
            assert (dec(row[5]), dec(row[6]), dec(row[7])) == (r.theory, r.practical, r.total)
            assert (row[8] or "") == r.award_zh
        else:
            assert row[1] == r.state_zh and row[7] is None
    assert ws.cell(4, 8).number_format == "0.00"
    wins = [r for r in wb["获奖名单"].iter_rows(min_row=2, values_only=True)]
    assert [(w[1], w[4]) for w in wins] == [("一等奖", "李四"), ("二等奖", "张三")]


def test_winners_pdf_lists_each_tier(
    released: tuple[ScoredEvent, ResultsView], tmp_path: Path
) -> None:
    _, view = released
    text, _ = pdf_text(publish.winners_pdf(view, tmp_path / "w.pdf"))
    assert "获奖名单" in text and "一等奖（1 名）" in text and "二等奖（1 名）" in text
    assert text.index("李四") < text.index("张三")
    assert "王五" not in text.split("符合晋升")[0]  # no award for the third of three
    assert "符合晋升职业资格等级条件的选手" in text


def test_transcripts_show_the_breakdown_and_how_it_adds_up(
    released: tuple[ScoredEvent, ResultsView], tmp_path: Path
) -> None:
    """One page per contestant; 张三's page lists each aspect, the dropped J1 marks in brackets,
    the deduction, and the total's formula with the unrounded practical 83.333333…"""
    _, view = released
    reader = pypdf.PdfReader(publish.transcripts_pdf(view, tmp_path / "t.pdf"))
    assert len(reader.pages) == 4
    page = next(p.extract_text() for p in reader.pages if "张三" in p.extract_text())
    for needle in (
        "成绩单",
        "M1",
        "J1",
        "M2",
        "D1",
        "(1) 2 2 3 (3)",
        "去掉最高最低",
        "-5.00",
        "实操成绩 83.33",
        "83.333333…",
        "84.50 × 30%",
        "83.683333… ≈ 83.68",
        "名次：全部第 2 名",
        "二等奖",
    ):
        assert needle in page, needle


def test_signoff_sheet_shows_the_audit_head_and_signature_lines(
    released: tuple[ScoredEvent, ResultsView], tmp_path: Path
) -> None:
    ev, view = released
    info = release.signoff_info(ev.db, ev.event_id)
    text, _ = pdf_text(publish.signoff_pdf(view, tmp_path / "s.pdf", info))
    assert info.audit_head in text.replace("\n", "")
    assert release.results_digest(view.results) in text.replace("\n", "")
    for needle in ("裁判签字表", "签字", "日期", "JUDGE1", "JUDGE5", "裁判长甲", "裁判长"):
        assert needle in text, needle
