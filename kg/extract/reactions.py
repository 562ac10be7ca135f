"""Claims, condemnations, accusations, denials, threats and protests against the attacks they are about:
the rules that retype a mention, link a reaction to its attack, or carry a value from one to the other."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from kg.extract.draft import Draft, Found, record_draft, relabeled, supported
from kg.extract.lexicon import Lexicon, first_in, load_lexicon, word_forms
from kg.extract.offices import state_of_office
from kg.extract.rules import check
from kg.extract.sides import described, one_side
from kg.gazetteer import is_country


@check("self_accusation")
def self_accusation(draft: Draft, doc: Doc) -> Draft:
    """A group saying it was behind an attack claims it: an accusation of oneself is a claim.

    Only "was behind", "was the work of": in "X blamed them on Y" the pronoun is the deed, not X."""
    agents, targets = {e.key for e in draft.agents}, {e.key for e in draft.targets}
    if draft.type == "Accuse" and agents and agents == targets and doc[draft.token].lemma_ == "be":
        record_draft(
            "trigger", "event.self_accusation", draft, doc, note="an accusation of oneself is a claim"
        )
        claim = replace(draft.trigger, type="ClaimResponsibility")
        return replace(
            draft, trigger=claim, targets=(), support=tuple(f for f in draft.support if f.role != "target")
        )
    return draft


@check("state_protest")
def state_protest(draft: Draft, doc: Doc, lex: Lexicon) -> Draft:
    """A protest made by states only, a country or a state's office ("Tala summoned the envoy to protest the
    raid", "the foreign ministry lodged a protest"), is a diplomatic protest: a condemnation, with no place
    (a condemnation takes none)."""
    offices = lex.cue("state_offices")
    states = [
        e.kind == "Country" or is_country(e.label) or bool(set(word_forms(e.label.split()[-1])) & offices)
        for e in draft.agents
    ]
    if draft.type != "Protest" or not states or not all(states):
        return draft
    support = tuple(f for f in draft.support if f.role != "location")
    draft = replace(draft, trigger=replace(draft.trigger, type="Condemn"), locations=(), support=support)
    record_draft("trigger", "event.state_protest", draft, doc, note="a state's protest is a condemnation")
    return draft


def spoken(draft: Draft, doc: Doc, lex: Lexicon) -> bool:
    """A claim read off a speech verb ("the group said its fighters struck") rather than a claim word."""
    return draft.type == "ClaimResponsibility" and bool(first_in(doc[draft.token], lex.cue("claim_speech")))


@check("claimed")
def claimed(drafts: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """An attack takes the agent of the claim about it, when it has none, and the claim's year or month.

    "In 2019, the group claimed an attack on a hotel": the claim dates the attack it refers to.
    """
    claims = {
        d.about_token: d
        for d in drafts
        if d.type == "ClaimResponsibility" and d.agents and not spoken(d, doc, lex)
    }
    out = []
    for d in drafts:
        claim = claims.get(d.token) if d.type == "Attack" else None
        if claim is not None:
            time = d.time or (claim.time if claim.time and len(claim.time) < 10 else None)
            agents, carried = (d.agents, []) if d.agents else _carried(claim, "agent.from_claim", lex)
            if time and not d.time:
                carried += relabeled(claim.found("time", time), "time.from_claim")
            for f in carried:
                record_draft("argument", f.rule, d, doc, at=f, role=f.role, value=f.value)
            d = supported(replace(d, agents=agents, time=time), *carried)
        out.append(d)
    return out


@check("claimed_later")
def claimed_later(attacks: list[Draft], reactions: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """The main attack, told without a perpetrator, takes the agent of a claim made of it later on
    ("A car bomb exploded ... The group later said its fighters did it")."""
    claims = (r for r in reactions if r.type == "ClaimResponsibility" and r.about == 0 and r.agents)
    claim = next(claims, None)
    if not attacks or attacks[0].agents or claim is None:
        return attacks
    agents, carried = _carried(claim, "agent.claimed_later", lex)
    for f in carried:
        record_draft("argument", f.rule, attacks[0], doc, at=f, role="agent", value=f.value)
    return [supported(replace(attacks[0], agents=agents), *carried), *attacks[1:]]


def _carried(claim: Draft, rule: str, lex: Lexicon) -> tuple[tuple, list[Found]]:
    """A claim's agents as the agents of the attack it claims, and their support under ``rule``: a state's
    office that claims it ("Norway's defence ministry") gives its state (agent.office_deed)."""
    agents, found = [], []
    for e in claim.agents:
        state = state_of_office(e, lex)
        agents.append(state or e)
        support = relabeled(claim.found("agent", e.key), rule if state is None else "agent.office_deed")
        found += [replace(f, value=(state or e).key) for f in support]
    return tuple(dict.fromkeys(agents)), found


def _days_later(sentence: str, lex: Lexicon) -> tuple[int, re.Match] | None:
    """How many days after the event a sentence's "hours later", "the next day" puts what it tells."""
    offsets: dict[str, int] = lex.cues["days_later"]
    lowered = sentence.lower()
    found = [
        (days, match)
        for phrase, days in offsets.items()
        if phrase in lowered and (match := re.search(rf"\b{re.escape(phrase)}\b", lowered))
    ]
    return found[0] if len({days for days, _ in found}) == 1 else None


