"""The rule set kept honest: the invented examples of kg/data/rules.yaml and the sentences of the
extraction tests are invented, not wording lifted from the real articles rules are tuned on
(bench/real/tune, and ../shared/eval/dev when it is there), not even with one word swapped; and every
condition the trigger lexicon puts on a word is about a word the lexicon makes a trigger.

A rule whose only examples are the sentence it was written for says nothing about whether it generalises;
the charter asks for examples in other words. The never-tuned split bench/real/test is not read."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from kg.extract.lexicon import load_lexicon
from kg.extract.rules import load_rules

RUN = 6
"""Words in a row an example may not share with a real article (5 catches stock phrases such as "has
claimed responsibility for the", which any text about attacks uses)."""
SWAP = 8
"""Words in a row an example may not share with a real article but for one word inside the run: an
article's sentence with a name, a number or a verb swapped is still that sentence."""
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
TESTS = ROOT / "tests"
OWN_ARTICLES = {"test_extract_seed.py"}
"""Test files whose subject is a real article of the project (the seed article), not invented text."""


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def swaps(text: str, n: int = SWAP) -> set[tuple[str, ...]]:
    """Each ``n``-word run of ``text`` once per word inside it, that word replaced by ``*``."""
    return {run[:i] + ("*",) + run[i + 1 :] for run in runs(text, n) for i in range(1, n - 1)}


def real_articles() -> list[Path]:
    dev = ROOT.parent / "shared" / "eval" / "dev" / "articles"
    found = sorted((ROOT / "bench" / "real" / "tune" / "articles").glob("*"))
    return found + (sorted(dev.glob("*")) if dev.is_dir() else [])


def _text(example: str | dict[str, str]) -> str:
    return example if isinstance(example, str) else f"{example['title']}\n{example['text']}"


@cache
def real_wording() -> dict[tuple[str, ...], str]:
    """Every run and every one-word-swapped run of the real articles, mapped to the first article with it."""
    seen: dict[tuple[str, ...], str] = {}
    for path in real_articles():
        text = path.read_text(encoding="utf-8")
        for run in (*runs(text), *swaps(text)):
            seen.setdefault(run, path.stem)
    return seen


def copied(text: str) -> list[str]:
    """The first run of ``text`` a real article has too (one word may differ), with that article."""
    seen = real_wording()
    found = [run for run in (*sorted(runs(text)), *sorted(swaps(text))) if run in seen]
    return [f"{' '.join(run)!r} is in {seen[run]}" for run in found[:1]]


def strings_of(path: Path) -> Iterator[tuple[int, str]]:
    """The strings of a test module (sentences, texts, docstrings) with the line each starts on."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_runs_are_counted_over_words_not_characters() -> None:
    assert runs("Gunmen attacked a bank, in Tala, on Monday.", 6) == {
        ("gunmen", "attacked", "a", "bank", "in", "tala"),
        ("attacked", "a", "bank", "in", "tala", "on"),
        ("a", "bank", "in", "tala", "on", "monday"),
    }


def test_a_run_with_one_word_swapped_is_the_same_wording() -> None:
    article = "Masked gunmen shot dead four guards at the plant."
    swapped = "Masked gunmen shot dead nine guards at the plant."
    assert swaps(article) & swaps(swapped)
    assert not runs(article) & runs(swapped)
    other = "Masked gunmen shot dead nine porters near the plant."
    assert not swaps(article) & swaps(other)


def test_no_rule_example_repeats_a_real_article() -> None:
    if not real_articles():
        pytest.skip("no real tuning articles in this checkout")
    found = [
        f"{rule.id} ({run})"
        for rule in load_rules().values()
        for example in (*rule.fires, *rule.silent)
        for run in copied(_text(example))
    ]
    assert not found, "rule examples with wording of a real article: " + "; ".join(found)


def test_no_extraction_test_sentence_repeats_a_real_article() -> None:
    if not real_articles():
        pytest.skip("no real tuning articles in this checkout")
    found = [
        f"{path.name}:{line} {text[:80]!r} ({run})"
        for path in sorted(TESTS.glob("test_extract_*.py"))
        if path.name not in OWN_ARTICLES
        for line, text in strings_of(path)
        for run in copied(text)
    ]
    assert not found, "extraction test sentences with wording of a real article: " + "; ".join(found)


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
        extra = deeds if kind == "Accuse" else {"be"} if kind == "Deny" else set()  # trigger.disowned_part
        dead += [
            f"lemma_roles.{kind}.{w}"
            for w in roles["lemma_roles"].get(kind, {})
            if w not in words | inside | extra
        ]
    assert not dead, "conditions on words that are no trigger: " + ", ".join(dead)
