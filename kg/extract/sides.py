"""Whether the doers of two attack mentions are one side: descriptions, states' forces, names of one group."""

from __future__ import annotations

import re
from itertools import pairwise, product

from spacy.tokens import Doc

from kg.extract.acronym_names import initials
from kg.extract.cache import doc_text
from kg.extract.draft import Draft, record_draft
from kg.extract.entities import ACRONYM, affiliation
from kg.extract.kinds import kinds_of
from kg.extract.lexicon import Lexicon, word_forms
from kg.extract.rules import check
from kg.model import Entity


@check("number_description")
def described(entity: Entity) -> bool:
    """An entity told by description, with no name of its own: "the crowd", "assailants" (keys scoped to
    the article), and a description the tagger marked only for a number in it ("three suicide bombers",
    "the third bomber"), which has no capital letter ("al-Shabab" has one)."""
    return entity.key.endswith(")") or not any(ch.isupper() for ch in entity.label)


def named(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Entities with a name of their own (see :func:`described`)."""
    return tuple(e for e in entities if not described(e))


def _force(entity: Entity, lex: Lexicon) -> bool:
    """An unnamed agent that is a state's armed force ("police", "the soldiers"), not "gunmen"."""
    forces = lex.cue("state_forces")
    return any(word in forces or word.rstrip("s") in forces for word in entity.label.lower().split())


def _sides_agree(a: tuple[Entity, ...], b: tuple[Entity, ...], lex: Lexicon) -> bool:
    """Unnamed agents on both sides: police firing and young men torching a post are two attacks."""
    a = tuple(e for e in a if described(e))
    b = tuple(e for e in b if described(e))
    if not a or not b:
        return True
    return bool({_force(e, lex) for e in a} & {_force(e, lex) for e in b})


def _crowd(entity: Entity, lex: Lexicon) -> bool:
    """An agent told as a crowd by its last word: a collective noun ("an angry mob", cue crowd_nouns) or
    the plural of who takes part in a protest ("nationalist protesters"; one protester is no crowd), or a
    collective noun before "of" ("a crowd of villagers"); not
    one told armed ("an armed mob", cue arming_verbs)."""
    words = entity.label.lower().split() if entity.label else [""]
    if any(set(word_forms(w)) & lex.cue("arming_verbs") for w in words[:-1]):
        return False
    word = words[-1]
    plural = word.endswith("s") and bool(set(word_forms(word)) & lex.cue("self_agent_nouns"))
    head = words[words.index("of") - 1] if "of" in words[1:] else word  # "a crowd of villagers"
    return plural or word in lex.cue("crowd_nouns") or head in lex.cue("crowd_nouns")


def gun_armed(instruments: tuple[Entity, ...], lex: Lexicon) -> bool:
    """A mention told with guns or grenades (cue arms: "a mob armed with rifles"): no unarmed crowd's."""
    arms = lex.cue("arms")
    return any(e.label and set(word_forms(e.label.split()[-1].lower())) & arms for e in instruments)


def _armed(entity: Entity, lex: Lexicon) -> bool:
    """An agent no crowd: a name, a state's force or fighters told by their arms or cause ("two gunmen",
    "militants"), not doers told only by the deed (cue generic_doers: "the attackers")."""
    if _crowd(entity, lex):
        return False
    if not described(entity):
        return True
    armed = lex.cue("fighter_nouns") | lex.cue("side_nouns") | lex.cue("state_forces")
    armed = armed - lex.cue("generic_doers")
    return bool(set(word_forms(entity.label.split()[-1])) & armed) if entity.label else False


def armed_words(drafts: list[Draft], doc: Doc, lex: Lexicon) -> frozenset[int]:
    """The attack mentions' words of a kind only an armed side does (cue armed_kinds: "a double bombing",
    "an air strike"), folded words included; of a kind said of any attack (cue any_attack_kinds: "struck"),
    only its noun ("a strike")."""
    kinds = lex.cue("armed_kinds")
    loose = lex.cue("any_attack_kinds")  # "the station was struck with stones": a verb of any attack

    def armed(t: int) -> bool:
        told = kinds_of(doc[t].lower_, lex) & kinds
        return bool(told) and (doc[t].pos_ in {"NOUN", "PROPN"} or not told <= loose)

    return frozenset(t for d in drafts for t in d.tokens if armed(t))


@check("crowd_apart")
def crowd_apart(
    a: tuple[tuple[Entity, ...], bool, bool],
    b: tuple[tuple[Entity, ...], bool, bool],
    lex: Lexicon,
    back: bool = False,
) -> bool:
    """A crowd's deed and an armed side's are two attacks: a mob or protesters (every agent of one side)
    against gunmen, a named group or the police of the other, or against a deed only arms do told without
    its doers (cue armed_kinds: a bombing, an air strike; each side is its agents, whether it is told so and
    whether it is told with guns or grenades, see :func:`gun_armed`): "a furious crowd lynched two of the
    shooters", "protesters torched offices" after a bombing. ``back``: ``b`` refers back to an attack told
    before ("the attack"): told by its doers, not of a kind only arms do, it is the crowd's attack retold
    ("members of the X Front carried out the attack"), no armed side's."""
    def crowd(side: tuple[Entity, ...], with_arms: bool) -> bool:
        return bool(side) and not with_arms and all(_crowd(e, lex) for e in side)

    def armed(side: tuple[Entity, ...], armed_deed: bool, _with_arms: bool) -> bool:
        if any(_crowd(e, lex) for e in side):
            return False
        return any(_armed(e, lex) for e in side) or not side and armed_deed

    return crowd(a[0], a[2]) and (not back or b[1]) and armed(*b) or crowd(b[0], b[2]) and armed(*a)


def agents_agree(a: tuple[Entity, ...], b: tuple[Entity, ...], lex: Lexicon) -> bool:
    if not _sides_agree(a, b, lex):
        return False
    a, b = named(a), named(b)
    return not a or not b or one_side(a, b, lex) or name_within(a, b) or initials_of(a, b, lex)


def one_side(a: tuple[Entity, ...], b: tuple[Entity, ...], lex: Lexicon) -> bool:
    """Named agents standing for a common side (a country, a group) or sharing a two-word name."""
    sides_a = set().union(*(affiliation(e, lex) for e in a))
    sides_b = set().union(*(affiliation(e, lex) for e in b))
    return bool(sides_a & sides_b) or bool(_names(a) & _names(b))


def _names(entities: tuple[Entity, ...]) -> set[tuple[str, str]]:
    """The two-word proper names inside agents' labels: "an Islamic State suicide bomber" and "Islamic
    State Khorasan" both name the Islamic State, so they are no contrary sides."""
    found = set()
    for e in entities:
        words = e.label.split()
        found |= {(x, y) for x, y in pairwise(words) if x[:1].isupper() and y[:1].isupper()}
    return found


@check("name_within")
def name_within(a: tuple[Entity, ...], b: tuple[Entity, ...]) -> bool:
    """Whether the whole label of a named agent of one side is said, as whole words, inside a label of
    the other: "the Taliban" within "a Taliban suicide bomber"."""
    def within(short: Entity, long: Entity) -> bool:
        words, longer = short.label.split(), long.label.split()
        return len(longer) > len(words) and any(
            longer[i : i + len(words)] == words for i in range(len(longer) - len(words) + 1)
        )

    return any(within(x, y) or within(y, x) for x in a for y in b)


@check("acronym_side")
def initials_of(a: tuple[Entity, ...], b: tuple[Entity, ...], lex: Lexicon) -> bool:
    """Whether a word in capitals in a named agent of one side ("BLA militants", "IS-linked fighters",
    "ISWAP") is the initials of a name in a label of the other ("Baloch Liberation Army", "Islamic State",
    "Islamic State West Africa Province"): one group, named short and in full, is no contrary side."""
    return short_for(a, b, lex) or short_for(b, a, lex)


def short_for(a: tuple[Entity, ...], b: tuple[Entity, ...], lex: Lexicon) -> bool:
    """Whether a word in capitals in a label of ``a`` is the initials of a name in a label of ``b``."""
    return bool(_acronyms(a) & _initials(b, lex))


def _acronyms(entities: tuple[Entity, ...]) -> set[str]:
    return {w for e in entities for w in re.split(r"[\s-]+", e.label) if ACRONYM.fullmatch(w)}


def _initials(entities: tuple[Entity, ...], lex: Lexicon) -> set[str]:
    """The initials (:func:`acronym_names.initials`) of each run of capitalised words in the labels, the
    linking words of a name written small (cue name_links) inside it and possessives aside ("Islamic State
    of Iraq and the Levant" → ISIL, "Islamic State's West Africa Province" → ISWAP)."""
    links = lex.cue("name_links")
    found = set()
    for e in entities:
        run: list[str] = []
        for word in [*re.split(r"[\s-]+", re.sub(r"['’]s\b", "", e.label)), ""]:
            if word in links or word[:1].isupper() and word.isalpha():
                run.append(word)
                continue
            spelt = initials(run, links) if run else None
            if spelt and len(spelt) >= 2:
                found.add(spelt)
            run = []
    return found


@check("accused_apart")
def accused_key(key: tuple, draft: Draft, merged: dict[tuple, Draft], lex: Lexicon, doc: Doc) -> tuple:
    """One speaker's accusations about one attack of parties on different sides are two accusations
    ("X blamed the Velmar Front ... X later blamed the Crimson Hand"): an accusation naming the accused
    joins the first one told that names none or one of the same side, else stands apart."""
    same = [k for k in merged if k[:3] == key]
    if draft.type != "Accuse" or not draft.targets or not same:
        return key
    text = doc_text(doc).replace("\u2019", "'")
    for k in same:
        told = merged[k].targets
        if not told or agents_agree(told, draft.targets, lex) or _spelt_out(told, draft.targets, text):
            return k
    record_draft("kept_apart", "coref.accused_apart", draft, doc, note=f"from {merged[same[0]].word!r}")
    return (*key, len(same))


def _spelt_out(a: tuple[Entity, ...], b: tuple[Entity, ...], text: str) -> bool:
    """A name the article gives its short form after, in parentheses ("the Velmar Liberation Front
    (VLF)"), whatever its letters: the two are one party."""
    return any(f"{x.label} ({y.label})" in text for x, y in [*product(a, b), *product(b, a)])
