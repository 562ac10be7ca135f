"""Two of the model's rule components, run with their results remembered: the same annotations, less CPU.

The small English pipeline's ``attribute_ruler`` (coarse tags and morphology from the fine tags, plus
word exceptions) runs a :class:`~spacy.matcher.Matcher` of 179 patterns over every token, and its
``lemmatizer`` (rules) walks every token in Python; together about a quarter of the pipeline's CPU on
real news (bench/build_profile.py). What each decides for a token follows from a few of the token's
attributes, so :func:`replace_rule_components` puts in their place components that work it out once per
distinct key and give every token the same attributes the originals would:

- :class:`RememberedAttributes`: a one-token pattern tests only ``TAG``, ``LOWER``, ``DEP`` and
  ``IS_SPACE``; the patterns matching a token are found once per (tag, word if some pattern names it, dep,
  is-space) and their attributes merged in the ruler's order (a later pattern wins, as
  ``AttributeRuler.set_annotations`` applies them sorted). Patterns over several tokens, with regular
  expressions or other attributes, still go through a :class:`~spacy.matcher.Matcher` of their own, and
  a token they match gets its attributes merged in the same order.
- :class:`RememberedLemmas`: the rule lemmatizer's answer depends on the word, its coarse tag and its
  morphology (its own cache key); it is worked out once per key and the lemmas are set in one array write.
  A key not seen yet goes through :class:`RuleLemmas`, spaCy's ``rule_lemmatize`` over the same tables
  held as Python sets and dicts: spaCy keeps each part of speech's word index as a list and tests every
  candidate form against it by a scan (57,528 nouns), about 80 µs per new key, a twentieth of a build.

Each keeps the original component and asks it what it has not seen (tests/test_extract_annotators.py checks
the token attributes against the stock pipeline's).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

try:  # spaCy's own setter of a pattern's attributes (what AttributeRuler calls), not a public name
    from spacy.tokens._retokenize import set_token_attrs
except ImportError:  # another spaCy: its stock attribute ruler stays (replace_rule_components)
    set_token_attrs = None

_ONE_TOKEN_ATTRS = frozenset(("TAG", "LOWER", "DEP", "IS_SPACE"))

Tests = tuple[tuple[str, frozenset, bool], ...]
"""(attribute, values, inside): the token's attribute is (inside) or is not (not inside) one of the values."""


def _tests(spec: dict[str, Any]) -> Tests | None:
    """A one-token pattern as tests of equality and membership, or None when it needs the Matcher."""
    tests = []
    for attr, want in spec.items():
        if attr not in _ONE_TOKEN_ATTRS:
            return None
        if isinstance(want, dict):
            if len(want) != 1 or not set(want) <= {"IN", "NOT_IN"}:
                return None
            ((op, values),) = want.items()
            tests.append((attr, frozenset(values), op == "IN"))
        else:
            tests.append((attr, frozenset((want,)), True))
    return tuple(tests)


def _passing(rules: list[tuple[int, Tests]], values: dict[str, Any]) -> list[int]:
    return [index for index, tests in rules if all((values[a] in v) is inside for a, v, inside in tests)]


