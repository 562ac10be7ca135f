"""The conditions the trigger lexicon puts on a word (``needs`` in triggers.yaml), checked by
:func:`meets`: what it must govern or must not, its subject, modifier or preposition, an intent or future cue
over it, an attack it is about or is told by, and the conditions that are rules of their own
(:data:`NEED_RULES`): a party fought, a weapon thrown or a vehicle driven into people, something set burning,
firing aimed at someone, fighting waged over a span of time, one's own struggle carried on, a warning of a
danger coming (an alert, no threat), threats uttered (not a danger), moral indignation felt at the attack, a
reaction noun told anew (not "these accusations", a reference back)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import PARTY_LABELS
from kg.extract.rules import check
from kg.extract.told_of import told_of_another


def _governs(token: Token, lemmas: set[str]) -> bool:
    for child in token.children:
        if child.lemma_.lower() in lemmas:
            return True
        if child.dep_ in {
            "prep",
            "xcomp",
            "dobj",
            "agent",
            "pcomp",
            "acomp",
            "conj",
            "ccomp",
            "oprd",
        } and _governs(child, lemmas):
            return True
    return False


def _preps(token: Token) -> set[str]:
    preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "dative"}}
    for child in token.children:
        if child.dep_ == "dobj":
            preps |= {c.lower_ for c in child.children if c.dep_ == "prep"}
    return preps


def _intent(token: Token, lex: Lexicon) -> bool:
    """The word sits under a future or intent cue ("vowed revenge", "retaliation would be carried out")."""
    intent, future = lex.cue("intent"), lex.cue("future_aux")
    node = token
    for _ in range(4):
        if any(
            c.lower_ in future or c.lemma_.lower() in intent
            for c in node.children
            if c.dep_ in {"aux", "auxpass"}
        ):
            return True
        if node is not token and node.lemma_.lower() in intent:
            return True
        if node.head is node:
            return False
        node = node.head
    return False


@check("needs")
def meets(token: Token, form: str, event_type: str, lex: Lexicon, attack_tokens: set[int]) -> bool:
    """The trigger word fulfils one of the alternative conditions the lexicon puts on it."""
    alternatives = lex.needs(event_type, form)
    return not alternatives or any(_meets_one(token, needs, lex, attack_tokens) for needs in alternatives)


def _victim(token: Token, attack_tokens: set[int]) -> bool:
    """The word names who was hit, not who acted: "two protesters were shot", "the killing of protesters"."""
    if token.dep_ in {"nsubjpass", "dobj"}:
        return True
    if token.dep_ == "conj":
        return _victim(token.head, attack_tokens)
    return token.dep_ == "pobj" and token.head.head.i in attack_tokens


CLAUSES = frozenset({"ccomp", "advcl", "csubj", "parataxis"})
"""Clauses under a word: an attack told inside one whose own verb is no attack word is part of what is said,
not the word's object ("claimed the shells fired in the raid came from abroad" claims no raid; "claimed
twelve guards were killed in the raid" does)."""


