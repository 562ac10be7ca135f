"""Attachment: which trigger of a sentence a place, a date or a count hangs from, climbing the tree."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.extract.rules import check

CLIMB = 6
PLACE_CLIMB = 10
DATE_MODIFIERS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})


def reaches(
    start: Token,
    anchors: dict[int, int],
    preps: frozenset[str],
    adverbial: bool,
    lex: Lexicon,
    via: list[str] | None = None,
) -> int | None:
    """Climb from ``start`` to the first trigger anchor; ``preps`` must include the first preposition met.

    ``adverbial``: a bare noun phrase modifier ("last Sunday") attaches as well, as dates do. ``via`` gets
    "circumstance_clause" when the climb crossed a clause of circumstances (``_circumstance``).
    """
    node, seen_prep, crossed = start, False, False
    place_nouns = lex.cue("place_nouns")
    for _ in range(CLIMB if adverbial else PLACE_CLIMB):
        if node.head is node:
            return None
        if node.dep_ == "prep" and not seen_prep:
            if node.lower_ == "of" and node.head.lemma_.lower() in place_nouns | lex.cue("place_parts"):
                node = node.head
                continue
            if node.lower_ not in preps:
                return None
            dated = (c.i == start.i or c.ent_type_ in {"DATE", "TIME"} for c in node.children)
            if adverbial and not any(dated):
                return None  # "since the 1979 revolution": the year dates the revolution
            seen_prep = True
        beside = node is start and node.dep_ == "appos" and node.ent_type_ == "TIME"
        if adverbial and (node.dep_ in {"npadvmod", "tmod"} or beside):
            seen_prep = True  # "the blasts, Saturday evening, ...": a time set beside the event word
        parent = node.head
        if adverbial and node is start and node.dep_ in DATE_MODIFIERS and parent.i in anchors:
            return anchors[parent.i]  # "the 2019 massacre", "Friday's attack"
        if adverbial and parent.i not in anchors and _aside(parent):
            return None  # "the junta, which seized power in 2022, blamed ...": the year is the seizure's
        if parent.i in anchors and seen_prep:
            return anchors[parent.i]
        crossed = crossed or node.dep_ == "relcl"
        told = _circumstance(parent, anchors, lex) if seen_prep and not crossed else None
        if told is not None and parent.i not in anchors:
            if via is not None:
                via.append("circumstance_clause")
            return told  # "was shot as she drove through X": the shooting's place
        if (
            parent.pos_ in {"VERB", "AUX"}
            and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in lex.cue("relative_pronouns")
                for c in parent.children
            )
            and parent.i not in anchors
        ):
            return None  # another clause with its own subject ("the crowd that had gathered" is passed)
        node = parent
    return None


@check("circumstance_clause")
def _circumstance(verb: Token, anchors: dict[int, int], lex: Lexicon) -> int | None:
    """The event a clause of circumstances tells the setting of: a verb that is no event word, opened by
    "as", "while" or "when" and hanging from an event word ("was shot as she crossed the square in X").
    A clause with an event word of its own ("as strikes fell on X"), or hanging from none, sets nothing;
    nor does a place reached through a relative clause inside it ("states which border X")."""
    if verb.dep_ != "advcl" or verb.pos_ not in {"VERB", "AUX"} or verb.head.i not in anchors:
        return None
    if any(c.i in anchors for c in verb.children):
        return None  # "two died as rockets rained on X": the rockets' own clause
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if not marks & lex.cue("circumstance_marks"):
        return None
    return anchors[verb.head.i]


def main_attack(kept: list) -> int:
    """The attack a reaction naming none is about (its index among the article's attack clusters, first
    told first): the first the article places, else the first told. An attack told without a place is
    more often a deed recalled or a retelling kept apart than the report's own."""
    return next((n for n, c in enumerate(kept) if c.locations), 0)


def occasion(date_root: Token, anchors: dict[int, int], days: frozenset[str]) -> Token:
    """The noun a day names the day of, where the day (a word of ``days``: weekdays, "yesterday") modifies
    one that is no event word ("during Friday prayers", "Saturday evening", "in Monday's statement"): the
    day hangs where that noun hangs. Else the date itself; a year names its noun's year, not an occasion's
    ("since the 1979 revolution")."""
    head = date_root.head
    if (
        date_root.lower_ in days
        and date_root.dep_ in DATE_MODIFIERS
        and head.i > date_root.i
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i not in anchors
        and not (head.dep_ in DATE_MODIFIERS and head.head.i in anchors)  # "Saturday night's attack"
        and not any(t.is_title for t in date_root.doc[head.left_edge.i : date_root.i])  # "Good Friday"
    ):
        return head
    return date_root


