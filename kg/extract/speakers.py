"""Who speaks: the subject of the speech, belief or intent verb a reaction is told under (:func:`speaker`),
the reporter of a clause a pronoun says or believes in, the believer of a passive verb of belief (its "by"),
the owner a mouthpiece speaks for (:func:`mouthpiece`), and the speech verb a statement hangs from
(:func:`speech_verb`). Also :func:`passive`: a verb in the passive names who suffered, not who acted."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.predicates import that_clause
from kg.extract.refs import Ref, references, state_office, taken_by
from kg.extract.rules import check
from kg.extract.specs import fillers

CLIMB = 6


def passive(token: Token) -> bool:
    """A verb in the passive names who suffered, not who acted: "X were among the dead, while 18 were
    injured" gives the injuring no agent from the clause above."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def speech_verb(token: Token, lex: Lexicon) -> Token | None:
    """The speech verb a quoted or reported statement hangs from ("... will pay,' he told reporters")."""
    node = token
    for _ in range(3):
        if node.head is node or node.dep_ not in {"ccomp", "xcomp", "parataxis", "conj"}:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and first_in(node, lex.cue("speech") | lex.cue("intent")):
            return node  # "promised to hunt them down", "vowed that they would pay"
    return None


@check("speaker")
def speaker(token: Token, lex: Lexicon) -> list[Ref]:
    """The subject of the nearest speech, belief or intent verb above the trigger ("X said ... retaliation");
    evidence is no speaker ("X said all signs suggested ...": X); a passive one's believer is its "by"
    ("X is alleged by police to be behind it"), else no one."""
    verbs = lex.cue("speech") | lex.cue("intent") | lex.cue("belief_verbs")
    evidence = lex.cue("evidence_nouns")
    node, rule = token, "agent.speaker"
    path, held = [token], []
    for _ in range(CLIMB):
        if node.head is node:
            return held
        child, node = node, node.head
        path.append(node)
        if node.pos_ == "NOUN" and node.lemma_.lower() in lex.cue("told_nouns") and that_clause(child):
            held = noun_teller(node, lex)  # "assertions by X that Y orchestrated the attack": X
            if not held or not _pronouns(held):
                return held
            continue  # "the mayor repeated his claim that ...": who "his" is, the saying above tells
        if node.pos_ in {"VERB", "AUX"} and first_in(node, verbs) and passive(node):
            return _passive_believer(path, lex)
        if node.pos_ in {"VERB", "AUX"} and first_in(node, verbs):
            found = _reporter(node, verbs, lex) or fillers(node, "nsubj", lex)
            if any(node.doc[r.head].lemma_.lower() in evidence for r in found):
                found, rule = [], "agent.speaker_not_evidence"
            if found:
                return taken_by(found, rule)
    return held


def _pronouns(refs: list[Ref]) -> bool:
    """Holders told only by pronouns ("his claim that ..."), whom a saying above may name."""
    return all(r.label == "PRON" for r in refs)