@check("days_later")
def dated_after(reactions: list[Draft], attacks: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """A reaction "hours later" or "the next day" is dated from the day of the attack it is about."""
    sentences = list(doc.sents)
    out = []
    for draft in reactions:
        attack = attacks[draft.about] if draft.about is not None and draft.about < len(attacks) else None
        sentence = sentences[draft.sentence]
        later = _days_later(sentence.text, lex) if draft.time is None else None
        if attack is not None and later is not None and attack.time and len(attack.time) == 10:
            days, match = later
            day = (date.fromisoformat(attack.time) + timedelta(days=days)).isoformat()
            start, end = sentence.start_char + match.start(), sentence.start_char + match.end()
            support = Found("time", day, "time.days_later", draft.sentence, start, end)
            note = f"{days} day(s) after the attack of {attack.time}"
            record_draft(
                "argument", "time.days_later", draft, doc, at=support, role="time", value=day, note=note
            )
            draft = supported(replace(draft, time=day), support)
        out.append(draft)
    return out


@check("spoken_claim_repeated")
def explicit_claims_first(reactions: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """A group's account of its fighters' deed repeats its claim of the same attack, when it made one."""
    claimed_ = {d.about for d in reactions if d.type == "ClaimResponsibility" and not spoken(d, doc, lex)}
    out = []
    for d in reactions:
        if spoken(d, doc, lex) and d.about in claimed_:
            record_draft("rejected_trigger", "event.spoken_claim_repeated", d, doc)
        else:
            out.append(d)
    return out


@check("charged_otherwise")
def charged_otherwise(token: Token, kind: str, attack_words: set[int], anchors: tuple[int, ...] = ()) -> bool:
    """An accusation of something other than an attack ("accused the opposition of hiring thugs").

    No charge is an "of" that belongs to a word of the trigger ("pointed the finger of blame"), to a
    name ("blamed the Party of Tala"), or that counts its noun's members ("blamed a group of youths"); a
    charge of wielding weapons ("accused them of firing mortars") is a charge of attacking."""
    if kind != "Accuse" or first_in(token, load_lexicon().cue("identifying_verbs")):
        return False  # "named a band of exiles as the raiders": "of" is the band's
    lex = load_lexicon()
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    charges = []
    for h in holders:  # grows: "accused a group of farmers of theft" charges the farmers' "of"
        for p in (p for p in h.children if p.dep_ == "prep" and p.lower_ == "of"):
            if _charge(p, anchors, lex):
                charges.append(p)
            elif p.ent_iob_ != "I" and first_in(h, lex.cue("member_nouns")):
                holders += [o for o in p.children if o.dep_ == "pobj"]
    return bool(charges) and not any(
        t.i in attack_words or first_in(t, lex.cue("instruments")) for p in charges for t in p.subtree
    )


def _charge(of: Token, anchors: tuple[int, ...], lex: Lexicon) -> bool:
    """Whether an "of" on an accusation or its object tells the charge, not its noun's own complement."""
    head = of.head
    if head.i in anchors and head.dep_ == "dobj" or of.ent_iob_ == "I":
        return False
    return not (head.dep_ == "dobj" and first_in(head, lex.cue("member_nouns")))


@check("charge_denied")
def denials_follow_charges(reactions: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """Denying a charge ("rejected the allegation", "a charge X denies") is about what the charge is about."""
    charge_nouns = lex.cue("charge_nouns")
    out: list[Draft] = []
    for draft in sorted(reactions, key=lambda d: d.token):
        objects = [c for c in doc[draft.token].children if c.dep_ == "dobj"]
        charge = next(
            (d for d in reversed(out) if d.type == "Accuse" and d.sentence >= draft.sentence - 1), None
        )
        if draft.type == "Deny" and charge and any(first_in(o, charge_nouns) for o in objects):
            record_draft("argument", "about.charge_denied", draft, doc, role="about")
            about = [replace(f, rule="about.charge_denied") for f in draft.support if f.role == "about"]
            others = tuple(f for f in draft.support if f.role != "about")
            draft = replace(draft, about=charge.about, support=(*others, *about))
        out.append(draft)
    return out


@check("at_site")
def at_site(draft: Draft, attack: Draft, doc: Doc, lex: Lexicon) -> Token | None:
    """A protest held at "the mosque", "the school" the main attack hit is where that attack was: the word."""
    words = {word.lower() for target in attack.targets for word in target.label.split()}
    hit = words | {word[:-1] for word in words if word.endswith("s")}  # "two mosques" → "the mosque"
    preps = set(lex.roles["location_preps"])
    return next(
        (
            token
            for token in doc[draft.token].sent
            if token.dep_ == "pobj"
            and token.head.lower_ in preps
            and token.lemma_.lower() in hit
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        ),
        None,
    )


@check("charged_attack")
def charged_attack(word: Token, kept: list[Draft], doc: Doc) -> int:
    """The attack a charge names ("accused X of carrying out the drone strike"): the latest later attack
    told with the same word, else the main one."""
    lemma = word.lemma_.lower()
    named = [
        n
        for n, c in enumerate(kept)
        if n > 0 and not c.background and any(doc[t].lemma_.lower() == lemma for t in c.tokens)
    ]
    return max(named, key=lambda n: max(kept[n].sentences, default=-1)) if named else 0


@check("doers_accused")
def doers_accused(draft: Draft, lex: Lexicon) -> str:
    """An accusation whose only accused are the attack's doers told by description ("accused the attackers
    of targeting civilians", "accuses gunmen of plotting it") names no party: no Accuse. The rule that
    drops it, or "" (see :func:`reported_no_party` for an accusation read off a reported attack)."""
    if draft.type != "Accuse" or not draft.targets:
        return ""
    if draft.trigger.rule in {"trigger.reported_agency", "trigger.quoted_agency", "trigger.told_charge"}:
        return "event.reported_no_party" if reported_no_party(draft, lex) else ""
    doers = lex.cue("perpetrator_nouns")
    heads = [e.label.split()[-1].lower() for e in draft.targets if e.key.endswith(")")]
    described_only = len(heads) == len(draft.targets)
    accused = described_only and all(h in doers or h.removesuffix("s") in doers for h in heads)
    return "event.doers_accused" if accused else ""


@check("disputed_charge")
def disputed_charge(draft: Draft, doc: Doc, lex: Lexicon) -> bool:
    """An accusation told in a clause someone reports as made without grounds ("Tala said Garo blames it
    without proof", "denied it, saying Garo accuses it without any inquiry") is the teller's
    rebuttal of a charge, not a charge the sentence tells: the teller disputes it. Not the teller's own
    charge ("X said it blames Y without needing proof"), nor a deed told as done without grounds ("said X
    ordered the raid without any legal basis")."""
    token = doc[draft.token]
    if draft.type != "Accuse" or token.dep_ != "ccomp" or draft.trigger.rule == "trigger.reported_deed":
        return False  # "said X ordered the shelling without any legal basis": how the deed was done
    tellers = {w.lower_ for c in token.head.children if c.dep_ == "nsubj" for w in c.subtree}
    if any(e.label.split()[-1].lower() in tellers for e in draft.agents):
        return False  # "X said it holds Y responsible without needing more proof": X's own charge
    grounds = lex.cue("charge_grounds")
    near = [c for c in token.children if c.dep_ in {"dobj", "prep"}]
    holders = [token, *near, *(g for c in near for g in c.children if g.dep_ == "pobj")]  # "for attacks"
    without = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "without"]
    objects = [g for w in without for g in w.children if g.dep_ in {"pobj", "pcomp"}]
    objects += [g for o in objects for g in o.children if g.dep_ == "dobj"]  # "without conducting a probe"
    return any(o.lemma_.lower() in grounds for o in objects)


@check("reported_no_party")
def reported_no_party(draft: Draft, lex: Lexicon) -> bool:
    """An attack told by someone names a party accused only when its doer is named ("police said the Tala
    Front attacked", not "police said militants attacked") and is not the teller's own side ("the army said
    its soldiers fired", "Iraq said Iraqi troops struck"): a side's account of its own forces' deed, or of
    unnamed doers, is the report of the attack, not a charge. A description holding a party's initials ("LF
    supporters", "RSF fighters") names that party."""
    unnamed = [e for e in draft.targets if described(e) and not _initials(e.label, lex)]
    return bool(unnamed) or one_side(draft.agents, draft.targets, lex)


def _initials(label: str, lex: Lexicon) -> bool:
    """A word of two or more capitals and nothing else: a party's initials ("LF", "RSF"), not a common
    noun's (cue common_initials: "VIP guards", "MP bodyguards")."""
    common = lex.cue("common_initials")
    return any(len(w) >= 2 and w.isalpha() and w.isupper() and w.lower() not in common for w in label.split())


@check("affiliation")
def affiliation(draft: Draft, doc: Doc, lex: Lexicon, attack_words: set[int]) -> bool:
    """A tie told as what a party is ("a group with links to X", "X, which has ties to Y", "a militia said
    to be linked to Y"), naming no attack, is the party's affiliation, not an accusation. Linking as an act
    ("officials linked the bombing to X") and a tie of the attack ("the attacks had links to X", "the attack
    was a plot linked to X") accuse."""
    token = doc[draft.token]
    if draft.type != "Accuse" or token.lemma_.lower() not in lex.cue("tie_words"):
        return False
    if any(t.i in attack_words for t in token.subtree):
        return False
    holder = _tie_holder(token, lex)
    if holder is False:
        return False  # an act of linking, not a tie
    if holder is not None and holder.dep_ == "attr":  # "the attack was a plot linked to X": of the attack
        holder = next((c for c in holder.head.children if c.dep_ == "nsubj"), holder)
    return holder is None or holder.i not in attack_words


def _tie_holder(token: Token, lex: Lexicon) -> Token | None | bool:
    """Who a tie word is said of: the subject of "has links", the noun of "with links" or of "linked to"
    (a relative pronoun standing for the noun it hangs from); None when the parse does not say; False
    when the word is an act of linking (an active verb)."""
    if token.pos_ == "NOUN":
        if token.dep_ == "pobj" and token.head.lower_ == "with":
            return token.head.head
        if token.dep_ == "dobj" and token.head.lemma_.lower() == "have":
            return _antecedent(next((c for c in token.head.children if c.dep_ == "nsubj"), None), lex)
        return False
    if token.tag_ == "VBN" and token.dep_ in {"acl", "amod"}:
        return token.head
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):  # "is linked to", "was tied to"
        return _antecedent(next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None), lex)
    return False