def _meets_one(token: Token, needs: dict, lex: Lexicon, attack_tokens: set[int]) -> bool:
    ok = True
    if "object" in needs or "object_event" in needs:
        objects = set(needs.get("object", []))
        ok = (
            _governs(token, objects)
            or token.dep_ in {"acl", "relcl"}
            and token.head.lemma_.lower() in objects
        )
        if not ok and needs.get("object_event") == "Attack":
            told = {  # inside a clause whose own verb is no attack word (CLAUSES)
                t.i for c in token.children if c.dep_ in CLAUSES and c.i not in attack_tokens
                for t in c.subtree
            }
            told |= {  # or inside one telling what another named party did
                t.i for c in token.subtree if c.i != token.i and told_of_another(c, CLAUSES, lex)
                for t in c.subtree
            }
            ok = any(
                i in attack_tokens
                for i in (
                    token.head.i,
                    *[
                        t.i
                        for t in token.subtree
                        if t.i != token.i and t.dep_ in {"dobj", "pobj", "nsubjpass"} and t.i not in told
                    ],
                )
            )
            ok = ok and not any(c.dep_ == "dobj" and c.i not in attack_tokens for c in token.children)
    if "object_not" in needs:
        ok = ok and not _governs(token, set(needs["object_not"]))
    if "subject" in needs:
        subjects = set(needs["subject"])
        ok = ok and any(c.dep_ in {"nsubj", "nsubjpass"} and first_in(c, subjects) for c in token.children)
    if "modifier" in needs:
        # the written form too: the tagger reads some adjectives as participles ("befitting" → "befit")
        modifiers = set(needs["modifier"])
        ok = ok and any(c.lemma_.lower() in modifiers or c.lower_ in modifiers for c in token.children)
    if "prep" in needs:
        ok = ok and bool(_preps(token) & set(needs["prep"]))
    if needs.get("intent"):
        ok = ok and _intent(token, lex)
    if "subject_event" in needs:
        ok = ok and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i in attack_tokens for c in token.children)
    if needs.get("arguments"):
        ok = ok and any(
            c.dep_ in {"dobj", "nsubjpass", "agent"} or c.dep_ == "nsubj" and c.like_num
            for c in token.children
        )
    if needs.get("actor"):
        ok = ok and not _victim(token, attack_tokens)
    if needs.get("actor_object"):
        ok = ok and _actor_object(token, lex)
    if needs.get("opponent"):
        ok = ok and _opponent(token, lex)
    if needs.get("impact"):
        ok = ok and _impact(token, lex)
    if needs.get("kindled"):
        ok = ok and _kindled(token, lex)
    if needs.get("fired_at"):
        ok = ok and _fired_at(token)
    if needs.get("campaign"):
        ok = ok and _campaign(token, lex)
    if needs.get("alert_not"):
        ok = ok and not is_alert(token, lex)
    if needs.get("own_struggle"):
        ok = ok and _own_struggle(token, lex, attack_tokens)
    if needs.get("indignation"):
        ok = ok and _indignation(token, lex, attack_tokens)
    if needs.get("uttered"):
        ok = ok and _uttered(token, lex)
    if "anew" in needs:
        ok = ok and told_anew(token, set(needs["anew"]), lex)
    if needs.get("speaker"):
        ok = ok and any(t.lemma_.lower() in lex.cue("speech") for t in token.ancestors)
    return ok


@check("actor_object")
def _actor_object(token: Token, lex: Lexicon) -> bool:
    """What the verb would do away with is someone: its object (or passive subject, or the object of its
    preposition: "deal with the gangs") is a pronoun, a name, an actor noun or a practice of violence
    ("wipe out the raiders", "root them out", "stamp out banditry"; not "take out a loan")."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [o for c in token.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    kinds = lex.cue("actor_nouns") | lex.cue("perpetrator_nouns") | lex.cue("violence_practices")
    return any(
        o.pos_ == "PRON" or o.ent_type_ in PARTY_LABELS or first_in(o, kinds) for o in objects
    )


@check("referred_back")
def referred_back(token: Token, form: str, event_type: str, lex: Lexicon) -> bool:
    """The reaction noun refers back to a reaction told before (its ``anew`` condition fails): "to prove its
    accusations", "despite these denials"."""
    alternatives = lex.needs(event_type, form)
    return any("anew" in needs and not told_anew(token, set(needs["anew"]), lex) for needs in alternatives)


def told_anew(noun: Token, carriers: set[str], lex: Lexicon) -> bool:
    """A reaction noun tells a reaction of its own unless a demonstrative or possessive-pronoun determiner
    makes it a reference back to one told before ("these accusations", "its denial", "to prove its
    accusations"); a verb voicing it (one of ``carriers``: "made these accusations again") tells it anew."""
    referring = lex.cue("referring_determiners")
    if not any(c.dep_ in {"det", "poss", "predet", "amod"} and c.lower_ in referring for c in noun.children):
        return True
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in carriers