class RememberedAttributes:
    """``attribute_ruler`` with the attributes of each token key worked out once (module docstring)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.general: list[tuple[int, Tests]] = []  # one-token patterns that name no word
        self.by_word: dict[str, list[tuple[int, Tests]]] = {}  # ... that name the word (LOWER) it must be
        self.matcher = Matcher(ruler.vocab)
        rest: dict[int, list] = {}
        for index, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = _tests(pattern[0]) if len(pattern) == 1 and entry.get("index", 0) in (0, -1) else None
                lower = pattern[0].get("LOWER") if tests is not None else None
                if tests is None or isinstance(lower, dict) and "IN" not in lower:
                    rest.setdefault(index, []).append(pattern)
                elif lower is None:
                    self.general.append((index, tests))
                else:
                    for word in [lower] if isinstance(lower, str) else lower["IN"]:
                        self.by_word.setdefault(word, []).append((index, tests))
        for index, patterns in rest.items():
            self.matcher.add(str(index), patterns)  # the ruler's own match ids: str(pattern index)
        self._general: dict[tuple, list[int]] = {}
        self._merged: dict[tuple, dict] = {}

    def _hits(self, tag: str, word: str | None, dep: str, space: bool) -> list[int]:
        values = {"TAG": tag, "LOWER": word, "DEP": dep, "IS_SPACE": space}
        general = self._general.get((tag, dep, space))
        if general is None:
            general = self._general[(tag, dep, space)] = _passing(self.general, values)
        return sorted(general + _passing(self.by_word.get(word, []), values)) if word is not None else general

    def _merge(self, hits: list[int]) -> dict:
        merged: dict = {}
        for index in hits:
            merged.update(self.attrs[index])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            index = int(strings[match_id])
            extra.setdefault(doc[start:end][self.indices[index]].i, []).append(index)
        by_word, remembered = self.by_word, self._merged
        for token in doc:
            word = token.lower_
            key = (token.tag_, word if word in by_word else None, token.dep_, token.is_space)
            more = extra.get(token.i)
            if more:
                merged = self._merge(sorted(self._hits(*key) + more))
            else:
                merged = remembered.get(key)
                if merged is None:
                    merged = remembered[key] = self._merge(self._hits(*key))
            if merged:
                set_token_attrs(token, merged)
        return doc


class RuleLemmas:
    """spaCy's ``Lemmatizer.rule_lemmatize`` over its lookup tables held as Python sets, dicts and tuples
    (module docstring): the same lemmas, in the same order, for every token. The tables of one part of
    speech are read out of the lemmatizer's the first time a token of it comes."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._tables: dict[str, tuple[bool, frozenset[str], dict[str, list[str]], tuple]] = {}

    def _pos_tables(self, univ_pos: str) -> tuple[bool, frozenset[str], dict[str, list[str]], tuple]:
        found = self._tables.get(univ_pos)
        if found is None:
            lookups = self.lemmatizer.lookups
            index, exc, rules = (
                lookups.get_table(name, {}).get(univ_pos)
                for name in ("lemma_index", "lemma_exc", "lemma_rules")
            )
            found = self._tables[univ_pos] = (
                any((index, exc, rules)),
                frozenset(index or ()),
                dict(exc or {}),
                tuple((old, new) for old, new in rules or ()),
            )
        return found

    def __call__(self, token: Any) -> list[str]:
        """The lemmas ``rule_lemmatize(token)`` gives, best first."""
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):  # spaCy's own answer (and its warning on a missing tag)
            return self.lemmatizer.rule_lemmatize(token)
        string = token.text
        if self.lemmatizer.is_base_form(token):
            return [string.lower()]
        tabled, index, exceptions, rules = self._pos_tables(univ_pos)
        if not tabled:
            return [string] if univ_pos == "propn" else [string.lower()]
        orig, string = string, string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return forms or oov_forms or [orig]


class RememberedLemmas:
    """``lemmatizer`` (rule mode) asked once per (word, coarse tag, morphology) (module docstring)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.rule_lemmas = RuleLemmas(lemmatizer)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer.overwrite:
            return self.lemmatizer(doc)
        rows = doc.to_array([LEMMA, ORTH, POS, MORPH])
        lemmas = rows[:, 0].copy()
        strings, remembered = doc.vocab.strings, self._lemmas
        changed = False
        for i, (lemma, orth, pos, morph) in enumerate(rows.tolist()):
            if lemma == 0:  # the original leaves a lemma set before it (the attribute ruler's exceptions)
                key = (orth, pos, morph)
                value = remembered.get(key)
                if value is None:
                    value = remembered[key] = strings.add(self.rule_lemmas(doc[i])[0])
                lemmas[i] = value
                changed = True
        if changed:
            doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64"))
        return doc


ATTRIBUTES = "kg_attribute_ruler"
LEMMAS = "kg_lemmatizer"


@Language.factory(ATTRIBUTES)
def _remembered_attributes(nlp: Language, name: str) -> RememberedAttributes:
    return RememberedAttributes(nlp.get_pipe("attribute_ruler"))


@Language.factory(LEMMAS)
def _remembered_lemmas(nlp: Language, name: str) -> RememberedLemmas:
    return RememberedLemmas(nlp.get_pipe("lemmatizer"))


def replace_rule_components(nlp: Language) -> None:
    """Put :class:`RememberedAttributes` and :class:`RememberedLemmas` in the places of the pipeline's
    ``attribute_ruler`` and ``lemmatizer`` (as ``kg_attribute_ruler``, ``kg_lemmatizer``) where those are
    spaCy's own (a rule lemmatizer); any other pipeline is left as it is."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    names = nlp.pipe_names
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in names else None
    if set_token_attrs is not None and type(ruler) is AttributeRuler:
        nlp.add_pipe(ATTRIBUTES, after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if type(lemmatizer) in (Lemmatizer, EnglishLemmatizer) and lemmatizer.mode == "rule":
        nlp.add_pipe(LEMMAS, after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
