"""Pronouns and "the group" resolved to a name told before: the names a pronoun may refer back to, the
subject of a clause above it, a subject pronoun's subject antecedent (split from kg/extract/entities.py)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.cache import doc_ents, doc_tokens
from kg.extract.dates import months, weekdays
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import PLACE_LABELS, Ref, described_as_group
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.model import Entity


def antecedent_candidates(doc: Doc, known: list[Ref], lex: Lexicon) -> list[Ref]:
    """Names a pronoun may refer back to: people and organizations, also those the NER missed."""
    taken = {i for r in known for i in range(r.start, r.end)}
    found = [
        Ref(e.start, e.end, e.text, "ORG" if described_as_group(e.root, lex) else e.label_)
        for e in doc_ents(doc)
        if e.label_ in {"PERSON", "ORG"}
    ]
    for token in doc_tokens(doc):
        if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ not in {"compound", "flat"}:
            if _no_name(token):
                continue
            start = min([token.i, *(c.left_edge.i for c in token.lefts if c.dep_ == "compound")])
            found.append(Ref(start, token.i + 1, doc[start : token.i + 1].text, "ORG"))
    places = {r.text for r in known if r.label in PLACE_LABELS}  # "al-Bayda" read as a group elsewhere
    return [r for r in found if not any(i in taken for i in range(r.start, r.end)) and r.text not in places]


@check("no_name_word")
def _no_name(token: Token) -> bool:
    """A capitalised word the tagger calls a proper noun that names no one ("Reactions Across Latin
    America", "on Aug 11", "June 4-5"): a month, a weekday or a word of grammar is no antecedent. A stop
    word heading a name of more words is that name's head ("the Ossi Front", "Patriotic Front"): spaCy's stop
    words hold nouns too (front, side, part, top), so only a stop word standing alone names no one."""
    word = token.lower_.rstrip(".")
    alone = not any(c.dep_ == "compound" for c in token.lefts)
    if not (token.is_stop and alone or word in months() or word in weekdays()):
        return False
    record_tokens("rejected_argument", "entity.no_name_word", token.doc, token.i, token.i + 1)
    return True


def _named_group(subject: Token, lex: Lexicon) -> bool:
    """ "a group calling itself X", "a faction known as X": the name given is a group's, whatever the NER
    says."""
    return bool(first_in(subject, lex.cue("backref_nouns"))) and any(
        c.dep_ == "acl" and first_in(c, lex.cue("naming_verbs")) for c in subject.children
    )


def _names_subject(entity: Entity, subject: Token, kinds: set[str], lex: Lexicon) -> bool:
    """The entity names the subject: "Al-Shabaab", "the Islamic State group"; a people or faith before a
    group noun only describes it ("the militant Sunni Muslim group")."""
    described = entity.kind == "Group" and bool(first_in(subject, lex.cue("backref_nouns")))
    return entity.kind in kinds and not described


def _clause_subject(
    ref: Ref,
    doc: Doc,
    named: list[tuple[int, Entity, bool]],
    kinds: set[str],
    lex: Lexicon,
    bound: Token | None,
) -> Entity | None:
    """The subject of a clause above the pronoun: "Al-Shabaab said its fighters ..." → Al-Shabaab; never the
    subject of the verb the pronoun is the object of (``bound``, :func:`_bound_by`)."""
    node = doc[ref.start]
    skipped = bound.i if bound is not None else -1
    for _ in range(5):
        if node.head is node:
            return None
        node = node.head
        for subject in (c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if subject.left_edge.i <= ref.start <= subject.right_edge.i or node.i == skipped:
                continue
            inside = [e for start, e, _ in named if subject.left_edge.i <= start <= subject.right_edge.i]
            named_group = "Group" in kinds and _named_group(subject, lex)
            names = inside and (_names_subject(inside[0], subject, kinds, lex) or named_group)
            if names and not scoped(inside[0]):
                return inside[0]  # "a group calling itself X said its fighters ...": X, read as a name
    return None


def antecedent(ref: Ref, doc: Doc, named: list[tuple[int, Entity, bool]], lex: Lexicon) -> Entity | None:
    person = doc[ref.start].lower_ in lex.cues["pronouns"]["person"]
    bound = _bound_by(doc[ref.start]) if ref.label == "PRON" else None
    if bound is not None:  # "Tesk vowed to punish it", "Kovaric accused him": never the verb's own subject
        subjects = [c for c in bound.children if c.dep_ in SUBJECTS]
        own = {e.key for at, e, _ in named if any(s.left_edge.i <= at <= s.right_edge.i for s in subjects)}
        named = [(start, e, armed) for start, e, armed in named if e.key not in own]
    if ref.label == "PRON" and (doc[ref.start].lower_ in lex.cues["pronouns"]["group"] or person):
        kinds = {"Person"} if person else {"Organization", "Group", "Country"}
        if doc[ref.start].lower_ in lex.cues["pronouns"].get("thing", ()):
            kinds = kinds | {"Person"}  # "al-Shabaab (read as a person) said it was behind the attack"
        subject = _clause_subject(ref, doc, named, kinds, lex, bound)
        if subject is not None:
            return subject
    before = [(start, entity, armed) for start, entity, armed in named if start < ref.start]
    if ref.label == "PRON" and person:
        people = [(start, e) for start, e, _ in before if e.kind == "Person"]
        return _subject_person(doc[ref.start], people, doc) or (people[-1][1] if people else None)
    groups = [(e, armed) for _, e, armed in before if e.kind in {"Organization", "Group"} and not scoped(e)]
    if ref.label == "PRON" and doc[ref.start].lower_ not in lex.cues["pronouns"]["group"]:
        return None
    armed_groups = [e for e, armed in groups if armed]
    if armed_groups:
        return armed_groups[-1]
    return groups[-1][0] if groups else None


SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "iobj", "dative"})
SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
"""A verb without a subject of its own takes the subject of the verb it hangs from by these."""


@check("disjoint_object")
def _bound_by(pronoun: Token) -> Token | None:
    """The verb whose subject an object pronoun cannot stand for: "Tesk was blaming it" — were it Tesk, it
    would be "itself" — so the name is looked for above that clause ("Velmaria denied, saying Tesk was
    blaming it" → Velmaria). A verb with no subject of its own shares the subject of the verb it hangs from
    ("Tesk accused the army and vowed to punish it": not Tesk). A possessive ("Israel struck its own depot")
    or a reflexive may be the subject's."""
    if pronoun.dep_ not in OBJECTS or pronoun.lower_.endswith(("self", "selves")):
        return None
    verb = pronoun.head
    while not any(c.dep_ in SUBJECTS for c in verb.children):
        if verb.dep_ not in SHARED_SUBJECT or verb.head is verb:
            return None
        verb = verb.head  # "Tesk accused the army and vowed to punish it": punish's subject is accused's
    record_tokens("rejected_argument", "entity.disjoint_object", pronoun.doc, pronoun.i, pronoun.i + 1)
    return verb


@check("subject_antecedent")
def _subject_person(pronoun: Token, people: list[tuple[int, Entity]], doc: Doc) -> Entity | None:
    """A person pronoun that is a clause's subject ("..., he said") refers back to the last person named as
    a subject in its sentence or the two before it, not to a later name in an object or a modifier ("Okafor
    rejected claims that the Tala attack ... He said" → Okafor, not "Tala" read as a person). The name must
    be an active subject: a passive one is whom a deed was done to ("Adeyemi was shot dead ... He said" is
    not the dead man speaking)."""
    if pronoun.dep_ not in SUBJECTS:
        return None
    sent = pronoun.sent
    for _ in range(2):
        sent = doc[sent.start - 1].sent if sent.start > 0 else sent
    for start, entity in reversed(people):
        if start < sent.start:
            return None
        word = doc[start]
        while word.dep_ in {"compound", "flat"} and word.head.i > word.i and word.head.pos_ == "PROPN":
            word = word.head
        if word.dep_ == "nsubj" or word.dep_ == "appos" and word.head.dep_ == "nsubj":
            record_tokens("argument", "entity.subject_antecedent", doc, pronoun.i, pronoun.i + 1)
            return entity
    return None


def scoped(entity: Entity) -> bool:
    """A description without a name ("the crowd"): its key is scoped to the article."""
    return entity.key.endswith(")")
