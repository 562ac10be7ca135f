"""Frames: the mentions of one sentence, each trigger with its roles, place, date and casualty counts."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.extract.attach import distance, reaches, when_clauses
from kg.extract.background import anaphoric, background
from kg.extract.dates import WEEKDAYS, normalize_date
from kg.extract.draft import CASUALTIES, Draft
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.locations import event_places
from kg.extract.numbers import casualty_counts
from kg.extract.refs import Ref, references
from kg.extract.roles import link_roles, speech_verb, support_verbs
from kg.extract.triggers import Trigger

__all__ = ["CASUALTIES", "sentence_frames"]


def _anchors(triggers: list[Trigger], doc: Doc, lex: Lexicon) -> dict[int, int]:
    """Token → index of the trigger whose places, dates and counts attach through it: its own words and
    the verbs that carry it ("launched a campaign ... striking", "explosions tore through")."""
    anchors = {a: n for n, t in enumerate(triggers) for a in t.anchors}
    for n, t in enumerate(triggers):
        head = doc[t.token]
        support = lex.roles["support"].get(t.type, {})
        if t.pos == "VERB" and head.dep_ == "acl":
            anchors.setdefault(head.head.i, n)
        if (
            t.pos == "NOUN"
            and head.dep_ == "dobj"
            and first_in(head.head, lex.roles["support"].get(t.type, {}))
        ):
            anchors.setdefault(head.head.i, n)
        if t.pos == "NOUN":
            for verb in support_verbs(head, t.type, lex):
                anchors.setdefault(verb.i, n)
        if t.pos == "VERB" and head.dep_ in {"advcl", "xcomp", "conj"} and first_in(head.head, support):
            anchors.setdefault(head.head.i, n)  # "launched a campaign on Friday, striking 85 targets"
        if t.type == "Attack" and t.pos == "VERB" and head.dep_ == "advcl" and head.head.pos_ == "VERB":
            anchors.setdefault(head.head.i, n)  # "a bomb ripped through X on Tuesday, killing 19"
        crowd = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else head
        if t.type == "Protest" and t.pos == "NOUN" and crowd.dep_ == "nsubj" and crowd.head.pos_ == "VERB":
            anchors.setdefault(crowd.head.i, n)  # "thousands of protesters blocked roads in A, B and C"
        if t.pos == "NOUN" and head.dep_ == "nsubj" and first_in(head.head, lex.cue("event_predicates")):
            anchors.setdefault(head.head.i, n)  # "explosions tore through X on Sunday"
        for clause in (c for c in head.children if t.pos == "NOUN" and c.dep_ == "relcl"):
            if first_in(clause, lex.cue("event_predicates")):
                anchors.setdefault(clause.i, n)  # "an explosion that took place at a bus station"
        speech = speech_verb(head, lex) if t.type in lex.roles["speaker_types"] else None
        if speech is not None:
            anchors.setdefault(speech.i, n)  # "'They will pay,' an official told reporters on Tuesday"
    return anchors


def sentence_frames(
    sentence: Span, index: int, triggers: list[Trigger], lex: Lexicon, published: date | None
) -> list[Draft[Ref]]:
    """The frames of one sentence: roles, place, date and casualty counts attached to each trigger."""
    doc = sentence.doc
    anchors = _anchors(triggers, doc, lex)
    roles = [link_roles(t, doc, lex) for t in triggers]
    places = event_places(sentence, anchors, triggers, roles, lex)
    times: dict[int, str] = {}
    for ent in sentence.ents:
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and any(t.lower_ in WEEKDAYS for t in ent)):
            continue  # a time of day says no date, but "Friday night" does
        owner = reaches(ent.root, anchors, frozenset(lex.roles["date_preps"]), True, lex)
        clauses = [anchors[c.i] for c in when_clauses(ent.root) if c.i in anchors]
        owner = clauses[0] if clauses else owner  # "in October, when twin truck bombs killed 100 people"
        value = normalize_date(ent.text, published) if owner is not None else None
        if value and owner not in times:
            times[owner] = value
    counts: dict[int, dict[str, tuple[int, bool]]] = {}
    attacks = [n for n, t in enumerate(triggers) if t.type == "Attack"]
    for count in casualty_counts(sentence, lex):
        if attacks:
            owner = min(attacks, key=lambda n: distance(doc[count.token], doc[triggers[n].token]))
            counts.setdefault(owner, {}).setdefault(count.kind, (count.value, count.approximate))
        else:
            counts.setdefault(-1, {}).setdefault(count.kind, (count.value, count.approximate))
    frames: list[Draft[Ref]] = []
    for n, t in enumerate(triggers):
        agents, targets = roles[n]
        if t.type == "Attack":
            targets = _unique([*targets, *_struck_venues(n, anchors, doc, lex)])
        if t.type == "Threaten" and not targets:
            targets = _threatened(doc[t.token], triggers, roles, places)
        numbers = counts.get(n, {})
        about = _about(doc[t.token], anchors, triggers) if t.type != "Attack" else None
        frames.append(
            Draft(
                trigger=t,
                sentence=index,
                agents=tuple(agents),
                targets=tuple(targets),
                locations=tuple(places.get(n, ())),
                time=times.get(n),
                killed=numbers.get("killed", (None, False))[0],
                injured=numbers.get("injured", (None, False))[0],
                approximate=any(a for _, a in numbers.values()),
                about_token=about,
                background=t.type == "Attack" and background(doc[t.token], lex),
                anaphoric=anaphoric(doc[t.token]),
            )
        )
    if -1 in counts:
        frames.append(
            Draft(
                trigger=Trigger(CASUALTIES, sentence.root.i, "", "NOUN", 0.0, (), False),
                sentence=index,
                killed=counts[-1].get("killed", (None, False))[0],
                injured=counts[-1].get("injured", (None, False))[0],
                approximate=any(a for _, a in counts[-1].values()),
            )
        )
    return frames


def _struck_venues(n: int, anchors: dict[int, int], doc: Doc, lex: Lexicon) -> list[Ref]:
    """What an attack hit, told as where it happened: a building, vehicle or venue after "at", "in",
    "outside", "through" ... ("an explosion tore through a bus station", "a car bomb exploded in a motor
    park"). A named place in it ("an Istanbul stadium") is still the attack's place."""
    preps, venues = lex.cue("venue_preps"), lex.cue("venue_nouns")
    found = []
    for i in (i for i, owner in anchors.items() if owner == n):
        for prep in (c for c in doc[i].children if c.dep_ == "prep" and c.lower_ in preps):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and first_in(c, venues)):
                found += [r for r in references(obj, lex) if r.label in {"NOUN", "FAC", "ORG"}]
    return found


