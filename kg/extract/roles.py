"""Role linking: the agents and targets of one trigger, read off the dependency tree by ``roles.yaml``; what
is kept of the targets and what stands in for a vacuous one is decided in ``targets.py``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.quotes import own_voice, quote_speaker
from kg.extract.refs import (
    CROWD_REF,
    PARTY_LABELS,
    Ref,
    entity_span,
    office_and_state,
    references,
    round_size,
    taken_by,
    unique_refs,
)
from kg.extract.rules import check
from kg.extract.speakers import mouthpiece, passive, speaker
from kg.extract.specs import fillers
from kg.extract.targets import blamed, named_owner, stand_ins, target_tests
from kg.extract.trace import record_refs, record_tokens
from kg.extract.triggers import Trigger
from kg.gazetteer import is_country


@check("speaker_not_doer")
def _speaker_not_doer(verb: Token, child: Token, trigger: Trigger, lex: Lexicon) -> bool:
    """Who tells of an attack is not who did it: an attack verb hanging as an adverbial clause (``child``)
    from a verb of speech that reports a clause ("a bomb went off, the ministry said, killing ...", "a shell
    landed, the commander reported, wounding two") takes no agent from the speech verb's subject. A speech
    verb reporting nothing, or with a preposition between ("claimed the town, killing ten", "warned the
    villagers before shelling"), tells a deed of its subject; a reaction so hung is the speaker's own ("X
    said, condemning the attack")."""
    reporting = child.dep_ == "advcl" and any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)
    return trigger.type == "Attack" and reporting and bool(first_in(verb, lex.cue("speech")))


@check("participle_subject")
def _acl_subject(token: Token, lex: Lexicon) -> list[Ref]:
    """The actor a participle describes ("crowds ..., chanting"): the nearest actor noun up the tree."""
    actors = lex.cue("actor_nouns")
    node = token.head
    for _ in range(3):
        near = [node, *[o for p in node.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]]
        for candidate in near:
            if (
                candidate.lemma_.lower() in actors
                or entity_span(candidate)
                and entity_span(candidate).label in {"PERSON", "ORG"}
            ):
                return taken_by(references(candidate, lex), "agent.participle_subject")
        if node.head is node:
            return []
        node = node.head
    return []


def _thing(ref: Ref, head: Token, lex: Lexicon) -> bool:
    """A common noun, or a weapon or vehicle the parser calls a name ("a white Van ploughed into")."""
    return ref.label == "NOUN" or not head.ent_type_ and bool(first_in(head, lex.cue("instruments")))


def _owned(head: Token, lex: Lexicon, reacting: bool) -> bool:
    """A thing its owner acts through: a weapon or vehicle, or any thing of an attack ("Velmari jets
    struck"); in a reaction one body of an organization ("the Tala Front's mission condemned"), but not
    a plural, which speaks or marches as many people of its own ("Chadian exiles accuse", "Okonkwo's
    widows marched", "neighbouring countries condemned")."""
    weapon = first_in(head, lex.cue("instruments") | lex.cue("vehicles"))
    return bool(weapon) or not reacting or head.tag_ not in {"NNS", "NNPS"}


@check("instrument_owner")
def _agentive(refs: list[Ref], doc, lex: Lexicon, reacting: bool) -> list[Ref]:
    """An instrument stands for its owner: "a U.S. drone" → U.S.; "an X-linked alliance" is a group; a
    plural that reacts is people of its own (:func:`_owned`)."""
    out = []
    for ref in refs:
        head = doc[ref.head]
        if ref.label == "NOUN" and head.lemma_.lower() in lex.roles["group_appositions"]:
            out.append(Ref(ref.start, ref.end, ref.text, "ORG", ref.rule, ref.root))
        elif _thing(ref, head, lex) and not first_in(head, lex.cue("actor_nouns")) and _owned(
            head, lex, reacting
        ):
            out += taken_by(named_owner(head, lex), "agent.instrument_owner")
        else:
            out.append(ref)
    return out


@check("office_deed")
def _office_deed(refs: list[Ref], doc, lex: Lexicon) -> list[Ref]:
    """An attack is the deed of a state, not of its office that speaks for it: "Norway's defence ministry
    shelled ..." and "the President of Chile ordered the raid" → Norway, Chile."""
    out = []
    for ref in refs:
        found = office_and_state(doc[ref.head], lex)
        if found is None or (found[0].start, found[0].end) != (ref.start, ref.end):
            out.append(ref)
            continue
        state = entity_span(doc[found[1].start]) or Ref(found[1].start, found[1].end, found[1].text, "GPE")
        out += taken_by([state], "agent.office_deed")
    return out


@check("inherited_subject")
def _inherited_subject(token: Token, lex: Lexicon, trigger: Trigger) -> list[Ref]:
    """A subjectless verb's agent: the subject of the clause it hangs from, or its head noun's possessor;
    for an attack, not the subject of a verb of speech (:func:`_speaker_not_doer`)."""
    node = token
    for _ in range(3):
        if node.dep_ not in {"pcomp", "acl", "advcl", "xcomp", "conj", "prep", "pobj"} or node.head is node:
            return []
        child, node = node, node.head
        if node.pos_ in {"VERB", "AUX"}:
            found = fillers(node, "nsubj", lex)
            if found and _speaker_not_doer(node, child, trigger, lex):
                record_refs("rejected_argument", found, token.doc, trigger, "agent", "agent.speaker_not_doer")
                return []
            if found:
                return taken_by(found, "agent.inherited_subject")
        if node.pos_ in {"NOUN", "PROPN"}:
            found = [r for c in node.children if c.dep_ == "poss" for r in references(c, lex)]
            actor = first_in(node, lex.cue("actor_nouns")) or entity_span(node)
            if found or actor or node.dep_ != "dobj" or token.dep_ != "acl":
                return taken_by(found, "agent.inherited_subject")
            return taken_by(fillers(node.head, "nsubj", lex), "agent.inherited_subject")  # "issued a
            # statement to condemn", "released a video threatening": who issued it
    return []


def _done_to(participle: Token, trigger: Trigger, lex: Lexicon) -> bool:
    """A past participle of a deed done to someone names that someone ("civilians accused of collaborating",
    "a man shot at a checkpoint"); only a gathering's ("students protested", read as a participle) is done
    by its noun."""
    return participle.tag_ == "VBN" and trigger.type not in lex.roles["crowd_types"]


def support_verbs(token: Token, event_type: str, lex: Lexicon) -> list[Token]:
    """Verbs describing a noun trigger from below ("a drone strike carried out by X")."""
    verbs = lex.roles["support"].get(event_type, {})
    return [c for c in token.children if c.dep_ in {"acl", "relcl"} and first_in(c, verbs)]


@check("support_verb")
def _support(token: Token, event_type: str, lex: Lexicon) -> list[Ref]:
    """Agents given by a verb that carries a noun trigger ("staged attacks", "drew condemnations from")."""
    return taken_by(_supported(token, event_type, lex), "agent.support_verb")


def _supported(token: Token, event_type: str, lex: Lexicon) -> list[Ref]:
    verbs = lex.roles["support"].get(event_type, {})
    below = [r for verb in support_verbs(token, event_type, lex) for r in fillers(verb, "agent", lex)]
    if below:
        return below
    node = token
    for _ in range(2):
        if node.dep_ not in {"dobj", "pobj", "prep", "nsubjpass", "attr"} or node.head is node:
            return []
        node = node.head
        form = first_in(node, verbs)
        if form and event_type == "Threaten" and _dealt(node, lex):
            return []
        if form:
            return [r for spec in verbs[form] for r in fillers(node, spec, lex)]
        if token.dep_ == "nsubjpass":
            return []
    return []


def _dealt(verb: Token, lex: Lexicon) -> bool:
    """A verb dealing a retaliation out, told as done ("gave a befitting reply", "has delivered a crushing
    response"; not "will give", "vowed to deliver", "will be given")."""
    if not first_in(verb, lex.cue("dealing_verbs")):
        return False
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in verb.children
    )


