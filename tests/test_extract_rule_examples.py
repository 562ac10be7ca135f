"""The rule set kept honest: the invented examples of kg/data/rules.yaml are invented, not wording lifted
from the real articles rules are tuned on (bench/real/tune, and ../shared/eval/dev when it is there), and
every condition the trigger lexicon puts on a word is about a word the lexicon makes a trigger.

A rule whose only examples are the sentence it was written for says nothing about whether it generalises;
the charter asks for examples in other words. The never-tuned split bench/real/test is not read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from kg.extract.lexicon import load_lexicon
from kg.extract.rules import load_rules

RUN = 6
"""Words in a row an example may not share with a real article (5 catches stock phrases such as "has
claimed responsibility for the", which any text about attacks uses)."""
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def real_articles() -> list[Path]:
    dev = ROOT.parent / "shared" / "eval" / "dev" / "articles"
    found = sorted((ROOT / "bench" / "real" / "tune" / "articles").glob("*"))
    return found + (sorted(dev.glob("*")) if dev.is_dir() else [])


def _text(example: str | dict[str, str]) -> str:
    return example if isinstance(example, str) else f"{example['title']}\n{example['text']}"


def test_runs_are_counted_over_words_not_characters() -> None:
    assert runs("Gunmen attacked a bank, in Tala, on Monday.", 6) == {
        ("gunmen", "attacked", "a", "bank", "in", "tala"),
        ("attacked", "a", "bank", "in", "tala", "on"),
        ("a", "bank", "in", "tala", "on", "monday"),
    }


def test_no_rule_example_repeats_a_real_article() -> None:
    articles = real_articles()
    if not articles:
        pytest.skip("no real tuning articles in this checkout")
    seen: dict[tuple[str, ...], str] = {}
    for path in articles:
        for run in runs(path.read_text(encoding="utf-8")):
            seen.setdefault(run, path.stem)
    copied = [
        f"{rule.id} ({' '.join(run)!r} is in {seen[run]})"
        for rule in load_rules().values()
        for example in (*rule.fires, *rule.silent)
        for run in sorted(runs(_text(example)))
        if run in seen
    ]
    assert not copied, "rule examples with wording of a real article: " + "; ".join(copied)


def test_every_trigger_condition_is_about_a_trigger_word() -> None:
    """A ``needs`` entry for a word that is no trigger of its type (nor the first word of one of its
    phrases) is dead data: it conditions nothing. So is a ``lemma_roles`` entry for a word that no
    trigger of the type is read from."""
    triggers = yaml.safe_load((ROOT / "kg" / "data" / "triggers.yaml").read_text(encoding="utf-8"))
    roles = load_lexicon().roles
    # trigger.reported_deed and trigger.characterized_deed make Accuse of these verbs
    deeds = set(load_lexicon().cue("blamed_deeds")) | set(load_lexicon().cue("characterizing_verbs"))
    dead = []
    for kind, entry in triggers.items():
        phrases = [p for p in entry.get("phrases") or []]
        words = {*entry.get("VERB", {}), *entry.get("NOUN", {})}
        heads = {p[1] if p[0] == "not" else p[0] for p in phrases if isinstance(p[0], str)}
        dead += [f"{kind}.needs.{w}" for w in entry.get("needs", {}) if w not in words | heads]
        inside = {w for p in phrases for w in p if isinstance(w, str)}
        extra = deeds if kind == "Accuse" else set()
        dead += [
            f"lemma_roles.{kind}.{w}"
            for w in roles["lemma_roles"].get(kind, {})
            if w not in words | inside | extra
        ]
    assert not dead, "conditions on words that are no trigger: " + ", ".join(dead)
