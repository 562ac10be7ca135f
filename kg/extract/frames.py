"""Argument linking: the roles, place, date and casualty counts of each trigger of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from kg.extract.dates import MONTHS, WEEKDAYS, normalize_date
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.numbers import casualty_counts
from kg.extract.places import capital_of, is_country, lookup_place
from kg.extract.refs import (
    CROWD_REF,
    DATELINE_REF,
    PLACE_LABELS,
    RELATIVE,
    SAME_PLACE_REF,
    Ref,
    entity_span,
    references,
)
from kg.extract.specs import fillers
from kg.extract.triggers import Trigger

CLIMB = 6
PLACE_CLIMB = 10
NAME_LABELS = frozenset({"ORG", "PERSON"})
DATE_MODIFIERS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
LOCATED_TYPES = frozenset({"Attack", "Protest"})
CASUALTIES = "Casualties"
"""Pseudo-type of a frame of counts from a sentence with no attack word ("the hospital received 3 dead")."""


@dataclass(frozen=True)
class Frame:
    """One trigger with its arguments, before entity resolution and coreference."""

    trigger: Trigger
    sentence: int
    agents: tuple[Ref, ...] = ()
    targets: tuple[Ref, ...] = ()
    locations: tuple[Ref, ...] = ()
    time: str | None = None
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False
    about_token: int | None = None
    background: bool = False
    anaphoric: bool = False


def _acl_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """The actor a participle describes ("crowds ..., chanting"): the nearest actor noun up the tree."""
    actors = lex.cue("actor_nouns")
    node = token.head
    for _ in range(3):
        near = [node, *[o for p in node.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]]
        for candidate in near:
            if (
                candidate.lemma_.lower() in actors
                or entity_span(candidate)
                and entity_span(candidate).label in {"PERSON", "ORG"}
            ):
                return references(candidate, lex)
        if node.head is node:
            return []
        node = node.head
    return []


AFFILIATED = re.compile(r"\s*-\s*(\w+)")


def _owner(token: Token, lex: Lexicon) -> list[Ref]:
    """The named owner of a thing: "a U.S. drone" → U.S., "Hezbollah positions" → Hezbollah.

    A name only linked to the thing ("an al-Qaeda-linked alliance") owns nothing.
    """
    return [
        span
        for c in token.children
        if c.dep_ in {"compound", "poss", "nmod", "amod"}
        if (span := entity_span(c)) and span.label in {"GPE", "ORG", "NORP", "PERSON"}
        if not _affiliated(span, token.doc, lex)
    ][:1]


def _affiliated(span: Ref, doc, lex: Lexicon) -> bool:
    end = doc[span.end - 1].idx + len(doc[span.end - 1])
    match = AFFILIATED.match(doc.text, end)
    return bool(match and match.group(1).lower() in lex.roles["affiliation_words"])


def _agentive(refs: list[Ref], doc, lex: Lexicon) -> list[Ref]:
    """An instrument stands for its owner: "a U.S. drone" → U.S.; "an X-linked alliance" is a group."""
    out = []
    for ref in refs:
        head = doc[ref.head]
        if ref.label == "NOUN" and head.lemma_.lower() in lex.roles["group_appositions"]:
            out.append(Ref(ref.start, ref.end, ref.text, "ORG"))
        elif ref.label == "NOUN" and not first_in(head, lex.cue("actor_nouns")):
            out += _owner(head, lex)
        else:
            out.append(ref)
    return out


def _inherited_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """A subjectless verb's agent: the subject of the clause it hangs from, or its head noun's possessor."""
    node = token
    for _ in range(3):
        if node.dep_ not in {"pcomp", "acl", "advcl", "xcomp", "conj", "prep", "pobj"} or node.head is node:
            return []
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            found = fillers(node, "nsubj", lex)
            if found:
                return found
        if node.pos_ in {"NOUN", "PROPN"}:
            return [r for c in node.children if c.dep_ == "poss" for r in references(c, lex)]
    return []


def support_verbs(token: Token, event_type: str, lex: Lexicon) -> list[Token]:
    """Verbs describing a noun trigger from below ("a drone strike carried out by X")."""
    verbs = lex.roles["support"].get(event_type, {})
    return [c for c in token.children if c.dep_ in {"acl", "relcl"} and first_in(c, verbs)]


def _support(token: Token, event_type: str, lex: Lexicon) -> list[Ref]:
    """Agents given by a verb that carries a noun trigger ("staged attacks", "drew condemnations from")."""
    verbs = lex.roles["support"].get(event_type, {})
    below = [r for verb in support_verbs(token, event_type, lex) for r in fillers(verb, "agent", lex)]
    if below:
        return below
    node = token
    for _ in range(2):
        if node.dep_ not in {"dobj", "pobj", "prep", "nsubjpass", "attr"} or node.head is node:
            return []
        node = node.head
        form = first_in(node, verbs)
        if form:
            return [r for spec in verbs[form] for r in fillers(node, spec, lex)]
        if token.dep_ == "nsubjpass":
            return []
    return []


def _speech_verb(token: Token, lex: Lexicon) -> Token | None:
    """The speech verb a quoted or reported statement hangs from ("... will pay,' he told reporters")."""
    node = token
    for _ in range(3):
        if node.head is node or node.dep_ not in {"ccomp", "xcomp", "parataxis", "conj"}:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and first_in(node, lex.cue("speech")):
            return node
    return None


def _speaker(token: Token, lex: Lexicon) -> list[Ref]:
    """The subject of the nearest speech or intent verb above the trigger ("X said ... retaliation")."""
    verbs = lex.cue("speech") | lex.cue("intent")
    node = token
    for _ in range(CLIMB):
        if node.head is node:
            return []
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and first_in(node, verbs):
            found = fillers(node, "nsubj", lex)
            if found:
                return found
    return []


def _mouthpiece(refs: list[Ref], doc, lex: Lexicon) -> list[Ref]:
    out = []
    for ref in refs:
        head = doc[ref.head]
        owner = [r for c in head.children if c.dep_ == "poss" for r in references(c, lex)]
        out += owner if head.lemma_.lower() in lex.cue("mouthpieces") and owner else [ref]
    return out


def _override(trigger: Trigger, doc, lex: Lexicon) -> tuple[list[Ref], list[Ref]] | None:
    """Roles of a trigger word read its own way ("Israel was behind the strike": the subject is accused)."""
    head = doc[trigger.token]
    specs = lex.roles.get("lemma_roles", {}).get(trigger.type, {}).get(head.lemma_.lower())
    if specs is None:
        return None

    def fill(role: str) -> list[Ref]:
        return [
            r
            for spec in specs.get(role, [])
            for r in (_speaker(head, lex) if spec == "speaker" else fillers(head, spec, lex))
        ]

    return fill("agent"), fill("target")


def link_roles(trigger: Trigger, doc, lex: Lexicon) -> tuple[list[Ref], list[Ref]]:
    agents: list[Ref] = []
    targets: list[Ref] = []
    aimed: set[tuple[int, int]] = set()  # targets named after "on", "against" ...: a truck there is a target
    fallback: set[tuple[int, int]] = set()  # "hit a car on a road": "on", "at" name a target only when alone
    override = _override(trigger, doc, lex)
    if override is not None:
        agents, targets = override
    for i in trigger.anchors if override is None else ():
        token = doc[i]
        group = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
        for spec in lex.role_deps(trigger.type, group, "agent"):
            agents += fillers(token, spec, lex)
        for spec in lex.role_deps(trigger.type, group, "target"):
            found = fillers(token, spec, lex)
            targets += found
            if spec.startswith("prep:"):
                aimed |= {(r.start, r.end) for r in found}
            if group == "VERB" and spec.partition(":")[2] in lex.roles["fallback_target_preps"]:
                fallback |= {(r.start, r.end) for r in found}
        if group == "NOUN":
            agents += _support(token, trigger.type, lex)
            for verb in support_verbs(token, trigger.type, lex):
                for spec in lex.role_deps(trigger.type, "NOUN", "target"):
                    targets += fillers(verb, spec, lex)
    head = doc[trigger.token]
    if not agents and trigger.pos == "VERB":
        agents = _inherited_subject(head, lex)
        if not agents and head.dep_ == "acl":
            agents = _acl_subject(head, lex)
    if not agents and trigger.type in lex.roles["speaker_types"]:
        agents = _speaker(head, lex)
    anchors = set(trigger.anchors)
    if trigger.type in lex.roles["crowd_types"]:
        agents = [_as_crowd(a, doc, lex) for a in agents]
    agents = [a for a in _agentive(_mouthpiece(agents, doc, lex), doc, lex) if a.head not in anchors]
    if not agents and first_in(head, lex.cue("self_agent_nouns")):
        agents = references(head, lex)  # "protesters gathered": the trigger names its own agent
    spans = {(r.start, r.end) for r in agents}
    casualty = {doc[i].lemma_.lower() for i in anchors} & set(lex.numbers["killed"] + lex.numbers["injured"])
    ignored = lex.cue("vacuous_targets") | frozenset(lex.roles["non_targets"])
    instruments = lex.cue("instruments")
    wielding = frozenset(lex.roles["wielding_verbs"])
    struck = trigger.pos == "VERB" and not any(doc[i].lemma_.lower() in wielding for i in anchors)
    targets = [
        owner
        for t in targets
        for owner in (_owner(doc[t.head], lex) if first_in(doc[t.head], lex.cue("vacuous_targets")) else [t])
    ]
    targets = [
        t
        for t in targets
        if (t.start, t.end) not in spans
        and t.head not in anchors
        and doc[t.head].lemma_.lower() not in ignored
        and (doc[t.head].lemma_.lower() not in instruments or (t.start, t.end) in aimed or struck)
        and not (casualty and doc[t.head].like_num)
        and not _temporal(doc[t.start : t.end])
    ]
    if any((t.start, t.end) not in fallback for t in targets):
        targets = [t for t in targets if (t.start, t.end) not in fallback]
    return _unique(agents), _unique(targets)


def _as_crowd(ref: Ref, doc, lex: Lexicon) -> Ref:
    """A plural common noun doing a protest is a group of people ("teachers staged a protest"), unless it
    is a date, a place or a number."""
    head = doc[ref.head]
    if (
        ref.label != "NOUN"
        or head.tag_ not in {"NNS", "NNPS"}
        or head.like_num
        or any(t.ent_type_ for t in doc[ref.start : ref.end])
        or first_in(head, lex.cue("actor_nouns"))
        or head.lemma_.lower() in lex.cue("crowd_exclusions")
    ):
        return ref
    return Ref(ref.start, ref.end, ref.text, CROWD_REF)


def _temporal(span: Span) -> bool:
    """A time is no target ("struck on Easter Sunday", "on the night of the vote")."""
    return any(t.ent_type_ in {"DATE", "TIME"} or t.lower_ in WEEKDAYS or t.lower_ in MONTHS for t in span)


def _unique(refs: list[Ref]) -> list[Ref]:
    seen: list[Ref] = []
    for ref in refs:
        if ref not in seen:
            seen.append(ref)
    return seen


def _reaches(
    start: Token, anchors: dict[int, int], preps: frozenset[str], adverbial: bool, lex: Lexicon
) -> int | None:
    """Climb from ``start`` to the first trigger anchor; ``preps`` must include the first preposition met.

    ``adverbial``: a bare noun phrase modifier ("last Sunday") attaches as well, as dates do.
    """
    node, seen_prep = start, False
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
            if adverbial and not any(c is start or c.ent_type_ in {"DATE", "TIME"} for c in node.children):
                return None  # "since the 1979 revolution": the year dates the revolution
            seen_prep = True
        if adverbial and node.dep_ in {"npadvmod", "tmod"}:
            seen_prep = True
        parent = node.head
        if adverbial and node is start and node.dep_ in DATE_MODIFIERS and parent.i in anchors:
            return anchors[parent.i]  # "the 2019 massacre", "Friday's attack"
        if adverbial and parent.i not in anchors and _aside(parent):
            return None  # "the junta, which seized power in 2022, blamed ...": the year is the seizure's
        if parent.i in anchors and seen_prep:
            return anchors[parent.i]
        if (
            parent.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in RELATIVE for c in parent.children)
            and parent.i not in anchors
        ):
            return None  # another clause with its own subject ("the crowd that had gathered" is passed)
        node = parent
    return None


def _aside(verb: Token) -> bool:
    """A relative clause set off by a comma ("X, which seized power in 2022,"): a fact of its own."""
    return verb.dep_ == "relcl" and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "who"} and c.doc[c.i - 1].text == ","
        for c in verb.children
        if c.i > 0
    )


def _place_spans(sentence: Span, lex: Lexicon) -> list[Ref]:
    """Places named in a sentence: NER places, and gazetteer names the NER mislabels or misses."""
    spans = []
    preps = set(lex.roles["location_preps"])
    place_nouns = lex.cue("place_nouns")
    for ent in sentence.ents:
        if any(t.lower_ in WEEKDAYS or t.lower_ in MONTHS for t in ent):
            continue  # "Easter Sunday" read as a facility
        after_prep = (
            ent.root.dep_ == "pobj"
            and ent.root.head.lower_ in preps
            or ent.root.dep_ == "conj"
            and ent.root.head.ent_type_ in PLACE_LABELS  # "in Kano, Kaduna and <a place read as a name>"
        )
        of_place = ent.root.dep_ in {"poss", "compound"} and ent.root.head.lemma_.lower() in place_nouns
        mislabeled = ent.label_ in {"NORP", "ORG"} or after_prep or of_place  # "Mali's Gao region"
        facility = _facility(ent, lex)
        if ent.label_ == "NORP" and ent.root.dep_ == "amod" and ent.root.head.lemma_.lower() in place_nouns:
            spans += _national_place(ent, lex)
        elif facility is not None:
            spans.append(facility)
        elif ent.label_ in PLACE_LABELS or mislabeled and lookup_place(ent.text):
            spans.append(Ref(ent.start, ent.end, ent.text, "GPE" if lookup_place(ent.text) else ent.label_))
        elif of_place and ent.label_ in NAME_LABELS and first_in(ent.root.head, lex.cue("region_nouns")):
            spans.append(Ref(ent.start, ent.end, ent.text, "LOC"))  # "al-Bayda province": a name, unlisted
    same = [token for token in sentence if _same_place(token, lex)]
    spans += [Ref(token.i, token.i + 1, token.text, SAME_PLACE_REF) for token in same]
    dateline_nouns = lex.roles["dateline_nouns"]
    spans += [
        Ref(token.i, token.i + 1, token.text, DATELINE_REF)
        for token in sentence
        if token.lemma_.lower() in dateline_nouns and _unnamed_definite(token) and token not in same
    ]
    for token in sentence:
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and token.text[:1].isupper()
            and lookup_place(token.text)
        ):
            spans.append(Ref(token.i, token.i + 1, token.text, "GPE"))
    return spans


def _national_place(ent: Span, lex: Lexicon) -> list[Ref]:
    """A people's adjective on a place noun: "the Somali capital" is the capital city, "a Nigerian village"
    is in the country."""
    country = lex.aliases["demonyms"].get(ent.text)
    if country is None:
        return []
    head = ent.root.head
    capital = capital_of(country) if head.lemma_.lower() in lex.cue("capital_nouns") else None
    if capital is not None:
        return [Ref(ent.start, head.i + 1, capital, "GPE")]
    return [Ref(ent.start, ent.end, ent.text, "NORP")]


def _facility(ent: Span, lex: Lexicon) -> Ref | None:
    """A name the NER reads as a person or group but a facility noun makes a place: "the Harun Bey air
    base", "Camp Harlow" (the noun inside or just before the name), as one span with that noun."""
    if ent.label_ not in lex.cue("facility_name_labels"):
        return None
    nouns = lex.cue("facility_nouns")
    doc = ent.doc
    start, end = ent.start, ent.end
    if ent.root.dep_ == "compound" and ent.root.head.i >= ent.end and ent.root.head.lemma_.lower() in nouns:
        end = ent.root.head.i + 1
    elif start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in nouns:
        start -= 1
    elif ent[0].lower_ not in nouns:
        return None
    while doc[start].dep_ == "det" and start < end - 1:
        start += 1
    return Ref(start, end, doc[start:end].text, "FAC")