def _aside(verb: Token) -> bool:
    """A relative clause set off by a comma ("X, which seized power in 2022,"): a fact of its own."""
    return verb.dep_ == "relcl" and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "who"} and c.doc[c.i - 1].text == ","
        for c in verb.children
        if c.i > 0
    )


def when_clauses(date_root: Token) -> list[Token]:
    """Clauses a date heads ("in October, when bombs killed 100"), also when the parser hung the "when"
    clause on the noun above the date ("memories of June 2024, when crowds took to the streets")."""
    own = [c for c in date_root.children if c.dep_ in {"relcl", "advcl", "acl"}]
    above = date_root.head.head if date_root.dep_ == "pobj" else date_root
    hung = [
        c
        for c in above.children
        if c.dep_ == "relcl" and c.i > date_root.i and any(w.lower_ == "when" for w in c.children)
    ]
    return own + hung


def distance(a: Token, b: Token) -> int:
    path_a = [a, *a.ancestors]
    path_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(path_b)}
    for n, t in enumerate(path_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(path_a) + len(path_b)


TOLD_DEPS = frozenset({"ccomp", "xcomp"})
TOLD_PREPS = frozenset({"in", "by"})
TOLD_PATH = frozenset({"pobj", "prep", "npadvmod", "tmod", "dobj", "nsubj"}) | DATE_MODIFIERS


def telling_verb(date_root: Token) -> Token | None:
    """The verb a date is set on through its own phrase ("reported on Tuesday", "joined ... Thursday",
    "released a statement on Wednesday"): up prepositions, their objects and the noun they modify, at most
    four steps, to the first verb."""
    node = date_root
    for _ in range(4):
        if node.dep_ not in TOLD_PATH:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None


def told_in(
    verb: Token, anchors: dict[int, int], reaction: dict[int, int], *, same_speaker: bool = False
) -> list[int]:
    """The reactions (trigger indexes in ``reaction``, mapped to their trigger tokens) a verb tells in its
    complement: a clause it takes
    ("reported that X condemned", "vowed to avenge"), a participle beside it ("spoke to a radio station ...,
    denying any part", "condemned ..., saying there would be reprisals") or an "in"/"by" gerund ("answered
    the governor by denouncing"). Per complement the trigger nearest its head, with that trigger's
    conjuncts ("denied and condemned"); none where the nearest is no reaction (an attack told).
    ``same_speaker``: the verb is a reaction itself, which tells its own further reactions ("denied ...,
    vowing to"), not another party's ("denied ..., saying that India was blaming it"): a told reaction with
    a subject named in its own clause is left out."""
    heads = [c for c in verb.children if c.dep_ in TOLD_DEPS]
    heads += [c for c in verb.children if c.dep_ == "advcl" and _participle(c)]
    heads += [c for n in _deps(verb, {"dobj"}) for c in _deps(n, {"acl"}) if _participle(c)]
    heads += [g for p in _deps(verb, {"prep"}) if p.lower_ in TOLD_PREPS for g in _deps(p, {"pcomp"})]
    found: list[int] = []
    for head in heads:
        inside = [t for t in head.subtree if t.i in anchors and t.i != verb.i]
        if not inside:
            continue
        nearest = min(inside, key=lambda t: distance(t, head))
        told = anchors[nearest.i]
        if told not in reaction or same_speaker and _named_subject(verb.doc[reaction[told]]):
            continue
        found.append(told)
        found += [anchors[c.i] for c in verb.doc[reaction[told]].conjuncts if anchors.get(c.i) in reaction]
    return list(dict.fromkeys(found))


def _deps(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _named_subject(verb: Token) -> bool:
    """The verb's clause names its own subject (a noun, not a pronoun)."""
    head = verb.head if verb.dep_ == "conj" else verb
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON" for c in head.children)


def _participle(clause: Token) -> bool:
    """A bare "-ing" participle ("saying"), with no conjunction that makes it a clause of its own ("after
    denying", "while saying")."""
    return clause.tag_ == "VBG" and not any(c.dep_ == "mark" for c in clause.children)
