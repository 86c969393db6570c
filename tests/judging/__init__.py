"""Tests of the judging core (kmjudge.judging, kmjudge.judges)."""
