"""Trigger detection: words of the lexicon (lemma + part of speech, multiword phrases) that name an event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from kg.extract.background import ANSWERING_PREPS
from kg.extract.cache import sentence_tokens
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.needs import NEED_RULES, is_alert, meets, referred_back
from kg.extract.predicates import (
    characterized_deed,
    characterized_verdict,
    disowned_part,
    reported_culpability,
    reported_deed,
    speech_claim,
)
from kg.extract.rules import check
from kg.extract.suppression import law_enforcement, negated, neutralised, unreal
from kg.extract.trace import record_tokens, tracing
from kg.extract.verdicts import verdict_epithet
from kg.model import EVENT_TYPES

POS_GROUPS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}
HOPS = {"prep", "pobj", "dobj", "xcomp", "pcomp", "acomp", "attr", "nsubjpass", "compound"}


@dataclass(frozen=True)
class Trigger:
    """One event word in one sentence; ``anchors`` are the tokens folded into it (same event)."""

    type: str
    token: int
    text: str
    pos: str
    weight: float
    anchors: tuple[int, ...]
    suppressed: bool
    rule: str = ""


Option = tuple[str, float, str, str, str]
"""One reading of a trigger word: (event type, strength, VERB/NOUN, the lexicon form that matched, rule)."""
LEXICON_RULES = {"VERB": "trigger.verb_lexicon", "NOUN": "trigger.noun_lexicon"}
PREDICATE_TRIGGERS = frozenset(
    {"trigger.speech_claim", "trigger.reported_deed", "trigger.characterized_deed", "trigger.verdict_epithet",
     "trigger.reported_culpability", "trigger.characterized_verdict", "trigger.disowned_part"}
)
"""Readings made by a predicate, which is their condition: the lexicon's needs on the word do not apply."""
READ_BY_PREDICATES = frozenset({"VERB", "AUX", "ADJ", "ADV"})
"""The parts of speech the predicates of readings (:data:`PREDICATE_TRIGGERS`) ask for."""


@check("date_word")
def _date_word(token: Token, lex: Lexicon) -> bool:
    """A word of a date, a number or a name ("in March 2029", "May 4"): never an event word."""
    if token.ent_type_ in lex.cue("non_trigger_entities"):
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.is_title and token.lower_ in lex.cue("months") and following is not None and following.like_num
    )


def _reading_rule(
    token: Token, form: str, event_type: str, rule: str, lex: Lexicon, attack_tokens: set[int]
) -> str:
    """The rule a lexicon reading was admitted by: ``trigger.fought_party`` when a word of fighting names the
    party fought, ``trigger.impact`` when a verb of throwing or driving sends a weapon or a vehicle, else the
    lexicon rule of its part of speech."""
    alternatives = lex.needs(event_type, form) if rule in LEXICON_RULES.values() else []
    for need, named, holds in NEED_RULES:
        if any(needs.get(need) for needs in alternatives) and holds(token, lex, attack_tokens):
            return named
    return rule


