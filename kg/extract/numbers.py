"""Casualty counts: numbers next to words of killing or injuring ("killed 84", "nearly 100 lives")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check
from kg.extract.trace import record_tokens

CLIMB = 4


@dataclass(frozen=True)
class Count:
    """A casualty count read at token ``token``: ``kind`` is ``killed`` or ``injured``."""

    kind: str
    value: int
    approximate: bool
    token: int
    span: tuple[int, int] = (0, 0)
    """Tokens (start, end) of the words that give the figure."""
    qualifier: str | None = None
    """The words making it approximate ("at least", "nearly"), as written."""
    rule: str = ""


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


def _is_date_or_ordinal(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _kind(token: Token, lex: Lexicon) -> str | None:
    lemma = token.lemma_.lower()
    if lemma in lex.numbers["killed"] or token.lower_ in lex.numbers["killed"]:
        return "killed"
    if lemma in lex.numbers["injured"] or token.lower_ in lex.numbers["injured"]:
        return "injured"
    return None


def _near(node: Token, number: Token) -> list[Token]:
    """The node and the words around it that may say what the number counts."""
    described = [c for c in node.children if c.dep_ in {"amod", "acl"} and c.i > number.i]
    near = [node, *described]
    preps = [p for c in described for p in c.children if p.dep_ == "prep"]
    near += [o for p in preps for o in p.children if o.dep_ == "pobj"]  # "52 people taken to hospital"
    if node.pos_ in {"VERB", "AUX"}:
        near += [c for c in node.children if c.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} and c.i > number.i]
        near += [c for c in node.children if c.dep_ == "dobj" and c.i < number.i]  # "causing injuries to 100"
        for subject in (c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}):
            near += [subject, *[c for c in subject.children if c.dep_ == "compound"]]
    return near


@check("lost_lives")
def _lost_lives(token: Token, lex: Lexicon) -> str | None:
    """The casualty kind a number counts as the subject of a verb of losing (numbers.yaml losing) whose
    object is a word of death or injury ("eleven miners lost their lives", "fourteen porters sacrificed
    their lives"): the subject is the victim, not the doer, else None."""
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ not in {"nsubj", "nsubjpass"} or noun.head.pos_ != "VERB":
        return None
    verb = noun.head
    if not first_in(verb, lex.numbers["losing"]):
        return None
    return next((k for c in verb.children if c.dep_ == "dobj" and (k := _kind(c, lex))), None)


@check("number_cue")
def _cue(token: Token, lex: Lexicon) -> str | None:
    """The casualty kind a number counts: the word right after it, else the first cue up the tree."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and (kind := _kind(following, lex)):
        return kind
    node = token
    for _ in range(CLIMB):
        if node.dep_ in {"ROOT", "ccomp", "advcl"} and node is not token or node.head is node:
            return None
        if node.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in node.head.children):
            return None  # "two car bombs killed 120 people": the subject did the killing
        node = node.head
        for candidate in _near(node, token):
            if (kind := _kind(candidate, lex)) and candidate is not token:
                return kind
    return None


def _approximate(token: Token, sentence: Span, lex: Lexicon) -> str | None:
    """The words before a number that make it approximate ("at least", "nearly"), as written, else None."""
    cues = {c for c in lex.numbers["approximate"] if " " not in c}
    phrases = [c for c in lex.numbers["approximate"] if " " in c]
    left = sentence.doc[max(sentence.start, token.i - 3) : token.i]
    window = left.text.lower()
    phrase = next(
        (p for p in sorted(phrases, key=len, reverse=True) if window.endswith(p) or f"{p} " in window), None
    )
    if phrase is None:
        word = next((t for t in left[-2:] if t.lower_ in cues), None)
        return word.text if word is not None else None
    at = window.rfind(phrase)
    return left.text[at : at + len(phrase)]


def _verb_kind(verb: Token, lex: Lexicon) -> str | None:
    """The casualty kind a verb reports: its own ("killed"), its complement's ("shot dead") or that of
    the end it was brought to ("burnt to death", "beaten to death")."""
    if verb.pos_ != "VERB":
        return None
    complements = [c for c in verb.children if c.dep_ in {"acomp", "oprd", "advmod"}]
    ends = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children]
    death = any(o.dep_ == "pobj" and _kind(o, lex) == "killed" for o in ends)  # not "taken to hospital"
    own = _kind(verb, lex) or next((k for c in complements if (k := _kind(c, lex))), None)
    return own or ("killed" if death else None)


def _victims(verb: Token, lex: Lexicon) -> tuple[list[Token], str]:
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


def _victim_count(noun: Token, lex: Lexicon) -> int | None:
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
    return 1 if singular or noun.ent_type_ == "PERSON" or _one_person(noun) else None


def _one_person(word: Token) -> bool:
    """A personal pronoun of one man or woman ("he", "she")."""
    morph = word.morph
    return (
        word.pos_ == "PRON"
        and morph.get("Number") == ["Sing"]
        and morph.get("Person") == ["3"]
        and bool(set(morph.get("Gender")) & {"Masc", "Fem"})
    )


@check("victim_list")
def _listed(sentence: Span, lex: Lexicon) -> list[tuple[Count, frozenset[int]]]:
    """Counts summed over a list of victims, with the tokens of the numbers they replace."""
    found = []
    for verb in sentence:
        kind = _verb_kind(verb, lex) if verb.pos_ == "VERB" else _noun_kind(verb, lex)
        group, rule = _victims(verb, lex) if kind else ([], "")
        values = [_victim_count(noun, lex) for noun in group]
        if not group or None in values or len(group) == 1 and _is_numbered(group[0]):
            continue
        numbers = frozenset(t.i for noun in group for t in noun.subtree if t.like_num)
        qualifier = next(
            (q for i in sorted(numbers) if (q := _approximate(sentence.doc[i], sentence, lex))), None
        )
        span = (min(n.left_edge.i for n in group), max(n.i for n in group) + 1)
        count = Count(
            kind or "", sum(v for v in values if v), qualifier is not None, group[0].i, span, qualifier
        )
        found.append((replace(count, rule=rule), numbers))
    return found


def _noun_kind(noun: Token, lex: Lexicon) -> str | None:
    """The casualty kind a noun of killing or wounding names ("the murder of", "the wounding of")."""
    deed = noun.pos_ == "NOUN" and first_in(noun, lex.numbers["deeds"])
    return _kind(noun, lex) if deed else None


def _multiplied(token: Token, lex: Lexicon) -> bool:
    """The number runs on into a multiplier ("two hundred")."""
    head = token.head
    return head.i == token.i + 1 and head.lower_ in lex.numbers["multipliers"]


def _is_numbered(noun: Token) -> bool:
    return noun.like_num or any(c.dep_ == "nummod" and c.like_num for c in noun.children)


@check("ranking")
def _ranks(token: Token) -> bool:
    """A number that picks one out of a superlative's set ("one of the deadliest strikes", "two of the
    worst attacks") ranks an event; it counts no victims."""
    return any(
        o.dep_ == "pobj" and any(_superlative(c) for c in o.subtree if c.i < o.i)
        for p in token.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
    )


@check("counts_deeds")
def _counts_deeds(token: Token, lex: Lexicon) -> bool:
    """A number that counts attacks, blasts or weapons ("two separate attacks", "one of three deadly
    raids", "twelve rockets") counts no victims: its noun is an attack word or a weapon."""
    noun = token.head if token.dep_ == "nummod" else None
    if noun is None and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "ROOT"}:
        members = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        noun = next((o for o in members if o.dep_ == "pobj"), None)  # "one of three deadly attacks"
    if noun is None or noun.pos_ != "NOUN" or noun.i == token.i:
        return False
    return _attack_noun(noun, lex) or bool(first_in(noun, lex.cue("instruments")))


