"""Regenerate the derived example files in resources/examples/ from scheme-electrician.toml.

    .venv/bin/python scripts/make_examples.py

scheme-electrician.toml is the hand-written source; this writes the same scheme as
scheme-electrician.json and scheme-electrician.xlsx, and the blank scheme-template.xlsx.
tests/test_scheme.py checks that all three formats load to equal schemes.
"""

from __future__ import annotations

import json
from pathlib import Path

from kmjudge.scheme import load_scheme, write_scheme_xlsx

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def main() -> None:
    spec = load_scheme(EXAMPLES / "scheme-electrician.toml")
    text = json.dumps(spec.to_dict(), ensure_ascii=False, indent=2) + "\n"
    (EXAMPLES / "scheme-electrician.json").write_text(text, encoding="utf-8")
    write_scheme_xlsx(spec, EXAMPLES / "scheme-electrician.xlsx")
    write_scheme_xlsx(None, EXAMPLES / "scheme-template.xlsx")
    for name in ("scheme-electrician.json", "scheme-electrician.xlsx"):
        assert load_scheme(EXAMPLES / name) == spec, name
    print(f"wrote {EXAMPLES}: json, xlsx, template ({spec.total_max} marks)")


if __name__ == "__main__":
    main()