def _site_of(root: Token, ref: Ref, struck: dict[int, tuple[int, bool]]) -> int | None:
    """The attack whose struck place a name modifies: a town owning it ("Kabul's central market") or any
    place, a people's adjective included, describing a place noun ("a Nigerian village")."""
    if root.dep_ not in {"poss", "amod", "compound", "nmod"} or root.head.i not in struck:
        return None
    owner, place_noun = struck[root.head.i]
    town = not is_country(ref.text) and ref.label in PLACE_LABELS
    return owner if place_noun or town and root.dep_ == "poss" else None


def _names_event_place(root: Token, anchors: dict[int, int], ref: Ref) -> bool:
    """A town compounded with an event word is where it happened ("the Kandahar bombing"); a country so
    compounded is more often the side that struck ("a US strike")."""
    geo = lookup_place(ref.text)
    town = geo is not None and geo.feature != "country" or ref.label in {"LOC", "FAC"}
    return root.dep_ in {"compound", "nmod"} and root.head.i in anchors and town and not is_country(ref.text)


def _same_place(token: Token, lex: Lexicon) -> bool:
    """ "in the same city", "the same province": a place noun pointing back to the place named before."""
    return token.lemma_.lower() in lex.cue("place_nouns") and any(
        c.dep_ == "amod" and c.lower_ in lex.cue("same_words") for c in token.children
    )