@check("threat_receiver")
def _receiver(token: Token, lex: Lexicon) -> list[Ref]:
    """Threats someone got ("X had received threats from Y", "after receiving death threats, X fled"): who
    got them is threatened, the subject of the verb of receiving or, in a clause of its own with none, the
    subject of the clause it tells the circumstances of."""
    verb = token.head
    if token.dep_ != "dobj" or verb.pos_ != "VERB" or not first_in(verb, lex.cue("receiving_verbs")):
        return []
    # only a noun that can name threats someone utters: a retaliation received ("received a crushing
    # response from the army") was dealt out, it threatens no one
    if not any(n.get("uttered") for n in lex.needs("Threaten", token.lemma_.lower())):
        return []
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ in {"pcomp", "advcl"}:
        clause = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return taken_by([r for s in subjects for r in references(s, lex)], "target.threat_receiver")


def _override(trigger: Trigger, doc, lex: Lexicon) -> tuple[list[Ref], list[Ref]] | None:
    """Roles of a trigger word read its own way ("Israel was behind the strike": the subject is accused)."""
    head = doc[trigger.token]
    specs = lex.roles.get("lemma_roles", {}).get(trigger.type, {}).get(head.lemma_.lower())
    if specs is None:
        return None

    def fill(role: str) -> list[Ref]:
        return [
            r
            for spec in specs.get(role, [])
            for r in (speaker(head, lex) if spec == "speaker" else fillers(head, spec, lex, role))
        ]

    return fill("agent"), fill("target")


