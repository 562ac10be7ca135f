"""Actors in linking: agents and targets compared across articles by their aliases and initials, the points a
shared one earns, and when a building's label is a name of its own."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.datafiles import read_data
from kg.gazetteer import (
    country_code,
    lookup_place,
)
from kg.link.places import PAIR_CACHE, _demonym_code, aliases_table
from kg.link.words import _words

GENERIC_WORDS = frozenset(
    [
        "attack",
        "attacks",
        "attacker",
        "attackers",
        "assailant",
        "assailants",
        "gunman",
        "gunmen",
        "militant",
        "militants",
        "bomber",
        "bombers",
        "suicide",
        "insurgent",
        "insurgents",
        "rebel",
        "rebels",
        "fighter",
        "fighters",
        "terrorist",
        "terrorists",
        "unknown",
        "men",
        "man",
        "group",
        "groups",
        "people",
        "forces",
        "force",
        "troops",
        "soldiers",
        "police",
        "security",
        "officials",
        "official",
        "authorities",
    ]
)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Actor:
    iri: str
    label: str
    kind: str = ""

    @property
    def named(self) -> bool:
        """A proper name ("Islamic State", "Boko Haram"), not a description ("gunmen", "suicide bombers")."""
        words = [w for w in _words(self.label) if w not in {"the", "of", "and"}]
        return bool(words) and any(c.isupper() for c in self.label) and not set(words) <= GENERIC_WORDS

    @property
    def counted(self) -> bool:
        """A number of people of a kind ("two children", "12 soldiers"): how many were hit, not who, so
        no evidence that two reports tell one incident (their tolls are compared apart)."""
        first = next(iter(_words(self.label)), "")
        return not self.named and (first.isdigit() or first in _number_words())


def _spelled(text: str) -> list[str]:
    """Words as written, dots dropped ("U.S." → "US"), without "the"."""
    words = re.findall(r"[\w']+", unicodedata.normalize("NFKC", text).replace(".", ""))
    return [w for w in words if w.casefold() != "the"]


@cache
def _aliases() -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str]]:
    """The words of every surface form in ``kg/data/aliases.yaml`` → the words of its canonical name
    ("isis" → "islamic state", "ansar allah" → "houthis"), and the forms written in capitals ("IS",
    "US"), which stand for their name only in capitals (or, from four letters, capitalized: "Isis")."""
    table = read_data("aliases.yaml").get("entities", {})
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    acronyms: set[str] = set()
    for canonical, entry in table.items():
        name = tuple(w.casefold() for w in _spelled(canonical))
        for form in (canonical, *entry.get("aliases", ())):
            words = tuple(w.casefold() for w in _spelled(form))
            if words:
                forms.setdefault(words, name)
            if len(words) == 1 and _spelled(form)[0].isupper():
                acronyms.add(words[0])
    return forms, frozenset(acronyms)


def _as_acronym(word: str) -> bool:
    return word.isupper() or (len(word) >= 4 and word[0].isupper() and word[1:].islower())


@cache
def canonical_words(label: str) -> tuple[str, ...]:
    """The words of an actor's label with every known alias in it spelled as its canonical name
    (longest form first): "ISIS-K" → ``islamic state k``, "the ISIL group" → ``islamic state``,
    "U.S. forces" → ``united states forces``; "us" stays a word."""
    spelled = _spelled(label)
    words = [w.casefold() for w in spelled]
    table, acronyms = _aliases()
    longest = max((len(form) for form in table), default=0)
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            name = table.get(tuple(words[i : i + size]))
            if size == 1 and words[i] in acronyms and not _as_acronym(spelled[i]):
                name = None
            if name is not None:
                out.extend(name)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=PAIR_CACHE)
def _initials_of(acronym: str, name: str) -> bool:
    """``acronym`` (one word in capitals, 2 to 6 letters) is the initials of ``name``'s capitalized words:
    "BLA" of "Baloch Liberation Army", "TRF" of "The Resistance Front"."""
    letters = acronym.replace(".", "").strip()
    if not re.fullmatch(r"[A-Z]{2,6}", letters):
        return False
    words = re.findall(r"[\w']+", unicodedata.normalize("NFKC", name))
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) != len(letters) or len(capitals) < len(
        [w for w in words if w.casefold() not in _LINKING]
    ):
        return False
    return "".join(w[0] for w in capitals) == letters


_LINKING = frozenset(["of", "and", "the", "for", "in"])


def _same_actor(a: Actor, b: Actor) -> bool:
    return _same_names(a.iri, a.label, b.iri, b.label)


@lru_cache(maxsize=PAIR_CACHE)
def _same_names(iri_a: str, label_a: str, iri_b: str, label_b: str) -> bool:
    """The same entity, or one label's words (aliases spelled canonically) run inside the other's:
    "Islamic State" and "Islamic State Khorasan", "ISIS" and "Islamic State" (across articles)."""
    if iri_a == iri_b or _initials_of(label_a, label_b) or _initials_of(label_b, label_a):
        return True
    wa, wb = canonical_words(label_a), canonical_words(label_b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


@cache
def _number_words() -> frozenset[str]:
    """The number words of ``kg/data/numbers.yaml`` ("two", "dozens"): the first word of a counted group."""
    return frozenset(str(w) for w in read_data("numbers.yaml").get("words", {}))


def _actor_points(mine: Sequence[Actor], theirs: Sequence[Actor], weight_named: int, weight: int) -> int:
    """Points for an actor two reports share: ``weight_named`` if both reports name it ("Kerch Bridge" and
    "Kerch Strait bridge"), else ``weight`` (a name and a description inside it: "Kerch Bridge" and "bridge",
    which any bridge is); a counted group (:attr:`Actor.counted`) is no shared actor. The same points
    whichever report comes first."""
    best = 0
    for x in mine:
        if x.counted:
            continue
        for y in theirs:
            if not y.counted and _same_actor(x, y):
                best = max(best, weight_named if _names(x) and _names(y) else weight)
                if best == weight_named:
                    return best
    return best


@cache
def _names(actor: Actor) -> bool:
    """The actor is named (:attr:`Actor.named`) and, when it is a building (its last word one of
    :data:`VENUE_KINDS`), bears a name of its own (:func:`_bears_a_name`): "Shiite mosque" or "Kabul
    hospital" is a description, which many buildings of a country fit."""
    if not actor.named:
        return False
    words = _words(actor.label)
    return not (len(words) >= 2 and _venue_kinds(words[-1:])) or _bears_a_name(actor.label)


