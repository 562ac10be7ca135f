"""Quotations and who speaks them: a reaction told in the speaker's own words ("We shall hunt them down")
belongs to the speaker the quotation is attributed to, in its own sentence or in the paragraph around it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.cache import doc_text
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import Ref, references, taken_by
from kg.extract.rules import check

OPENING, CLOSING, STRAIGHT = "“«", "”»", '"'


def _paragraph(doc: Doc, at: int) -> tuple[int, int]:
    """The characters of the paragraph (text between line breaks) holding character ``at``."""
    text = doc_text(doc)
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def quotations(doc: Doc, at: int) -> list[tuple[int, int]]:
    """The quotations of the paragraph holding character ``at``, as (opening, closing) character offsets;
    a quotation left open runs to the paragraph's end."""
    start, end = _paragraph(doc, at)
    text = doc_text(doc)
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for i in range(start, end):
        char = text[i]
        if opened is None and (char in OPENING or char == STRAIGHT):
            opened = i
        elif opened is not None and (char in CLOSING or char == STRAIGHT):
            found.append((opened, i))
            opened = None
    return found + ([(opened, end)] if opened is not None else [])


def quotation(token: Token) -> tuple[int, int] | None:
    """The quotation the word stands in, if any."""
    return next(((o, c) for o, c in quotations(token.doc, token.idx) if o < token.idx < c), None)


def _outside(token: Token, span: tuple[int, int]) -> bool:
    return not span[0] <= token.idx <= span[1]


def _attribution(doc: Doc, span: tuple[int, int], lex: Lexicon) -> Token | None:
    """The subject a quotation is attributed to in the sentences it opens or closes in: of a speech verb
    outside it ('"...," the minister said'; 'Pakistan said, "..."'), or of the clause a colon ends just
    before it ('He went on: "..."')."""
    speech = lex.cue("speech")
    start, end = _paragraph(doc, span[0])
    sentences = [s for s in doc.sents if s.start_char < span[1] and s.end_char > span[0]]
    verbs = [
        t
        for s in sentences
        for t in s
        if t.pos_ in {"VERB", "AUX"} and first_in(t, speech) and _outside(t, span) and start <= t.idx < end
    ]
    verbs.sort(key=lambda t: min(abs(t.idx - span[0]), abs(t.idx - span[1])))
    introducing = [
        t.head
        for s in sentences
        for t in s
        if t.text == ":" and t.idx < span[0] and not doc_text(doc)[t.idx + 1 : span[0]].strip()
    ]
    for verb in [*verbs, *introducing]:
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and _outside(c, span)), None)
        if subject is not None:
            return subject
    return None


def _continued(doc: Doc, span: tuple[int, int], lex: Lexicon) -> Token | None:
    """The speaker a paragraph made only of quotation continues from the paragraph before it: the subject
    of that paragraph's last verb of saying ('The minister said the army was ready. ¶ "No words can
    excuse this cowardly act."'). The quotation must open the paragraph and the paragraph have no
    attribution of its own (a quotation attributed later in it is that speaker's)."""
    start, end = _paragraph(doc, span[0])
    text = doc_text(doc)
    if text[start : span[0]].strip() or start < 2:
        return None
    before = text[:start].rstrip()
    if not before:
        return None
    previous = _paragraph(doc, len(before) - 1)
    speech = lex.cue("speech")
    verbs = [
        t
        for t in doc
        if previous[0] <= t.idx < previous[1]
        and t.pos_ in {"VERB", "AUX"}
        and first_in(t, speech)
        and not any(o < t.idx < c for o, c in quotations(doc, t.idx))
    ]
    for verb in reversed(verbs):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return None


@check("quote_speaker")
def quote_speaker(token: Token, lex: Lexicon) -> list[Ref]:
    """The speaker of the quotation the word stands in: the one it is attributed to where it opens or
    closes, else, for a quotation with no attribution of its own, the speaker of the quotation before it in
    the same paragraph ('"We are safe," the minister wrote. "This cowardly act will not stop us."'), else,
    for a paragraph made only of quotation, the speaker of the paragraph before it (rule
    agent.continued_quote)."""
    span = quotation(token)
    if span is None:
        return []
    doc = token.doc
    quotes = quotations(doc, token.idx)
    earlier = [q for q in quotes if q[1] <= span[0]]
    for quote in [span, *reversed(earlier)]:
        subject = _attribution(doc, quote, lex)
        if subject is not None:
            return taken_by(references(subject, lex), "agent.quote_speaker")
    if any(_attribution(doc, q, lex) is not None for q in quotes if q[0] > span[0]):
        return []  # attributed further on in its paragraph: not the speaker of the one before
    subject = _continued(doc, earlier[0] if earlier else span, lex)
    return [] if subject is None else taken_by(references(subject, lex), "agent.continued_quote")


def own_voice(refs: list[Ref], doc: Doc, lex: Lexicon) -> bool:
    """The agents are the speaker's own first person ("we", "I"): the speaker is the agent."""
    return bool(refs) and all(doc[r.head].lower_ in lex.cue("first_person") for r in refs)