@check("reduced_passive")
def _reduced_passive(verb: Token, lex: Lexicon) -> bool:
    """A headline's passive without its auxiliary ("Tribal elder beheaded in village raid", "Three nurses
    abducted near Tala"): a verb that must take its victim as object (roles.yaml victim_verbs) heads a
    sentence with no full stop, with a subject and no object, auxiliary, particle, "at" or clause of its
    own; its subject is the victim."""
    if verb.dep_ != "ROOT" or verb.pos_ != "VERB" or not first_in(verb, lex.roles["victim_verbs"]):
        return False
    own = {c.dep_ for c in verb.children}
    if own & {"dobj", "aux", "auxpass", "nsubjpass", "prt", "ccomp", "xcomp", "dative", "conj", "agent"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
        return False  # "shot at protesters": aimed at, no victim in the subject
    last = verb.sent[-1]
    if last.is_punct and last.text in {".", "!", "?"}:
        return False  # a headline ends without a full stop
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.pos_ in {"NOUN", "PROPN"} for s in subjects)


@check("link_roles")
def link_roles(trigger: Trigger, doc, lex: Lexicon) -> tuple[list[Ref], list[Ref]]:
    """The agents and targets of one trigger, each as the rule that took it took it."""
    agents: list[Ref] = []
    targets: list[Ref] = []
    aimed: set[tuple[int, int]] = set()  # targets named after "on", "against" ...: a truck there is a target
    fallback: set[tuple[int, int]] = set()  # "hit a car on a road": "on", "at" name a target only when alone
    override = _override(trigger, doc, lex)
    if override is not None:
        agents, targets = override
    for i in trigger.anchors if override is None else ():
        token = doc[i]
        group = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
        for spec in lex.role_deps(trigger.type, group, "agent"):
            agents += fillers(token, spec, lex, "agent")
        for spec in lex.role_deps(trigger.type, group, "target"):
            found = fillers(token, spec, lex, "target")
            targets += found
            if spec.startswith("prep:"):
                aimed |= {(r.start, r.end) for r in found}
            fallback_prep = spec.partition(":")[2] in lex.roles["fallback_target_preps"]
            if group == "VERB" and trigger.type == "Attack" and fallback_prep:  # "blamed X on Y": Y
                fallback |= {(r.start, r.end) for r in found}
        if group == "NOUN":
            agents += _support(token, trigger.type, lex)
            for verb in support_verbs(token, trigger.type, lex):
                for spec in lex.role_deps(trigger.type, "NOUN", "target"):
                    targets += taken_by(fillers(verb, spec, lex, "target"), "target.support_verb")
            if trigger.type == "Threaten":
                targets += _receiver(token, lex)
    head = doc[trigger.token]
    if trigger.type == "Attack" and _reduced_passive(head, lex):  # "Village headman lynched outside Garo"
        subjects = {c.i for c in head.children if c.dep_ == "nsubj"}
        victims = [a for a in agents if a.head in subjects]
        agents = [a for a in agents if a.head not in subjects]
        targets = [*taken_by(victims, "target.reduced_passive"), *targets]
    if not agents and trigger.pos == "VERB" and not passive(head) and override is None:
        agents = _inherited_subject(head, lex, trigger)  # a word read its own way says where its agent is
        if not agents and head.dep_ == "acl" and not _done_to(head, trigger, lex):
            agents = _acl_subject(head, lex)
    if trigger.type in lex.roles["speaker_types"] and (not agents or own_voice(agents, doc, lex)):
        # "'We will ...,' X said"; a passive or a participle tells another's act ("civilians accused of")
        quoted = [] if passive(head) or head.tag_ == "VBN" and head.dep_ in {"acl", "amod"} else None
        spoken = [r for r in speaker(head, lex) if not own_voice([r], doc, lex)]
        agents = spoken or (quote_speaker(head, lex) if quoted is None else quoted) or agents
    anchors = set(trigger.anchors)
    if trigger.type in lex.roles["crowd_types"]:
        agents = [_as_crowd(_counted_crowd(a, doc, lex), doc, lex) for a in agents]
    agents = _agentive(mouthpiece(agents, doc, lex), doc, lex, trigger.type != "Attack")
    if trigger.type == "Attack":
        agents = _office_deed(agents, doc, lex)
    record_refs(
        "rejected_argument",
        [a for a in agents if a.head in anchors],
        doc,
        trigger,
        "agent",
        "agent.not_trigger",
    )
    agents = [a for a in agents if a.head not in anchors]
    if not agents and first_in(head, lex.cue("self_agent_nouns")):
        agents = _self_named(head, lex)
    agents = unique_refs(agents)
    record_refs("argument", agents, doc, trigger, "agent")
    targets = stand_ins(targets, doc, lex)
    if trigger.type == "Accuse" and trigger.pos == "VERB":
        targets = blamed(targets, aimed, trigger, doc, lex)
    record_refs("argument", unique_refs(targets), doc, trigger, "target")
    tests = target_tests(trigger, doc, lex, aimed)
    kept = []
    for t in targets:
        rule = next((rule for rule, rejects in tests if rejects(t)), None)
        if rule is None:
            kept.append(t)
        else:
            record_refs("rejected_argument", [t], doc, trigger, "target", rule)
    targets = kept
    if any((t.start, t.end) not in fallback for t in targets):
        dropped = [t for t in targets if (t.start, t.end) in fallback]
        record_refs("rejected_argument", unique_refs(dropped), doc, trigger, "target", "target.fallback_prep")
        targets = [t for t in targets if (t.start, t.end) not in fallback]
    mutual = _reciprocal(head, trigger, lex) if trigger.type == "Accuse" else []
    if mutual:
        accused = taken_by(mutual, "target.reciprocal")
        record_refs("argument", mutual, doc, trigger, "agent")
        record_refs("argument", accused, doc, trigger, "target")
        return mutual, accused
    return agents, unique_refs(targets)


