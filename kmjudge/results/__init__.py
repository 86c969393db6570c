"""Results (成绩): computation, release rules and publication. See ``docs/scoring.md``.

- ``model``: plain input/output dataclasses (Decimal in, exact fractions inside, Decimal out)
- ``engine``: the pure computation (panels, totals, ranking, awards, standardised scores)
- ``load``: an event's inputs read from the database
- ``release``: who may see which results when, and releasing them
- ``publish``: 成绩公示表 PDF/xlsx, 获奖名单, 成绩单, 裁判签字表
"""
