"""The data that drives extraction, read once from the YAML files under ``kg/data/``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from kg.datafiles import parse_yaml
from kg.errors import LexiconError
from kg.extract.schema import validate
from kg.model import EVENT_TYPES


@dataclass(frozen=True, eq=False)
class Lexicon:
    triggers: dict[str, dict[str, Any]]
    roles: dict[str, Any]
    cues: dict[str, Any]
    numbers: dict[str, Any]
    aliases: dict[str, Any]
    dates: dict[str, Any]
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, init=False, repr=False)
    _cue_sets: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    def trigger_lemmas(self, pos: str) -> dict[str, tuple[str, float]]:
        """lemma -> (event type, strength) for one coarse part of speech (VERB or NOUN)."""
        if ("triggers", pos) in self._memo:
            return self._memo[("triggers", pos)]
        table: dict[str, tuple[str, float]] = {}
        for event_type in EVENT_TYPES:
            for lemma, weight in self.triggers[event_type].get(pos, {}).items():
                table.setdefault(lemma, (event_type, float(weight)))
        self._memo[("triggers", pos)] = table
        return table

    def trigger_options(self, pos: str) -> dict[str, tuple[tuple[str, float], ...]]:
        """lemma -> every (event type, strength) it may trigger, in the order of the event types."""
        if ("options", pos) in self._memo:
            return self._memo[("options", pos)]
        table: dict[str, tuple[tuple[str, float], ...]] = {}
        for event_type in EVENT_TYPES:
            for lemma, weight in self.triggers[event_type].get(pos, {}).items():
                table[lemma] = (*table.get(lemma, ()), (event_type, float(weight)))
        self._memo[("options", pos)] = table
        return table

    def needs(self, event_type: str, lemma: str) -> list[dict[str, Any]]:
        """The alternative conditions on a trigger lemma (any one suffices); empty when it has none."""
        found = self.triggers[event_type].get("needs", {}).get(lemma, {})
        return found if isinstance(found, list) else [found] if found else []

    def role_deps(self, event_type: str, pos: str, role: str) -> list[str]:
        specific = self.roles["types"].get(event_type, {}).get(pos, {})
        return specific.get(role, self.roles["default"][pos][role])

    def cue_tuple(self, name: str) -> tuple[str, ...]:
        """A cue list in its file's order (for lists whose order matters, such as suffixes to try)."""
        if ("tuple", name) not in self._memo:
            self._memo[("tuple", name)] = tuple(self.cues[name])
        return self._memo[("tuple", name)]

    def cue(self, name: str) -> frozenset[str]:
        found = self._cue_sets.get(name)  # asked over a thousand times an article: one lookup
        if found is None:
            found = self._cue_sets[name] = frozenset(self.cues[name])
        return found

    def table(self, name: str, make: Callable[[Lexicon], Any]) -> Any:
        """The table ``make`` draws from this lexicon's data (an inverse of a cue...), made once."""
        key = ("table", name)
        if key not in self._memo:
            self._memo[key] = make(self)
        return self._memo[key]


def forms(token: Token) -> tuple[str, ...]:
    """The lemma, then the word and its stems: the small model's lemmatizer slips ("staged" → "stag")."""
    key = (token.lemma, token.lower)  # the strings' hashes: no Python string is made for a word seen before
    found = _FORMS_OF.get(key)
    if found is None:
        if len(_FORMS_OF) >= _FORMS_KEPT:
            _FORMS_OF.clear()
        found = _FORMS_OF[key] = _forms(token.lemma_, token.lower_)
    return found


_FORMS_KEPT = 1 << 16
_FORMS_OF: dict[tuple[int, int], tuple[str, ...]] = {}
""":func:`forms` by the hashes of the token's lemma and lower-case word (asked about 800 times an article,
for a few hundred distinct words); emptied when it reaches :data:`_FORMS_KEPT` words, so it stays bounded."""


def word_forms(word: str) -> tuple[str, ...]:
    """:func:`forms` of a word read without a parse (a surface form's word): its lower case, its stems."""
    lowered = word.lower()
    return _forms(lowered, lowered)


@functools.lru_cache(maxsize=1 << 16)
def _forms(lemma: str, word: str) -> tuple[str, ...]:
    """:func:`forms` of a lemma and a word: asked for the same words over and over, so remembered."""
    found = [lemma.lower(), word]
    if word.endswith("men") and len(word) > 4:
        found.append(word[:-3] + "man")  # "gunmen", "Tribesmen" read unlemmatised: gunman, tribesman
    for suffix in load_lexicon().cue_tuple("stem_suffixes"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
    return tuple(dict.fromkeys(found))


def first_in(token: Token, table: dict[str, Any] | frozenset[str] | set[str]) -> str | None:
    """The first of the token's forms that is a key of ``table``."""
    for form in forms(token):  # a loop, not next(generator): asked about 800 times an article
        if form in table:
            return form
    return None


def _read(name: str) -> dict[str, Any]:
    """One data file, parsed and checked against its schema (:mod:`kg.extract.schema`)."""
    path = resources.files("kg.data").joinpath(name)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"extraction data file kg/data/{name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"extraction data file kg/data/{name} is not a mapping")
    return validate(name, data)


@functools.cache
def load_lexicon() -> Lexicon:
    """Every extraction data file, read and validated once per process: a broken file fails here."""
    files = ("triggers", "roles", "cues", "numbers", "aliases", "dates")
    return Lexicon(*(_read(f"{name}.yaml") for name in files))
