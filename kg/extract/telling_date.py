"""The date of an accusation read off the verb that tells it ("the army on Friday named X as the
shooters", "the governor told reporters Sunday that X struck"): the charges that :mod:`kg.extract.charges`
makes after the sentence's dates were attached take the day set on their own verb (rule time.telling_verb)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from kg.extract.cache import span_ents
from kg.extract.dates import normalize_date
from kg.extract.draft import Draft, Found
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon
from kg.extract.refs import Ref
from kg.extract.rules import check
from kg.extract.trace import record_tokens, span_offsets

RULE = "time.telling_verb"


def _set_on(ent: Span, verb: Token, preps: frozenset[str]) -> bool:
    """Whether the date ``ent`` is set on ``verb`` itself: "on Tuesday" or a bare "Tuesday" hanging on it."""
    root = ent.root
    if root.head.i == verb.i and root.dep_ in {"npadvmod", "tmod"}:
        return True
    prep = root.head
    return root.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in preps and prep.head.i == verb.i


@check("telling_verb")
def dated_tellings(
    frames: list[Draft[Ref]], before: int, sentence: Span, index: int, lex: Lexicon, published: date | None
) -> list[Draft[Ref]]:
    """The frames, each charge added after the first ``before`` with no date of its own dated by the day
    its telling verb is set on."""
    doc = sentence.doc
    dates = [e for e in span_ents(sentence) if e.label_ == "DATE"]
    if not dates or len(frames) <= before:
        return frames
    preps = frozenset(lex.roles["date_preps"])
    out = frames[:before]
    for frame in frames[before:]:
        verb = doc[frame.token]
        ent = next((e for e in dates if _set_on(e, verb, preps)), None) if frame.time is None else None
        value = normalize_date(ent.text, published) if ent is not None else None
        if ent is not None and value:
            first, last = span_offsets(doc, ent.start, ent.end)
            found = Found("time", value, RULE, index, first, last)
            record_tokens(
                "argument", RULE, doc, ent.start, ent.end,
                trigger=frame.trigger.text, event_type=frame.type, role="time", value=value,
            )
            frame = replace(frame, time=value, support=(*frame.support, found))
        out.append(frame)
    return out
