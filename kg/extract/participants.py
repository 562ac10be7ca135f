"""A protest named by those who take part in it ("protesters stormed the ministry on Tuesday"): when what
they are said to do is another event word of the sentence, that event's date and place are the protest's."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.draft import Found
from kg.extract.refs import Ref
from kg.extract.rules import check
from kg.extract.trace import record_refs, record_tokens
from kg.extract.triggers import Trigger


def _their_deed(noun: Token) -> Token | None:
    """The verb whose subject the participants are ("hundreds of protesters stormed": stormed)."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.dep_ == "prep":
        node = node.head.head  # "hundreds of protesters", "thousands of demonstrators"
    return node.head if node.dep_ == "nsubj" and node.head.pos_ in {"VERB", "AUX"} else None


@check("participants_deed")
def participants_setting(
    triggers: list[Trigger],
    anchors: dict[int, int],
    places: dict[int, list[Ref]],
    times: dict[int, tuple[Found, ...]],
    doc: Doc,
) -> tuple[dict[int, list[Ref]], dict[int, tuple[Found, ...]]]:
    """Places and dates, with a protest told by its participants given those of the event word they are
    the subject of, when it has none of its own: "angry protesters torched a police station in X on
    Sunday" protested in X on Sunday."""
    places, times = dict(places), dict(times)
    for n, trigger in enumerate(triggers):
        if trigger.type != "Protest" or trigger.pos != "NOUN":
            continue
        verb = _their_deed(doc[trigger.token])
        deed = anchors.get(verb.i) if verb is not None else None
        if deed is None or deed == n:
            continue
        if n not in times and deed in times:
            found = replace(times[deed][0], rule="time.participants")
            times[n] = (found,)
            fields = {"trigger": trigger.text, "event_type": trigger.type, "value": found.value}
            record_tokens("argument", "time.participants", doc, *_tokens(doc, found), role="time", **fields)
        if n not in places and places.get(deed):
            places[n] = [replace(r, rule="location.participants") for r in places[deed]]
            record_refs("argument", places[n], doc, trigger, "location")
    return places, times


def _tokens(doc: Doc, found: Found) -> tuple[int, int]:
    span = found.words(doc)
    return (span.start, span.end) if span is not None else (0, 0)