def _candidates(
    sentence: Span, lex: Lexicon, phrases: PhraseMatcher, phrase_tokens: dict[int, tuple[int, ...]]
) -> dict[int, list[Option]]:
    """Trigger words of a sentence: token index → its readings; fills ``phrase_tokens``."""
    found: dict[int, list[Option]] = {}
    tables = {group: lex.trigger_options(group) for group in ("VERB", "NOUN")}
    lemmas: set[str] = set()
    readable: list[Token] = []  # the words the predicates below read: verbs, adjectives, adverbs, participles
    for token in sentence_tokens(sentence):
        lemmas.add(token.lemma_)
        if token.pos_ in READ_BY_PREDICATES or token.tag_ in {"VBG", "VBN"}:
            readable.append(token)
        group = POS_GROUPS.get(token.pos_)
        form = first_in(token, tables[group]) if group else None
        if form and _date_word(token, lex):
            record_tokens("rejected_trigger", "trigger.date_word", token.doc, token.i, token.i + 1)
        elif form and group:
            rule = LEXICON_RULES[group]
            found[token.i] = [(kind, weight, group, form, rule) for kind, weight in tables[group][form]]
    for match_id, start, end in phrases.matcher(sentence) if phrases.may_match(lemmas) else ():
        phrase = sentence[start:end]
        head = _phrase_head(phrase)
        kind, group = sentence.doc.vocab.strings[match_id], POS_GROUPS.get(head.pos_, "VERB")
        found[head.i] = [(kind, 0.85, group, head.lemma_.lower(), "trigger.phrase")]
        phrase_tokens[head.i] = tuple(t.i for t in phrase if t.i != head.i)
    for rest in phrase_tokens.values():
        for i in rest:
            found.pop(i, None)
    attack_tokens = {i for i, options in found.items() if any(o[0] == "Attack" for o in options)}
    # a deed is told by its noun ("carried out the bombing"), not a victim ("carried the wounded")
    deeds = {i for i, options in found.items() if any(o[0] == "Attack" and o[2] == "NOUN" for o in options)}
    reacting = {i for i, options in found.items() if any(o[0] not in {"Attack", "Protest"} for o in options)}
    for token in readable:
        if token.i not in found and speech_claim(token, lex, attack_tokens):
            found[token.i] = [
                ("ClaimResponsibility", 0.7, "VERB", token.lemma_.lower(), "trigger.speech_claim")
            ]
        elif all(o[0] == "Accuse" for o in found.get(token.i, ())) and reported_deed(token, lex, deeds):
            # a deed verb may be a word of blame too ("carried out the attack" / "carried the blame")
            found[token.i] = [("Accuse", 0.7, "VERB", token.lemma_.lower(), "trigger.reported_deed")]
        elif token.i not in found and reported_culpability(token, lex, attack_tokens):
            found[token.i] = [("Accuse", 0.7, "VERB", "be", "trigger.reported_culpability")]
        elif all(o[0] == "Accuse" for o in found.get(token.i, ())) and characterized_deed(token, lex, deeds):
            found[token.i] = [("Accuse", 0.7, "VERB", token.lemma_.lower(), "trigger.characterized_deed")]
        elif all(o[0] == "Condemn" for o in found.get(token.i, ())) and characterized_verdict(
            token, lex, deeds
        ):  # "branded the raid an outrage": a verdict, whatever the lexicon's "call" asks
            found[token.i] = [("Condemn", 0.7, "VERB", token.lemma_.lower(), "trigger.characterized_verdict")]
        elif token.i not in found and verdict_epithet(token, lex, attack_tokens, reacting):
            found[token.i] = [("Condemn", 0.6, "VERB", token.lemma_.lower(), "trigger.verdict_epithet")]
        elif token.i not in found and disowned_part(token, lex, attack_tokens):
            found[token.i] = [("Deny", 0.7, "VERB", "be", "trigger.disowned_part")]
    return found


def _phrase_head(phrase: Span) -> Token:
    """The word a multiword trigger hangs on: its first word, or its noun when the first word modifies it
    ("took to the streets" → took, "staged a sit-in" → in)."""
    first = phrase[0]
    if first.dep_ == "neg" and phrase.start <= first.head.i < phrase.end:
        return first.head  # "will not go unpunished" → go
    if first.dep_ == "compound" and first.head.i < phrase.end and first.head.pos_ in {"NOUN", "PROPN"}:
        return first.head
    return first


def _pattern(phrase: list[str | list[str]]) -> list[dict]:
    """Lemmas in order, "the" and words given as a list of forms as written; a pronoun or an adverb may sit
    between ("blew himself up", "the blame rests squarely with")."""
    pattern: list[dict] = []
    for i, word in enumerate(phrase):
        if i:
            pattern.append({"POS": {"IN": ["PRON", "ADV"]}, "OP": "?"})
        if isinstance(word, list):
            pattern.append({"LOWER": {"IN": word}})
        else:
            pattern.append({"LOWER": word} if word == "the" else {"LEMMA": word})
    return pattern


