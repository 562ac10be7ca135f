"""A date set on a verb of what people suffered "in" an attack ("six guards were injured in a grenade blast
yesterday", "two died during the raid on Monday"), a verb that is no event word of its own, dates that
attack (rule time.suffered_in)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import first_in, load_lexicon
from kg.extract.rules import check
from kg.extract.triggers import Trigger

SUFFERED_PREPS = frozenset({"in", "during"})
SUFFERING = ("killed", "injured", "dying", "losing", "undergoing", "wounding")
"""The numbers.yaml lists of what victims suffer: "were hurt in", "died during", "lost his life in". A verb
of another deed ("two were jailed today in the bombing", "detained at dawn in the raid") tells its own
day, not the attack's."""


def _suffering(verb: Token) -> bool:
    numbers = load_lexicon().numbers
    return any(first_in(verb, frozenset(numbers[k])) for k in SUFFERING)


def _dated_verb(date_root: Token) -> Token | None:
    """The verb a date hangs on directly: "... yesterday", "... on Monday"."""
    if date_root.dep_ in {"npadvmod", "tmod"}:
        verb = date_root.head
    elif date_root.dep_ == "pobj" and date_root.head.dep_ == "prep":
        verb = date_root.head.head
    else:
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} else None


@check("suffered_in")
def suffered_in(date_root: Token, anchors: dict[int, int], triggers: list[Trigger]) -> int | None:
    """The attack whose trigger is the "in" or "during" object of the verb the date is set on, when that
    verb is no trigger itself."""
    verb = _dated_verb(date_root)
    if verb is None or verb.i in anchors or not _suffering(verb):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in SUFFERED_PREPS:
            continue
        for g in prep.children:
            if g.dep_ == "pobj" and g.i in anchors and triggers[anchors[g.i]].type == "Attack":
                return anchors[g.i]
    return None
