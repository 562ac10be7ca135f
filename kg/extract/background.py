"""Standing of a mention: told as background (an earlier, avenged or separate attack) or anaphoric."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check
from kg.extract.trace import record_tokens


def anaphoric(token: Token) -> bool:
    """A verb or a definite noun ("the blasts", "these attacks", "its attack") may refer to a known event."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return any(
        c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another", "some", "any"}
        for c in token.children
    )


def generic(token: Token) -> bool:
    """A bare plural noun ("attacks in the northeast", "ISIS-K attacks"): a series of attacks, not one told
    ("two blasts", "the bombings" count or point)."""
    return token.tag_ == "NNS" and not any(
        c.dep_ in {"det", "poss", "nummod", "quantmod"} or c.like_num for c in token.children
    )


@check("background")
def background(token: Token, lex: Lexicon) -> bool:
    """An attack told as background: marked so itself, or a member of a set so marked (below)."""
    return _marked(token, lex) or member_of_marked_set(token, lex)


def _marked(token: Token, lex: Lexicon) -> bool:
    mods = lex.cue("background_modifiers")
    return (
        any(c.lower_ in mods for c in token.children if c.dep_ in {"amod", "advmod"})
        or any(c.lower_ in lex.cue("past_adverbs") for c in token.head.children if c.dep_ == "advmod")
        and not reaction_dated(token, lex)
        or _motive(token, lex)
        or benchmark(token, lex)
        or _separate(token, lex)
        or additional(token, lex)
        or _time_shifted(token, lex)
        or over_period(token, lex)
        or token.dep_ == "relcl"
        and any(benchmark(a, lex) for a in list(token.ancestors)[:4])
        or _told_before(token, lex)
        or before_now(token, lex)
        or campaign(token, lex)
        or ongoing(token, lex)
    )


REACTIONS = ("ClaimResponsibility", "Condemn", "Accuse", "Deny", "Threaten")


@check("reaction_dated")
def reaction_dated(token: Token, lex: Lexicon) -> bool:
    """An adverb of earlier time on the reaction verb an attack word is the object of ("the ministry had
    earlier blamed the bombing on X", "the group previously claimed the attack") dates the reaction, not
    the attack: that deed is the one told, not an earlier one."""
    head = token.head
    if head is token or head.pos_ not in {"VERB", "AUX"} or token.dep_ not in {"dobj", "nsubjpass"}:
        return False
    found = any(head.lemma_.lower() in lex.triggers[kind]["VERB"] for kind in REACTIONS)
    if found:
        record_tokens("background", "event.reaction_dated", token.doc, head.i, head.i + 1, trigger=token.text)
    return found


@check("set_member")
def member_of_marked_set(token: Token, lex: Lexicon) -> bool:
    """An attack listed in a set told as background shares its standing ("other acts of violence ...,
    including two attacks in the capital"; "came after several atrocities, including an assault on X
    and the beheading of Y")."""
    marked = next((h for h in set_heads(token, lex) if _marked(h, lex) or _told_before(h, lex)), None)
    if marked is None:
        return False
    note = f"listed under {marked.text!r}"
    record_tokens(
        "background", "event.set_member", token.doc, marked.i, marked.i + 1, trigger=token.text, note=note
    )
    return True


def set_heads(token: Token, lex: Lexicon) -> list[Token]:
    """The words that may name the set an attack is listed in: the head of its "including"/"among" phrase
    (through conjuncts); when the parser hung the phrase on the verb ("claimed other attacks, including
    X"), the verb and the nouns it governs before the phrase. Empty when the attack is no listed member."""
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    prep = node.head
    if node.dep_ != "pobj" or prep.lower_ not in lex.cue("member_preps") or prep.head is prep:
        return []
    head = prep.head
    if head.pos_ not in {"VERB", "AUX"}:
        return [head]
    before = [t for t in head.subtree if t.i < prep.i and t.dep_ in {"dobj", "pobj"} and t.pos_ == "NOUN"]
    return [head, *reversed(before)]


