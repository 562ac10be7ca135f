"""The place a headline compounds with its attack noun ("Harbin blast: ...", "Lagos market bombing"), for
a main attack the text places nowhere and whose dateline and title name no place (rule
``location.headline_compound``, applied by :mod:`kg.extract.document`)."""

from __future__ import annotations

import re

from kg.extract.dateline import exact_place, place_entity
from kg.extract.entities import demonym_country
from kg.extract.lexicon import Lexicon
from kg.extract.place_names import bare_name
from kg.extract.rules import check
from kg.gazetteer import lookup_place
from kg.model import Entity

HEADLINE_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")


@check("headline_attack_place")
def headline_attack_place(title: str, text: str, lex: Lexicon) -> Entity | None:
    """The place a headline compounds with its attack noun ("Harbin blast: ...", "Lagos market bombing",
    "Peruvian mine attack"), if any. Between the place and the noun only noun modifiers may stand, which
    English puts in the singular: a word with a plural or verbal "s" is a headline verb ("Chad says
    massacre ...") and ends the search; punctuation ends it too. A city is preferred to a country; a
    country before a military operation ("US drone strike") is who struck, not where. A Title Case
    headline capitalises common nouns ("Mine Attack"), so a place name counts only if the text writes it
    so too."""
    words = HEADLINE_WORD.findall(title)
    nouns = {lemma for lemma, (kind, _) in lex.trigger_lemmas("NOUN").items() if kind == "Attack"}
    military = lex.cue("state_operation_nouns")
    for n, word in enumerate(words):
        noun = _attack_noun(word.lower(), nouns)
        if noun is None:
            continue
        found: list[Entity] = []
        for back in range(n - 1, max(n - 4, -1), -1):
            before = words[back]
            if not before[:1].isalnum():
                break
            place = _headline_place(words, back, text, lex)
            if place is not None and not (place.kind == "Country" and noun in military):
                found.append(place)
            elif place is None and _verb_like(before):
                break
        if found:
            return min(found, key=lambda e: e.kind == "Country")
    return None


def _verb_like(word: str) -> bool:
    """A headline word in the third person present ("says", "kills"): an "s" ending that is no singular
    noun's ("bus", "press", "oasis")."""
    lowered = word.lower()
    return lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))


def _attack_noun(word: str, nouns: set[str]) -> str | None:
    """The attack noun a headline word is, in the singular or the plural ("bombings")."""
    for form in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
        if form in nouns:
            return form
    return None


def _headline_place(words: list[str], at: int, text: str, lex: Lexicon) -> Entity | None:
    """The gazetteer place the capitalised headline word at ``at`` names (with the capitalised word before
    it: "New Delhi") as the text also names it, or the country of a people's adjective ("Saudi")."""
    word = bare_name(words[at])
    if not word[:1].isupper():
        return None
    names = [f"{words[at - 1]} {word}"] if at > 0 and words[at - 1][:1].isupper() else []
    for name in (*names, word):
        geo = exact_place(name)
        if geo is not None and re.search(rf"\b{re.escape(name)}\b", text):
            return place_entity(geo, name)
    country = demonym_country(word, lex)
    geo = lookup_place(country) if country else None
    return place_entity(geo, word) if geo is not None else None
