"""Event words made by a predicate over a clause, not by a word of the lexicon: a group saying its own
fighters struck claims the attack; a speaker saying, or describing, a named party did it accuses that party.
Their predicate is their condition: the lexicon's needs on the word do not apply (see
:data:`kg.extract.triggers.PREDICATE_TRIGGERS`)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check


def _own_subject(verb: Token, lex: Lexicon, passive: bool = True, person: bool = False) -> bool:
    """The clause's subject is the speaker's own side: "it", "we", "its fighters", "one of its members";
    a passive subject only where ``passive`` (the passive subject of a verb of attack is its victim); a
    ``person`` speaking ("a protester told reporters they were shooting") tells of others by "they" and of
    itself by "he", "she", "I" (a body's "he" is another: "police said he opened fire")."""
    own = lex.cue("own_pronouns")
    if person:
        own = (own - {"they", "their"}) | {"he", "she", "i"}
    deps = {"nsubj", "nsubjpass"} if passive else {"nsubj"}
    for subject in (c for c in verb.children if c.dep_ in deps):
        if subject.lower_ in own:
            return True
        nouns = [subject, *(o for p in subject.children if p.dep_ == "prep" for o in p.children)]
        if any(c.dep_ == "poss" and c.lower_ in own for n in nouns for c in n.children):
            return True
    return False


def _reported_attack(verb: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """The clause is an attack carried out by its subject: "had struck X", "had carried out the bombing"."""
    if verb.i in attack_tokens:
        return True
    if first_in(verb, lex.cue("deed_verbs")) and any(
        c.dep_ == "dobj" and c.lower_ in {"it", "this", "that"} for c in verb.children
    ):
        return True  # "said its fighters did it", "said its men carried it out"
    support = lex.roles["support"].get("Attack", {})
    return bool(first_in(verb, support)) and any(
        c.dep_ == "dobj" and c.i in attack_tokens for c in verb.children
    )


TO_COME = frozenset({"will", "would", "shall", "'ll", "may", "might", "could", "can"})
"""Auxiliaries of a strike still to come or only possible ("said it would attack the base"): a threat."""


@check("speech_claim")
def speech_claim(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """A group saying its own fighters struck claims the attack; a state speaking of its forces does not,
    but a state or its leader saying it struck itself does ("the army announced it had shelled the camp",
    "the minister said she ordered the strikes": :func:`_itself`); nor a speaker saying its side did not
    strike ("said its men had not attacked", a denial), will or may strike ("said it would attack the base",
    a threat) or was struck ("said they were attacked", the passive subject of a verb of attack is its
    victim)."""
    if not first_in(token, lex.cue("claim_speech")) or token.pos_ not in {"VERB", "AUX"}:
        return False
    speakers = [c for c in token.children if c.dep_ == "nsubj"]
    if not speakers:
        return False
    titled = [w for s in speakers for w in (s, *(c for c in s.children if c.dep_ in {"compound", "appos"}))]
    state = any(first_in(w, lex.cue("state_speakers")) for w in titled) or any(
        s.ent_type_ in {"GPE", "NORP"} for s in speakers
    )
    person = all(_one_person(s, lex) for s in speakers)
    return any(
        c.dep_ == "ccomp"
        and not any(g.dep_ == "neg" or g.lower_ in TO_COME for g in c.children)
        and _own_subject(c, lex, passive=c.i not in attack_tokens, person=person)
        and (not state or _itself(c))
        and _reported_attack(c, lex, attack_tokens)
        for c in token.children
    )


def _one_person(speaker: Token, lex: Lexicon) -> bool:
    """One person speaking for no body: a named person or a singular noun of a person ("a protester"), not a
    mouthpiece ("the spokesman") nor a body ("the group")."""
    if speaker.ent_type_ == "PERSON":
        return True
    bodies = lex.cue("mouthpieces") | lex.cue("backref_nouns") | lex.cue("organization_nouns")
    return speaker.tag_ == "NN" and bool(first_in(speaker, lex.cue("actor_nouns"))) and not first_in(
        speaker, bodies
    )


def _itself(verb: Token) -> bool:
    """The clause's subject is the speaker itself, not its forces ("it", "we", "he"; not "its troops")."""
    return any(c.dep_ == "nsubj" and c.lower_ in {"it", "he", "she"} for c in verb.children)


NAMED_PARTIES = frozenset({"ORG", "NORP", "GPE", "PERSON"})


@check("reported_deed")
def reported_deed(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """A speaker or believer says a party did the attack ("authorities suspect X carried out the bombing",
    "officials said X orchestrated the attack"): an accusation of X; not when the deed is negated."""
    if token.pos_ != "VERB" or not first_in(token, lex.cue("blamed_deeds")):
        return False
    if token.dep_ not in {"ccomp", "acl"}:
        return False
    if any(c.dep_ == "neg" for c in token.children):
        return False  # "said its forces did not conduct any strike": a denial, not a charge
    frame = token.head
    told = frame.pos_ == "NOUN" and frame.lemma_.lower() in lex.cue("told_nouns") and that_clause(token)
    speech = frame.pos_ in {"VERB", "AUX"} and first_in(frame, lex.cue("speech") | lex.cue("belief_verbs"))
    if not (told or speech):  # "said X orchestrated it", "assertions by Y that X orchestrated it"
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    deed = any(c.dep_ == "dobj" and c.i in attack_tokens for c in token.children)
    named = subjects and all(_party(s, lex) for s in subjects) and not _own_subject(token, lex)
    return bool(deed and named) or _reported_passive_deed(token, lex, attack_tokens)


def that_clause(clause: Token) -> bool:
    """A clause the word above holds as what it says, opened by "that" ("claims that X struck")."""
    marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
    return clause.dep_ in {"acl", "ccomp"} and bool(marks)


def _reported_passive_deed(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """The same told in the passive ("the ministry said: this act has been perpetrated by X", "told
    reporters the attack was committed by the regime's army"): the attack, or a deed noun standing for it,
    is the passive subject, or the noun a relative clause of the saying hangs from ("the massacres it said
    were committed by X"), and the doer, after "by", a party (not "a lone gunman")."""
    deeds = lex.cue("deed_nouns")
    said_of = token.head.head if token.head.dep_ == "relcl" else None  # "atrocities it said had been ..."
    done = [c for c in token.children if c.dep_ == "nsubjpass"] or ([said_of] if said_of is not None else [])
    deed = any(c.i in attack_tokens or c.lemma_.lower() in deeds for c in done)
    doers = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return deed and bool(doers) and all(_party(d, lex) for d in doers)


def _party(noun: Token, lex: Lexicon) -> bool:
    """A party: named ("Jaish-e-Mohammed", "the Tala Front", a proper noun the tagger leaves untyped as
    "the ELN"), an institution ("the regime's military", "the army") or fighters named by their cause or
    camp ("separatist fighters", "Islamist rebels"), by the noun, its compound words or its possessor; not
    "a lone gunman" nor "two young men"."""
    institutions = lex.cue("organization_nouns") | lex.cue("state_forces") | lex.cue("side_nouns")
    words = [noun, *(c for c in noun.children if c.dep_ in {"compound", "poss", "amod"})]
    names = [noun, *(c for c in noun.children if c.dep_ == "compound")]  # "LF supporters", untyped "LF"
    common = lex.cue("own_pronouns") | lex.cue("common_initials")  # not "MP bodyguards"
    named = any(w.pos_ == "PROPN" and w.lower_ not in common for w in names)
    return named or any(w.ent_type_ in NAMED_PARTIES or w.lemma_.lower() in institutions for w in words)


@check("reported_culpability")
def reported_culpability(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """A speaker or believer says a party is to blame ("police said X were responsible", "it believes X is
    responsible for the bombing", "X is alleged to be culpable", "officials said X was guilty"): an
    accusation of X. The copula is the trigger; what X is responsible for, when said, is the attack or a deed
    noun ("responsible for security" is a duty, "guilty of fraud" another charge); not negated, and not the
    speaker's own side ("said it was responsible" claims)."""
    if token.lemma_.lower() != "be" or token.pos_ not in {"VERB", "AUX"}:
        return False
    verdicts, charged = _verdicts(token, lex)
    if not verdicts or any(c.dep_ == "neg" for v in (token, *verdicts) for c in v.children):
        return False
    deeds = lex.cue("deed_nouns")
    if charged and not any(g.i in attack_tokens or g.lemma_.lower() in deeds for g in charged):
        return False
    frame = token.head
    speaking = frame.pos_ in {"VERB", "AUX"} and first_in(frame, lex.cue("speech") | lex.cue("belief_verbs"))
    if token.dep_ == "ccomp" and speaking:
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
    elif token.dep_ == "xcomp" and speaking and any(c.dep_ == "auxpass" for c in frame.children):
        subjects = [c for c in frame.children if c.dep_ == "nsubjpass"]  # "X is alleged to be responsible"
    else:
        return False
    own = lex.cue("own_pronouns")
    return bool(subjects) and all(s.lower_ not in own and _party(s, lex) for s in subjects)


def _verdicts(copula: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """The culpability words a copula says ("X is responsible", "guilty"), and what they charge ("for the
    bombing", "of the crime"), for :func:`reported_culpability` and :func:`disowned_part`."""
    culpability = lex.cue("culpability_words")
    verdicts = [c for c in copula.children if c.dep_ == "acomp" and c.lemma_.lower() in culpability]
    charged = [g for v in verdicts for p in v.children if p.dep_ == "prep" and p.lower_ in {"for", "of"}
               for g in p.children if g.dep_ == "pobj"]
    return verdicts, charged


@check("characterized_deed")
def characterized_deed(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """Someone describes the attack as a party's doing ("described the ambush as the work of X", "called
    the bombing the handiwork of X", "sees the massacre as the doing of X"): an accusation of X."""
    if token.pos_ != "VERB" or not first_in(token, lex.cue("characterizing_verbs")):
        return False
    if not any(c.dep_ == "dobj" and c.i in attack_tokens for c in token.children):
        return False
    return any(_doing_of_a_party(n, lex) for n in _characterizations(token))


@check("characterized_verdict")
def characterized_verdict(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """Someone characterizes the attack with a moral verdict ("branded the raid an outrage", "labelled the
    ambush a crime against the town", "termed the raid an act of barbarism"): a
    condemnation by who characterizes it. The verdict is an adjective of cue verdict_adjectives or a noun of
    cue verdict_nouns, the characterization itself or a word modifying it or its "of"; "described the attack
    as well planned" judges nothing."""
    if token.pos_ != "VERB" or not first_in(token, lex.cue("characterizing_verbs")):
        return False
    if _characterized(token, lex, attack_tokens) is None:
        return False
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    said = _characterizations(token) + [
        c
        for h in holders
        for a in h.children
        if a.lower_ == "as"  # "as barbaric", "as a vile attack", however the parser hangs it
        for c in a.children
        if c.dep_ != "punct"
    ]
    said += [  # "described the raid as barbaric", read as two adverbs
        c
        for c in token.children
        if c.dep_ in {"advmod", "acomp"} and any(g.lower_ == "as" for g in c.children)
    ]
    said += [c for c in token.children if c.dep_ == "dobj" and c.i not in attack_tokens]  # a second object
    verdicts = lex.cue("verdict_adjectives") | lex.cue("verdict_nouns")
    return any(_judging(n, verdicts) for n in said)


def _characterized(token: Token, lex: Lexicon, attack_tokens: set[int]) -> Token | None:
    """The attack a verb of characterizing judges: its object, or, said by an active verb with none, the
    object put after the characterization ("described as appalling the bombings of Saturday", where the
    parser hangs the object from the "as" phrase)."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    said = [c for a in token.children if a.lower_ == "as" for c in a.children if c.dep_ != "punct"]
    if not objects and any(c.dep_ == "nsubj" for c in token.children):
        # "described as appalling the raid" (the raid the verdict's object), "described as barbaric the
        # raid" (the raid the pobj of "as", the verdict its modifier, or the verdict an amod of "as" with
        # the raid its object)
        objects = [c for c in said if c.dep_ == "pobj"]
        objects += [o for c in said for o in c.children if o.dep_ == "dobj"]
    return next((o for o in objects if o.i in attack_tokens), None)


def _judging(word: Token, verdicts: set[str]) -> bool:
    """The word, an adjective or noun modifying it, or what it is "of" (and their conjuncts) is a verdict."""
    parts = [word, *(c for c in word.children if c.dep_ in {"amod", "conj", "advmod"})]
    parts += [g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj"]
    parts += [c for p in list(parts) for c in p.children if c.dep_ == "conj"]
    return any(p.lemma_.lower() in verdicts or p.lower_ in verdicts for p in parts)


def _characterizations(token: Token) -> list[Token]:
    """What a verb of characterizing says its object is: the object of its (or its object's) "as", or a
    second object ("called the bombing the work of X", parsed as an object predicate or an apposition)."""
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]  # "as" may hang from the object
    found = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
             for g in c.children if g.dep_ == "pobj"]
    found += [c for c in token.children if c.dep_ in {"oprd", "xcomp", "ccomp"}]
    found += [a for c in token.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "appos"]
    return found


def _doing_of_a_party(noun: Token, lex: Lexicon) -> bool:
    """A noun of doing ("work", "handiwork") whose "of" names a party or actors as who did it (not "the
    work of days")."""
    if noun.lemma_.lower() not in lex.cue("doing_nouns"):
        return False
    doers = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
             if g.dep_ == "pobj"]
    actors = lex.cue("actor_nouns")
    return any(d.pos_ == "PROPN" or _party(d, lex) or d.lemma_.lower() in actors for d in doers)


@check("disowned_part")
def disowned_part(token: Token, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """A speaker or believer says a party had no part in the attack: "its officials say they are not
    responsible for this murder", "said that it was not the Front which carried out the bombing": a denial
    by who says it. The negated copula is the trigger; what is disowned is the attack or a deed noun ("not
    responsible for security" disowns a duty), or the deed a cleft's clause tells of the noun in its focus,
    itself no deed ("it was not clear who did it", "not the first attack that hit" disown no one)."""
    if token.lemma_.lower() != "be" or token.pos_ not in {"VERB", "AUX"} or not _said(token, lex):
        return False
    verdicts, charged = _verdicts(token, lex)
    denials = [c for v in (token, *verdicts) for c in v.children if c.dep_ == "neg"]
    if not denials or any(n.doc[n.i + 1 : n.i + 2].text.lower() == "only" for n in denials):
        return False  # "not only responsible for the raid but also for ..." is no denial
    deeds = lex.cue("deed_nouns")

    def deed(word: Token) -> bool:  # "this murder": an attack noun, whatever it needs to be one
        told = lex.trigger_options("NOUN").get(word.lemma_.lower(), ())
        return word.i in attack_tokens or word.lemma_.lower() in deeds or any(k == "Attack" for k, _ in told)

    if any(deed(g) for g in charged):
        return True
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in token.children):
        return False  # a cleft: "it was not X which carried out the attack"
    focus = [c for c in token.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"} and not deed(c)]
    if not focus:
        return False  # "it was not clear who carried out the attack", "it was not the first attack that hit"
    relatives = lex.cue("relative_pronouns")
    named = [token, *focus]  # the clause may hang on X
    told = [c for n in named for c in n.children if c.dep_ in {"relcl", "ccomp"} and c.pos_ == "VERB"]
    told = [c for c in told if any(s.dep_ == "nsubj" and s.lower_ in relatives for s in c.children)]
    doings = lex.cue("blamed_deeds")  # "who carried out the attack", not "who reported the attack"
    return any(
        deed(c) or c.lemma_.lower() in doings and any(o.dep_ == "dobj" and deed(o) for o in c.children)
        for c in told
    )


def _said(clause: Token, lex: Lexicon) -> bool:
    """The clause is what a verb of saying or believing says: its complement, or a "that" clause the parser
    hung on the verb's object ("said in posts that ...")."""
    frames = lex.cue("speech") | lex.cue("belief_verbs")
    if clause.dep_ == "ccomp":
        return clause.head.pos_ in {"VERB", "AUX"} and bool(first_in(clause.head, frames))
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    verb = clause.head.head
    return clause.dep_ == "acl" and marked and verb.pos_ == "VERB" and bool(first_in(verb, frames))