@check("told_before")
def _told_before(token: Token, lex: Lexicon) -> bool:
    """What an attack came after or before, told by a noun or a clause ("the attack came after several
    bombings in the north", "the blast came after gunmen killed nine villagers"): an attack of its own,
    not the one told."""
    node = token
    while node.dep_ in {"conj", "relcl", "appos"} and node.head is not node:
        node = node.head  # "two others, in which four people were killed": what the clause tells of
    preps = lex.cue("sequence_preps")
    marks = preps | lex.cue("concurrence_marks")
    mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in marks), None)
    if node.dep_ == "advcl" and mark is not None:
        prep, verb = mark, node.head
    elif node.dep_ == "pobj" and node.head.lower_ in preps and node.head.dep_ == "prep":
        prep, verb = node.head, node.head.head
    elif (link := _sequence_noun(node, lex)) is not None:
        prep, verb = link
    else:
        return False
    nouns = lex.triggers["Attack"]["NOUN"]
    if verb.pos_ not in {"VERB", "AUX"} or not any(
        c.dep_ in {"nsubj", "nsubjpass"} and first_in(c, nouns) for c in verb.children
    ):
        return False
    note = f"what the attack {verb.text} {prep.text}"
    start, end = min(prep.i, node.i), max(prep.i, node.i) + 1
    record_tokens("background", "event.told_before", token.doc, start, end, trigger=token.text, note=note)
    return True


def _sequence_noun(node: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """The noun of sequence or likeness an attack is the "of" of, and the verb it hangs on ("came on the
    heels of", "came in the wake of", "had echoes of"), or None."""
    of = node.head
    if node.dep_ != "pobj" or of.lower_ != "of" or of.head is of or of.head.lemma_.lower() not in lex.cue(
        "sequence_nouns"
    ):
        return None
    noun = of.head
    if noun.dep_ == "dobj":
        return noun, noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun, noun.head.head
    return None


def _telling_verb(token: Token) -> Token | None:
    """The verb an attack word is: itself, or the verb whose subject or object it is; else None."""
    if token.pos_ == "VERB":
        return token
    return token.head if token.dep_ in {"nsubj", "nsubjpass", "dobj"} else None


@check("before_now")
def before_now(token: Token, lex: Lexicon) -> bool:
    """An attack told as done some time before now, by a bare adverb of earlier time on its verb ("it had
    attacked trains before", "convoys have been ambushed before") or "in the past" ("they have been
    targeted in the past"): an earlier attack, not the one told. "Earlier today", "before the truce" and
    "in the past week" say when, and are read elsewhere."""
    verb = _telling_verb(token)
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return False
    earlier = lex.cue("past_adverbs") | {"before"}
    marks = [  # a bare adverb: "before" without an object, though the parser may call it a preposition
        c
        for c in verb.children
        if c.dep_ in {"advmod", "prep"}
        and c.lower_ in earlier
        and all(g.is_space or g.is_punct for g in c.children)
    ]
    marks += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj" and g.lower_ == "past" and [d.lower_ for d in g.children] == ["the"]
    ]
    if not marks or verb is not token and reaction_dated(token, lex):
        return False
    record_tokens(
        "background", "event.before_now", token.doc, marks[0].i, marks[0].i + 1, trigger=token.text,
        note="told as before now",
    )
    return True


@check("campaign")
def campaign(token: Token, lex: Lexicon) -> bool:
    """An attack verb in the present perfect whose victims are told as a kind or a round toll ("the group
    has targeted churches and schools", "the insurgency has killed hundreds of soldiers", "fighting has
    killed thousands"): a campaign up to now, not the attack told. A counted or determined victim ("has
    killed 20 people", "have attacked the base") is an attack told."""
    verb = _telling_verb(token)
    if verb is None or verb.pos_ != "VERB" or verb.tag_ != "VBN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve", "'s"} for c in verb.children):
        return False
    victims = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    quantities = lex.cue("campaign_quantities")
    kinds = [v for v in victims if v.lower_ in quantities or v.lemma_.lower() in quantities or generic(v)]
    if not victims or len(kinds) < len(victims):
        return False
    record_tokens(
        "background", "event.campaign", token.doc, kinds[0].i, kinds[0].i + 1, trigger=token.text,
        note="a campaign up to now",
    )
    return True


