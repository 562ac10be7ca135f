"""Suppression: trigger words that tell of no real event (negated, alleged, planned, to come, habitual); and
the protest kept though no one is named holding it."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check
from kg.extract.trace import record_tokens


def _takes_back(denial: Token, path: Token) -> bool:
    """A denial takes back the clause it governs, not one beside its own object ("a charge Kabul denies")."""
    return not any(c.dep_ == "dobj" and c.i != path.i for c in denial.children)


@check("negated")
def negated(token: Token, kind: str, lex: Lexicon, triggers: set[int], own: tuple[int, ...] = ()) -> bool:
    """Under a negation, a condition, or a denial ("denied claiming the attack"); a negation that is part
    of the trigger's own phrase (``own``: "will not go unpunished") does not count."""
    negation, marks, denials = lex.cue("negation"), lex.cue("hypothetical_marks"), lex.cue("denials")
    node = token
    steps = 5
    if kind == "Attack" and token.pos_ != "VERB":
        # an attack noun is negated by its own words or its predicate, not by a denied claim above it;
        # the object of a plain verb is negated with it ("did not conduct any strike")
        plain_object = token.dep_ == "dobj" and token.head.i not in triggers
        # the subject or the predicate noun of its clause is negated with it ("there was no attack", "if
        # there was an attack"), as the object of a plain verb is
        steps = 2 if token.dep_ in {"nsubj", "nsubjpass", "attr"} or plain_object else 1
    below = token
    for _ in range(steps):
        if node is not token and kind != "Attack" and first_in(node, denials) and _takes_back(node, below):
            return True
        for child in node.children:
            if child.i in own:
                continue
            if child.dep_ == "neg" or child.dep_ == "det" and child.lower_ in negation:
                return True
            if child.dep_ in {"nsubj", "nsubjpass"} and any(
                d.dep_ == "det" and d.lower_ in negation for d in child.children
            ):
                return True  # "no group claimed responsibility"
            if child.dep_ == "mark" and child.lower_ in marks:
                return True
        if node.head is node or node.dep_ in {"ROOT"}:
            return False
        if node.dep_ in {"relcl", "acl"} and any(
            c.dep_ == "det" and c.lower_ in negation for c in node.head.children
        ):
            return True  # "no reason to believe ...", "no evidence that ..."
        if node.dep_ in {"relcl", "conj", "appos"}:
            return False
        below, node = node, node.head
    return False


def alleged_attack(token: Token, lex: Lexicon) -> bool:
    """An attack that is the content of a charge or a plan: "accused X of killing", "planning attacks"."""
    charges, plans = lex.cue("charge_verbs"), lex.cue("plan_words")
    if any(c.dep_ in {"compound", "amod"} and first_in(c, plans) for c in token.children):
        return True  # "planned attacks", "planning attacks" read as a compound
    node, charged = token, False
    for _ in range(4):
        if node.head is node or node.dep_ not in {"pcomp", "pobj", "prep", "dobj", "xcomp", "conj"}:
            return False
        charged = charged or node.dep_ == "prep" and node.lower_ == "of"
        parent = node.head
        if first_in(parent, plans) or charged and first_in(parent, charges):
            return True
        node = parent
    return False


def _anyone(token: Token, lex: Lexicon) -> bool:
    """An attack by nobody in particular: "anyone who attacks a station will be punished"."""
    generic = lex.cue("generic_subjects")
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return any(s.lower_ in generic for s in subjects) or (
        token.dep_ == "relcl" and token.head.lower_ in generic
    )


def _asked(verb: Token) -> bool:
    """A question with an auxiliary before the verb's subject, in a sentence ending in a question mark: it
    asks whether or how, it tells no deed ("Did the militia shell the town?", "How could they bomb a
    school?"); a question whose subject is its question word ("Who shelled the town?") takes the deed as
    told."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    asked = verb.sent[-1].text == "?" or verb.sent[-2:-1].text == "?"
    return asked and bool(subjects) and any(a.i < subjects[0].i for a in auxiliaries)


@check("unreal")
def unreal(token: Token, kind: str, lex: Lexicon) -> bool:
    """Only reported, alleged, intended, asked or to come: "reports of a shooting", "would strike", "did
    they strike?"."""
    if kind == "Attack" and token.pos_ == "VERB":
        auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
        if auxiliaries & ({"to"} | lex.cue("future_aux")) or _asked(token):
            return True
    if kind == "Attack" and (alleged_attack(token, lex) or _anyone(token, lex) or _habitual(token, lex)):
        return True
    head = token.head
    return (
        token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.cue("unreal_heads")
    )


def _generic_plural(token: Token) -> bool:
    """A bare plural noun: "convoys", "villages" (not "the convoy", "three villages")."""
    determiners = {"det", "nummod", "poss"}
    return token.tag_ in {"NNS", "NNPS"} and not any(c.dep_ in determiners for c in token.children)