OPPONENT_PREPS = frozenset({"with", "against", "between"})
FOUGHT_PARTIES = frozenset({"ORG", "GPE", "PERSON"})


@check("fought_party")
def _opponent(token: Token, lex: Lexicon) -> bool:
    """A word of fighting names an attack only with a party fought: its object, or the object of "with",
    "against" or "between", is an actor noun or a named organization, country or person ("battled US
    forces", "clashed with police", "fighting between the army and the rebels"); two sides after
    "between" count whatever they are. "The fight against terrorism", "fighting Islam" fight no party, and
    a participle describing who fights ("the coalition fighting IS in Syria") tells no one fight."""
    if token.dep_ == "acl" and token.tag_ == "VBG":
        return False
    actors = lex.cue("actor_nouns") | lex.cue("state_forces") | lex.cue("organization_nouns")
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in OPPONENT_PREPS):
        objects += [g for g in prep.children if g.dep_ == "pobj"]
    for noun in objects:
        sides = [noun, *(c for c in noun.children if c.dep_ == "conj")]
        if noun.head.lower_ == "between" and (len(sides) > 1 or noun.tag_ in {"NNS", "NNPS"}):
            return True
        if any(s.lemma_.lower() in actors or s.ent_type_ in FOUGHT_PARTIES for s in sides):
            return True
    return False