@dataclass(frozen=True)
class PhraseMatcher:
    """A Matcher over the multiword triggers of the lexicon (``phrases``), keyed by event type, with the
    lemmas each phrase needs (its words but "the")."""

    matcher: Matcher
    needed: tuple[frozenset[str], ...]

    def may_match(self, lemmas: set[str]) -> bool:
        """Whether a sentence with these lemmas has every lemma of one of the phrases: most sentences have
        none, and skip the matcher."""
        return any(needs <= lemmas for needs in self.needed)


@check("phrase_matcher")
def phrase_matcher(nlp_vocab, lex: Lexicon) -> PhraseMatcher:
    """The :class:`PhraseMatcher` of the lexicon's multiword triggers."""
    matcher = Matcher(nlp_vocab)
    needed = []
    for event_type in EVENT_TYPES:
        phrases = lex.triggers[event_type].get("phrases", [])
        needed += [frozenset(w for w in p if isinstance(w, str) and w != "the") for p in phrases]
        if phrases:
            matcher.add(event_type, [_pattern(phrase) for phrase in phrases])
    return PhraseMatcher(matcher, tuple(needed))


RESTATING = frozenset({"advcl", "parataxis", "appos", "dep"})
"""How a restating verb hangs from the verb it restates (the parser varies: a clause, an apposition)."""
ASIDE = frozenset({"—", "–", "--", "-", ",", "("})


@check("restated")
def _restated(token: Token, same: set[int], found: dict[int, tuple[str, float, str, str]]) -> bool:
    """A verb of the same type, in the same form, set off after the verb it hangs from by a dash, a comma or
    a bracket, with no subject or conjunction of its own, tells that event again ("they were shot —
    executed — by the guards", "the ferrymen were clubbed, butchered, in their boats"); a participle
    ("attacked the depot, killing two") and a coordination ("shot and stabbed") tell more of it, not it
    again."""
    head, start = token.head, token.left_edge.i
    return (
        token.dep_ in RESTATING
        and head.i in same
        and found[head.i][2] == "VERB"
        and head.i < start
        and token.tag_ == head.tag_ != "VBG"
        and start > 0
        and token.doc[start - 1].text in ASIDE
        and not any(c.dep_ in {"nsubj", "nsubjpass", "mark", "cc"} for c in token.children)
    )


def _same_type(i: int, found: dict[int, tuple[str, float, str, str]]) -> set[int]:
    """The other triggers of the sentence with the type of trigger ``i``."""
    return {j for j, v in found.items() if v[0] == found[i][0] and j != i}


@check("fold")
def _fold_target(token: Token, found: dict[int, tuple[str, float, str, str]]) -> int | None:
    """The trigger of the same type this one is part of ("blasts ... killed", "vowed revenge")."""
    group = found[token.i][2]
    same = _same_type(token.i, found)
    if group == "VERB":
        if _restated(token, same, found):
            return token.head.i
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i in same and found[child.i][2] == "NOUN":
                return child.i
        node = token.head if token.dep_ in {"acl", "relcl"} else None
        for _ in range(3):
            if node is None:
                return None
            if node.i in same and (found[node.i][2] == "NOUN" or _when_clause(token)):
                return node.i
            node = node.head if node.dep_ in {"pobj", "prep", "conj"} else None
        return None
    node = token
    for _ in range(3):
        answering = node.dep_ == "prep" and node.lower_ in ANSWERING_PREPS
        if node.dep_ not in HOPS or node.head is node or answering:
            return None  # "shelled the village for the ambush": the ambush answered is another attack
        node = node.head
        if node.i in same and found[node.i][2] == "VERB":
            return node.i
    return None


def _when_clause(token: Token) -> bool:
    """A clause opened by "when" ("attacked in June, when settlers set homes ablaze"): it tells what the
    attack whose date it hangs on was."""
    return token.dep_ == "relcl" and any(c.lower_ == "when" and c.i < token.i for c in token.children)


@check("echo")
def _echo(token: Token, kind: str, found: dict[int, tuple[str, float, str, str]], lex: Lexicon) -> bool:
    """A trigger that restates the event of the trigger it depends on (``absorbed_by`` in cues.yaml):
    "crowds marched, denouncing the strike" is one protest, "warned that it would respond" one threat."""
    node = token
    for _ in range(3):  # "marched, waving flags and denouncing X": through the participles before it
        if node.dep_ != "conj" or node.head.i in found:
            break
        node = node.head
    head = node.head
    return (
        node.dep_ in {"advcl", "acl", "conj", "xcomp", "ccomp"}
        and head.i in found
        and found[head.i][0] in lex.cues["absorbed_by"].get(kind, ())
    )


