"""Victims of a casualty word: the words of death or injury, what a verb of killing or wounding reports,
the nouns it counts and how many people each names ("killing a commander and three other people")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import Ref, references, taken_by
from kg.extract.rules import check

TENS = frozenset(range(20, 100, 10))


def number_value(token: Token, lex: Lexicon) -> int | None:
    """The integer a number token spells ("284", "1,200", "three", "nearly" excluded), else None."""
    text = token.lower_.replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    words: dict[str, int] = lex.numbers["words"]
    if text in words:
        value = words[text] + _units_after(token, words)
        head = token.head
        multiplier = lex.numbers["multipliers"].get(head.lower_) if head.i == token.i + 1 else None
        return value * multiplier if multiplier else value
    return None


def _units_after(token: Token, words: dict[str, int]) -> int:
    """The units a tens word runs on with: "thirty seven", "twenty-nine" (written apart or hyphenated)."""
    if words[token.lower_] not in TENS:
        return 0
    doc, i = token.doc, token.i + 1
    if i < len(doc) and doc[i].text == "-" and not token.whitespace_:
        i += 1
    unit = words.get(doc[i].lower_) if i < len(doc) else None
    return unit if unit is not None and 1 <= unit <= 9 else 0


def is_date_or_ordinal(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def casualty_kind(token: Token, lex: Lexicon) -> str | None:
    lemma = token.lemma_.lower()
    if lemma in lex.numbers["killed"] or token.lower_ in lex.numbers["killed"]:
        return "killed"
    if lemma in lex.numbers["injured"] or token.lower_ in lex.numbers["injured"]:
        return "injured"
    return None


def verb_kind(verb: Token, lex: Lexicon) -> str | None:
    """The casualty kind a verb reports: its own ("killed"), its complement's ("shot dead") or that of
    the end it was brought to ("burnt to death", "beaten to death")."""
    if verb.pos_ != "VERB":
        return None
    own = casualty_kind(verb, lex)
    if own:
        return own
    complements = [c for c in verb.children if c.dep_ in {"acomp", "oprd", "advmod"}]
    complements += _complement_misread(verb)
    ends = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children]
    death = any(o.dep_ == "pobj" and casualty_kind(o, lex) == "killed" for o in ends)  # not "to hospital"
    own = next((k for c in complements if (k := casualty_kind(c, lex))), None)
    return own or ("killed" if death else None)


def _complement_misread(verb: Token) -> list[Token]:
    """A complement right after the verb that the parser hung on its object ("shot dead Daro Henk", with
    "dead" read as the name's adjective): the verb's own."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is None or after.dep_ != "amod" or after.head.dep_ != "dobj" or after.head.head != verb:
        return []
    return [after]


def victims(verb: Token, lex: Lexicon) -> tuple[list[Token], str]:
    """The conjoined nouns a casualty word counts, with the rule that found them: the object or passive
    subject of a verb ("killing a commander and three other people", "a toddler was burnt to death"),
    the subject of a verb of dying ("a guard died"; a second verb of the subject's: "was shot and died"),
    or what a noun of killing or wounding is of ("the murder of journalist Ann Roe")."""
    rule = "count.victim_list"
    if verb.pos_ == "NOUN":
        objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        objects, rule = [o for o in objects if o.dep_ == "pobj"], "count.victim_of_noun"
    else:
        objects = [c for c in verb.children if c.dep_ == "dobj"] or [
            c for c in verb.children if c.dep_ == "nsubjpass"
        ]
    if not objects and verb.pos_ == "VERB" and first_in(verb, lex.numbers["dying"]):
        rule = "count.dying_subject"
        objects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not objects and verb.dep_ == "conj" and not any(c.dep_ == "dobj" for c in verb.children):
            objects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    group: list[Token] = []
    for noun in objects[:1]:
        group = [noun]
        while (following := [c for c in group[-1].children if c.dep_ == "conj"]) and len(group) < 8:
            group.append(following[0])
    return group, rule


def victim_count(noun: Token, lex: Lexicon) -> int | None:
    """How many people one victim phrase counts: its number, one for "a driver" or a name, else None."""
    if noun.like_num:
        return number_value(noun, lex)
    numbers = [v for c in noun.children if c.dep_ == "nummod" and (v := number_value(c, lex)) is not None]
    members = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    numbers += [  # "a family of nine"
        v for o in members if o.dep_ == "pobj" and o.like_num and (v := number_value(o, lex)) is not None
    ]
    numbers += [  # "a total of 56 people", "a group of twelve tourists"
        v
        for o in members
        if o.dep_ == "pobj"
        for c in o.children
        if c.dep_ == "nummod" and (v := number_value(c, lex)) is not None
    ]
    if numbers:
        return numbers[0]
    singular = noun.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in lex.numbers["singular_determiners"] for c in noun.children
    )
    return 1 if singular or noun.ent_type_ == "PERSON" or one_person(noun) else None


def one_of_people(noun: Token, lex: Lexicon) -> bool:
    """A singular noun of one person ("the senator", "Haiti's first lady, Martine Moise"): an actor noun
    that names no body of people, or a noun a name stands beside."""
    if noun.tag_ != "NN":
        return False
    if any(c.dep_ in {"appos", "compound"} and c.ent_type_ == "PERSON" for c in noun.children):
        return True
    bodies = lex.cue("organization_nouns") | lex.cue("state_forces")
    lemma = noun.lemma_.lower()
    return lemma in lex.cue("actor_nouns") and lemma not in bodies


def one_person(word: Token) -> bool:
    """A personal pronoun of one man or woman ("he", "she")."""
    morph = word.morph
    return (
        word.pos_ == "PRON"
        and morph.get("Number") == ["Sing"]
        and morph.get("Person") == ["3"]
        and bool(set(morph.get("Gender")) & {"Masc", "Fem"})
    )


@check("counted_victims")
def counted_victims(numbers: list[Token], targets: list[Ref], doc: Doc, lex: Lexicon) -> list[Ref]:
    """Who an attack's death toll counts was hit: the noun a number of the dead counts ("left four
    soldiers dead", "took the lives of nine farmers"), unless it is a target already, a vacuous one
    ("30 people", their members are read apart: target.vacuous_members), a word of the toll itself ("31
    deaths") or a doer ("two attackers", killed by the guards)."""
    taken = {i for t in targets for i in range(t.start, t.end)}
    ignored = lex.cue("vacuous_targets") | frozenset(lex.roles["non_targets"])
    told = frozenset([*lex.numbers["killed"], *lex.numbers["injured"], *lex.numbers["deeds"]])
    doers = lex.cue("perpetrator_nouns") | lex.cue("doer_nouns")
    found: list[Ref] = []
    for number in numbers:
        noun = number.head
        if number.dep_ != "nummod" or noun.pos_ not in {"NOUN", "PROPN"} or noun.i in taken:
            continue
        if {noun.lemma_.lower(), noun.lower_} & (ignored | told | doers):
            continue
        found += taken_by(references(noun, lex), "target.counted_victims")
    return found
