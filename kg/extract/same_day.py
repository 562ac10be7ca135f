"""An attack told hours before or after another, or earlier or later in its day ("Hours earlier, a
drone was shot down", "Earlier in the day, a mine blew up a truck near Gao", "Later that day, gunmen
stormed a post") happened on the day of the dated attack told before it (rule time.same_day)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.draft import Draft, Found, record_draft, sentence_at, supported
from kg.extract.lexicon import Lexicon
from kg.extract.rules import check

RULE = "time.same_day"
ADJUNCTS = frozenset({"advcl", "conj"})


def _within_the_day(verb: Token, lex: Lexicon) -> Token | None:
    """The adverb or noun that sets ``verb``'s clause within the day of what was told before, if any:
    "hours earlier", "minutes later", "earlier in the day", "later that day"."""
    adverbs, hours = lex.cue("sequence_adverbs"), lex.cue("hour_units")
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in adverbs:
            for c in child.children:
                if c.dep_ == "npadvmod" and c.lemma_.lower() in hours:  # "hours earlier"
                    return child
                if c.dep_ == "prep" and any(p.lower_ == "day" for p in c.children):  # "earlier in the day"
                    return child
        day = child.dep_ == "npadvmod" and child.lower_ == "day" and _that(child)
        if day and any(c.dep_ == "advmod" and c.lower_ in adverbs for c in child.children):
            return child  # "later that day"
    return None


def _day(attack: Draft) -> bool:
    return attack.time is not None and len(attack.time) == 10


def _that(day: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"that", "the"} for c in day.children)


def _verb(token: Token) -> Token | None:
    node = token
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.head is node or node.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound"}:
            return None
        node = node.head
    return node if node.pos_ in {"VERB", "AUX"} else None


@check("same_day")
def same_day_told(attacks: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """Attacks with no date, dated by the day of the attack told just before them, if it has one, when
    their clause sets them hours, or earlier or later in the day, from what was told before."""
    out = list(attacks)
    for n, draft in enumerate(attacks):
        if draft.time is not None:
            continue
        first = min(draft.tokens)
        verb = _verb(doc[first])
        cue = None
        for _ in range(2):  # the clause of the trigger, or the one it is an adjunct of ("..., killing 12")
            if verb is None or (cue := _within_the_day(verb, lex)) is not None or verb.dep_ not in ADJUNCTS:
                break
            verb = verb.head
        if cue is None:
            continue
        before = [a for a in attacks if a is not draft and min(a.tokens) < first]
        base = max(before, key=lambda a: max(t for t in a.tokens if t < first)) if before else None
        if base is None or not _day(base):
            continue  # "hours later" counts from the attack told just before: undated, it dates nothing
        span = doc[cue.left_edge.i : cue.right_edge.i + 1]
        sentence = sentence_at(doc, cue.i)
        found = Found("time", base.time, RULE, sentence, span.start_char, span.end_char)
        record_draft("argument", RULE, draft, doc, at=found, role="time", value=base.time,
                     note=f"the day of the attack told before, {base.time}")
        out[n] = supported(replace(draft, time=base.time), found)
    return out