@check("kindled")
def _kindled(token: Token, lex: Lexicon) -> bool:
    """A verb of setting sets something burning when a word of fire (cue kindling_words) is its own
    complement: its object or predicate ("set fire to a bus", "set the car ablaze", "homes were set alight"),
    or the object of its own preposition ("set several homes on fire"), whatever stands between. A fire said
    further down ("set off a bomb and opened fire") or "set the date" kindles nothing."""
    fire = lex.cue("kindling_words")
    own = [c for c in token.children if c.dep_ not in {"conj", "nsubj", "nsubjpass", "cc", "punct"}]
    own += [g for c in own if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(c.lemma_.lower() in fire or c.lower_ in fire for c in own)


AIMED_PREPS = frozenset({"at", "on", "upon"})


@check("fired_at")
def _fired_at(token: Token) -> bool:
    """A verb of firing aimed by "at", "on" or "upon" at what it hits, told done ("gunmen fired at the car",
    "police fired on the crowd", "the car was fired at"): a shooting. Firing "into the air" hits nothing,
    and firing told as going on now ("they are firing on us") is a telling of the moment, left to the
    words told of the deed; "on" a date ("the minister was fired on Monday") or with an object of its own
    ("fired 20 workers", left to the weapons fired) aims at no one."""
    aux = [c for c in token.children if c.dep_ == "aux"]
    if token.tag_ == "VBG" and any(c.tag_ in {"VBZ", "VBP"} for c in aux):
        return False
    if any(c.dep_ == "dobj" for c in token.children):  # "fired 20 workers": what is fired is said
        return False
    return any(c.dep_ == "prep" and c.lower_ in AIMED_PREPS and not _dated(c) for c in token.children)


def _dated(prep: Token) -> bool:
    """A preposition of a date or hour ("was fired on Monday"): it tells when, not at whom."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


@check("impact")
def _impact(token: Token, lex: Lexicon) -> bool:
    """A verb of throwing or driving into something is an attack by what it sends: a weapon sent at, into or
    onto anything ("grenades were thrown into a mosque", "rockets rained down on the town"), or a vehicle
    driven into people ("a van ploughed into pedestrians"). What is sent is the verb's subject, object or
    passive subject, or the noun a relative clause of it hangs on ("a salvo of missiles that rained down");
    a ball thrown into the crowd or a car that crashed into a tree sends no weapon and hits no one."""
    sent = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if token.dep_ in {"relcl", "acl"}:
        sent.append(token.head)
    sent += [g for s in list(sent) for p in s.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children]  # "a salvo of rockets that rained down"
    sent += [c for s in list(sent) for c in s.children if c.dep_ == "conj"]
    objects = [c for c in token.children if c.dep_ == "dobj"]
    goals = [
        g
        for p in (*token.children, *(c for o in objects for c in o.children))
        if p.dep_ == "prep" and p.lower_ in lex.cue("impact_preps")
        for g in p.children
        if g.dep_ == "pobj"
    ]
    if not goals:
        return False
    if any(first_in(s, lex.cue("thrown_weapons")) for s in sent):
        return True
    people = lex.cue("actor_nouns") | lex.cue("bystander_nouns")
    hit = [g for goal in goals for g in (goal, *(c for c in goal.children if c.dep_ == "conj"))]
    return any(first_in(s, lex.cue("vehicles")) for s in sent) and any(first_in(g, people) for g in hit)


SPAN_PREPS = frozenset({"for", "over", "throughout"})


def _spanned(token: Token, lex: Lexicon) -> Token | None:
    """The verb whose clause says how long the fighting has gone on, or None: "since 2009", "for over a
    decade", "over the past three years" on it, or "spent three years fighting" (the verb it is the
    clause of)."""
    units = lex.cue("period_units")
    for prep in (c for c in token.children if c.dep_ == "prep"):
        spans = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ in lex.cue("benchmark_preps") and spans:
            return token
        if prep.lower_ in SPAN_PREPS and any(first_in(g, units) for g in spans):
            return token
    head = token.head
    spent = token.dep_ in {"xcomp", "advcl", "dep", "pcomp"} and head.lemma_.lower() == "spend"
    if spent and any(c.dep_ in {"dobj", "npadvmod"} and first_in(c, units) for c in head.children):
        return head
    return None


@check("alert")
def is_alert(token: Token, lex: Lexicon) -> bool:
    """A warning given to someone of a danger said to be coming ("warned travellers about potential
    ambushes on the road", "alerted pilots of likely strikes"): an alert to who would be hit, not a threat by
    the one warning. A warning of what the warner will do ("warned X of more attacks") stays a threat."""
    warned = [c for c in token.children if c.dep_ == "dobj"]
    coming = lex.cue("imminence_words")
    return bool(warned) and any(
        t.dep_ == "amod" and t.lemma_.lower() in coming and t.head.dep_ == "pobj"
        for holder in (token, *warned)  # "of" may hang from the one warned
        for p in holder.children
        if p.dep_ == "prep" and p.lower_ in {"of", "about"}
        for t in p.subtree
    )


@check("own_struggle")
def _own_struggle(token: Token, lex: Lexicon, attack_tokens: set[int] = frozenset()) -> bool:
    """A verb of carrying on (continue, resume, intensify) whose subject or object is a fight, a war, an
    operation or attacks (cue struggle_nouns, or an attack word) that is the speaker's side's own: its
    possessor or the verb's subject is "we", "our", "its", "they" ("we will intensify our campaign
    against X", "our offensive will resume", "they will escalate their jihad"). With the intent or future
    cue the lexicon asks for beside it, it is a threat; "the talks will resume" is none."""
    own = lex.cue("own_pronouns") | lex.cue("first_person")
    struggles = [
        c
        for c in token.children
        if c.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and (c.i in attack_tokens or first_in(c, lex.cue("struggle_nouns")))
    ]
    subject_own = any(c.dep_ == "nsubj" and c.lower_ in own for c in token.children)
    owned = (any(p.dep_ == "poss" and p.lower_ in own for p in s.children) for s in struggles)
    return bool(struggles) and (subject_own or any(owned))


@check("fighting_campaign")
def _campaign(token: Token, lex: Lexicon) -> bool:
    """A verb of fighting told over a span of time is a campaign of attacks by the armed side that wages
    it, whomever or whatever it fights: "insurgents who have fought the state for over a decade", "the
    group has been fighting for a caliphate since 2009", "the army has spent three years battling the
    insurgency". The side is the verb's subject (or the noun its relative clause hangs on): an actor noun
    or a named organization, country, people or person. "Lawyers have battled the tax for years" wages
    nothing."""
    if token.pos_ != "VERB":
        return False
    verb = _spanned(token, lex)
    if verb is None:
        return False
    sides = [c for v in {token, verb} for c in v.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl":  # "the Tala Front, which has been fighting ..."
        sides.append(token.head)
        if token.head.dep_ == "pobj":  # "insurgents from the south who have been fighting ..."
            sides.append(token.head.head.head)
    actors = lex.cue("actor_nouns") | lex.cue("state_forces") | lex.cue("organization_nouns")
    return any(
        s.lower_ not in lex.cue("relative_pronouns")
        and (first_in(s, actors) or s.ent_type_ in PARTY_LABELS)
        for s in sides
    )


INDIGNATION_PREPS = frozenset({"over", "at", "about", "by"})


@check("indignation")
def _indignation(token: Token, lex: Lexicon, attack_tokens: set[int] = frozenset()) -> bool:
    """A noun of moral indignation (outrage, revulsion, disgust …) condemns what it is felt over, at,
    about or by, when that is the attack or a deed noun standing for it ("expressed outrage over the
    bombing", "voiced revulsion at this act"); "outrage over the tax" condemns no attack, and "this new
    outrage" (no such preposition) names the deed itself."""
    deeds = lex.cue("deed_nouns")
    holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "at" may hang on the verb
    return any(
        g.i in attack_tokens or g.lemma_.lower() in deeds
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in INDIGNATION_PREPS
        for g in p.children
        if g.dep_ == "pobj"
    )


UTTERED_PREPS = frozenset({"from", "to", "against"})


@check("threats_uttered")
def _uttered(token: Token, lex: Lexicon, attack_tokens: set[int] = frozenset()) -> bool:
    """A threat noun names threats someone uttered, not a danger, when it is plural or of a kind said to
    someone (cue threat_kinds: "death threats") and it is made, issued, sent or received (cue threat_verbs:
    "received threats from X", "sent death threats to a reporter") or made from, to or against a party or
    person ("X's threats against Y"). "The threat from militants", "a threat to democracy" and "would
    withstand threats" are dangers; "threats and attacks" tells no one's threat."""
    kinds = lex.cue("threat_kinds")
    if token.tag_ not in {"NNS", "NNPS"} and not any(c.lemma_.lower() in kinds for c in token.children):
        return False
    if token.dep_ in {"dobj", "nsubjpass"} and first_in(token.head, lex.cue("threat_verbs")):
        return True
    parties = lex.cue("actor_nouns")
    return any(
        g.ent_type_ in PARTY_LABELS or g.lemma_.lower() in parties
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in UTTERED_PREPS
        for g in p.children
        if g.dep_ == "pobj"
    )


NEED_RULES = (
    ("opponent", "trigger.fought_party", lambda token, lex, _: _opponent(token, lex)),
    ("impact", "trigger.impact", lambda token, lex, _: _impact(token, lex)),
    ("kindled", "trigger.set_alight", lambda token, lex, _: _kindled(token, lex)),
    ("fired_at", "trigger.fired_at", lambda token, lex, _: _fired_at(token)),
    ("campaign", "trigger.fighting_campaign", lambda token, lex, _: _campaign(token, lex)),
    ("own_struggle", "trigger.own_struggle", _own_struggle),
    ("indignation", "trigger.indignation", _indignation),
    ("uttered", "trigger.threats_uttered", _uttered),
    ("actor_object", "trigger.actor_object", lambda token, lex, _: _actor_object(token, lex)),
)
"""Conditions of the lexicon that are rules of their own: a reading admitted by one is credited to it
(each check called with the word, the lexicon and the sentence's attack words)."""
