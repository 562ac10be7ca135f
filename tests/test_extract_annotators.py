"""The remembered attribute ruler and lemmatizer give every token what spaCy's own components give it."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from kg import settings
from kg.extract.annotators import (
    ATTRIBUTES,
    LEMMAS,
    RememberedAttributes,
    RuleLemmas,
    replace_rule_components,
)

TEXTS = (
    # invented sentences that reach the ruler's word exceptions, its two-token patterns (expletive
    # "there", "gonna", "ain't", "let's", "y'all"), spaces, contractions and an unknown-word tail
    "There were three blasts near the ferry pier on Friday, and there's no sign the crews are gonna stop.",
    "\"We ain't leaving,\" said Maren Olufsen, 54. Let's be clear: y'all got the message.\n\n  Gets worse.",
    "The Harbour Watch Collective's spokesman won't say who shelled the depot; it gets shelled often.",
    "She'd been told it's not the first time they've torched the grain stores in Velmar province.",
    "Officials in Ostravia counted 12 wounded, two of them critically; c'mon, said the mayor, speak up.",
    "The bombers fled.   Witnesses saw them   run toward the quarries, where gunmen had been hiding.",
)
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


@pytest.fixture(scope="module")
def stock():
    try:
        return spacy.load(settings.model_name())
    except OSError:
        pytest.skip("the spaCy pipeline is not installed")


def _annotations(doc) -> list:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_kg_pipeline_uses_the_remembered_components(nlp) -> None:
    assert ATTRIBUTES in nlp.pipe_names and LEMMAS in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index(ATTRIBUTES) < nlp.pipe_names.index(LEMMAS)


def test_same_annotations_as_the_stock_components(stock) -> None:
    ours = spacy.load(settings.model_name())
    replace_rule_components(ours)
    assert ATTRIBUTES in ours.pipe_names and LEMMAS in ours.pipe_names
    # twice over: the second pass reads what the first remembered
    for expected, got in zip(stock.pipe(TEXTS * 2), ours.pipe(TEXTS * 2), strict=True):
        assert _annotations(got) == _annotations(expected)
        assert numpy.array_equal(got.to_array(ATTRS), expected.to_array(ATTRS))


def test_word_exceptions_and_two_token_patterns_are_applied(stock) -> None:
    ruler = RememberedAttributes(stock.get_pipe("attribute_ruler"))
    assert len(ruler.matcher) > 0  # the several-token patterns (and those with regexes) stay with a Matcher
    assert ruler.by_word and ruler.general
    doc = stock("There was a blast and it gets worse.")
    assert doc[1].pos_ == "VERB"  # "There was": the ruler's expletive pattern, the second token
    assert doc[6].lemma_ == "get"


WORDS = (  # invented: regular and irregular inflections, exceptions of the tables, unknown words, numbers
    "ran",
    "mice",
    "geese",
    "better",
    "worst",
    "flies",
    "torched",
    "shelling",
    "wounded",
    "bombers",
    "quarries",
    "hid",
    "Velmar",
    "Ostravias",
    "crewmen",
    "x-rays",
    "3rd",
    "re-elected",
    "fled",
    "leaves",
    "axes",
    "grew",
)
POSES = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "ADP", "NUM", "X")
MORPHS = (
    "",
    "Number=Plur",
    "Number=Sing",
    "Tense=Past|VerbForm=Fin",
    "VerbForm=Ger",
    "Degree=Sup",
    "Degree=Pos",
)


def test_rule_lemmas_are_spacys_for_every_word_tag_and_morphology(stock) -> None:
    from spacy.tokens import Doc

    lemmatizer = stock.get_pipe("lemmatizer")
    fast = RuleLemmas(lemmatizer)
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    words = [*WORDS, *(w for pos in ("noun", "verb", "adj") for w in list(exceptions.get(pos))[:40])]
    combos = [(w, p, m) for w in words for p in POSES for m in MORPHS]
    doc = Doc(stock.vocab, words=[w for w, _, _ in combos], pos=[p for _, p, _ in combos],
              morphs=[m for _, _, m in combos])  # fmt: skip
    differing = [
        (t.text, t.pos_, str(t.morph))
        for t in doc
        if fast(t) != (lemmatizer.cache.clear() or lemmatizer.rule_lemmatize(t))
    ]
    assert differing == []
    plural = Doc(stock.vocab, words=["mice", "torched"], pos=["NOUN", "VERB"],
                 morphs=["Number=Plur", "Tense=Past|VerbForm=Fin"])  # fmt: skip
    assert [fast(t) for t in plural] == [["mouse"], ["torch"]]


def test_other_pipelines_are_left_alone() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    replace_rule_components(blank)
    assert blank.pipe_names == ["lemmatizer"]


def test_without_spacys_attribute_setter_the_stock_ruler_stays(monkeypatch) -> None:
    import kg.extract.annotators as annotators

    monkeypatch.setattr(annotators, "set_token_attrs", None)
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    replace_rule_components(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
