"""Frames: the mentions of one sentence, each trigger with its roles, place, date and casualty counts."""

from __future__ import annotations

import functools
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.extract.attach import distance, occasion, reaches, telling_verb, told_in, when_clauses
from kg.extract.background import anaphoric, background, benchmark, generic
from kg.extract.cache import span_ents
from kg.extract.charges import told_charges
from kg.extract.dates import normalize_date, weekdays
from kg.extract.draft import CASUALTIES, Draft, Found
from kg.extract.instruments import instrument_refs
from kg.extract.lexicon import Lexicon, first_in, load_lexicon
from kg.extract.locations import event_places
from kg.extract.numbers import Count, casualty_counts
from kg.extract.participants import participants_setting
from kg.extract.refs import Ref, references, taken_by, unique_refs
from kg.extract.roles import link_roles, support_verbs
from kg.extract.rules import check
from kg.extract.speakers import speech_verb
from kg.extract.suffered import suffered_in
from kg.extract.telling_date import dated_tellings
from kg.extract.trace import record_refs, record_tokens, span_offsets, tracing
from kg.extract.triggers import Trigger
from kg.extract.victims import counted_victims

__all__ = ["CASUALTIES", "sentence_frames"]


@check("deed_weapon")
def _deed_weapons(head: Token, trigger: Trigger, weapons: frozenset[str]) -> list[Token]:
    """The weapon an attack verb tells the deed of, and the participles telling where it was set, through
    which the venue it hit attaches: "a car bomb at a police academy that killed 20", "a bomb placed at the
    shrine killed 20"."""
    if trigger.type != "Attack" or trigger.pos != "VERB":
        return []
    held = [head.head] if head.dep_ == "relcl" else [c for c in head.children if c.dep_ == "nsubj"]
    found = [w for w in held if w.pos_ == "NOUN" and first_in(w, weapons)]
    for w in found:
        record_tokens("candidate", "target.deed_weapon", head.doc, w.i, w.i + 1, note="the deed's weapon")
    return [*found, *(c for w in found for c in w.children if c.dep_ == "acl")]


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
        issued = head.head if head.dep_ == "acl" and t.type in lex.roles["speaker_types"] else None
        if issued is not None and issued.dep_ == "dobj" and issued.head.pos_ == "VERB":
            anchors.setdefault(issued.head.i, n)  # "issued a statement on Thursday to condemn the attack"
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
    roles = _accusers_act_not(triggers, [link_roles(t, doc, lex) for t in triggers], doc)
    roles = _accused_not_struck(triggers, roles, doc)
    told = bool(triggers) or tracing() is not None  # no event word: no place nor date to attach (or trace)
    places = event_places(sentence, anchors, triggers, roles, lex) if told else {}
    times = _times(sentence, index, anchors, triggers, lex, published) if told else {}
    places, times = participants_setting(triggers, anchors, places, times, doc)
    counts: dict[int, dict[str, Count]] = {}
    owned_by: dict[tuple[int, str], str] = {}  # (attack, kind) → the rule that gave the attack the count
    attacks = [n for n, t in enumerate(triggers) if t.type == "Attack"]
    for count in casualty_counts(sentence, lex):
        record_tokens("candidate", count.rule, doc, *count.span, role=count.kind, value=str(count.value))
        nearest = _count_owner(count, attacks, triggers, doc)
        owner = _governing_attack(nearest, attacks, triggers, doc) if nearest >= 0 else nearest
        rule = "count.deed_adjunct" if owner != nearest else "count.nearest_attack"
        if owner >= 0 and count.kind not in counts.get(owner, {}):
            record_tokens("argument", rule, doc, *count.span, **_fields(triggers[owner], count))
            owned_by[(owner, count.kind)] = rule
        counts.setdefault(owner, {}).setdefault(count.kind, count)
    frames: list[Draft[Ref]] = []
    for n, t in enumerate(triggers):
        agents, targets = roles[n]
        if t.type == "Attack" and "killed" in counts.get(n, {}):
            victims = counted_victims([doc[counts[n]["killed"].token]], targets, doc, lex)
            record_refs("argument", victims, doc, t, "target")
            targets = [*targets, *victims]
        if t.type == "Attack":
            venues = _struck_venues([i for i, m in anchors.items() if m == n], doc[t.token], t, lex)
            record_refs("argument", [v for v in venues if v not in targets], doc, t, "target")
            targets = unique_refs([*targets, *venues])
        if t.type == "Threaten" and not targets:
            targets = _threatened(doc[t.token], triggers, roles, places)
            record_refs("argument", targets, doc, t, "target")
        means = instrument_refs(t, [i for i, m in anchors.items() if m == n], doc, lex)
        record_refs("argument", means, doc, t, "instrument")
        about, about_rule = _about(doc[t.token], anchors, triggers) if t.type != "Attack" else (None, "")
        support = [*times.get(n, ()), *_count_support(counts.get(n, {}), index, owned_by, doc, n)]
        if about is not None:
            support.append(_found("about", "", about_rule, index, doc, about, about + 1))
        frames.append(
            Draft(
                trigger=t,
                sentence=index,
                agents=tuple(agents),
                targets=tuple(targets),
                locations=tuple(places.get(n, ())),
                instruments=tuple(means),
                time=times[n][0].value if n in times else None,
                killed=_value(counts.get(n, {}), "killed"),
                injured=_value(counts.get(n, {}), "injured"),
                approximate=any(c.approximate for c in counts.get(n, {}).values()),
                about_token=about,
                # a campaign waged over years (trigger.fighting_campaign) is a series, not the attack told
                background=t.type == "Attack"
                and (t.rule == "trigger.fighting_campaign" or background(doc[t.token], lex)),
                anaphoric=anaphoric(doc[t.token]),
                generic=generic(doc[t.token]),
                support=tuple(support),
            )
        )
    if -1 in counts:
        frames.append(
            Draft(
                trigger=Trigger(CASUALTIES, sentence.root.i, "", "NOUN", 0.0, (), False),
                sentence=index,
                killed=_value(counts[-1], "killed"),
                injured=_value(counts[-1], "injured"),
                approximate=any(c.approximate for c in counts[-1].values()),
                support=_count_support(counts[-1], index, {}, doc, -1),
            )
        )
    charged = told_charges(frames, sentence, index, lex)  # accusations an attack's telling makes
    return dated_tellings(charged, len(frames), sentence, index, lex, published)


