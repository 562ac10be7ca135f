"""Argument fillers: from a head token to the span that names the actor, target or place."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.cache import doc_ents
from kg.extract.conjuncts import ACTOR_LABELS, conjuncts
from kg.extract.lexicon import Lexicon
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.gazetteer import is_country, lookup_place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
"""Names of parties that act or are acted on: countries, peoples, groups and people."""
DEMONYM_ENDINGS = ("an", "i", "ese", "ish")
"""How a people's adjective ends ("Ugandan", "Iraqi", "Sudanese", "Kurdish")."""
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod"})
DATELINE_REF = "DATELINE"
"""Label of a place reference to the article's dateline place ("the city", "the capital")."""
SAME_PLACE_REF = "SAME_PLACE"
CROWD_REF = "CROWD"
"""Label of a plural common noun acting as a group of people ("teachers staged a protest")."""
DESCRIBED_REF = "DESCRIBED"
"""Label of a pronoun with the modifier describing whom it names ("those responsible for the ambush")."""
"""Label of a place reference to the place named last before it ("in the same province")."""
TIME_LABELS = frozenset({"DATE", "TIME"})
EDGE_NOISE = frozenset({"ADV", "ADP", "PUNCT", "CCONJ", "SCONJ", "INTJ"})


@dataclass(frozen=True)
class Ref:
    """A span of the Doc filling a role: ``label`` is its NER label, ``PRON``, ``BACKREF`` or ``NOUN``.

    ``rule`` is the id of the rule that took it (not part of its identity: one span is one filler).
    """

    start: int
    end: int
    text: str
    label: str
    rule: str = field(default="", compare=False)
    root: int = field(default=-1, compare=False)
    """The head word when it is not the span's last ("bands" of "bands of herders"); -1: the last."""

    @property
    def head(self) -> int:
        return self.root if self.root >= 0 else self.end - 1


def round_size(token: Token, ref: Ref, sizes: frozenset[str]) -> bool:
    """The round size a crowd is counted by, before the head of its description ("Thousands" of "Thousands
    of people", :func:`kg.extract.roles._counted_crowd`): a number the tagger marks that names no one."""
    return token.i < ref.head and token.lemma_.lower() in sizes


def taken_by(refs: list[Ref], rule: str) -> list[Ref]:
    """The refs as taken by ``rule`` (built directly: ``dataclasses.replace`` costs twice as much)."""
    return [Ref(r.start, r.end, r.text, r.label, rule, r.root) for r in refs]


def entity_span(token: Token) -> Ref | None:
    """The named entity (of an actor or place label) that holds ``token``, if any.

    Two names read as one (:func:`_joined`) give one span.
    """
    if token.ent_type_ not in ACTOR_LABELS:
        return None
    ents = doc_ents(token.doc)
    for n, ent in enumerate(ents):
        if ent.start <= token.i < ent.end:
            before = ents[n - 1] if n > 0 else None
            after = ents[n + 1] if n + 1 < len(ents) else None
            if before is not None and _joined(before, ent):
                return entity_span(token.doc[before.start])
            label, end = ent.label_, ent.end
            if after is not None and _joined(ent, after):
                label, end = "ORG", after.end
            start = ent.start
            while start < token.i and token.doc[start].pos_ in EDGE_NOISE:
                start += 1  # "Later the Shabaab Front" → "the Shabaab Front"
            return Ref(start, end, token.doc[start:end].text, label)
    return None


def _joined(first: Span, second: Span) -> bool:
    """Adjacent names that make one: a national branch ("Amnesty International Kenya") or a national
    wing of a group ("Pakistani Taliban"), with nothing but a space between them; or a group's name the
    tagger cut at a hyphen ("Jaish-e" + "Mohammed")."""
    doc = first.doc
    adjacent = first.end == second.start and doc[first.end - 1].whitespace_ != ""
    pair = (first.label_, second.label_)
    hyphened = (
        first.label_ == "ORG"
        and second.start == first.end + 1
        and doc[first.end].text == "-"
        and not doc[first.end - 1].whitespace_
        and not doc[first.end].whitespace_
    )
    return hyphened or adjacent and (pair == ("ORG", "GPE") and len(first) > 1 or pair == ("NORP", "ORG"))