def _habitual(token: Token, lex: Lexicon) -> bool:
    """An attack verb in the plain present on bare plurals, telling what someone does as a rule: "militants
    shell villages", "often attack convoys". An adverb of frequency alone makes no attack unreal: "has
    increasingly targeted recruits", "do occasionally strike bars" tell of attacks done (a series)."""
    if token.pos_ != "VERB":
        return False
    present = token.tag_ in {"VBP", "VBZ"} and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    anchored = any(t.ent_type_ in lex.cue("anchor_entities") for t in token.subtree)
    return present and bool(objects) and all(_generic_plural(o) for o in objects) and not anchored


def _shared(verb: Token, deps: set[str], before: bool) -> list[Token]:
    """The verb's own dependents of ``deps``, else those of the verbs it is conjoined with, before it (a
    subject: "arrived and shot the attackers") or after it (an object: "shot and killed them")."""
    own = [c for c in verb.children if c.dep_ in deps]
    if own:
        return own
    joined = [v for v in verb.conjuncts if (v.i < verb.i) == before]
    return [c for v in joined for c in v.children if c.dep_ in deps]


@check("neutralised")
def neutralised(token: Token, kind: str, lex: Lexicon) -> bool:
    """A state's forces killing or shooting the doers of the attack told ("marines gunned down the hijacker",
    "the bomber was shot by a soldier") end that attack; they make no attack of their own. The
    doers are perpetrator nouns (cues.yaml), not a side in fighting ("soldiers killed three militants")."""
    if kind != "Attack" or token.pos_ != "VERB":
        return False
    agents = [o for a in _shared(token, {"agent"}, False) for o in a.children if o.dep_ == "pobj"]
    doers = _shared(token, {"nsubj"}, True) + agents
    victims = _shared(token, {"dobj", "nsubjpass"}, False)
    forces, perpetrators = lex.cue("state_forces"), lex.cue("perpetrator_nouns")

    def named_by(noun: Token, words: frozenset[str] | set[str]) -> bool:
        return bool(first_in(noun, words)) or any(
            c.dep_ in {"compound", "amod"} and first_in(c, words) for c in noun.children
        )

    return (
        any(named_by(d, forces) for d in doers)
        and bool(victims)
        and all(first_in(v, perpetrators) for v in victims)
    )


def _named_by(noun: Token, words: frozenset[str] | set[str]) -> bool:
    """The noun is one of the words, or has one as a compound or an adjective ("riot police")."""
    return bool(first_in(noun, words)) or any(
        c.dep_ in {"compound", "amod"} and first_in(c, words) for c in noun.children
    )


@check("law_enforcement")
def law_enforcement(token: Token, kind: str, lex: Lexicon) -> bool:
    """A raid by the police ("detectives swooped on a warehouse", "a gendarmerie raid") or told with an
    arrest, a search or a seizure ("were held after dawn sweeps of two farms", "a raid ending in the seizure
    of rifles") is a law-enforcement operation, not an attack, unless its sentence tells someone killed or
    hurt in it."""
    if kind != "Attack" or not first_in(token, lex.cue("police_searches")):
        return False
    police, arrests = lex.cue("police_nouns"), lex.cue("arrest_words")
    doers = [c for c in token.children if c.dep_ in {"nsubj", "compound", "amod", "poss"}]
    doers += [o for a in token.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    by_police = any(_named_by(d, police) for d in doers)
    above, node = [], token
    for _ in range(4):  # up through "during a string of raids" to the verb it tells
        if node.head is node:
            break
        above.append(node.head)
        if node.dep_ not in {"pobj", "prep"}:
            break
        node = node.head
    arrested = any(first_in(t, arrests) for t in [*above, *token.subtree] if t.i != token.i)
    harmed = lex.numbers["killed"] + lex.numbers["injured"]
    hurt = any(first_in(t, harmed) for t in token.sent if t.i != token.i)
    return (by_police or arrested) and not hurt


@check("protest_placed")
def placed_protest(draft, doc) -> bool:
    """A protest told with its place and no one named holding it ("protests spread across the West Bank",
    "demonstrations took place in three cities") is the protest as the writer reports it: kept with no
    agent (a reaction with no agent is otherwise dropped, event.needs_agent). The place must be its own, not
    the attack's own place lent to a protest that tells none (location.at_site)."""
    if draft.type != "Protest" or draft.agents:
        return False
    if not any(f.role == "location" and f.rule != "location.at_site" for f in draft.support):
        return False
    anchors, note = draft.trigger.anchors, "a protest no one is named holding"
    record_tokens("trigger", "event.protest_placed", doc, min(anchors), max(anchors) + 1,
                  sentence=draft.sentence, trigger=draft.word, event_type=draft.type, note=note)
    return True
