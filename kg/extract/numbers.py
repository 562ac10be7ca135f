"""Casualty counts: numbers next to words of killing or injuring ("killed 84", "nearly 100 lives")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kg.extract.cache import sentence_tokens
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.extract.victims import (
    casualty_kind,
    is_date_or_ordinal,
    number_value,
    verb_kind,
    victim_count,
    victims,
)
from kg.extract.wounded import person_count, thing, told_dead, wounds_suffered, wounds_survived

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


def _near(node: Token, number: Token) -> list[Token]:
    """The node and the words around it that may say what the number counts."""
    described = [c for c in node.children if c.dep_ in {"amod", "acl"} and c.i > number.i]
    near = [node, *described]
    preps = [p for c in described for p in c.children if p.dep_ == "prep"]
    near += [o for p in preps for o in p.children if o.dep_ == "pobj"]  # "52 people taken to hospital"
    if node.pos_ in {"VERB", "AUX"}:
        near += [c for c in node.children if c.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} and c.i > number.i]
        right_after = [c for c in node.children if c.dep_ in {"oprd", "acomp"} and c.i == node.i + 1]
        near += right_after  # "shot dead three soldiers": the complement before its object
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
    return next((k for c in verb.children if c.dep_ == "dobj" and (k := casualty_kind(c, lex))), None)


@check("number_cue")
def _cue(token: Token, lex: Lexicon) -> str | None:
    """The casualty kind a number counts: the word right after it, else the first cue up the tree."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and (kind := casualty_kind(following, lex)):
        return kind
    node = token
    for _ in range(CLIMB):
        if node.dep_ in {"ROOT", "ccomp", "advcl"} and node is not token or node.head is node:
            return None
        if node.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in node.head.children):
            return None  # "two car bombs killed 120 people": the subject did the killing
        node = node.head
        for candidate in _near(node, token):
            if (kind := casualty_kind(candidate, lex)) and candidate is not token:
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


@check("victim_list")
def _listed(sentence: Span, lex: Lexicon) -> list[tuple[Count, frozenset[int]]]:
    """Counts summed over a list of victims, with the tokens of the numbers they replace."""
    found = []
    for verb in sentence_tokens(sentence):
        if verb.pos_ not in {"VERB", "NOUN"}:
            continue  # a casualty word is a verb or a noun (verb_kind, _noun_kind, wounds_*)
        kind = verb_kind(verb, lex) if verb.pos_ == "VERB" else _noun_kind(verb, lex)
        group, rule = victims(verb, lex) if kind else ([], "")
        if not kind and wounds_survived(verb, lex):
            kind, (group, rule) = "injured", (victims(verb, lex)[0], "count.wounding_survived")
        if not kind and (sufferer := wounds_suffered(verb, lex)) is not None:
            kind, group, rule = "injured", [sufferer], "count.wounds_suffered"
        values = [victim_count(noun, lex) for noun in group]
        if rule in {"count.wounding_survived", "count.wounds_suffered"}:  # one person, however determined
            dead = [n for n in group if told_dead(n, lex)]
            for noun in dead:
                record_tokens("rejected_argument", "count.died_later", sentence.doc, noun.i, noun.i + 1)
            group = [n for n in group if n not in dead and not thing(n, lex)]
            values = [person_count(n, lex) for n in group]
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
    return casualty_kind(noun, lex) if deed else None


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
    """A number that counts attacks, blasts, weapons or strokes ("two separate attacks", "one of three
    deadly raids", "twelve rockets", "three bullet wounds", "shot four times") counts no victims: its noun
    is an attack word, a weapon or a stroke (numbers.yaml strokes), or it is a weapon's calibre written on
    its unit ("a 9mm pistol")."""
    glued = token.i + 1 < len(token.doc) and not token.whitespace_ and token.nbor(1).is_alpha
    if glued and token.text.isdigit():
        return True  # a calibre or a measure written on its unit ("a 9mm pistol", "155mm shells")
    noun = token.head if token.dep_ in {"nummod", "appos"} else None  # "several wounds, one in the chest"
    if noun is None and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "ROOT"}:
        members = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        noun = next((o for o in members if o.dep_ == "pobj"), None)  # "one of three deadly attacks"
    if noun is None or noun.pos_ != "NOUN" or noun.i == token.i:
        return False
    strokes = set(lex.numbers["strokes"])
    return _attack_noun(noun, lex) or bool(first_in(noun, lex.cue("instruments") | strokes))


@check("counts_doers")
def _counts_doers(token: Token) -> bool:
    """A number in the "by" phrase of a passive verb counts its doers, not its victims ("were gunned down by
    two men on a motorbike", "was wounded by one of the raiders")."""
    noun = token.head if token.dep_ in {"nummod", "quantmod"} else token
    return noun.dep_ == "pobj" and noun.head.dep_ == "agent"


def _attack_noun(noun: Token, lex: Lexicon) -> bool:
    nouns = lex.trigger_lemmas("NOUN")
    return nouns.get(first_in(noun, nouns) or "", ("", 0.0))[0] == "Attack"


def _superlative(word: Token) -> bool:
    return word.tag_ in {"JJS", "RBS"} or word.pos_ == "ADJ" and word.lower_.endswith("iest")


def _counted_attacks(sentence: Span, lex: Lexicon) -> list[Token]:
    """Attack nouns told with a number of two or more ("two separate attacks", "three raids")."""
    return [
        t
        for t in sentence_tokens(sentence)
        if t.pos_ == "NOUN"
        and _attack_noun(t, lex)
        and not first_in(t, lex.numbers["blasts"])  # "two explosions" may be one attack's
        and any(
            c.dep_ == "nummod" and not is_date_or_ordinal(c) and (number_value(c, lex) or 0) >= 2
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
    for token in sentence_tokens(sentence):
        if token.i in replaced:
            continue
        if not token.like_num or is_date_or_ordinal(token):
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
        if _counts_doers(token):
            record_tokens("rejected_argument", "count.counts_doers", sentence.doc, token.i, token.i + 1)
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