def _phrase(token: Token, lex: Lexicon) -> Ref:
    doc: Doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in MODIFIERS and (child.dep_ != "poss" or child.pos_ != "PRON"):
            start = min(start, child.left_edge.i)
    while start < token.i and (doc[start].dep_ in {"det", "punct", "case"} or doc[start].is_punct):
        start += 1
    text = doc[start : token.i + 1].text
    has_name = any(
        t.ent_type_ in {"PERSON", "ORG", "GPE"} or t.pos_ == "PROPN" and not t.ent_type_
        for t in doc[start : token.i + 1]
    )
    determined = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)
    if token.lemma_.lower() in lex.cue("backref_nouns") and determined and not has_name:
        return Ref(start, token.i + 1, text, "BACKREF")
    label = "ORG" if token.pos_ == "PROPN" else "NOUN"
    end = _of_complement(token) if label == "NOUN" else token.i + 1
    if end > token.i + 1:
        return Ref(start, end, doc[start:end].text, label, root=token.i)
    return Ref(start, token.i + 1, text, label)


@check("of_complement")
def _of_complement(token: Token) -> int:
    """Where a common noun's description ends: through its "of" complement ("bands of herders", "a family of
    six", "emblems of the crown"), whose own modifiers on the right stay out; not through a complement with
    a possessor of its own ("the clinic of Tala's eastern quarter") nor one naming an actor, tagged
    or a capitalised proper noun ("fighters of the Tala Front", read by the rules of names); a place may end
    it ("residents of Tala"). Else the description ends right after the noun."""
    end = token.i + 1
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == token.i + 1):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN", "NUM"}):
            if any(t.dep_ == "poss" or t.tag_ == "POS" for t in obj.doc[obj.left_edge.i : obj.i]):
                continue  # "the clinic of Tala's eastern quarter": a description of its own
            span = entity_span(obj)
            named = span is None and obj.pos_ == "PROPN" and obj.text[:1].isupper()
            if named or span is not None and span.label not in PLACE_LABELS:
                continue  # "fighters of the Tala Front": the named actor is read on its own
            end = max(obj.i + 1, span.end if span else 0)
            record_tokens("argument", "entity.of_complement", token.doc, token.i, end)
    return end


def _named_modifier(token: Token, deps: frozenset[str]) -> Ref | None:
    for child in token.children:
        if child.dep_ in deps and child.pos_ == "PROPN" and entity_span(child) is None:
            return Ref(child.left_edge.i, child.i + 1, token.doc[child.left_edge.i : child.i + 1].text, "ORG")
        if child.dep_ in deps:
            span = entity_span(child)
            if span and span.label in {"PERSON", "ORG", "GPE", "NORP"}:
                return span
            if child.dep_ == "poss" and child.pos_ == "PRON":
                return Ref(child.i, child.i + 1, child.text, "PRON")
    return None