RECIPROCALS = frozenset({("each", "other"), ("one", "another")})


@check("reciprocal")
def _reciprocal(head: Token, trigger: Trigger, lex: Lexicon) -> list[Ref]:
    """Parties accusing each other ("A and B accused each other of the shelling", "both sides accused one
    another"): each accuses the other (the event is split by agent, each keeping the others as targets).
    The parties are the subject's conjuncts, or, for a subject naming none ("the two sides", "the
    parties"), the two parties the sentence names, else the two the sentence before names."""
    if not any(c.dep_ == "dobj" and tuple(t.lower_ for t in c.subtree) in RECIPROCALS for c in head.children):
        return []
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    parties = unique_refs([r for s in subjects for r in references(s, lex)])
    if len(parties) < 2 and subjects and not entity_span(subjects[0]):
        sent = head.sent
        before = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        for words in (sent, before):
            parties = _two_parties(words) if words is not None else []
            if parties:
                break
    return taken_by(parties, "agent.reciprocal") if len(parties) >= 2 else []


def _two_parties(words: Span) -> list[Ref]:
    """The names of exactly two parties (countries, peoples, groups, people; not a town) in some words."""
    spans = unique_refs([s for t in words if t.ent_type_ in PARTY_LABELS and (s := entity_span(t))])
    spans = [s for s in spans if s.label != "GPE" or is_country(s.text)]
    return spans if len({s.text for s in spans}) == 2 else []


