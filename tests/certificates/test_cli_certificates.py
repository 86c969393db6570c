"""``kmjudge certificates`` and ``kmjudge verify`` end to end through ``kmjudge.cli.main``:
one PDF for all winners, refusals with exit 1, the log, reprints, calibration, verification."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kmjudge import cli
from kmjudge.db.engine import open_database
from tests.certificates.helpers import NAMES, decode_qr, pdf_text, render_png, scored_event
from tests.conftest import make_admin


@pytest.fixture
def venue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "venue.sqlite3"
    db = open_database(path)
    try:
        scored_event(db, make_admin(db), [*NAMES[:9], "吉𠮷"])
    finally:
        db.dispose()
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    monkeypatch.setenv("KMJUDGE_USER", "chief")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else {}), err


def test_all_winners_in_one_pdf_then_the_log_and_a_reprint(
    venue: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "winners.pdf"
    code, out, _ = run(
        capsys, "certificates", "测试电工项目", "--out", str(pdf), "--db", venue, "--json"
    )
    assert (
        code == 0 and out["pages"] == 6 and out["by_tier"] == {"first": 1, "second": 2, "third": 3}
    )
    pages = pdf_text(pdf)
    for name, page in zip(NAMES[:6], pages, strict=True):
        assert name in page
    numbers = [c["number"] for c in out["certificates"]]
    code, out, _ = run(
        capsys,
        "certificates",
        "测试电工项目",
        "--reprint",
        "T0002",
        "--reason",
        "证书污损",
        "--out",
        str(tmp_path / "r.pdf"),
        "--db",
        venue,
        "--json",
    )
    assert code == 0 and out["reprinted"] == numbers[1]
    assert "补发" in pdf_text(tmp_path / "r.pdf")[0]
    code, out, _ = run(capsys, "certificates", "log", "测试电工项目", "--db", venue, "--json")
    assert [(e["count"], e["reprint"], e["reason"]) for e in out["log"]] == [
        (6, False, None),
        (1, True, "证书污损"),
    ]
    code, out, _ = run(capsys, "certificates", "list", "测试电工项目", "--db", venue, "--json")
    assert [c["number"] for c in out["certificates"]] == sorted(numbers)

    # verify: the QR read from the printed page, on the command line (no sign-in needed)
    (text,) = decode_qr(render_png(pdf, 1))
    code, out, _ = run(capsys, "verify", text, "--name", NAMES[0], "--db", venue, "--json")
    assert code == 0 and out["status"] == "valid" and out["record"]["name"] == NAMES[0]
    code, out, _ = run(
        capsys,
        "verify",
        text[:-2] + ("A" if text[-2] != "A" else "B") + text[-1],
        "--db",
        venue,
        "--json",
    )
    assert code == 1 and out["status"] in ("forged", "malformed")
    code, out, _ = run(capsys, "verify", text, "--name", "冒名", "--db", venue, "--json")
    assert code == 1 and out["status"] == "valid" and out["name_matches"] is False


def test_a_missing_glyph_refuses_with_exit_1_until_forced(
    venue: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "all.pdf"
    code, _, err = run(
        capsys,
        "certificates",
        "测试电工项目",
        "--participation",
        "--out",
        str(pdf),
        "--db",
        venue,
        "--lang",
        "zh",
    )
    assert code == 1 and "𠮷" in err and "方框" in err and not pdf.exists()
    code, out, _ = run(
        capsys,
        "certificates",
        "测试电工项目",
        "--participation",
        "--force",
        "--out",
        str(pdf),
        "--db",
        venue,
        "--json",
    )
    assert code == 0 and out["pages"] == 10


def test_tiers_dry_run_and_usage_errors(
    venue: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "certificates",
        "测试电工项目",
        "--tier",
        "一等奖,二等奖",
        "--dry-run",
        "--db",
        venue,
        "--json",
    )
    assert code == 0 and [e["award"] for e in out["entries"]] == ["一等奖", "二等奖", "二等奖"]
    assert not list(tmp_path.glob("*.pdf"))
    code, _, err = run(
        capsys, "certificates", "测试电工项目", "--tier", "特等奖", "--dry-run", "--db", venue
    )
    assert code == 1 and "tier" in err
    code, _, err = run(capsys, "certificates", "测试电工项目", "--db", venue)
    assert code == 1 and "--out" in err


def test_calibration_offsets_and_layouts(
    venue: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "certificates", "offsets", "Canon LBP2900", "1.5", "-2", "--db", venue, "--json"
    )
    assert code == 0 and out["offsets"] == {"Canon LBP2900": [1.5, -2.0]}
    cal = tmp_path / "cal.pdf"
    code, out, _ = run(
        capsys,
        "certificates",
        "calibration",
        "--out",
        str(cal),
        "--printer",
        "Canon LBP2900",
        "--db",
        venue,
        "--json",
    )
    assert code == 0 and out["offsets_mm"] == [1.5, -2.0] and "校准" in pdf_text(cal)[0]
    code, out, _ = run(capsys, "certificates", "layouts", "--json")
    assert {"landscape", "portrait", "stock-landscape"} <= {x["name"] for x in out["layouts"]}


def test_the_installed_command_runs(venue: str, tmp_path: Path) -> None:
    """The console script, as an office would call it (exit codes 0/1)."""
    exe = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "kmjudge"
    if not exe.exists():
        pytest.skip("kmjudge console script not installed in .venv")
    r = subprocess.run(
        [str(exe), "verify", "KMC1NOTATOKEN", "--db", venue], capture_output=True, text=True
    )
    assert r.returncode == 1 and "MALFORMED" in r.stdout