@check("classifier")
def _classifier(token: Token, found: dict[int, tuple[str, float, str, str]]) -> bool:
    """A trigger noun naming a kind of thing, not an event: "the threat level", "attack helicopters"; or a
    present participle ending a hyphened compound adjective, a quality of its noun ("life-threatening
    injuries", "a record-breaking march")."""
    head = token.head
    if token.dep_ == "amod" and token.tag_ == "VBG" and token.i >= 2 and token.nbor(-1).text == "-":
        return token.nbor(-2).head == token and head.i not in found
    return token.dep_ == "compound" and token.pos_ == "NOUN" and head.pos_ == "NOUN" and head.i not in found


GATHERINGS_AT = frozenset({"at", "during"})
"""The prepositions that make a gathering the scene of another event ("shot at a rally")."""
PLACING = frozenset({"in", "on", "at"})
"""The prepositions that place a gathering ("a rally in Garo on Monday"), not tell what it is held over."""


@check("gathering_venue")
def _gathering_venue(token: Token, found: dict[int, tuple[str, float, str, str]]) -> bool:
    """A protest noun that is only where something else happened, after "at" or "during" on a word that is
    no protest ("was hit during a march", "promised followers at a rally", "spoke at a vigil"), names a
    gathering as a scene, not a protest: unless the noun tells what it is held over ("two died at a protest
    against the dam")."""
    head = token.head
    return (
        found[token.i][0] == "Protest"
        and found[token.i][2] == "NOUN"
        and token.dep_ == "pobj"
        and head.lower_ in GATHERINGS_AT
        and found.get(head.head.i, ("",))[0] != "Protest"
        and not any(c.dep_ in {"prep", "acl", "relcl"} and c.lower_ not in PLACING for c in token.children)
    )


@check("victims_gathered")
def _victims_gathered(token: Token, found: dict[int, tuple[str, float, str, str]]) -> bool:
    """A protest word in a clause that describes who an attack hit ("killed 30 men assembling for a
    rally", "a van drove into a crowd of pupils who had been marching", "slammed into mourners holding a
    vigil") tells who the victims were, not a protest of its own: the clause (or the noun under its
    preposition) hangs from a noun that is, through objects and prepositions, what an attack word hit."""
    if found[token.i][0] != "Protest":
        return False
    clause = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token
    if clause.dep_ not in {"acl", "relcl"}:
        return False
    node = clause.head
    for _ in range(4):
        if node.dep_ not in {"dobj", "nsubjpass", "pobj", "prep", "conj"} or node.head is node:
            return False
        node = node.head
        if found.get(node.i, ("",))[0] == "Attack":
            return True
    return False


Reading = tuple[str, float, str, str]
"""A trigger's reading: its event type, weight, word class and rule."""


def _without(
    found: dict[int, Reading],
    rule: str,
    rejects: Callable[[Token, Reading, dict[int, Reading]], bool],
    doc: Doc,
) -> dict[int, Reading]:
    """``found`` without the triggers ``rejects`` drops (each judged beside all of ``found``), each dropped
    one traced as rejected by ``rule``."""
    gone = {i for i, v in found.items() if rejects(doc[i], v, found)}
    for i in gone:
        record_tokens("rejected_trigger", rule, doc, i, i + 1, event_type=found[i][0])
    return {i: v for i, v in found.items() if i not in gone}