@check("self_named")
def _self_named(head: Token, lex: Lexicon) -> list[Ref]:
    """ "protesters gathered": a trigger that names its own agent. Its conjuncts that are a state's forces
    are the other side ("protesters and police clashed": the police protest nothing); others join in
    ("protesters and opposition supporters gathered")."""
    forces = lex.cue("state_forces")
    others = {t.i for t in head.conjuncts if first_in(t, forces)}
    refs = [r for r in references(head, lex) if r.head not in others]
    return taken_by(refs, "agent.self_named")


@check("counted_crowd")
def _counted_crowd(ref: Ref, doc, lex: Lexicon) -> Ref:
    """A crowd told by its round size ("thousands of people marched", "hundreds of others came to protest"):
    the size stays in its description when what is counted is a common noun, which stays its head
    ("hundreds of Tala Front supporters" too); a counted name ("thousands of Muslims") is the name alone."""
    head = doc[ref.head]
    of = head.head if head.dep_ == "pobj" else None
    size = of.head if of is not None and of.dep_ == "prep" and of.lower_ == "of" else None
    if ref.label != "NOUN" or size is None or size.lemma_.lower() not in lex.cue("campaign_quantities"):
        return ref
    start = size.left_edge.i
    while start < size.i and (doc[start].dep_ in {"det", "punct", "case"} or doc[start].is_punct):
        start += 1
    record_tokens("argument", "entity.counted_crowd", doc, start, ref.end)
    return Ref(start, ref.end, doc[start : ref.end].text, "NOUN", ref.rule, ref.head)


@check("crowd")
def _as_crowd(ref: Ref, doc, lex: Lexicon) -> Ref:
    """A plural common noun doing a protest is a group of people ("teachers staged a protest"), unless it
    is a date, a place or a number; its round size ("thousands of teachers") is no number of its own."""
    head, sizes = doc[ref.head], lex.cue("campaign_quantities")
    if (
        ref.label != "NOUN"
        or head.tag_ not in {"NNS", "NNPS"}
        or head.like_num
        or any(t.ent_type_ and not round_size(t, ref, sizes) for t in doc[ref.start : ref.end])
        or first_in(head, lex.cue("actor_nouns"))
        or head.lemma_.lower() in lex.cue("crowd_exclusions")
    ):
        return ref
    return Ref(ref.start, ref.end, ref.text, CROWD_REF, "agent.crowd", ref.root)