def _describes_thing(root: Token, lex: Lexicon) -> bool:
    """A place name compounded with a noun that is no place ("a US base") says whose it is."""
    head = root.head
    return (
        root.dep_ in {"compound", "nmod"}
        and head.lemma_.lower() not in lex.cue("place_nouns")
        and head.ent_type_ not in PLACE_LABELS
        and head.pos_ == "NOUN"
    )


def _unnamed_definite(token: Token) -> bool:
    """ "the city", "the capital's streets": a place noun the reader resolves to the dateline's place."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    named = any(
        c.dep_ in {"compound", "appos", "prep", "nmod", "amod"}
        and (c.pos_ == "PROPN" or c.ent_type_ or c.lower_ == "of")
        for c in token.children
    )
    return definite and not named


def sentence_frames(
    sentence: Span, index: int, triggers: list[Trigger], lex: Lexicon, published: date | None
) -> list[Frame]:
    """The frames of one sentence: roles, place, date and casualty counts attached to each trigger."""
    doc = sentence.doc
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
        speech = _speech_verb(head, lex) if t.type in lex.roles["speaker_types"] else None
        if speech is not None:
            anchors.setdefault(speech.i, n)  # "'They will pay,' an official told reporters on Tuesday"
    roles = [link_roles(t, doc, lex) for t in triggers]
    places: dict[int, list[Ref]] = {}
    taken = {i for agents, targets in roles for r in agents + targets for i in range(r.start, r.end)}
    struck = {
        doc[r.head].i: (n, bool(first_in(doc[r.head], lex.cue("place_nouns"))))
        for n, (_, targets) in enumerate(roles)
        if triggers[n].type == "Attack"
        for r in targets
    }
    for ref in _place_spans(sentence, lex):
        root = doc[ref.start : ref.end].root
        event_place = _names_event_place(root, anchors, ref)
        site = _site_of(root, ref, struck)
        if site is not None:
            places.setdefault(site, []).append(ref)  # "Kabul's central market", "a Nigerian village"
            continue
        if any(i in taken for i in range(ref.start, ref.end)) and not event_place:
            continue  # a modifier of an actor or target: "a US military base", "Iran's parliament"
        inside = [anchors[i] for i in range(ref.start, ref.end) if i in anchors]
        if not inside and event_place:
            inside = [anchors[root.head.i]]  # "the Kandahar bombing"
        if not inside and _describes_thing(root, lex):
            continue  # "at a US military base in Jordan": the base is American, the place is Jordan
        owner = (
            inside[0]
            if inside
            else _reaches(root, anchors, frozenset(lex.roles["location_preps"]), False, lex)
        )
        if owner is not None and triggers[owner].type in LOCATED_TYPES:
            places.setdefault(owner, []).append(ref)
    times: dict[int, str] = {}
    for ent in sentence.ents:
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and any(t.lower_ in WEEKDAYS for t in ent)):
            continue  # a time of day says no date, but "Friday night" does
        owner = _reaches(ent.root, anchors, frozenset(lex.roles["date_preps"]), True, lex)
        clauses = [anchors[c.i] for c in _when_clauses(ent.root) if c.i in anchors]
        owner = clauses[0] if clauses else owner  # "in October, when twin truck bombs killed 100 people"
        value = normalize_date(ent.text, published) if owner is not None else None
        if value and owner not in times:
            times[owner] = value
    counts: dict[int, dict[str, tuple[int, bool]]] = {}
    attacks = [n for n, t in enumerate(triggers) if t.type == "Attack"]
    for count in casualty_counts(sentence, lex):
        if attacks:
            owner = min(attacks, key=lambda n: _distance(doc[count.token], doc[triggers[n].token]))
            counts.setdefault(owner, {}).setdefault(count.kind, (count.value, count.approximate))
        else:
            counts.setdefault(-1, {}).setdefault(count.kind, (count.value, count.approximate))
    frames = []
    for n, t in enumerate(triggers):
        agents, targets = roles[n]
        if t.type == "Threaten" and not targets:
            targets = _threatened(doc[t.token], triggers, roles, places)
        numbers = counts.get(n, {})
        about = _about(doc[t.token], anchors, triggers) if t.type != "Attack" else None
        frames.append(
            Frame(
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
                background=t.type == "Attack" and _background(doc[t.token], lex),
                anaphoric=_anaphoric(doc[t.token]),
            )
        )
    if -1 in counts:
        frames.append(
            Frame(
                trigger=Trigger(CASUALTIES, sentence.root.i, "", "NOUN", 0.0, (), False),
                sentence=index,
                killed=counts[-1].get("killed", (None, False))[0],
                injured=counts[-1].get("injured", (None, False))[0],
                approximate=any(a for _, a in counts[-1].values()),
            )
        )
    return frames


def _when_clauses(date_root: Token) -> list[Token]:
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


def _anaphoric(token: Token) -> bool:
    """A verb or a definite noun ("the blasts", "these attacks", "its attack") may refer to a known event."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return any(
        c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another", "some", "any"}
        for c in token.children
    )