@check("people_described")
def _people_described(token: Token, named: Ref, lex: Lexicon) -> bool:
    """A people's word that only qualifies a description with words of its own ("a Malian rebel group", "a
    Karen Buddhist armed group", "a Malian army spokesman"): the whole description is who acts, not the
    people ("a Ugandan spokesman", "IS members", "the Taliban's spokesman", "a Taliban military spokesman"
    stay the name: a group the alias table knows is no people). The people's
    word is tagged a nationality or religion, or a name the tagger took for an organization ("Ugandan")
    that reads as a people's adjective (a capitalised word ending as one, -an, -i, -ese, -ish)."""
    if named.label not in {"NORP", "ORG"} or named.end > token.i:
        return False
    words = token.doc[named.start : named.end]
    if named.label == "ORG" and (len(words) > 1 or not words[0].text.lower().endswith(DEMONYM_ENDINGS)):
        return False
    if any(t.tag_ == "POS" or t.dep_ == "poss" for t in token.doc[named.start : token.i]):
        return False
    from kg.extract.entities import canonical  # entities reads this module

    if (canonical(named.text, lex) or ("", ""))[1] in {"Organization", "Group"}:
        return False  # a group's own name ("a Taliban military spokesman"), not a people
    between = token.doc[named.end : token.i]
    described = [t for t in between if t.dep_ in {"compound", "amod"} and t.pos_ in {"NOUN", "ADJ", "VERB"}]
    if not described:
        return False
    record_tokens("argument", "entity.people_described", token.doc, named.start, token.i + 1)
    return True


def described_as_group(token: Token, lex: Lexicon) -> bool:
    """An apposition says the name is a group's ("X, a militant group"), whatever the NER thought."""
    kinds = lex.cue("backref_nouns") | lex.cue("organization_nouns")
    kinds |= frozenset(lex.roles["group_appositions"])
    return any(c.dep_ == "appos" and c.lemma_.lower() in kinds for c in token.children)


def reference(token: Token, lex: Lexicon) -> Ref | None:
    """The filler a head token stands for: its named entity, the actor it represents, or its phrase.

    A date or time is never an actor ("Friday's attack").
    """
    if token.ent_type_ in TIME_LABELS:
        return None
    relative = lex.cue("relative_pronouns")
    if token.lower_ in relative and token.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        clause = token.head
        if clause.dep_ not in {"relcl", "acl"}:
            return None
        antecedent = clause.head
        if antecedent.dep_ == "appos" and entity_span(antecedent.head):
            return entity_span(antecedent.head)
        actor = antecedent.lemma_.lower() in lex.cue("actor_nouns") or entity_span(antecedent) is not None
        if token.dep_ == "nsubj" and not actor:
            return None  # "attacks on churches that killed ...": the churches did not kill
        return reference(antecedent, lex)
    span = entity_span(token)
    if span and span.label == "PERSON" and described_as_group(token, lex):
        return Ref(span.start, span.end, span.text, "ORG")  # "Jaish al-Adl, a Sunni militant group"
    if span and span.label == "NORP":
        counted = _counted_people(token, span)
        if counted is not None:
            return counted
    if span:
        return span
    if token.pos_ == "PRON":
        described = described_pronoun(token, lex)
        if described is not None:
            return described
        return Ref(token.i, token.i + 1, token.text, "PRON") if token.lower_ not in relative else None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "appos":
            inner = entity_span(child)
            if inner and inner.label in {"PERSON", "ORG"}:
                return inner
    office = state_office(token, lex)
    if office:
        return office
    branch = _branch_of_group(token, lex)
    if branch:
        return branch
    if (
        lemma in lex.cue("mouthpieces")
        or lemma in lex.cue("member_nouns")
        or lemma in lex.cue("backref_nouns")
    ):
        named = _named_modifier(token, frozenset({"poss", "compound", "nmod"}))
        if named and not _people_described(token, named, lex):
            return named
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                return reference(obj, lex)
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in lex.cue("naming_verbs"):
            for named in child.subtree:
                span = entity_span(named)
                if span and span.label in {"ORG", "PERSON", "GPE", "NORP"}:
                    return span
    if lemma in lex.cue("country_nouns"):  # "the republic of Velmaria" is Velmaria (entity.state_noun)
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = entity_span(obj)
                if inner and inner.label == "GPE":
                    return inner
    if token.lower_ in lex.cue("representative_nouns"):
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = entity_span(obj)
                if inner:
                    return inner
    if lemma in lex.cue("fighter_nouns"):
        named = _named_modifier(token, frozenset({"poss"}))
        if named:
            return named
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return _phrase(token, lex)