def _reporter(verb: Token, verbs: set[str], lex: Lexicon) -> list[Ref]:
    """A pronoun saying or believing in a clause reported by another ("the ministry stated that it believed
    X to be culpable", "the minister said he thinks ...") is that clause's reporter: the subject above."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    pronouns = set(lex.cues["pronouns"]["group"]) | set(lex.cues["pronouns"]["person"])
    frame = verb.head
    if not subjects or any(s.lower_ not in pronouns for s in subjects) or verb.dep_ != "ccomp":
        return []
    if frame.pos_ not in {"VERB", "AUX"} or not first_in(frame, verbs):
        return []
    return [r for c in frame.children if c.dep_ == "nsubj" and c.lower_ not in pronouns
            for r in references(c, lex)]


@check("passive_believer")
def _passive_believer(path: list[Token], lex: Lexicon) -> list[Ref]:
    """Who holds a belief told in the passive ("X is suspected to be behind", "X was thought by the police to
    be culpable"): the object of its "by", which the parser may hang on the clause below it or on that
    clause's predicate; no one when there is none (not the speaker of a clause further up)."""
    holders = [*path, *(c for n in path[:-1] for c in n.children if c.dep_ in {"acomp", "attr"})]
    found = [
        r
        for n in holders
        for b in n.children
        if b.dep_ == "agent" or b.dep_ == "prep" and b.lower_ == "by" and n.pos_ in {"VERB", "AUX", "ADJ"}
        for g in b.children
        if g.dep_ == "pobj"
        for r in references(g, lex)
    ]
    return taken_by(found, "agent.passive_believer")


@check("mouthpiece")
def mouthpiece(refs: list[Ref], doc, lex: Lexicon) -> list[Ref]:
    """A mouthpiece speaks for its owner: "the group's spokesman" → the group; "a statement issued by
    the ministry" → the ministry."""
    out = []
    for ref in refs:
        head = doc[ref.head]
        by = [b for a in head.children if a.dep_ == "acl" for b in a.children if b.dep_ == "agent"]
        owners = [c for c in head.children if c.dep_ == "poss"] + [
            g for b in by for g in b.children if g.dep_ == "pobj"
        ]
        owner = [r for c in owners for r in references(c, lex)]
        office = state_office(head, lex) if owner else None
        if office is not None:  # "Pakistan's Foreign Ministry" speaks as itself, not as Pakistan
            out.append(Ref(office.start, office.end, office.text, office.label, ref.rule, office.root))
            continue
        speaks = head.lemma_.lower() in lex.cue("mouthpieces") and owner
        out += taken_by(owner, "agent.mouthpiece") if speaks else [ref]
    return out


REPORTED_CLAUSES = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "relcl", "acl", "attr", "dobj",
                              "nsubj", "nsubjpass", "pobj", "prep", "agent", "appos", "pcomp", "acomp"})
"""The links a word climbs to the verb that reports it: any but a clause of time or manner said beside it."""


@check("reporter")
def reporter(token: Token, lex: Lexicon) -> tuple[Token | None, list[Ref]]:
    """Who tells the clause a word stands in, and the word telling it: the subject of the verb of speech or
    belief whose reported clause holds it ("police said X attacked", "officials believe the bombing was the
    work of X", "the minister told reporters that X had struck"), else who it is told "according to"
    ("X ambushed the convoy, according to police"). Not a passive or negated verb, nor one of intent ("vowed
    that they would strike" threatens), nor evidence ("all signs suggested").
    The clause must be the verb's complement: an attack told in a clause of time beside the saying ("said,
    after gunmen struck, that ...") is not what is said."""
    verbs = lex.cue("speech") | lex.cue("belief_verbs")
    node, path = token, [token]
    for _ in range(CLIMB):
        if node.head is node:
            break
        child, node = node, node.head
        path.append(node)
        if node.pos_ in {"VERB", "AUX"} and first_in(node, verbs) and not first_in(node, lex.cue("intent")):
            if child.dep_ not in {"ccomp", "parataxis", "xcomp"} or passive(node):
                return None, []
            if any(c.dep_ == "neg" for c in node.children):
                return None, []
            found = _reporter(node, verbs, lex) or fillers(node, "nsubj", lex)
            if any(node.doc[r.head].lemma_.lower() in lex.cue("evidence_nouns") for r in found):
                return None, []
            return node, taken_by(mouthpiece(found, node.doc, lex), "agent.reporter")
        if node.pos_ == "NOUN" and node.lemma_.lower() in lex.cue("told_nouns") and that_clause(child):
            found = noun_teller(node, lex)
            if found and _pronouns(found) and node.dep_ == "dobj" and first_in(node.head, verbs):
                continue  # "the mayor repeated his claim that X struck": the mayor's, told above
            return (node, found) if found else (None, [])
        if child.dep_ not in REPORTED_CLAUSES:
            break
    for holder in path:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "according"):
            sources = [g for p in prep.children if p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]
            found = [r for g in sources for r in references(g, lex)]
            if found:
                return prep, taken_by(mouthpiece(found, token.doc, lex), "agent.according_to")
    return None, []


@check("noun_teller")
def noun_teller(noun: Token, lex: Lexicon) -> list[Ref]:
    """Who holds what a noun of saying or believing tells in its "that" clause (cue told_nouns): its "by"
    object ("claims by the Tala Front that ..."), else its possessor ("the army's assertion that ..."); a
    mouthpiece stands for its owner. No one when the noun names neither."""
    preps = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "by"]
    by = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    owners = by or [c for c in noun.children if c.dep_ == "poss"]
    found = [r for o in owners for r in references(o, lex)]
    return taken_by(mouthpiece(found, noun.doc, lex), "agent.noun_teller")
