"""Role specs: how one entry of ``roles.yaml`` ("nsubj", "prep:on", "subtree:dobj", "nsubj>prep:against")
reads fillers off the dependency tree. Readers are looked up by the spec's kind in :data:`READERS`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.cache import doc_ents
from kg.extract.entities import ACRONYM, canonical, spelt_out
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import PLACE_LABELS, Ref, entity_span, references, stance_named, taken_by
from kg.extract.rules import check, pattern_fillers
from kg.gazetteer import is_country, lookup_place

Reader = Callable[[Token, str, Lexicon, str], list[Ref]]


def named(token: Token, lex: Lexicon) -> Ref | None:
    """A proper name inside a phrase ("Death to Israel"): a named actor, known alias or gazetteer place."""
    span = entity_span(token)
    if span and span.label in {"GPE", "ORG", "PERSON"}:
        return span if span.start == token.i else None
    if token.pos_ == "PROPN" and (canonical(token.text, lex) or lookup_place(token.text)):
        return Ref(token.i, token.i + 1, token.text, "GPE")
    return None


def _matched(token: Token, rule: str, lex: Lexicon, link: str | None = None) -> list[Ref]:
    """The fillers the pattern of ``rule`` finds from ``token`` (its ``link`` node, a preposition, being
    ``link`` when given), as that rule took them."""
    return taken_by(
        [
            r
            for filler, via in pattern_fillers(token, rule)
            if link is None or via is not None and via.lower_ == link
            for r in references(filler, lex)
            if via is None or via.head is token or r.start > via.head.i  # "the finger at X": after the object
        ],
        rule,
    )


def _prep(token: Token, preposition: str, lex: Lexicon, role: str) -> list[Ref]:
    """Objects of a preposition under the word, or under its direct object ("pointed the finger at X")."""
    under = _matched(token, "target.object_prep", lex, preposition) if role == "target" else []
    return under + _matched(token, f"{role}.prep_object", lex, preposition)


def _agent(token: Token, _: str, lex: Lexicon, role: str) -> list[Ref]:
    """The object of a passive "by"."""
    return _matched(token, f"{role}.passive_by", lex)


@check("named_in_subtree")
def _subtree(token: Token, dep: str, lex: Lexicon, role: str) -> list[Ref]:
    """Every proper name under a child ("chanting slogans such as 'Death to Israel'")."""
    found = [ref for c in token.children if c.dep_ == dep for t in c.subtree if (ref := named(t, lex))]
    return taken_by(found, f"{role}.named_in_{dep}")


@functools.cache
def _described_nouns(lex: Lexicon) -> frozenset[str]:
    """The nouns a name before them describes, as who or where, rather than doing what follows: actors,
    venues, facilities and places ("the Tesk militia raids", "the Tala cafe bombing")."""
    cues = ("actor_nouns", "venue_nouns", "facility_nouns", "place_nouns")
    return frozenset().union(*(lex.cue(name) for name in cues))


def _compound_actor(token: Token, _: str, lex: Lexicon, role: str) -> list[Ref]:
    """A named actor modifying a noun trigger ("a US air strike", "an Israeli drone strike", "an ELN car
    bomb"), directly or through a common noun compounded to it that is no actor's nor place's noun ("a
    Tala Front mortar attack", not "the Tala cafe bombing"); a weapon's acronym the tagger reads as a name
    ("an RPG attack") is none, nor is a lower-case word the tagger reads as a people's ("a jihadist
    attack"). A place so named is where, not who: a town never strikes ("the Bogota bombing"; also a town
    the article tags as a place, or puts after "in", elsewhere), and a country only through its forces, in
    a military operation ("a US strike", but "the Kuwait bombing")."""
    rule = f"{role}.compound_actor"
    described = _described_nouns(lex)
    weapons = lex.cue("instruments")  # "an RPG attack" read as an organization's name
    chained = [  # "a Tala Front mortar attack": the name modifies a noun compounded to the trigger
        m
        for c in token.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and not c.ent_type_
        if not first_in(c, described)
        for m in c.children
        if m.dep_ in {"compound", "amod"} and m.i < c.i
    ]
    named = dict.fromkeys(
        ref
        for c in [*(c for c, _ in pattern_fillers(token, rule)), *chained]
        if (ref := entity_span(c)) and ref.label in {"ORG", "GPE", "NORP"} and not first_in(c, weapons)
        if ref.label != "GPE" or _state_operation(token, ref, lex)
        if not ref.text.islower() and not _placed_elsewhere(ref, token.doc, lex)
    )
    named.update(dict.fromkeys(_group_acronyms(token, lex)))
    return [replace(ref, rule=rule) for ref in named if not stance_named(ref, token.doc, lex)]


def _placed_elsewhere(ref: Ref, doc: Doc, lex: Lexicon) -> bool:
    """The article itself says the name is a place: it tags it as one elsewhere, or puts it after a
    preposition of place ("in Tala", cue venue_preps) — a town the gazetteer lacks ("the Tala bombing")."""
    if ref.label == "GPE" or is_country(ref.text):
        return False
    preps = lex.cue("venue_preps")
    return any(
        ent.text == ref.text
        and (ent.label_ in PLACE_LABELS or ent.root.dep_ == "pobj" and ent.root.head.lower_ in preps)
        for ent in doc_ents(doc)
    )


def _group_acronyms(token: Token, lex: Lexicon) -> list[Ref]:
    """An untagged acronym compounded to the trigger that is a known group's or one the article spells out
    after a group's name ("the Allied Tala Front (ATF) ... an ATF raid")."""
    return [
        Ref(c.i, c.i + 1, c.text, "ORG")
        for c in token.children
        if c.dep_ == "compound" and not c.ent_type_ and ACRONYM.fullmatch(c.text)
        if canonical(c.text, lex) or spelt_out(c.text, token.doc, lex)
        if not first_in(c, lex.cue("instruments"))  # "an IED blast"
    ]