def _unique(refs: list[Ref]) -> list[Ref]:
    return list(dict.fromkeys(refs))


def _threatened(
    token: Token,
    triggers: list[Trigger],
    roles: list[tuple[list[Ref], list[Ref]]],
    places: dict[int, list[Ref]],
) -> list[Ref]:
    """Who a threat is against: the targets, else the places, of the attack it announces ("would strike
    anywhere in Syria")."""
    below = {t.i for t in token.subtree}
    for n, t in enumerate(triggers):
        if t.type == "Attack" and t.token in below and t.token != token.i:
            found = roles[n][1] or places.get(n, [])
            if found:
                return list(found)
    return []


def _about(token: Token, anchors: dict[int, int], triggers: list[Trigger]) -> int | None:
    """The attack trigger a claim, condemnation, ... refers to: first in its subtree, else in its sentence."""
    attacks = {triggers[n].token for n in anchors.values() if triggers[n].type == "Attack"}
    for t in token.subtree:
        if t.i in anchors and triggers[anchors[t.i]].type == "Attack":
            return triggers[anchors[t.i]].token
    head = token.head
    if head.i in anchors and triggers[anchors[head.i]].type == "Attack":
        return triggers[anchors[head.i]].token
    return min(attacks, key=lambda i: abs(i - token.i)) if attacks else None
