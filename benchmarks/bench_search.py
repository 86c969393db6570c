"""Time search-as-you-type on the contestant list: 10,000 rows through the page's table model.

Run: ``python benchmarks/bench_search.py [--rows 10000] [--repeat 5]``. Types a few realistic
queries one keystroke at a time (a name, the last 4 ID digits, a ticket number, a query that
matches nothing, then deleting back to empty) and prints the per-keystroke time:

- ``model``: ``RegistrationTableModel.set_query`` alone (search + reset);
- ``view``: the same with a visible ``QTableView`` attached and the events processed, i.e. what
  the registrar waits for before the table is repainted.

The target is well under 50 ms per keystroke on a venue laptop. Runs offscreen (no display).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableView

from kmjudge.registration.idcard import make_id_number
from kmjudge.registration.service import RegistrationView, SearchIndex
from ui.registration.models import RegistrationTableModel

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志云龙海波宁飞鹏"
EMPLOYERS = [
    "云南电网有限责任公司昆明供电局",
    "昆明钢铁控股有限公司",
    "昆明地铁运营有限公司",
    "云南建投第一建设有限公司",
    "昆明船舶设备集团有限公司",
]


def make_rows(n: int, seed: int = 7) -> list[RegistrationView]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        gender = "M" if rng.random() < 0.8 else "F"
        birth = datetime.date(rng.randint(1970, 2003), rng.randint(1, 12), rng.randint(1, 28))
        rows.append(
            RegistrationView(
                id=uuid.uuid4(),
                ticket_no=f"26{i + 1:05d}",
                station_no=i + 1 if rng.random() < 0.5 else None,
                name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2)),
                gender=gender,
                id_number=make_id_number("530102", birth, rng.randint(0, 999), gender),
                employer=rng.choice(EMPLOYERS),
                district="官渡区",
                phone=f"139{rng.randint(10_000_000, 99_999_999)}",
                status="registered",
                source="import",
            )
        )
    return rows


def keystrokes(word: str) -> list[str]:
    """The field's text after each key: type the word, then backspace it away."""
    typed = [word[: i + 1] for i in range(len(word))]
    return typed + [word[:i] for i in range(len(word) - 1, -1, -1)]


def time_queries(
    app: QApplication, model: RegistrationTableModel, queries: list[str], with_view: bool
) -> list[float]:
    per_key: list[float] = []
    for word in queries:
        for text in keystrokes(word):
            t0 = time.perf_counter()
            model.set_query(text)
            if with_view:
                app.processEvents()
            per_key.append((time.perf_counter() - t0) * 1000)
    return per_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    rows = make_rows(args.rows)
    t0 = time.perf_counter()
    index = SearchIndex(rows)
    model = RegistrationTableModel("zh")
    model.set_rows(rows, index)
    model.sort(RegistrationTableModel.NAME)  # the page keeps a sort order: search must keep it
    load_ms = (time.perf_counter() - t0) * 1000
    target = rows[len(rows) // 3]
    queries = [target.name, target.last4, target.ticket_no, "不存在的人", "昆明地铁"]

    results: dict[str, list[float]] = {"model": [], "view": []}
    for _ in range(args.repeat):
        results["model"] += time_queries(app, model, queries, with_view=False)
    view = QTableView()
    view.setModel(model)
    view.resize(1180, 600)
    view.show()
    app.processEvents()
    for _ in range(args.repeat):
        results["view"] += time_queries(app, model, queries, with_view=True)

    print(f"rows: {len(rows):,}; index + model load: {load_ms:.1f} ms")
    print(f"queries typed key by key: {', '.join(queries)} (x{args.repeat})")
    print(f"{'':8}{'keys':>6}{'median ms':>12}{'p95 ms':>10}{'max ms':>10}")
    for name, samples in results.items():
        p95 = statistics.quantiles(samples, n=20)[18]
        print(
            f"{name:8}{len(samples):>6}{statistics.median(samples):>12.2f}"
            f"{p95:>10.2f}{max(samples):>10.2f}"
        )


if __name__ == "__main__":
    main()
