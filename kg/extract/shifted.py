"""Dates told by distance from another event: "the blast came a week after 44 people were killed in a
bombing", "the carnage came the same day as a bomber killed 25 at a mosque" date the second attack from
the first one's day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from kg.extract.draft import Draft, Found, record_draft, sentence_at, supported
from kg.extract.lexicon import Lexicon
from kg.extract.numbers import number_value
from kg.extract.rules import check
from kg.extract.same_day import same_day_told

UNIT_DAYS = {"day": 1, "week": 7}
UNIT_MONTHS = {"month": 1, "year": 12}
CLAUSE_LINKS = frozenset({"pobj", "prep", "nsubj", "nsubjpass", "dobj", "compound"})


def _clause(token: Token) -> Token | None:
    """The verb of the clause a trigger sits in (itself when it is one), across a chain of conjuncts."""
    node = token
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"}:
            break
        if node.dep_ not in CLAUSE_LINKS or node.head is node:
            return None
        node = node.head
    if node.pos_ not in {"VERB", "AUX"}:
        return None
    while node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"}:
        node = node.head  # "as a bomber killed 25 ... and a gunman attacked a factory"
    return node


def _span(noun: Token, lex: Lexicon) -> tuple[int, str] | None:
    """("a week" → (7, "day")), ("two months" → (2, "month")), ("the same day" → (0, "day"))."""
    unit = noun.lemma_.lower()
    if unit not in lex.cue("shift_units"):
        return None
    kind = "day" if unit in UNIT_DAYS else "month"
    size = UNIT_DAYS.get(unit) or UNIT_MONTHS[unit]
    if any(c.dep_ == "amod" and c.lower_ in lex.cue("same_words") for c in noun.children):
        return 0, kind
    counts = [number_value(c, lex) for c in noun.children if c.dep_ == "nummod"]
    if any(n is not None for n in counts):
        return next(n for n in counts if n is not None) * size, kind
    if any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in noun.children):
        return size, kind
    return None


@check("shifted_date")
def _shift(clause: Token, lex: Lexicon) -> tuple[Token, int, str, Token] | None:
    """For a clause told a span of time after, before or on the same day as the clause above it: the verb
    above, the signed shift (negative: the clause is earlier), its unit, and the noun giving the span."""
    if clause.dep_ not in {"advcl", "ccomp"}:
        return None
    above = clause.head
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    nouns = [c for c in (*clause.children, *above.children) if c.dep_ == "npadvmod"]
    on = [p for p in above.children if p.dep_ == "prep" and p.lower_ == "on"]
    nouns += [c for p in on for c in p.children if c.dep_ == "pobj"]  # "comes on the same day that ..."
    for noun in nouns:
        span = _span(noun, lex)
        if span is None:
            continue
        size, unit = span
        if size == 0:
            return above, 0, unit, noun
        if marks & {"after"}:
            return above, -size, unit, noun
        if marks & {"before"}:
            return above, size, unit, noun
    return None


def _told_by(verb: Token) -> list[Token]:
    """What the clause above tells: the verb itself ("stormed a prison, a week after ..."), its subject
    ("the blast came a week after ..."), or the noun a "which came" clause hangs from."""
    subjects = [verb, *(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})]
    if verb.dep_ == "relcl":
        subjects.append(verb.head)
    return subjects


def _moved(day: str, shift: int, unit: str) -> str | None:
    if unit == "day":
        if len(day) != 10:
            return None
        return (date.fromisoformat(day) + timedelta(days=shift)).isoformat()
    year, month = int(day[:4]), int(day[5:7]) if len(day) >= 7 else 0
    if not month:
        return str(year + shift // 12) if shift % 12 == 0 else None
    total = year * 12 + month - 1 + shift
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def shifted_dates(attacks: list[Draft], doc: Doc, lex: Lexicon, published: date | None) -> list[Draft]:
    """Attacks with no date of their own, dated from the dated attack whose clause tells them by a span
    of time ("a week after", "two days before", "the same day as") — the rule ``time.shifted``."""
    owner = {t: n for n, a in enumerate(attacks) for t in a.tokens}
    out = list(attacks)
    for n, draft in enumerate(attacks):
        if draft.time is not None:
            continue
        for token in sorted(draft.tokens):
            clause = _clause(doc[token])
            shift = _shift(clause, lex) if clause is not None else None
            if shift is None:
                continue
            above, size, unit, noun = shift
            told = [owner[t.i] for t in _told_by(above) if t.i in owner and owner[t.i] != n]
            base = attacks[told[0]].time if told else None
            day = _moved(base, size, unit) if base else None
            if day is None or published is not None and day > published.isoformat():
                continue
            words = doc[noun.left_edge.i : noun.i + 1]
            sentence = sentence_at(doc, noun.i)
            found = Found("time", day, "time.shifted", sentence, words.start_char, words.end_char)
            note = f"{size:+d} {unit}(s) from the attack of {base}"
            record_draft("argument", "time.shifted", draft, doc, at=found, role="time", value=day, note=note)
            out[n] = supported(replace(draft, time=day), found)
            break
    return reported_month(same_day_told(out, doc, lex), doc, published)


@check("reported_month")
def reported_month(attacks: list[Draft], doc: Doc, published: date | None) -> list[Draft]:
    """The main attack, dated by nothing the article says, in the month the article was published — the
    rule ``time.reported_month``: a report tells a recent deed, so its month is known when its day is not
    ("condemned the weekend massacre", "the attack on the school"). A month, never a day; other attacks
    (earlier deeds recalled, a series) are left undated."""
    if not attacks or attacks[0].time is not None or published is None:
        return attacks
    main = attacks[0]
    month = published.isoformat()[:7]
    anchors = main.trigger.anchors
    first, last = doc[min(anchors)], doc[max(anchors)]
    found = Found("time", month, "time.reported_month", main.sentence, first.idx, last.idx + len(last))
    record_draft("argument", "time.reported_month", main, doc, at=found, role="time", value=month)
    return [supported(replace(main, time=month), found), *attacks[1:]]
