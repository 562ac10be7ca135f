"""bench/quality.py's per-rule reach table: incidents read from the sources tables (tune rows only) and
the articles, incidents and newest articles each rule was seen on."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402

HEADER = "id\tsplit\toutlet\turl\tpublished\tcountry\tincidents\tnotes\n"


def test_incidents_are_read_from_tune_rows_only(tmp_path):
    (tmp_path / "sources-x.tsv").write_text(
        HEADER
        + "x01\ttune\tO\tu\t2020-01-01\tC\tinc-a; inc-b\t\n"
        + "x02\ttest\tO\tu\t2020-01-01\tC\tinc-c\t\n",
        encoding="utf-8",
    )
    assert quality.incidents(tmp_path) == {"x01": frozenset({"inc-a", "inc-b"})}


def test_reach_counts_articles_incidents_and_new_articles(monkeypatch):
    monkeypatch.setattr(
        quality, "incidents", lambda: {"a1": frozenset({"i1"}), "a2": frozenset({"i1"}), "e1": {"i2"}}
    )
    seen = {
        "tune": {"a1": {"agent.subject"}, "a2": {"agent.subject"}, "e1": {"agent.subject", "time.attached"}},
        "dev": {"d1": {"time.attached"}},
    }
    table = quality.reach(seen, "e")
    assert table["agent.subject"] == {"tune": 3, "dev": 0, "incidents": 2, "new": 1}
    assert table["time.attached"] == {"tune": 1, "dev": 1, "incidents": 1, "new": 1}
    never = table["agent.passive_by"]  # a rule of rules.yaml seen nowhere is listed with zeros
    assert never == {"tune": 0, "dev": 0, "incidents": 0, "new": 0}
