"""Per-argument provenance: every role value of every event is a Fact naming its rule, its own words and
the sentence that holds them."""

from __future__ import annotations

from extract_helpers import PUBLISHED, of_type

from kg.extract import extract, extract_doc
from kg.extract.rules import load_rules
from kg.ingest import iter_articles
from kg.model import Article, Event


def _values(event: Event) -> list[tuple[str, str]]:
    found = [
        (role, e.key) for role in ("agent", "target", "location", "instrument") for e in event.role(role)
    ]
    found += [("time", event.time)] if event.time else []
    found += [
        (role, str(n)) for role, n in (("killed", event.killed), ("injured", event.injured)) if n is not None
    ]
    return found + ([("about", event.about)] if event.about else [])


def _check(article: Article, events: tuple[Event, ...]) -> None:
    rules = load_rules()
    for event in events:
        assert [(f.role, f.value) for f in event.facts] == _values(event), event
        for fact in event.facts:
            assert fact.support.rule in rules
            start, end = fact.support.start, fact.support.end
            assert 0 <= start < end, fact
            if fact.support.in_title:  # the headline's place: its words are in the headline
                assert fact.support.rule.startswith("location.headline")
                assert fact.support.sentence == article.title
                words = article.title[start:end]
            else:
                words = article.text[start:end]
            assert words and words in fact.support.sentence, (fact, words)


def test_every_role_value_of_the_seed_has_its_fact(nlp, seed_dir) -> None:
    for ex in extract(iter_articles([seed_dir]), nlp):
        assert ex.events
        _check(ex.article, ex.events)


def test_counts_keep_their_words_and_qualifier_and_merged_mentions_their_own_sentence(nlp) -> None:
    text = (
        "Gunmen stormed a hotel in Mogadishu on Friday, killing at least 12 people. "
        "The Shabaab Front claimed the attack."
    )
    article = Article("t", "t", text, PUBLISHED)
    events = extract_doc(nlp(text), article).events
    _check(article, events)
    attack = of_type(list(events), "Attack")[0]
    killed = attack.facts_for("killed")[0]
    assert (killed.value, killed.qualifier, killed.support.rule) == ("12", "at least", "count.deed_adjunct")
    assert text[killed.support.start : killed.support.end] == "12"
    assert killed.support.sentence.startswith("Gunmen stormed")
    agent = attack.facts_for("agent")[0]
    assert (
        agent.support.sentence == "The Shabaab Front claimed the attack."
    )  # the claim's sentence, not the attack's
    time = attack.facts_for("time")[0]
    assert (time.value, text[time.support.start : time.support.end]) == ("2031-03-07", "Friday")


def test_a_reaction_dated_from_the_attack_and_about_it(nlp) -> None:
    text = "Gunmen attacked a bank in Kabul on Monday. The next day, the president condemned the attack."
    article = Article("t", "t", text, PUBLISHED)
    events = extract_doc(nlp(text), article).events
    _check(article, events)
    condemn = of_type(list(events), "Condemn")[0]
    time, about = condemn.facts_for("time")[0], condemn.facts_for("about")[0]
    assert (time.value, time.support.rule, text[time.support.start : time.support.end]) == (
        "2031-03-11",
        "time.days_later",
        "The next day",
    )
    assert (about.support.rule, text[about.support.start : about.support.end]) == (
        "about.in_subtree",
        "attack",
    )


def test_the_dateline_place_points_at_the_dateline(nlp) -> None:
    text = "KANO, Nigeria — Gunmen attacked a police station on Monday."
    article = Article("t", "t", text, PUBLISHED)
    attack = extract_doc(nlp(text), article).events[0]
    place = attack.facts_for("location")[0]
    assert (place.value, place.support.rule, text[place.support.start : place.support.end]) == (
        "Kano",
        "location.dateline",
        "KANO",
    )


def test_a_place_only_the_headline_names_points_into_the_headline(nlp) -> None:
    title = "Three guards shot dead in Tamale"
    text = "Gunmen shot dead three security guards outside a bank on Monday, the police said."
    article = Article("t", title, text, PUBLISHED)
    attack = extract_doc(nlp(text), article).events[0]
    place = attack.facts_for("location")[0]
    support = place.support
    assert (place.value, support.rule, support.in_title, support.sentence) == (
        "Tamale",
        "location.headline",
        True,
        title,
    )
    assert title[support.start : support.end] == "Tamale"
    _check(article, (attack,))