@check("date_attach")
def _times(
    sentence: Span,
    index: int,
    anchors: dict[int, int],
    triggers: list[Trigger],
    lex: Lexicon,
    published: date | None,
) -> dict[int, tuple[Found]]:
    """Trigger index → the date that dates it, with the rule that attached it."""
    doc = sentence.doc
    times: dict[int, tuple[Found]] = {}
    told_types = {"Attack", "Protest", CASUALTIES}  # deeds, not tellings
    reactions = {n: t.token for n, t in enumerate(triggers) if t.type not in told_types}
    told: list[tuple[int, Span, str]] = []
    for ent in span_ents(sentence):
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and any(t.lower_ in weekdays() for t in ent)):
            continue  # a time of day says no date, but "Friday night" does
        clauses = [anchors[c.i] for c in when_clauses(ent.root) if c.i in anchors]
        days = _days() if all(t.lower_ in _days() or t.dep_ == "case" for t in ent) else frozenset()
        named = occasion(ent.root, anchors, days)  # "during Friday prayers" (not "the Good Friday accord")
        if not clauses and (benchmark(ent.root, lex) or benchmark(named, lex)):  # "the deadliest since 2003"
            record_tokens("rejected_argument", "time.benchmark", doc, ent.start, ent.end, role="time")
            continue
        via: list[str] = []
        owner = reaches(named, anchors, frozenset(lex.roles["date_preps"]), True, lex, via)
        rule = "time.attached" if named.i == ent.root.i else "time.occasion"
        rule = "time.circumstance_clause" if via else rule
        if clauses:
            owner, rule = clauses[0], "time.when_clause"  # "in October, when twin truck bombs killed 100"
        verb = telling_verb(named) if not clauses and (owner is None or owner in reactions) else None
        if verb is not None and (owner is None or anchors.get(verb.i) == owner):
            itself = owner is not None and triggers[owner].token == verb.i  # "denied ..., saying"
            said = told_in(verb, anchors, reactions, same_speaker=itself)
            told += [(n, ent, "time.told_on") for n in said if n != owner]
        deed = _shared_verb_deed(named, anchors, triggers) if owner is None and not clauses else None
        if deed is not None:
            owner, rule = deed, "time.shared_verb"  # "arrived late on Monday and set homes on fire"
        elif owner is None and not clauses:  # "two guards died during a raid at dawn today"
            owner = suffered_in(named, anchors, triggers)
            rule = "time.suffered_in"
        value = normalize_date(ent.text, published) if owner is not None else None
        if value and owner is not None and owner not in times:
            times[owner] = (_found("time", value, rule, index, doc, ent.start, ent.end),)
            record_tokens("argument", rule, doc, ent.start, ent.end, **_fields(triggers[owner], None, value))
            if owner in reactions:
                joined = _conjoined_reactions(doc[reactions[owner]], anchors, reactions)
                told += [(n, ent, "time.conjoined") for n in joined]
    for owner, ent, rule in told:  # a reaction told on a dated telling (or beside one) takes its date
        if owner not in times and (value := normalize_date(ent.text, published)):
            times[owner] = (_found("time", value, rule, index, doc, ent.start, ent.end),)
            record_tokens("argument", rule, doc, ent.start, ent.end, **_fields(triggers[owner], None, value))
    return times