def _attack_noun(noun: Token, lex: Lexicon) -> bool:
    nouns = lex.trigger_lemmas("NOUN")
    return nouns.get(first_in(noun, nouns) or "", ("", 0.0))[0] == "Attack"


def _superlative(word: Token) -> bool:
    return word.tag_ in {"JJS", "RBS"} or word.pos_ == "ADJ" and word.lower_.endswith("iest")


def _counted_attacks(sentence: Span, lex: Lexicon) -> list[Token]:
    """Attack nouns told with a number of two or more ("two separate attacks", "three raids")."""
    return [
        t
        for t in sentence
        if t.pos_ == "NOUN"
        and _attack_noun(t, lex)
        and not first_in(t, lex.numbers["blasts"])  # "two explosions" may be one attack's
        and any(
            c.dep_ == "nummod" and not _is_date_or_ordinal(c) and (number_value(c, lex) or 0) >= 2
            for c in t.children
        )
    ]


@check("combined_toll")
def _combined(token: Token, attacks: list[Token]) -> bool:
    """A toll told of several attacks together ("died in two separate attacks", "two raids that killed
    58") is no one attack's: the counted attack noun is what the toll's words hang from, their subject,
    or the place "in" which it was counted."""
    above = [token, *list(token.ancestors)[:CLIMB]]
    clause = _clause(token)
    for noun in attacks:
        if noun in above:
            return True  # "two attacks ... that killed at least 58"
        told = noun.dep_ in {"nsubj", "nsubjpass"} or noun.dep_ == "pobj" and noun.head.lower_ == "in"
        if told and _clause(noun) == clause:
            return True  # "two bombings killed 40", "19 died and 70 were hurt in two separate attacks"
    return False


CLAUSES = frozenset({"ROOT", "ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj"})


def _clause(token: Token) -> Token:
    """The head of the clause a word is in."""
    node = token
    while node.dep_ not in CLAUSES and node.head is not node:
        node = node.head
    return node


def casualty_counts(sentence: Span, lex: Lexicon) -> list[Count]:
    """Every casualty count in a sentence, in text order; a list of victims counts as one sum."""
    attacks = _counted_attacks(sentence, lex)
    listed = _listed(sentence, lex)
    replaced = {i for _, numbers in listed for i in numbers}
    counts: list[Count] = [count for count, _ in listed]
    for token in sentence:
        if token.i in replaced:
            continue
        if not token.like_num or _is_date_or_ordinal(token):
            continue
        if token.lower_ in lex.numbers["multipliers"] and token.i > 0 and token.nbor(-1).like_num:
            continue  # second word of "two hundred": read from the first
        value = number_value(token, lex)
        if value is None or 1900 <= value <= 2100 and token.dep_ not in {"nummod", "dobj"}:
            continue
        if _ranks(token):
            record_tokens("rejected_argument", "count.ranking", sentence.doc, token.i, token.i + 1)
            continue
        if _counts_deeds(token, lex):
            record_tokens("rejected_argument", "count.counts_deeds", sentence.doc, token.i, token.i + 1)
            continue
        lost = _lost_lives(token, lex)
        kind = lost or _cue(token, lex)
        if kind and _combined(token, attacks):
            record_tokens("rejected_argument", "count.combined_toll", sentence.doc, token.i, token.i + 1)
            continue
        if kind:
            qualifier = _approximate(token, sentence, lex)
            end = token.i + 2 if _multiplied(token, lex) else token.i + 1
            counts.append(
                Count(
                    kind,
                    value,
                    qualifier is not None,
                    token.i,
                    (token.i, end),
                    qualifier,
                    "count.lost_lives" if lost else "count.number_cue",
                )
            )
    return sorted(counts, key=lambda c: c.token)
