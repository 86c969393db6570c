"""`db check`: is this database healthy? Answers in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from kmjudge import audit
from kmjudge.db import migrate
from kmjudge.db.engine import Database

_PLAIN = [
    ("database disk image is malformed", "数据库文件已损坏", "the file is damaged"),
    (
        "wrong # of entries in index",
        "索引与数据不一致（索引损坏）",
        "an index does not match its table",
    ),
    ("row", "数据行缺失或重复", "rows are missing or duplicated"),
    ("Page", "数据页损坏", "storage pages are damaged"),
    ("never used", "文件中有未使用的空间（通常无害）", "unused pages (usually harmless)"),
]


def _plain(line: str) -> tuple[str, str]:
    for needle, zh, en in _PLAIN:
        if needle.lower() in line.lower():
            return f"{zh}（{line}）", f"{en} ({line})"
    return line, line


@dataclass
class CheckReport:
    ok: bool = True
    lines_zh: list[str] = field(default_factory=list)
    lines_en: list[str] = field(default_factory=list)

    def add(self, ok: bool, zh: str, en: str) -> None:
        self.ok = self.ok and ok
        mark = "✔" if ok else "✘"
        self.lines_zh.append(f"{mark} {zh}")
        self.lines_en.append(f"{mark} {en}")


def check_database(db: Database) -> CheckReport:
    """integrity_check, foreign keys, schema revision and the audit chain."""
    report = CheckReport()
    if db.is_sqlite:
        with db.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check(50)"))]
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
        if rows == ["ok"]:
            report.add(
                True,
                "数据库文件完整（integrity_check 通过）。",
                "The database file is intact (integrity_check ok).",
            )
        else:
            for line in rows:
                zh, en = _plain(line)
                report.add(False, zh, en)
        if fk:
            tables = sorted({str(r[0]) for r in fk})
            report.add(
                False,
                f"{len(fk)} 条记录引用了不存在的数据（表：{'、'.join(tables)}）。",
                f"{len(fk)} rows refer to missing rows (tables: {', '.join(tables)}).",
            )
        else:
            report.add(True, "数据之间的引用完整。", "References between rows are consistent.")
    state = migrate.state(db.engine)
    if state.current == state.head:
        report.add(
            True,
            f"数据库结构为最新版本（{state.head}）。",
            f"The schema is current (revision {state.head}).",
        )
    else:
        report.add(
            False,
            f"数据库结构版本为 {state.current}，应为 {state.head}：请运行升级。",
            f"Schema revision {state.current}, expected {state.head}: run db upgrade.",
        )
    chain = audit.verify(db)
    if chain.ok:
        report.add(
            True,
            f"审计链完整（{chain.entries} 条记录，{chain.devices} 台设备）。",
            f"The audit chain verifies ({chain.entries} entries, {chain.devices} devices).",
        )
    else:
        for p in chain.problems:
            report.add(False, p.message_zh, p.message_en)
    records = audit.verify_records(db)
    if records:
        for p in records:
            report.add(False, p.message_zh, p.message_en)
    else:
        report.add(
            True,
            "评分、检录、理论成绩、选手状态与工位、锁定状态和审计链一致。",
            "Marks, check-ins, theory scores, registrations and locks agree with the audit chain.",
        )
    return report