def _state(token: Token) -> Span | None:
    """The country a word names, as its tagged name ("Pakistan"; "Armenia" even tagged an organization)."""
    span = entity_span(token)
    if span is None or span.label not in {"GPE", "ORG"} or not is_country(span.text):
        return None
    return token.doc[span.start : span.end]


@check("state_office")
def state_office(token: Token, lex: Lexicon) -> Ref | None:
    """An office of a state said with its state ("Pakistan's Foreign Ministry", "the President of Chile",
    "Peru's ruling party spokeswoman"; cues office_speakers) speaks as that office: the phrase from the
    state's name to the office's noun, not the bare state (whose office it is stays in the name)."""
    found = office_and_state(token, lex)
    office = found[0] if found else _group_office(token, lex)
    if office is None:
        return None
    record_tokens("argument", "agent.state_office", token.doc, office.start, office.end)
    return office


def _group_office(token: Token, lex: Lexicon) -> Ref | None:
    """The group named between a state and an office noun ("Somalia's al-Shabaab spokesman"): the office
    is the group's, and speaks as the group, not as the state."""
    if token.lemma_.lower() not in lex.cue("office_speakers"):
        return None
    if not any(c.dep_ == "poss" and _state(c) is not None for c in token.children):
        return None
    for child in (c for c in token.children if c.dep_ in {"compound", "nmod"} and c.i < token.i):
        span = entity_span(child)
        named = span is not None and span.end <= token.i and span.label in {"ORG", "NORP", "PERSON"}
        if named and not is_country(span.text):
            return Ref(span.start, span.end, span.text, "ORG")
    return None


def office_and_state(token: Token, lex: Lexicon) -> tuple[Ref, Span] | None:
    """The office a word heads, said with its state, and that state (:func:`state_office`)."""
    if token.lemma_.lower() not in lex.cue("office_speakers") or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    doc: Doc = token.doc
    for child in token.children:
        state = _state(child) if child.dep_ == "poss" else None
        if state is not None and _group_office(token, lex) is None:
            office = Ref(state.start, token.i + 1, doc[state.start : token.i + 1].text, "ORG", root=token.i)
            return office, state
    end = token.i + 1
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            state = _state(obj)
            if state is not None and state.start == prep.i + 1:
                start = token.i
                while start > token.left_edge.i and doc[start - 1].dep_ in {"compound", "amod"}:
                    start -= 1
                return Ref(start, state.end, doc[start : state.end].text, "ORG", root=token.i), state
    return None


@check("counted_people")
def _counted_people(token: Token, span: Ref) -> Ref | None:
    """People told by a count and their nationality or faith ("two Austrians", "eight Indians"): the count
    is part of who they are, as of a common noun ("two tourists")."""
    counts = [c for c in token.lefts if c.dep_ == "nummod" and c.i == span.start - 1]
    if not counts or token.tag_ != "NNPS" and not token.text.endswith("s"):
        return None
    record_tokens("argument", "entity.counted_people", token.doc, counts[0].i, span.end)
    return Ref(counts[0].i, span.end, token.doc[counts[0].i : span.end].text, CROWD_REF)