@check("ongoing")
def ongoing(token: Token, lex: Lexicon) -> bool:
    """An attack verb in the present progressive or the present perfect progressive ("rebels are
    still shelling villages", "the army that has been raiding the camps"): what goes on
    up to now, a campaign, not the attack told (told in the past: "were shelling", "had been firing")."""
    verb = token  # the attack verb itself: "are condemning the attack" tells nothing of the attack
    if verb.pos_ != "VERB" or verb.tag_ != "VBG":
        return False
    aux = [c for c in verb.children if c.dep_ == "aux"]
    if not aux or not any(c.tag_ in {"VBZ", "VBP"} for c in aux):
        return False
    if any(c.lower_ == "been" for c in aux) or all(c.lemma_ == "be" for c in aux):
        record_tokens(
            "background", "event.ongoing", token.doc, aux[0].i, verb.i + 1, trigger=token.text,
            note="going on up to now",
        )
        return True
    return False


@check("over_period")
def over_period(token: Token, lex: Lexicon) -> bool:
    """An attack told over a span of time up to now ("rebels have killed thousands in the past year",
    "attacks over the last five days", "raids in recent months", "has killed 300 since 2011"): a
    series, not the one attack told. The span hangs on the attack word, the verb it is subject or
    object of, or a verb of its relative clause (through a quantity: "dozens of raids"); an attack
    ranked by a superlative ("the deadliest attack in the past decade") is the one told."""
    if any(c.tag_ in {"JJS", "RBS"} for c in token.children):
        return False
    noun = token
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in {"NOUN", "PRON"}:
        noun = noun.head.head  # "dozens of raids", "a string of attacks"
    nodes = [token, noun, *(c for c in noun.children if c.dep_ == "relcl")]
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ in {"VERB", "AUX"}:
        nodes.append(noun.head)
    preps, units, mods = lex.cue("period_preps"), lex.cue("period_units"), lex.cue("period_modifiers")
    for prep in (c for n in nodes for c in n.children if c.dep_ == "prep" and c.lower_ in preps):
        for span in (g for g in prep.children if g.dep_ == "pobj"):
            spanned = span.lemma_.lower() in units and any(
                c.lower_ in mods for c in span.children if c.dep_ in {"amod", "advmod", "det"}
            )
            since_year = prep.lower_ == "since" and span.like_num and len(span.text) == 4
            if spanned or since_year:
                record_tokens(
                    "background",
                    "event.over_period",
                    token.doc,
                    prep.i,
                    span.i + 1,
                    trigger=token.text,
                    event_type="Attack",
                    note="a series over a span of time",
                )
                return True
    return False


def _separate(token: Token, lex: Lexicon) -> bool:
    """An attack told apart from the main one: "a separate attack", the verb it introduces ("In a
    separate attack, gunmen shot two officers") and the verb so marked ("Elsewhere, a bomb hit ...")."""
    words, novel = lex.cue("separate_modifiers"), lex.cue("novelty_modifiers")
    referring = lex.cue("referring_determiners") | {"the"}

    def marked(noun: Token) -> bool:
        if any(c.dep_ in {"det", "poss"} and c.lower_ in referring for c in noun.children):
            words_here = words - novel  # "the new attack": the one just told, no other
        else:
            words_here = words
        return any(c.dep_ in {"amod", "det"} and c.lower_ in words_here for c in noun.children)

    attack_nouns = lex.triggers["Attack"]["NOUN"]
    introduced = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ in {"nsubj", "nsubjpass"} else None
    return (
        marked(token)
        or token.pos_ == "VERB"
        and any(marked(g) and first_in(g, attack_nouns) for g in introduced)
        or verb is not None
        and any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children)
    )


def _than(token: Token) -> bool:
    """The modifier begins a comparison of quantity ("more than 20", "no more than two")."""
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "than"


def _within_told(token: Token, lex: Lexicon) -> bool:
    """The mention is told inside an attack told before ("during the siege, two more grenades were thrown"):
    a definite attack noun under a preposition of an ongoing deed (cue ongoing_preps)."""
    nouns = lex.triggers["Attack"]["NOUN"]
    return any(
        c.dep_ == "prep" and c.lower_ in lex.cue("ongoing_preps") and first_in(g, nouns)
        and any(d.dep_ == "poss" or d.lower_ in {"the", "this", "that"} for d in g.children)
        for c in token.children for g in c.children if g.dep_ == "pobj"
    )


