"""A reaction told about several attacks at once ("claimed both attacks", "blamed the attacks on X"):
one reaction per attack the article tells apart."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.extract.rules import check

REACTIONS = frozenset({"ClaimResponsibility", "Accuse", "Condemn", "Deny"})
DEFINITE = frozenset({"the", "both", "these", "those"})
TWO = frozenset({"both", "two"})


@check("plural_attacks")
def several_attacks(
    draft: Draft, about: int | None, kept: list[Draft], doc: Doc, published: date | None
) -> list[int]:
    """The other attacks (indices among ``kept``) a reaction is about when the attack word it names is a
    definite plural ("the attacks", "both bombings", "two raids"): the attacks the article placed before
    the reaction's sentence (a definite plural looks back), elsewhere than the one it names but not in
    another country, and not dated a month apart from it (from the day of the report when it has no date);
    every such attack, or exactly one more for "both" and "two". A bare plural ("attacks claimed by X") is
    a series."""
    if draft.type not in REACTIONS or about is None or draft.about_token is None or len(kept) < 2:
        return []
    word = doc[draft.about_token]
    if word.tag_ != "NNS" or kept[about].generic:
        return []
    told = {c.lower_ for c in word.children if c.dep_ in {"det", "nummod", "predet", "preconj"}}
    if not told & (DEFINITE | TWO):
        return []
    named = kept[about]
    when = named.time or (published.isoformat() if published else None)
    others = [
        n
        for n, c in enumerate(kept)
        if n != about
        and not c.generic
        and c.locations
        and min(c.sentences or {c.sentence}) < draft.sentence
        and _apart_in_one_country(named, c)
        and _near_in_time(c.time, when)
    ]
    if told & TWO and len(others) != 1:
        return []
    return others


def _apart_in_one_country(one: Draft, other: Draft) -> bool:
    if {e.key for e in one.locations} & {e.key for e in other.locations}:
        return False
    countries = [
        {e.geo.country_code for e in d.locations if e.geo and e.geo.country_code} for d in (one, other)
    ]
    return not all(countries) or bool(countries[0] & countries[1])


def _near_in_time(time: str | None, other: str | None) -> bool:
    """Whether two dates may lie within a month of each other: either unknown, or their months (or the
    year of one) at most one month apart."""
    if not time or not other:
        return True
    if len(time) < 7 or len(other) < 7:
        return time[:4] == other[:4]
    months = [int(t[:4]) * 12 + int(t[5:7]) for t in (time, other)]
    return abs(months[0] - months[1]) <= 1