def _shared_verb_deed(date_root: Token, anchors: dict[int, int], triggers: list[Trigger]) -> int | None:
    """The deed joined, with no subject of its own, to the verb a date is set on when that verb names no
    event ("masked men arrived late on Monday and set homes on fire"): one doer's one doing, dated once."""
    verb = telling_verb(date_root)
    if verb is None or verb.i in anchors:
        return None
    for c in verb.children:
        own_subject = any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        deed = c.dep_ == "conj" and c.i in anchors and triggers[anchors[c.i]].type == "Attack"
        if deed and not own_subject:
            return anchors[c.i]
    return None


def _conjoined_reactions(verb: Token, anchors: dict[int, int], reactions: dict[int, int]) -> list[int]:
    """The reactions joined to a dated reaction verb in one clause ("rejects and condemns ... on
    Saturday"): its verb conjuncts that are reactions, but a joined clause with a subject of its own ("X
    denied, and Y deplored")."""
    if verb.dep_ == "conj" and _has_subject(verb):
        return []
    joined = (c for c in verb.conjuncts if c.pos_ == "VERB" and anchors.get(c.i) in reactions)
    return [anchors[c.i] for c in joined if not (c.dep_ == "conj" and _has_subject(c))]


def _has_subject(verb: Token) -> bool:
    return any(d.dep_ in {"nsubj", "nsubjpass"} for d in verb.children)


@functools.cache
def _days() -> frozenset[str]:
    """Words naming one day: the weekdays, "today", "yesterday"."""
    return frozenset(weekdays()) | frozenset(load_lexicon().dates["relative_days"])


@check("count_owner")
def _count_owner(count: Count, attacks: list[int], triggers: list[Trigger], doc: Doc) -> int:
    """The attack a casualty count belongs to: the nearest in the tree; -1 when the sentence has none."""
    if not attacks:
        return -1
    return min(attacks, key=lambda n: distance(doc[count.token], doc[triggers[n].token]))