def _state_operation(token: Token, ref: Ref, lex: Lexicon) -> bool:
    """A country's name before an attack noun of the kind armed forces carry out ("a US drone strike")."""
    geo = lookup_place(ref.text)
    town = geo is not None and geo.feature != "country" and canonical(ref.text, lex) is None
    return not town and bool(first_in(token, lex.cue("state_operation_nouns")))


@check("deed_clause")
def _deed_clause(token: Token, _: str, lex: Lexicon, role: str) -> list[Ref]:
    """A clause telling how the attack was done, by a verb that is no event word of its own: a relative
    clause through "in which"/"where" on an attack noun ("the strike in which a bomber drove a car into a
    convoy"), or an "after"/"when" clause on an attack verb ("were killed when a blast tore through a
    bus station"). What was hit is the object of a preposition of motion into or across (roles.yaml
    deed_preps) of that verb; a weapon there ("drove over a landmine") is none. A clause whose subject is a
    pronoun, beside a victim already named, tells what the victim was doing ("shot down the helicopter
    when it flew over the fields")."""
    found = [
        r
        for clause in token.children
        if _tells_deed(clause, lex)
        for p in clause.children
        if p.dep_ in {"prep", "prt"} and p.lower_ in lex.roles["deed_preps"]
        for o in (p.children if p.dep_ == "prep" else [n for n in clause.children if n.dep_ == "dobj"])
        if o.dep_ in {"pobj", "dobj"} and not first_in(o, lex.cue("instruments"))
        for r in references(o, lex)
    ]
    return taken_by(found, f"{role}.deed_clause")


def _tells_deed(clause: Token, lex: Lexicon) -> bool:
    lemma = clause.lemma_.lower()
    # a verb of driving or throwing into something (trigger.impact) tells how the attack was done
    sends = any(n.get("impact") for n in lex.needs("Attack", lemma))
    if clause.pos_ != "VERB" or lemma in lex.trigger_lemmas("VERB") and not sends:
        return False
    if clause.dep_ == "relcl":
        in_which = (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "in")
        where = any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children)
        return where or any(o.lower_ == "which" for c in in_which for o in c.children)
    if clause.dep_ != "advcl" or not any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in {"after", "when"} for c in clause.children
    ):
        return False
    hit = any(c.dep_ in {"dobj", "nsubjpass"} for c in clause.head.children)
    return not (hit and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in clause.children))


@check("small_clause")
def _small_clause(token: Token, _: str, lex: Lexicon, role: str) -> list[Ref]:
    """The subject of a verbless clause under the trigger: the parser reads "held the regime accountable"
    as "held [the regime accountable]", an adjective or noun with its own subject and no verb, where the
    subject is who the verb is about ("found the officers guilty")."""
    found = [
        r
        for clause in token.children
        if clause.dep_ in {"ccomp", "xcomp", "oprd"} and clause.pos_ in {"ADJ", "NOUN"}
        if not any(c.dep_ in {"aux", "auxpass", "cop"} for c in clause.children)
        for subject in clause.children
        if subject.dep_ == "nsubj"
        for r in references(subject, lex)
    ]
    return taken_by(found, f"{role}.small_clause")


def _subject(token: Token, dep: str, lex: Lexicon, role: str) -> list[Ref]:
    """The subject; an agent missing is a conjoined verb's head's, or an acronym misread as auxiliary."""
    found = _matched(token, f"{role}.subject", lex)
    if not found and role == "target":
        return _raised_subject(token, lex)
    if found or role != "agent":
        return found
    return _shared_subject(token, lex) or _acronym_subject(token, lex)


