"""docs/scoring.md's worked examples, computed and checked number for number.

Every table in the document preceded by ``<!-- check:NAME -->`` is read back and compared cell
by cell with what the engine produces; a few key numbers are also asserted literally, so a
formatting slip that fooled both sides would still fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kmjudge.results.engine import compute, group_label
from kmjudge.results.model import ContestantResult, ResultSet, exact_text
from tests.results.examples import example_1, example_2, example_3

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def doc_table(name: str) -> list[dict[str, str]]:
    """The markdown table right after ``<!-- check:name -->``, as one dict per row."""
    lines = DOC.read_text("utf-8").splitlines()
    start = lines.index(f"<!-- check:{name} -->") + 1
    rows: list[list[str]] = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    header, sep, *body = rows
    assert all(re.fullmatch(r"-+", c) for c in sep)
    assert body, f"table {name} is empty"
    return [dict(zip(header, r, strict=True)) for r in body]


def _num(v: object) -> str:
    return "" if v is None else str(v)


def _values(vals: tuple[object, ...]) -> str:
    return " ".join(format(v, "f") for v in sorted(vals))  # type: ignore[type-var]


def board_cells(res: ResultSet, r: ContestantResult) -> dict[str, str]:
    ranked = r.state == "ranked"
    return {
        "组别": group_label(r.group, res.rules),
        "工位": str(r.station),
        "理论": _num(r.theory),
        "实操": _num(r.practical),
        "总成绩（未舍入）": exact_text(r.score.total) if r.score.total is not None else "",
        "总成绩": _num(r.total),
        "名次": str(r.rank) if ranked else r.state_zh,
        "奖项": r.award_zh,
        "称号": r.title,
        "晋升资格": "是" if r.upgrade else "",
        "标准分": _num(r.standardised),
    }


def check(table: list[dict[str, str]], computed: list[dict[str, str]]) -> None:
    assert len(table) == len(computed), "the document lists a different number of rows"
    for doc_row, got in zip(table, computed, strict=True):
        for column, text in doc_row.items():
            assert got[column] == text, f"{column}: document says {text!r}, engine {got[column]!r}"


def test_example_1_aspects_match_the_document() -> None:
    """Each panel rule (mean, median, trim1, trim2) and both deductions, as documented."""
    res = compute(example_1())
    aspects = res.rows[0].score.aspects
    computed = [
        {
            "评分项": a.aspect.code,
            "评分方式": a.rule,
            "计入的分": _values(a.used),
            "去掉的分": _values(a.dropped),
            "合议值": exact_text(a.aggregate) if a.aggregate is not None else "",
            "得分": exact_text(a.mark),
        }
        for a in aspects
    ]
    check(doc_table("ex1-aspects"), computed)
    from fractions import Fraction

    assert aspects[2].mark == Fraction(175, 9) and aspects[3].mark == Fraction(200, 9)


@pytest.mark.parametrize("weight", [30, 20])
def test_example_1_totals_match_the_document(weight: int) -> None:
    """Practical and total with 30/70 and 20/80 weights, unrounded and reported."""
    r = compute(example_1(weight)).rows[0]
    row = next(t for t in doc_table("ex1-totals") if t["权重"] == f"{weight}/{100 - weight}")
    assert r.score.practical is not None and r.score.total is not None
    got = {
        "权重": row["权重"],
        "实操（未舍入）": exact_text(r.score.practical),
        "实操": str(r.practical),
        "总成绩（未舍入）": exact_text(r.score.total),
        "总成绩": str(r.total),
    }
    check([row], [got])
    assert str(r.total) == {30: "78.89", 20: "78.51"}[weight]


def test_example_2_board_matches_the_document() -> None:
    """Rounding that does not tie, tie-breaks by practical and time, a shared rank, awards."""
    res = compute(example_2())
    check(doc_table("ex2-board"), [board_cells(res, r) for r in res.rows])
    ranks = {r.station: r.rank for r in res.rows}
    assert ranks[1] == 1 and ranks[2] == 2 and ranks[7] == ranks[8] == 7 and ranks[9] == 9
    assert res.by_station(1).total == res.by_station(2).total  # both 88.01, still ordered


def test_example_3_groups_and_board_match_the_document() -> None:
    """Age groups, award tiers that grow by boundary ties, 优胜奖, titles, standardised scores."""
    res = compute(example_3())
    computed_groups = [
        {
            "组别": g.label,
            "排名人数": str(g.ranked),
            "一等奖名额": str(g.places[0]),
            "一二等奖名额": str(g.places[1]),
            "一二三等奖名额": str(g.places[2]),
            "一等奖": str(g.awarded["first"]),
            "二等奖": str(g.awarded["second"]),
            "三等奖": str(g.awarded["third"]),
            "优胜奖": str(g.awarded["merit"]),
        }
        for g in res.groups
    ]
    check(doc_table("ex3-groups"), computed_groups)
    check(doc_table("ex3-board"), [board_cells(res, r) for r in res.rows])
    assert str(res.by_station(21).standardised) == "607.08"


def test_every_check_table_is_used() -> None:
    """The document's check tables are exactly the ones verified here and in
    test_demo_results.py (none forgotten)."""
    names = set(re.findall(r"<!-- check:([\w-]+) -->", DOC.read_text("utf-8")))
    assert names == {"ex1-aspects", "ex1-totals", "ex2-board", "ex3-groups", "ex3-board"} | {
        # example 4, the demo's finished event: tests/results/test_demo_results.py
        "demo-aspects",
        "demo-totals",
        "demo-groups",
        "demo-board",
    }