def _antecedent(subject: Token | None, lex: Lexicon) -> Token | None:
    """A relative pronoun stands for the noun its clause hangs from ("al-Shabaab, which has links", "the
    attack, which officials said could be linked")."""
    if subject is None or subject.lower_ not in lex.cue("relative_pronouns"):
        return subject
    node = subject.head
    while node.dep_ != "relcl" and node.head is not node:
        node = node.head
    return node.head if node.dep_ == "relcl" else None


@check("impersonal_charge")
def impersonal_charge(draft: Draft, doc: Doc, lex: Lexicon) -> bool:
    """An accusation told under a passive verb of speech or belief with no one named as its holder ("X is
    suspected to be behind the attack", "X is said to be responsible") is the charge as the writer reports it:
    an Accuse of its target with no agent, not nothing. (A passive accusing word alone, "an assault blamed on
    X", is left to event.needs_agent: the gold holds it as often as not.)"""
    token = doc[draft.token]
    if draft.type != "Accuse" or draft.agents or not draft.targets:
        return False
    if passive_charge(token, draft):
        note = "a charge told in the passive, no one named"
        record_draft("trigger", "event.passive_charge", draft, doc, note=note)
        return True
    holder = token.head
    if token.dep_ != "xcomp" or not first_in(holder, lex.cue("speech") | lex.cue("belief_verbs")):
        return False
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in holder.children)
    if passive and not any(c.dep_ == "agent" for c in holder.children):
        note = "a charge no one is named holding"
        record_draft("trigger", "event.impersonal_charge", draft, doc, note=note)
        return True
    return False