@check("deed_adjunct")
def _governing_attack(n: int, attacks: list[int], triggers: list[Trigger], doc: Doc) -> int:
    """A verb of killing or wounding told as an adjunct of another attack verb ("a bomb exploded ...,
    killing one and injuring five"; "opened fire, wounding 12") gives its counts to that attack: up the
    participles and their conjuncts to the first attack verb they hang from."""
    by_token = {triggers[m].token: m for m in attacks}
    verb, owner = doc[triggers[n].token], n
    for _ in range(4):
        adjunct = verb.pos_ == "VERB" and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"}
        if not adjunct or verb.head.i > verb.i:
            break
        verb = verb.head
        owner = by_token.get(verb.i, owner)
    return owner


def _value(counts: dict[str, Count], kind: str) -> int | None:
    count = counts.get(kind)
    return count.value if count is not None else None


def _count_support(
    counts: dict[str, Count], index: int, owned_by: dict[tuple[int, str], str], doc: Doc, owner: int
) -> tuple[Found, ...]:
    """The support of an attack's counts (``owner`` -1: a sentence without an attack word's)."""
    default = "count.casualty_sentence" if owner < 0 else "count.nearest_attack"
    return tuple(
        _found(
            kind,
            str(c.value),
            owned_by.get((owner, kind), default),
            index,
            doc,
            *c.span,
            qualifier=c.qualifier,
        )
        for kind, c in counts.items()
    )


def _found(
    role: str, value: str, rule: str, index: int, doc: Doc, start: int, end: int, qualifier: str | None = None
) -> Found:
    first, last = span_offsets(doc, start, end)
    return Found(role, value, rule, index, first, last, qualifier)


def _fields(trigger: Trigger, count: Count | None, value: str = "") -> dict[str, str]:
    fields = {"trigger": trigger.text, "event_type": trigger.type}
    if count is not None:
        return {**fields, "role": count.kind, "value": str(count.value)}
    return {**fields, "role": "time", "value": value}


@check("accuser_not_agent")
def _accusers_act_not(
    triggers: list[Trigger], roles: list[tuple[list[Ref], list[Ref]]], doc: Doc
) -> list[tuple[list[Ref], list[Ref]]]:
    """Accusation is not agency: who blames someone in a sentence is no attacker in it, however the parse
    hangs the words ("the ambush, which police blamed on the rebels, killed five": police did not kill)."""
    pairs = list(zip(triggers, roles, strict=True))
    accusers = {(r.start, r.end) for t, (agents, _) in pairs if t.type == "Accuse" for r in agents}
    out = []
    for t, (agents, targets) in pairs:
        if t.type == "Attack":
            dropped = [a for a in agents if (a.start, a.end) in accusers]
            record_refs("rejected_argument", dropped, doc, t, "agent", "agent.accuser_not_agent")
            agents = [a for a in agents if (a.start, a.end) not in accusers]
        out.append((agents, targets))
    return out


@check("accused_not_struck")
def _accused_not_struck(
    triggers: list[Trigger], roles: list[tuple[list[Ref], list[Ref]]], doc: Doc
) -> list[tuple[list[Ref], list[Ref]]]:
    """Who is blamed for an attack in a sentence is not what it hit ("officials blamed Sunday's bombing on
    the Taliban": the "on" is the blame's)."""
    pairs = list(zip(triggers, roles, strict=True))
    accused = {(r.start, r.end) for t, (_, targets) in pairs if t.type == "Accuse" for r in targets}
    out = []
    for t, (agents, targets) in pairs:
        if t.type == "Attack":
            dropped = [r for r in targets if (r.start, r.end) in accused]
            record_refs("rejected_argument", dropped, doc, t, "target", "target.accused_not_struck")
            targets = [r for r in targets if (r.start, r.end) not in accused]
        out.append((agents, targets))
    return out


