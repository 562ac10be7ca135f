"""Victims wounded and not killed: a verb of wounding by a gun, a blade or a club counts its victim as
injured unless the article tells that person dead (rules count.wounding_survived, count.died_later)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check
from kg.extract.victims import (
    casualty_kind,
    is_date_or_ordinal,
    one_of_people,
    one_person,
    verb_kind,
    victim_count,
)


@check("wounding_survived")
def wounds_survived(verb: Token, lex: Lexicon) -> bool:
    """A verb of wounding by a gun, a blade or a club (numbers.yaml wounding: "was shot", "knifed a guard")
    told of its victim without death counts that victim as injured: not aimed at ("shot at"), not brought to
    death ("shot dead", "shot to death"), and no verb of killing or dying conjoined with it ("shot and
    killed")."""
    if verb.pos_ != "VERB" or not first_in(verb, lex.numbers["wounding"]) or verb_kind(verb, lex):
        return False
    struck = any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return False  # "gunned down" is told of the dead
    if any(_aimed_at(c, struck) for c in verb.children):
        return False  # "was shot at", "fired and shot at the car": aimed at, not hit
    joined = [*verb.conjuncts, *(c for c in verb.children if c.dep_ in {"advcl", "xcomp"})]
    if any(verb_kind(j, lex) == "killed" for j in joined):
        return False
    dying = (t for t in verb.sent if t.pos_ == "VERB" and first_in(t, lex.numbers["dying"]))
    if any(not _own_subject(t) or one_person(_own_subject(t)) for t in dying):
        return False  # "was knifed when he opened the shop, and he died at noon", "before she died, ..."
    return struck


@check("wounds_suffered")
def wounds_suffered(verb: Token, lex: Lexicon) -> Token | None:
    """The one who took wounds: the subject of a verb of undergoing (numbers.yaml undergoing: suffer,
    sustain, receive) whose object is a word of injury ("the courier suffered stab wounds", "remains in a
    clinic after sustaining burns") — the subject of the verb it hangs from when it has none of its own —
    else None. Not when negated ("suffered no injuries")."""
    if verb.pos_ != "VERB" or not first_in(verb, lex.numbers["undergoing"]):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]  # "suffered cuts and injuries"
    if not any(casualty_kind(o, lex) == "injured" for o in objects):
        return None
    told = [*verb.children, *(c for o in objects for c in o.children)]
    if any(c.dep_ == "neg" or c.lower_ == "no" for c in told):
        return None  # "suffered no injuries"
    node = verb
    while node.dep_ in {"pcomp", "prep", "advcl", "xcomp", "conj"} and _own_subject(node) is None:
        node = node.head
    subject = _own_subject(node)
    return subject if subject is not None and subject.dep_ == "nsubj" else None


def _aimed_at(prep: Token, struck: bool) -> bool:
    """An "at" that tells what a shot was aimed at: stranded ("was shot at", "was shot at last Friday": the
    parser takes the date for its object), or after a verb that hit no one ("shot at the car"); "stabbed a
    guard at the gate" is hit at a place."""
    if prep.dep_ != "prep" or prep.lower_ != "at":
        return False
    return not struck or not any(c.dep_ == "pobj" and not is_date_or_ordinal(c) for c in prep.children)