@check("passive_charge")
def passive_charge(token: Token, draft: Draft) -> bool:
    """The accusing verb is itself the finite verb of a passive clause that names no accuser ("the raid was
    blamed on X", "X is accused of the bombing", "the blame was laid on X"): a charge the writer reports.
    Not a participle that only qualifies a noun ("a bombing blamed on X": no auxiliary), nor one with a
    "by", nor a deed told without a determiner ("X is blamed for raids across the south", "linked to past
    bombings"): a record of deeds, not a charge of one."""
    if not any(c.dep_ == "auxpass" for c in token.children) or any(c.dep_ == "agent" for c in token.children):
        return False
    if token.dep_ not in {"ROOT", "conj", "ccomp", "advcl"} and token.head is not token:
        return False
    accused = [(f.start, f.end) for f in draft.support if f.role == "target" and not f.in_title]
    deeds = [c for c in token.children if c.dep_ == "nsubjpass"]
    deeds += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    bare = [d for d in deeds if d.pos_ == "NOUN" and not any(c.dep_ in {"det", "poss"} for c in d.children)]
    return not any(not any(a <= d.idx < b for a, b in accused) for d in bare)


@check("protest_against")
def protest_against(draft: Draft, doc: Doc) -> bool:
    """A protest told with whom or what it is against and no one named holding it ("protests against the
    governor", "rallies against the junta spread") is the protest as the writer reports it: kept with no
    agent, as a protest told with its place (event.protest_placed), instead of dropped (event.needs_agent)."""
    if draft.type != "Protest" or draft.agents or not draft.targets:
        return False
    record_draft("trigger", "event.protest_against", draft, doc, note="a protest no one is named holding")
    return True