@check("struck_venue")
def _struck_venues(anchors: list[int], head: Token, trigger: Trigger, lex: Lexicon) -> list[Ref]:
    """What an attack hit, told as where it happened: a building, vehicle or venue after "at", "in",
    "outside", "through" ... ("an explosion tore through a bus station", "a car bomb exploded in a motor
    park"), and a gathering it struck at or during (``target.struck_occasion``: "shot during a rally", "a
    blast at a ceremony"). A named place in it ("an Istanbul stadium") is still the attack's place."""
    preps, venues = lex.cue("venue_preps"), lex.cue("venue_nouns")
    occasions, during = lex.cue("occasion_nouns"), lex.cue("occasion_preps")
    doc = head.doc
    found: list[Ref] = []
    for i in [*anchors, *(w.i for w in _deed_weapons(head, trigger, lex.cue("instruments")))]:
        for prep in (c for c in doc[i].children if c.dep_ == "prep" and c.lower_ in preps | during):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and not _owned_by_victim(c, lex)):
                refs = [r for r in references(obj, lex) if r.label in {"NOUN", "FAC", "ORG"}]
                if prep.lower_ in preps and first_in(obj, venues):
                    found += taken_by(refs, "target.struck_venue")
                elif first_in(obj, occasions):
                    found += taken_by(refs, "target.struck_occasion")
    return found


@check("victim_venue")
def _owned_by_victim(venue: Token, lex: Lexicon) -> bool:
    """A venue or occasion told with a person's pronoun ("shot dead in her car", "killed at his home",
    "gathered at his memorial") says where the person hit was, or whom the gathering was for: the person is
    the target, not the place."""
    owned = any(c.dep_ == "poss" and c.lower_ in lex.cues["pronouns"]["person"] for c in venue.children)
    if owned:
        span = (venue.left_edge.i, venue.i + 1)
        record_tokens("rejected_argument", "target.victim_venue", venue.doc, *span, role="target")
    return owned


def _announced(attack: Token, threat: Token) -> bool:
    """An attack a threat announces: a deed to come ("would strike anywhere in X") or the threat's own
    object ("threatened attacks on X", "threatening to stage attacks in X"); not an attack it answers or
    warns of ("hunt down those responsible for the bombings that killed X", "warned about an attack")."""
    if attack.pos_ in {"VERB", "AUX"}:
        return True
    doer = attack.head
    return attack.dep_ == "dobj" and (doer is threat or doer.dep_ == "xcomp" and doer.head is threat)


@check("threatened")
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
        announced = t.token in below and t.token != token.i and _announced(token.doc[t.token], token)
        if t.type == "Attack" and announced:
            found = roles[n][1] or places.get(n, [])
            if found:
                return taken_by(list(found), "target.threatened")
    return []


def _cause(token: Token) -> Token | None:
    """The subject of the verb a reaction word is the object of ("the bombing drew condemnation", "the
    raid, which sparked protests": the noun a relative clause hangs from), the deed that set it off."""
    if token.dep_ != "dobj" or token.head.pos_ != "VERB":
        return None
    verb = token.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        return verb.head
    return subject


@check("about_attack")
def _about(token: Token, anchors: dict[int, int], triggers: list[Trigger]) -> tuple[int | None, str]:
    """The attack trigger a claim, condemnation, ... refers to: first in its subtree, else in its sentence;
    with the rule that found it."""
    attacks = {triggers[n].token for n in anchors.values() if triggers[n].type == "Attack"}
    for t in token.subtree:
        if t.i in anchors and triggers[anchors[t.i]].type == "Attack":
            return triggers[anchors[t.i]].token, "about.in_subtree"
    head = token.head
    if head.i in anchors and triggers[anchors[head.i]].type == "Attack":
        return triggers[anchors[head.i]].token, "about.head"
    cause = _cause(token)
    if cause is not None and cause.i in anchors and triggers[anchors[cause.i]].type == "Attack":
        return triggers[anchors[cause.i]].token, "about.caused_by"
    if attacks:
        return min(attacks, key=lambda i: abs(i - token.i)), "about.nearest_in_sentence"
    return None, ""