@check("raised_subject")
def _raised_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """An infinitive "be" without a subject is said of the subject of the verb it completes ("X is believed
    to be behind the attack", "X were alleged to be responsible", "X appears to be the culprit")."""
    if token.lemma_.lower() != "be" or token.dep_ != "xcomp" or _has_child(token, "nsubj"):
        return []
    found = [r for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"} for r in references(c, lex)]
    return taken_by(found, "target.raised_subject")


@check("shared_subject")
def _shared_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """A conjoined verb without a subject shares its head's ("gunmen stormed the hotel and killed 12"); a
    passive one tells what was done to someone ("... were among the dead, and 18 were wounded")."""
    if token.dep_ != "conj" or token.head.pos_ not in {"VERB", "AUX"} or _has_child(token, "nsubj"):
        return []
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
        return []
    found = _subjects(token.head, lex)
    return _speaker_conjoined(token, found, lex) or taken_by(found, "agent.shared_subject")


def _subjects(verb: Token, lex: Lexicon) -> list[Ref]:
    """The references of a verb's active subjects."""
    return [r for c in verb.children if c.dep_ == "nsubj" for r in references(c, lex)]


@check("speaker_conjoined")
def _speaker_conjoined(token: Token, subjects: list[Ref], lex: Lexicon) -> list[Ref]:
    """A reaction verb the parser joins to the verb of a clause of what is said ("X said the blast killed
    two and warned Y", "X said an object exploded and blamed Z") when that clause's subject is no actor (a
    deed, a thing): the reaction is the speaker's, its agent the subject of the verb of saying, or of the
    verb that one hangs from ("issued a statement, stressing that such acts are intolerable and warning").
    A deed so joined is the clause's ("said the blast killed two and wounded five": no one's)."""
    verb, doc = token.head, token.doc
    if not subjects or verb.dep_ != "ccomp" or not first_in(verb.head, lex.cue("speech")):
        return []
    told = {kind for kind, _ in lex.trigger_options("VERB").get(token.lemma_.lower(), ())}
    if not told or not told <= set(lex.roles["speaker_types"]):
        return []  # a deed, or a word that may tell one ("fired", "struck")
    if any(r.label != "NOUN" or first_in(doc[r.head], lex.cue("actor_nouns")) for r in subjects):
        return []
    node = verb.head
    found = _subjects(node, lex)
    while not found and node.dep_ in {"advcl", "conj", "xcomp"} and node.head.pos_ in {"VERB", "AUX"}:
        node = node.head
        found = _subjects(node, lex)
    return taken_by(found, "agent.speaker_conjoined")


@check("acronym_subject")
def _acronym_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """A group's acronym misread as an auxiliary ("IS claimed the attack")."""
    if _has_child(token, "nsubj"):
        return []
    return [
        Ref(c.i, c.i + 1, c.text, "ORG", "agent.acronym_subject")
        for c in token.children
        if c.dep_ in {"aux", "auxpass"} and c.is_upper and c.i < token.i and canonical(c.text, lex)
    ]


def _has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


DEP_RULES = {"dobj": "object", "nsubjpass": "passive_subject", "poss": "possessor"}
"""Plain dependency specs → the name of the rule (``<role>.<name>``) whose pattern reads them."""


def _children(token: Token, dep: str, lex: Lexicon, role: str) -> list[Ref]:
    return _matched(token, f"{role}.{DEP_RULES[dep]}", lex)


READERS: dict[str, Reader] = {
    "prep": _prep,
    "agent": _agent,
    "subtree": _subtree,
    "compound_actor": _compound_actor,
    "nsubj": _subject,
    "deed_clause": _deed_clause,
    "small_clause": _small_clause,
}


def fillers(token: Token, spec: str, lex: Lexicon, role: str = "agent") -> list[Ref]:
    """The fillers one role spec reads from ``token`` for ``role``, each as the rule that read it took it;
    ``a>b`` applies ``b`` to the children ``a``."""
    if ">" in spec:
        first, _, rest = spec.partition(">")
        return [r for c in token.children if c.dep_ == first for r in fillers(c, rest, lex, role)]
    kind, _, arg = spec.partition(":")
    return READERS.get(kind, _children)(token, arg or kind, lex, role)


def spec_rule_ids(spec: str, role: str) -> list[str]:
    """The ids of the rules that read one spec of ``roles.yaml`` for ``role`` (to check they exist)."""
    kind, _, arg = spec.rpartition(">")[2].partition(":")
    if kind == "speaker":
        return ["agent.speaker"]
    names = {
        "prep": ["object_prep", "prep_object"] if role == "target" else ["prep_object"],
        "agent": ["passive_by"],
        "subtree": [f"named_in_{arg}"],
        "compound_actor": ["compound_actor"],
        "deed_clause": ["deed_clause"],
        "small_clause": ["small_clause"],
        "nsubj": [
            "subject", *(["shared_subject", "acronym_subject"] if role == "agent" else ["raised_subject"])
        ],
    }.get(kind, [DEP_RULES.get(kind, f"<no rule reads the dependency {kind!r}>")])
    return [f"{role}.{name}" for name in names]