def find_triggers(sentence: Span, lex: Lexicon, phrases: PhraseMatcher) -> list[Trigger]:
    """The event triggers of one sentence, each with the tokens folded into it."""
    phrase_tokens: dict[int, tuple[int, ...]] = {}
    options = _candidates(sentence, lex, phrases, phrase_tokens)
    attack_tokens = {i for i, readings in options.items() if any(o[0] == "Attack" for o in readings)}
    doc = sentence.doc
    found: dict[int, tuple[str, float, str, str]] = {}
    for i, readings in options.items():
        met = [
            (kind, w, group, _reading_rule(doc[i], form, kind, rule, lex, attack_tokens))
            for kind, w, group, form, rule in readings
            if rule in PREDICATE_TRIGGERS or meets(doc[i], form, kind, lex, attack_tokens)
        ]
        if met:  # the first reading whose conditions hold ("slammed the attack" / "slammed into")
            found[i] = met[0]
        else:
            kind, form = readings[0][0], readings[0][3]  # needs of rules of their own: alert, reference back
            alert = kind == "Threaten" and is_alert(doc[i], lex)
            back = not alert and referred_back(doc[i], form, kind, lex)
            rule = "trigger.alert" if alert else "trigger.referred_back" if back else "trigger.unmet_needs"
            record_tokens("rejected_trigger", rule, doc, i, i + 1, event_type=readings[0][0])
    found = _without(found, "trigger.echo", lambda t, v, f: _echo(t, v[0], f, lex), doc)
    found = _without(found, "trigger.classifier", lambda t, v, f: _classifier(t, f), doc)
    found = _without(found, "trigger.victims_gathered", lambda t, v, f: _victims_gathered(t, f), doc)
    found = _without(found, "trigger.gathering_venue", lambda t, v, f: _gathering_venue(t, f), doc)
    parent: dict[int, int] = {}
    restated = {i for i in found if _restated(doc[i], _same_type(i, found), found)}
    for i in found:
        target = _fold_target(doc[i], found)
        if target is not None and target != i and parent.get(target) != i:
            parent[i] = target

    def root(i: int) -> int:
        seen = set()
        while i in parent and i not in seen:
            seen.add(i)
            i = parent[i]
        return i

    groups: dict[int, list[int]] = {}
    for i in sorted(found):
        groups.setdefault(root(i), []).append(i)
    triggers = []
    for head, members in groups.items():
        kind, weight, pos, rule = found[head]
        token = doc[head]
        own = phrase_tokens.get(head, ())
        if rule == "trigger.verdict_epithet":  # a verdict is negated on its word, not by its clause
            denied = any(c.dep_ == "neg" for c in token.children)
        elif rule == "trigger.disowned_part":  # its negation is the denial; the saying may be negated
            denied = negated(token.head, kind, lex, set(found))
        else:
            denied = negated(token, kind, lex, set(found), own)
        ended = (
            "" if denied
            else "trigger.neutralised" if neutralised(token, kind, lex)
            else "trigger.law_enforcement" if law_enforcement(token, kind, lex)
            else ""
        )  # the rule that ends the trigger's attack, if one does
        suppressed = denied or bool(ended) or unreal(token, kind, lex)
        anchors = tuple(sorted({*members, *(i for m in members for i in phrase_tokens.get(m, ()))}))
        weight = max(found[m][1] for m in members)
        phrase = sorted({head, *phrase_tokens.get(head, ())})
        text = doc[phrase[0] : phrase[-1] + 1].text if phrase[0] < head else token.text  # "sit-in"
        triggers.append(Trigger(kind, head, text, pos, weight, anchors, suppressed, rule))
        if tracing() is not None:
            _record(triggers[-1], doc, members, denied, ended, restated)
    return triggers


def _record(
    trigger: Trigger, doc, members: list[int], denied: bool, ended: str = "",
    restated: frozenset[int] | set[int] = frozenset(),
) -> None:
    """The trace of one trigger: how it was found, what was folded into it, whether it was suppressed."""
    fields = {"trigger": trigger.text, "event_type": trigger.type}
    start = min(trigger.anchors)
    record_tokens("trigger", trigger.rule, doc, start, max(trigger.anchors) + 1, **fields)
    for i in members:
        if i != trigger.token:
            rule = "trigger.restated" if i in restated else "trigger.folded"
            record_tokens("merge", rule, doc, i, i + 1, **fields)
    if trigger.suppressed:
        rule = "trigger.negated" if denied else ended or "trigger.unreal"
        record_tokens("rejected_trigger", rule, doc, trigger.token, trigger.token + 1, **fields)