@check("additional")
def additional(token: Token, lex: Lexicon) -> bool:
    """An attack counted as one more than those told: its noun ("a further three explosions", "two
    more raids"), the weapon its verb tells ("three more charges went off", "was struck with two more
    bombs") so counted: another attack, not the one told ("he fired again" may go on with the one told)."""
    more = lex.cue("additive_modifiers")

    def added(noun: Token) -> bool:
        counted = [noun, *(c for c in noun.children if c.dep_ == "nummod")]  # "two more": "more" on "two"
        return any(
            c.dep_ == "amod" and c.lower_ in more and not _than(c) for n in counted for c in n.children
        )  # "more than 20 rockets": a quantity, not one more

    note = "one more than those told"
    if token.pos_ in {"NOUN", "PROPN"}:
        found = added(token)
    elif token.pos_ == "VERB":
        weapons = lex.cue("instruments") | lex.cue("thrown_weapons") | set(lex.triggers["Attack"]["NOUN"])
        told = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        told += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                 if g.dep_ == "pobj"]
        found = any(added(n) and first_in(n, weapons) for n in told)
    else:
        found = False
    found = found and not _within_told(token, lex)
    if found:
        record_tokens("background", "event.additional", token.doc, token.i, token.i + 1, trigger=token.text,
                      event_type="Attack", note=note)
    return found


def _time_shifted(token: Token, lex: Lexicon) -> bool:
    """An attack told as happening days after another ("Two days later, a roadside bomb killed ...", "the
    next day, gunmen stormed ..."): a new attack, not the main one again."""
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ in {"nsubj", "nsubjpass"} else None
    if verb is None:
        return False
    offsets: dict[str, int] = lex.cues["days_later"]
    later, units = lex.cue("later_words"), lex.cue("shift_units")
    for child in (c for c in verb.children if c.dep_ in {"advmod", "npadvmod"}):
        words = [t for t in child.subtree]
        if offsets.get(" ".join(t.lower_ for t in words), 0) >= 1:
            return True
        if any(t.lower_ in later for t in words) and any(t.lemma_.lower() in units for t in words):
            return True
    return _shifted_clause(token, units)


def _shifted_clause(token: Token, units: frozenset[str]) -> bool:
    """An attack in a clause a span of time before or after the one told ("the blast came a week after 44
    people were killed in a bombing"): another attack, not a mention of the main one."""
    node = token
    for _ in range(3):
        if node.pos_ == "VERB":
            break
        if node.dep_ not in {"pobj", "prep", "nsubj", "nsubjpass"} or node.head is node:
            return False
        node = node.head
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    if node.dep_ != "advcl" or not marks & {"after", "before"}:
        return False
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in units for c in node.children)


def benchmark(token: Token, lex: Lexicon) -> bool:
    """The past attack the one told is measured against: "the deadliest since the massacre" (and
    "the massacre, where a gunman killed 51", through its relative clause)."""
    head = token.head
    if token.dep_ != "pobj" or head.lower_ not in lex.cue("benchmark_preps"):
        return False
    return any(t.tag_ == "JJS" for t in token.sent if t.i < head.i)


def _motive(token: Token, lex: Lexicon) -> bool:
    """The attack avenged, not the one told: "fired missiles in retaliation for the killing of X"
    ("vowed revenge for the bombings" is a threat over the attack told)."""
    motive = token.head.head
    if token.dep_ != "pobj" or token.head.lower_ not in ANSWERING_PREPS:
        return False
    if first_in(motive, lex.cue("motive_nouns")) and motive.dep_ == "pobj" and motive.head.lower_ == "in":
        return True
    return _answered(token, motive, lex)


ANSWERING_PREPS = frozenset({"for", "over"})
"""Prepositions of what a deed answers ("struck over the bombing", "in retaliation for the killing")."""


@check("answered")
def _answered(token: Token, deed: Token, lex: Lexicon) -> bool:
    """The attack a strike is told to answer by "for" or "over" on the attack verb or on the verb of an
    attack noun ("Iran staged air strikes over a bombing", "the army shelled the village for the ambush"):
    the attack answered, another than the strike told."""
    attack = lex.triggers["Attack"]
    struck = deed.pos_ == "VERB" and (
        deed.lemma_.lower() in attack["VERB"]
        or any(c.dep_ == "dobj" and first_in(c, attack["NOUN"]) for c in deed.children)
    )
    if not struck or not first_in(token, attack["NOUN"]):
        return False
    record_tokens("background", "event.answered", token.doc, token.head.i, token.i + 1, trigger=token.text,
                  note=f"what {deed.text!r} answers")
    return True