PAST_ADVERBS = frozenset({"previously", "earlier", "past"})


def _background(token: Token, lex: Lexicon) -> bool:
    mods = lex.cue("background_modifiers")
    return (
        any(c.lower_ in mods for c in token.children if c.dep_ in {"amod", "advmod"})
        or any(c.lower_ in PAST_ADVERBS for c in token.head.children if c.dep_ == "advmod")
        or _motive(token, lex)
        or _benchmark(token, lex)
        or _separate(token, lex)
        or _time_shifted(token, lex)
        or token.dep_ == "relcl" and any(_benchmark(a, lex) for a in list(token.ancestors)[:4])
    )


def _separate(token: Token, lex: Lexicon) -> bool:
    """An attack told apart from the main one: "a separate attack", and the verb it introduces ("In a
    separate attack, gunmen shot two officers")."""
    words = lex.cue("separate_modifiers")

    def marked(noun: Token) -> bool:
        return any(c.dep_ in {"amod", "det"} and c.lower_ in words for c in noun.children)

    attack_nouns = lex.triggers["Attack"]["NOUN"]
    introduced = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return marked(token) or token.pos_ == "VERB" and any(
        marked(g) and first_in(g, attack_nouns) for g in introduced
    )


def _time_shifted(token: Token, lex: Lexicon) -> bool:
    """An attack told as happening days after another ("Two days later, a roadside bomb killed ...", "the
    next day, gunmen stormed ..."): a new attack, not the main one again."""
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ in {"nsubj", "nsubjpass"} else None
    if verb is None:
        return False
    offsets: dict[str, int] = lex.cues["days_later"]
    later, units = lex.cue("later_words"), lex.cue("shift_units")
    for child in (c for c in verb.children if c.dep_ in {"advmod", "npadvmod"}):
        words = [t for t in child.subtree]
        if offsets.get(" ".join(t.lower_ for t in words), 0) >= 1:
            return True
        if any(t.lower_ in later for t in words) and any(t.lemma_.lower() in units for t in words):
            return True
    return False


def _benchmark(token: Token, lex: Lexicon) -> bool:
    """The past attack the one told is measured against: "the deadliest since the massacre" (and
    "the massacre, where a gunman killed 51", through its relative clause)."""
    head = token.head
    if token.dep_ != "pobj" or head.lower_ not in lex.cue("benchmark_preps"):
        return False
    return any(t.tag_ == "JJS" for t in token.sent if t.i < head.i)


def _motive(token: Token, lex: Lexicon) -> bool:
    """The attack avenged, not the one told: "fired missiles in retaliation for the killing of X"
    ("vowed revenge for the bombings" is a threat over the attack told)."""
    motive = token.head.head
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in {"for", "over"}
        and bool(first_in(motive, lex.cue("motive_nouns")))
        and motive.dep_ == "pobj"
        and motive.head.lower_ == "in"
    )


def _distance(a: Token, b: Token) -> int:
    path_a = [a, *a.ancestors]
    path_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(path_b)}
    for n, t in enumerate(path_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(path_a) + len(path_b)
