"""Charges an attack's telling makes: accusations read off a sentence that tells an attack as another's word
about who did it ("police said the Tala Front attacked the bank") or names a party as its doers ("police
identified X as the attackers"). Split from kg/extract/reactions.py, which links reactions to attacks."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.cache import sentence_tokens
from kg.extract.draft import Draft, Found
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.predicates import _party
from kg.extract.quotes import quotation, quote_speaker
from kg.extract.refs import Ref, references, taken_by
from kg.extract.rules import check
from kg.extract.speakers import passive, reporter
from kg.extract.trace import record_refs, record_tokens, span_offsets
from kg.extract.triggers import Trigger

CHARGING = frozenset({"Accuse", "ClaimResponsibility", "Deny"})


@check("reported_agency")
def reported_agency(frames: list[Draft[Ref]], doc: Doc, lex: Lexicon) -> list[Draft[Ref]]:
    """The frames of a sentence, with an accusation for each attack told as another's word about who did
    it: a party named as the attack's doer in a clause someone tells ("police said the Tala Front attacked
    the bank", "the governor alleged that the Dara Brigade massacred the villagers", "according to the army,
    X ambushed the convoy") is accused of it by who tells it; the attack keeps its doer. The teller comes
    first: an attribution after the clause ("X shelled the town, officials said", "..., according to the
    army") is the source of the writer's report, not a charge, unless the clause is a quotation holding
    the doer (rule trigger.quoted_agency: the speaker's own words, see :func:`_quoted`; also a quotation
    a colon opens, 'writing in a tweet: "..."', told by the quotation's speaker). Not when the sentence
    already tells a charge, claim or denial of that attack, nor a doer that is the teller's own ("its
    fighters", "we"), nor one that is no party ("gunmen", "two men"). An attack told as background (past
    or ongoing) is charged all the same."""
    told = {f.token for f in frames if f.type == "ClaimResponsibility" and _told_noun(doc[f.token], lex)}
    charged = {f.about_token for f in frames if f.type in CHARGING and f.token not in told}
    own = lex.cue("own_pronouns") | lex.cue("first_person")
    out = list(frames)
    for frame in frames:
        token = doc[frame.token]
        if frame.type != "Attack" or frame.trigger.suppressed or frame.token in charged:
            continue
        doers = [r for r in frame.agents if _party(doc[r.head], lex) and not _owned_by(doc[r.head], own)]
        if not doers:
            continue
        verb, tellers = reporter(token, lex)
        if verb is None and quotation(token) is not None:  # 'writing in a tweet: "..."': the quote's speaker
            tellers = [r for r in quote_speaker(token, lex) if r.rule == "agent.quote_speaker"]
            verb = doc[tellers[0].head].head if tellers else None
        quoted = verb is not None and _quoted(token, doers, verb)
        if verb is None or (verb.i > token.i and not quoted) or not tellers or _overlap(tellers, doers):
            continue  # "..., officials said": the source of the report, not a charge (see the docstring)
        if quotation(token) is not None and _own_deed(token, lex):
            continue  # 'said: "at my direction, the army struck"': the speaker's own side's deed
        if any(doc[r.head].lower_ in own for r in tellers):
            continue
        start, end = span_offsets(doc, frame.token, frame.token + 1)
        about = Found("about", "", "about.reported_doer", frame.sentence, start, end)
        targets = taken_by(doers, "target.reported_doer")
        rule = "trigger.quoted_agency" if quoted else "trigger.reported_agency"
        if verb.pos_ == "NOUN":  # "claims by X that Y struck": X's charge against Y, not X's claim
            rule = "trigger.told_charge"
            out = [f for f in out if not (f.token == verb.i and f.type == "ClaimResponsibility")]
        out.append(_accusation(rule, verb, frame.sentence, tellers, targets, frame.token, (about,)))
        charged.add(frame.token)
    return out


def _told_noun(token: Token, lex: Lexicon) -> bool:
    """A claim told as a noun of saying whose "that" clause says what is claimed ("claims by X that ...")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in lex.cue("told_nouns")


def _accusation(
    rule: str, verb: Token, sentence: int, tellers: list[Ref], targets: list[Ref], about: int | None,
    support: tuple[Found, ...],
) -> Draft[Ref]:
    """The Accuse that ``rule`` reads off the telling verb: the tellers accuse the targets, traced."""
    doc = verb.doc
    trigger = Trigger("Accuse", verb.i, verb.text, "VERB", 0.6, (verb.i,), False, rule)
    record_tokens("trigger", rule, doc, verb.i, verb.i + 1, trigger=verb.text, event_type="Accuse")
    record_refs("argument", tellers, doc, trigger, "agent")
    record_refs("argument", targets, doc, trigger, "target")
    return Draft(trigger=trigger, sentence=sentence, agents=tuple(tellers), targets=tuple(targets),
                 about_token=about, support=support)


def _quoted(token: Token, doers: list[Ref], verb: Token) -> bool:
    """The attack and its doers are told inside one quotation that the verb outside it attributes: the
    speaker's own words ('"The Tala Front shelled our town," the mayor said'), not the writer's report."""
    span = quotation(token)
    doc = token.doc
    if span is None or span[0] <= verb.idx <= span[1]:
        return False
    return all(quotation(doc[r.head]) == span for r in doers)


def _own_deed(token: Token, lex: Lexicon) -> bool:
    """A quoted deed told with the speaker's first person beside it rather than in what it struck ('"at my
    direction, our forces struck"', '"we struck"'): the speaker's own side's deed, whoever tells the
    quotation ('"...," the mayor said', 'he said: "..."', a quotation continuing the one before)."""
    preps = STRUCK_PREPS if token.pos_ == "VERB" else STRUCK_PREPS | {"on", "at"}  # "struck on my orders"
    struck = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    struck += [g for p in token.children if p.dep_ == "prep" and p.lower_ in preps for g in p.children]
    hit = {t.i for s in struck for t in s.subtree}
    return any(t.lower_ in lex.cue("first_person") and t.i not in hit for t in _own_clause(token))


CLAUSES = frozenset({"advcl", "relcl", "acl", "xcomp", "ccomp", "conj", "parataxis"})


def _own_clause(token: Token) -> list[Token]:
    """The words of the deed's own clause: its subtree without the clauses hanging in it ('to punish us',
    'while I was inside', 'which killed my brother' tell no one beside the deed)."""
    found, todo = [], [token]
    while todo:
        word = todo.pop()
        found.append(word)
        todo += [c for c in word.children if c.dep_ not in CLAUSES]
    return found


STRUCK_PREPS = frozenset({"against", "into"})  # what a deed struck; a noun's "on" and "at" too ("attack on")


def _overlap(a: list[Ref], b: list[Ref]) -> bool:
    return bool({(r.start, r.end) for r in a} & {(r.start, r.end) for r in b})


def _owned_by(noun: Token, own: set[str]) -> bool:
    """The noun is the speaker's own side: "we", "its fighters", "one of our men"."""
    nouns = [noun, *(o for p in noun.children if p.dep_ == "prep" for o in p.children)]
    return noun.lower_ in own or any(c.dep_ == "poss" and c.lower_ in own for n in nouns for c in n.children)


DEFINITE = frozenset({"the", "its", "their"})


@check("identified_doers")
def identified_doers(frames: list[Draft[Ref]], sentence: Span, index: int, lex: Lexicon) -> list[Draft[Ref]]:
    """The frames of a sentence, with an accusation for each party said to be an attack's doers: a noun of
    doers (cue doer_nouns) that is of an attack of the sentence or whose relative clause tells one, said of a
    party as the predicate of "be" ("the three men were the masterminds of the bombing", "they are the
    gunmen who raided the depot") or as what a verb of identifying (cue identifying_verbs) says it is
    ("police identified X as the attackers of the bank"); a definite one ("X were the attackers") is of the
    attack the article tells. The accuser is who identifies them, else who tells it (the reporter of the
    clause, or the speaker of the quotation); the party is the accused. Not the speaker's own ("we are the
    soldiers who struck": a claim), nor a doer noun that is negated."""
    doc = sentence.doc
    attacks = {f.token: f for f in frames if f.type == "Attack" and not f.trigger.suppressed}
    own = lex.cue("own_pronouns") | lex.cue("first_person")
    out = list(frames)
    for noun in sentence_tokens(sentence):
        if noun.lemma_.lower() not in lex.cue("doer_nouns") and noun.lower_ not in lex.cue("doer_nouns"):
            continue
        told = [t.i for t in noun.subtree if t.i in attacks and t.i != noun.i]
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in noun.children)
        found = _identified(noun, lex)
        if not (told or definite) or found is None or any(c.dep_ == "neg" for c in noun.head.children):
            continue
        verb, accused, tellers = found
        accused = [r for a in accused if a.lower_ not in own for r in references(a, lex)]
        if not tellers:
            tellers = reporter(verb, lex)[1] or quote_speaker(noun, lex)
        if not accused or not tellers or any(doc[r.head].lower_ in own for r in tellers):
            continue
        support: tuple[Found, ...] = ()
        if told:
            start, end = span_offsets(doc, told[0], told[0] + 1)
            support = (Found("about", "", "about.in_subtree", index, start, end),)  # under the noun
        targets = taken_by(accused, "target.identified")
        about = told[0] if told else None
        rule = "trigger.identified_doers"  # the verb: "were", "named"
        out.append(_accusation(rule, verb, index, tellers, targets, about, support))
    return out


def _identified(noun: Token, lex: Lexicon) -> tuple[Token, list[Token], list[Ref]] | None:
    """The verb saying who the doers are, the party it names as them, and who identifies them (when the verb
    does): the subject of "be" the noun is the predicate of; the object ("identified X as ...") or passive
    subject ("X was identified as ...") of a verb of identifying, and its subject or "by"."""
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_ == "be":
        return head, [c for c in head.children if c.dep_ == "nsubj"], []
    if noun.dep_ != "pobj" or head.lower_ != "as" or not first_in(head.head, lex.cue("identifying_verbs")):
        return None
    verb = head.head
    accused = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    by = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    subjects = by if passive(verb) else [c for c in verb.children if c.dep_ == "nsubj"]
    rule = "agent.passive_by" if passive(verb) else "agent.subject"  # who does the verb of identifying
    return verb, accused, taken_by([r for s in subjects for r in references(s, lex)], rule)


def told_charges(frames: list[Draft[Ref]], sentence: Span, index: int, lex: Lexicon) -> list[Draft[Ref]]:
    """The frames of sentence ``index``, with the accusations its attacks' telling makes: by reported agency
    and by identification."""
    return identified_doers(reported_agency(frames, sentence.doc, lex), sentence, index, lex)