def _own_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is conjoined to when it has none of its own."""
    for node in (verb, verb.head if verb.dep_ == "conj" else verb):
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
    return None


@check("died_later")
def told_dead(victim: Token, lex: Lexicon) -> bool:
    """A named victim of a wounding whose death the article tells anywhere ("Ms Roe was shot on Monday" and
    later "Roe died in hospital", "the murder of Ann Roe", "Roe's assassination") was killed, not injured:
    a mention of the same person is the subject of a verb of dying, the object or passive subject of a verb
    of killing, or what a noun of killing or death is of. Mentions are one person when they share a family
    name (a name's words after the first) and its first name; a family name said alone takes the first
    name of the full names of the article that bear it, unless they differ ("Ann Roe" and "Ed Roe")."""
    named = [victim, *(c for c in victim.children if c.dep_ in {"appos", "compound"})]
    victim = next((t for t in named if t.ent_type_ == "PERSON"), victim)  # "the cleric Omar Dovrin"
    people = [e for e in victim.doc.ents if e.label_ == "PERSON"]
    full = [w for e in people if len(w := _name_words(e)) > 1]
    if victim.ent_type_ == "PERSON":
        own = _person(next(_name_words(e) for e in people if e.start <= victim.i < e.end), full)
    elif victim.pos_ == "PROPN" and not victim.ent_type_:
        own = _person([victim.lower_], full)  # a name the tagger left untagged ("stabbed Roe")
    elif victim.tag_ == "NN":
        return any(_dead(t, lex) for t in _described_again(victim))
    else:
        return False
    untagged = [t for t in victim.doc if t.pos_ == "PROPN" and not t.ent_type_ and t.lower_ in own[1]]
    mentions = [(_name_words(e), list(e)) for e in people] + [([t.lower_], [t]) for t in untagged]
    for words, tokens in mentions:  # a family name repeated alone may go untagged ("Roe died")
        other = _person(words, full)
        if own[1] & other[1] and own[0] == other[0] != "?" and any(_dead(t, lex) for t in tokens):
            return True
    return False


def _described_again(noun: Token) -> list[Token]:
    """The victim told by a description, said again in the article: the same singular noun with a definite
    determiner ("knifed a porter" ... "the porter, who succumbed on Friday")."""
    return [
        t
        for t in noun.doc
        if t.i != noun.i
        and t.tag_ == "NN"
        and t.lemma_ == noun.lemma_
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
    ]


def _person(words: list[str], full: list[list[str]]) -> tuple[str | None, set[str]]:
    """A name as (first name, family words): a family name said alone takes the first name of the article's
    full names that bear it, "?" when they give two, None when none does."""
    if len(words) > 1:
        return words[0], set(words[1:])
    firsts = {f[0] for f in full if words[0] in f[1:]}
    return (firsts.pop() if len(firsts) == 1 else "?" if firsts else None), set(words)


def _name_words(entity: Span) -> list[str]:
    """The proper-noun words of a name, lower-cased ("Ms Ann Roe": ["ann", "roe"] when "Ms" is a title
    the tagger reads as a noun of its own)."""
    words = [t.lower_ for t in entity if t.pos_ == "PROPN" and t.is_alpha]
    return words or [t.lower_ for t in entity]


def _relative_subject(clause: Token, lex: Lexicon) -> bool:
    """A relative clause whose subject is its relative pronoun ("who died", "who was killed")."""
    subject = _own_subject(clause)
    return subject is not None and subject.lower_ in lex.cue("relative_pronouns")


def _dead(word: Token, lex: Lexicon) -> bool:
    """The person a name word (or a noun) is of is told dead by the phrase it heads, or by a relative
    clause on it."""
    noun = word
    while noun.dep_ in {"compound", "flat", "appos"} and noun.head is not noun:
        noun = noun.head
    head = noun.head
    told = [c for c in noun.children if c.dep_ == "relcl" and _relative_subject(c, lex)]
    if any(first_in(c, lex.numbers["dying"]) or verb_kind(c, lex) == "killed" for c in told):
        return True  # "Roe, who died on Friday", "the porter who was killed"
    if noun.dep_ == "poss" or noun.dep_ == "pobj" and head.lower_ == "of":
        deed = head if noun.dep_ == "poss" else head.head
        return deed.pos_ == "NOUN" and casualty_kind(deed, lex) == "killed"  # "Roe's murder", "death of Roe"
    verbs = [head, *(c for c in head.conjuncts if _own_subject(c) in {None, noun})]
    if noun.dep_ in {"nsubjpass", "dobj"}:
        return any(verb_kind(v, lex) == "killed" for v in verbs)  # "Roe was killed", "shot Roe dead"
    if noun.dep_ == "nsubj":
        return any(v.pos_ == "VERB" and first_in(v, lex.numbers["dying"]) for v in verbs)  # "Roe died"
    return False


def person_count(noun: Token, lex: Lexicon) -> int | None:
    """How many people a wounded victim phrase counts: its number, else one for a noun of one person."""
    value = victim_count(noun, lex)
    return 1 if value is None and one_of_people(noun, lex) else value


THING_LABELS = frozenset({"FAC", "GPE", "LOC", "ORG", "PRODUCT"})


def thing(noun: Token, lex: Lexicon) -> bool:
    """A place, a building or a vehicle shot at or hit ("a prayer hall was shot", "shot the convoy's
    truck"): no one wounded. Its entity label or its noun (place, venue, facility, vehicle nouns) says so."""
    nouns = lex.cue("place_nouns") | lex.cue("venue_nouns") | lex.cue("facility_nouns") | lex.cue("vehicles")
    return noun.ent_type_ in THING_LABELS or bool(first_in(noun, nouns))