VENUE_KINDS: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "church": "church cathedral chapel basilica",
        "mosque": "mosque",
        "synagogue": "synagogue",
        "temple": "temple shrine pagoda",
        "hotel": "hotel resort",
        "market": "market marketplace bazaar",
        "shop": "mall shop store supermarket",
        "restaurant": "restaurant cafe bar club nightclub",
        "hall": "hall theatre theater cinema",
        "stadium": "stadium arena",
        "school": "school academy college university",
        "hospital": "hospital clinic",
        "embassy": "embassy consulate",
        "military": "base camp barracks outpost post checkpoint",
        "court": "court courthouse",
        "prison": "prison jail",
        "station": "station terminal",
        "airport": "airport airfield",
        "bank": "bank",
        "factory": "factory plant refinery",
        "home": "home house",
        "cemetery": "cemetery graveyard",
    }.items()
}


"""Kinds of building an attack hits, by the nouns that name one (those of ``venue_nouns`` in
``kg/data/cues.yaml`` that name one kind of building, with their near synonyms: a cathedral is a
church, a café a restaurant, a terminal a station). An office, a building, a
compound or headquarters could be of any kind and are left out, as are vehicles, gatherings and open
ground (a bus, a wedding, a beach)."""


@cache
def _venue_kinds(labels: tuple[str, ...]) -> frozenset[str]:
    kinds: set[str] = set()
    for label in labels:
        for word in _words(label):
            for form in (word, word.removesuffix("s"), word.removesuffix("es")):
                kinds.update(k for k, words in VENUE_KINDS.items() if form in words)
    return frozenset(kinds)


def _bears_a_name(label: str) -> bool:
    """A building's label (its kind the last word) has a capitalized word of a name of its own before its
    kind: not only a place the gazetteer knows ("Kabul airport", "Gaza City hospital": where it is, which
    the places weigh already), a people or a faith (:func:`_people_word`: "Indian army base", "a Shiite
    mosque": whose it is; a country has many) or a word of :data:`GENERIC_WORDS` ("The", "Police")."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’.-]+", label)][:-1]
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        for size in range(len(words) - i, 0, -1):
            run = " ".join(words[i : i + size]).strip(".")
            if lookup_place(run) is not None or country_code(run) is not None:
                i += size
                break
        else:
            word = words[i]
            if word.casefold() not in _NOT_NAMES and not _people_word(word):
                return True
            i += 1
    return False


_NOT_NAMES = GENERIC_WORDS | {"the", "of", "and", "a", "an", "city", "town", "village"}


"""Capitalized words of no name of a building ("The", "Police", the "City" of "Gaza City hospital")."""


@cache
def _people_word(word: str) -> bool:
    """A people's or a faith's adjective (``kg/data/aliases.yaml``: its ``demonyms`` and ``creeds``, and
    an adjective cut back to a country the gazetteer knows by its ``demonym_endings``: "Tunisian")."""
    return word in aliases_table().get("creeds", ()) or _demonym_code(word) is not None


GROUP_KINDS = frozenset(["Organization", "Group"])


"""Entity kinds of an armed group's name ("Islamic State" is an organization, "Taliban" too); a country as
agent (a state's strikes: many a day) or a person is not one."""