@check("described_pronoun")
def described_pronoun(token: Token, lex: Lexicon) -> Ref | None:
    """A pronoun a modifier after it describes ("those responsible for the ambush", "all those behind the
    attacks", "anyone who sheltered the gunmen") names whoever fits the description: the pronoun with the
    modifier through the modifier's first noun, not a word standing for a name told before. Not a part of
    things ("those of the army's bases") nor things a "which" clause tells ("those which remain open"):
    those name no people."""
    if token.lower_ not in lex.cue("described_pronouns"):
        return None
    kinds = {"amod", "prep", "relcl", "acl"}
    modifier = next((c for c in token.rights if c.dep_ in kinds and c.left_edge.i == token.i + 1), None)
    things = modifier is not None and (modifier.lower_ == "of" or token.nbor().lower_ == "which")
    if modifier is None or things:
        return None
    nouns = [
        t for t in modifier.subtree if t.pos_ in {"NOUN", "PROPN", "PRON"} and t.dep_ in {"pobj", "dobj"}
    ]
    end = nouns[0].i + 1 if nouns else modifier.right_edge.i + 1
    start = min([token.i, *(c.i for c in token.lefts if c.dep_ in {"predet", "det"})])
    doc = token.doc
    record_tokens("argument", "entity.described_pronoun", doc, start, end)
    return Ref(start, end, doc[start:end].text, DESCRIBED_REF, root=token.i)


@check("group_branch")
def _branch_of_group(token: Token, lex: Lexicon) -> Ref | None:
    """A part of a group named by the group it belongs to ("the Haqqani faction of the Taliban", "the
    Islamic State group's Libyan affiliate", "the Pakistani branch of IS"): one organization named by
    the whole phrase, not the group it is part of nor a place or name that only qualifies it."""
    if token.lemma_.lower() not in lex.roles["branch_nouns"] or token.pos_ != "NOUN":
        return None
    doc: Doc = token.doc
    end = token.i + 1
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            span = entity_span(obj)
            if span and span.label in {"ORG", "NORP", "PERSON"} or obj.pos_ == "PROPN":
                end = max(end, span.end if span else obj.i + 1)
    owner = any(
        c.dep_ == "poss"
        and (entity_span(c) or c.pos_ == "PROPN" or c.lemma_.lower() in lex.cue("backref_nouns"))
        for c in token.children
    )
    if end == token.i + 1 and not owner:
        return None
    head = _phrase(token, lex)
    if head.label == "BACKREF":
        return None
    record_tokens("argument", "entity.group_branch", doc, head.start, end)
    return Ref(head.start, end, doc[head.start : end].text, "ORG")


@check("stance_modifier")
def stance_named(ref: Ref, doc: Doc, lex: Lexicon) -> bool:
    """A name behind a prefix of stance ("an anti-Muslim massacre", "a pro-Kurdish rally", roles.yaml
    stance_prefixes) says whom a deed was against or for: it neither did the deed nor owns the thing."""
    first = doc[ref.start].lower_
    prefixes = lex.roles["stance_prefixes"]
    prefixed = first in prefixes or any(first.startswith(f"{p}-") for p in prefixes)
    if prefixed:
        record_tokens("rejected_argument", "agent.stance_modifier", doc, ref.start, ref.end, role="agent")
    return prefixed


def _misattached(token: Token) -> list[Token]:
    """An organization conjoined to a place inside the phrase is the phrase's conjunct: in "the UN mission in
    Somalia and the African Union", the Union is no second place but a second actor."""
    places = [o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return [
        c
        for place in places
        if place.ent_type_ in {"GPE", "LOC"}
        for c in place.children
        if c.dep_ == "conj" and (span := entity_span(c)) is not None and not lookup_place(span.text)
    ]


def references(token: Token, lex: Lexicon) -> list[Ref]:
    """The fillers a head token stands for, one per conjunct ("the governments of A and B" → A, B)."""
    if token.lower_ in lex.cue("representative_nouns") and state_office(token, lex) is None:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and entity_span(c)):
                return references(obj, lex)
    refs = []
    for item in conjuncts(token):
        ref = reference(item, lex)
        if ref and ref not in refs:
            refs.append(ref)
    for item in _misattached(token):
        ref = reference(item, lex)
        if ref and ref not in refs:
            refs.append(Ref(ref.start, ref.end, ref.text, "ORG", root=ref.root))
    return refs


def unique_refs(refs: list[Ref]) -> list[Ref]:
    """The references once each, in their first order."""
    return list(dict.fromkeys(refs))
