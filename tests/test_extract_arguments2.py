"""Arguments of events on unseen wording: datelines, dates, modifiers, casualty lists, places."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from kg.extract import extract_doc
from kg.extract.dateline import dateline_end
from kg.extract.frames import sentence_frames
from kg.extract.lexicon import load_lexicon
from kg.extract.numbers import casualty_counts
from kg.extract.refs import conjuncts, entity_span
from kg.extract.roles import link_roles
from kg.extract.triggers import Trigger
from kg.model import Article, Event, Extraction

PUBLISHED = date(2031, 3, 14)  # a Friday


def run(nlp, text: str) -> Extraction:
    return extract_doc(nlp(text), Article("d", "t", text, PUBLISHED))


def attack(ex: Extraction) -> Event:
    return next(e for e in ex.events if e.type == "Attack")


def labels(event: Event, role: str) -> list[str]:
    return [e.label for e in event.role(role)]


def test_dateline_end_marks_the_lead() -> None:
    line = "ZÜRICH, Switzerland — Masked men set a depot ablaze."
    assert line[dateline_end(line) :].startswith("Masked men")
    assert dateline_end("A UN-backed panel met on Monday.") is None


def test_dateline_is_neither_agent_nor_place_when_the_sentence_names_one(nlp) -> None:
    ex = run(nlp, "TRIPOLI — Gunmen attacked a fuel depot in the port city of Benghazi on Tuesday.")
    found = attack(ex)
    assert "Tripoli" not in labels(found, "location") + labels(found, "agent")
    assert "Benghazi" in labels(found, "location")


def test_listed_victims_are_summed(nlp) -> None:
    def read(text: str) -> list[tuple[str, int]]:
        return [(c.kind, c.value) for c in casualty_counts(nlp(text)[:], load_lexicon())]

    assert read("The mine killed a shepherd and five other villagers.") == [("killed", 6)]
    assert read("The grenade wounded two nurses and a porter.") == [("injured", 3)]
    assert read("Snipers shot dead a local councillor near the bridge.") == [("killed", 1)]
    assert read("The raid killed several guards and a cook.") == []
    assert read("The shelling caused head injuries to 31 shoppers.") == [("injured", 31)]
    assert read("Three truck bombs killed more than 90 people.") == [("killed", 90)]
    assert read("Two bystanders died in the crossfire.") == [("killed", 2)]
    assert read("Two firefighters were among the 17 people taken to hospital.") == [("injured", 17)]


def test_dates_are_never_agents(nlp) -> None:
    ex = run(nlp, "Sunday's attack on the checkpoint was claimed by a breakaway cell.")
    assert "Sunday" not in [e.label for ev in ex.events for e in ev.role("agent")]


def test_national_branch_of_an_organization_is_one_name(nlp) -> None:
    ex = run(
        nlp, "Troops fired on marchers in Lusaka, according to Human Rights Watch Zambia, which condemned it."
    )
    condemn = next(e for e in ex.events if e.type == "Condemn")
    assert labels(condemn, "agent") == ["Human Rights Watch Zambia"]


def test_lead_clause_dates_and_places_the_participle_attack(nlp) -> None:
    ex = run(
        nlp,
        "A truck bomb tore through a market in the city of Kandahar on Tuesday morning, killing 14 people.",
    )
    found = attack(ex)
    assert found.time == "2031-03-11"
    assert labels(found, "location") == ["Kandahar"] and found.killed == 14


def test_its_fighters_belong_to_the_speaking_affiliate(nlp) -> None:
    ex = run(
        nlp,
        "Boko Haram, the Islamic State offshoot that has waged war for years, said on its Telegram channel "
        "that its fighters had struck a garrison.",
    )
    assert "Telegram" not in [e.label for ev in ex.events for e in ev.role("agent")]


def test_tools_counts_and_media_are_no_targets(nlp) -> None:
    doc = nlp("Soldiers sprayed tear gas, social media and dozens at the crowd.")
    verb = next(t for t in doc if t.lemma_ == "spray")
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    _, targets = link_roles(trigger, doc, load_lexicon())
    assert not {"gas", "media", "dozens"} & {doc[t.head].text for t in targets}


def test_the_city_and_the_capital_mean_the_dateline_place(nlp) -> None:
    text = (
        "HARARE — Riot police beat students.\nThousands of protesters marched through the capital on Monday."
    )
    protest = next(e for e in run(nlp, text).events if e.type == "Protest")
    assert labels(protest, "location") == ["Harare"]
    plain = "Thousands of protesters marched through the capital on Monday."
    assert not next(e for e in run(nlp, plain).events if e.type == "Protest").role("location")


def test_year_modifier_dates_its_noun(nlp) -> None:
    ex = run(nlp, "Mourners recalled the 2008 massacre in Peshawar, where gunmen killed 40 people.")
    assert attack(ex).time == "2008"


def test_year_of_an_aside_relative_clause_does_not_date_the_event(nlp) -> None:
    ex = run(nlp, "The council, which took office in 2027, blamed foreign mercenaries for the ambush.")
    accuse = next(e for e in ex.events if e.type == "Accuse")
    assert accuse.time is None


def test_year_inside_a_since_phrase_dates_its_own_noun(nlp) -> None:
    ex = run(nlp, "It was the deadliest bombing since the 1994 constitution in the city of Lahore.")
    assert all(e.time != "1994" for e in ex.events)
    ongoing = run(nlp, "The rebels have fired rockets at border towns since late 2029.")
    assert attack(ongoing).time == "2029"


def test_attack_verb_targets_behind_prepositions(nlp) -> None:
    ex = run(nlp, "A sniper opened fire on pilgrims queuing at a shrine in the northern city of Kirkuk.")
    found = attack(ex)
    assert "pilgrims" in labels(found, "target")
    assert labels(found, "location") == ["Kirkuk"]


def test_days_are_no_targets(nlp) -> None:
    doc = nlp("Militants struck on Easter Sunday.")
    verb = next(t for t in doc if t.lemma_ == "strike")
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    assert link_roles(trigger, doc, load_lexicon())[1] == []


def test_crowd_subject_verb_places_and_dates_the_protest(nlp) -> None:
    ex = run(nlp, "Hundreds of protesters blocked highways in Kano, Kaduna and Sokoto on Tuesday.")
    protest = next(e for e in ex.events if e.type == "Protest")
    assert set(labels(protest, "location")) == {"Kano", "Kaduna", "Sokoto"}
    assert protest.time == "2031-03-11"


def test_a_vehicle_struck_is_a_target_but_a_vehicle_used_is_not(nlp) -> None:
    hit = run(nlp, "An air strike on a truck near Kunduz killed seven passengers on Sunday.")
    assert "truck" in labels(attack(hit), "target")
    doc = nlp("A militant detonated a truck at the gate.")
    verb = next(t for t in doc if t.lemma_ == "detonate")
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    assert "truck" not in {doc[t.head].text for t in link_roles(trigger, doc, load_lexicon())[1]}


def test_a_group_linked_to_a_name_is_not_that_name(nlp) -> None:
    ex = run(nlp, "A Hamas-aligned militant alliance claimed responsibility for the ambush near Rafah.")
    claim = next(e for e in ex.events if e.type == "ClaimResponsibility")
    assert labels(claim, "agent") == ["Hamas-aligned militant alliance"]


def test_on_and_at_name_a_target_only_without_an_object(nlp) -> None:
    lex = load_lexicon()

    def targets(text: str, lemma: str) -> set[str]:
        doc = nlp(text)
        verb = next(t for t in doc if t.lemma_ == lemma)
        trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
        return {doc[t.head].text for t in link_roles(trigger, doc, lex)[1]}

    assert targets("The missile hit the bus on a mountain road.", "hit") == {"bus"}
    assert targets("Snipers fired at the ambulances.", "fire") == {"ambulances"}


def test_adjacent_names_join(nlp) -> None:
    doc = nlp("Officials blamed the Nigerian Taliban and Save the Children Chad.")
    doc.ents = [
        Span(doc, 3, 4, "NORP"),
        Span(doc, 4, 5, "ORG"),
        Span(doc, 6, 9, "ORG"),
        Span(doc, 9, 10, "GPE"),
    ]
    assert entity_span(doc[4]).text == "Nigerian Taliban"
    assert entity_span(doc[9]).text == "Save the Children Chad"
    assert entity_span(doc[9]).label == "ORG"


def test_a_vehicle_hit_is_a_target_a_vehicle_detonated_is_not(nlp) -> None:
    lex = load_lexicon()

    def targets(text: str, lemma: str) -> set[str]:
        doc = nlp(text)
        verb = next(t for t in doc if t.lemma_ == lemma)
        trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
        return {doc[t.head].text for t in link_roles(trigger, doc, lex)[1]}

    assert targets("A rocket hit the truck near the border crossing.", "hit") == {"truck"}
    assert "truck" not in targets("A militant detonated a truck outside the barracks.", "detonate")


def test_protesters_fired_on_are_targets(nlp) -> None:
    ex = run(nlp, "Soldiers shot at protesters in the town of Kassala on Friday.")
    assert labels(attack(ex), "target") == ["protesters"]


def test_threat_targets_come_from_the_announced_strike_or_the_punished(nlp) -> None:
    ex = run(
        nlp, 'The defence minister warned that Ruritania would "strike anywhere in Syria" if attacks went on.'
    )
    threat = next(e for e in ex.events if e.type == "Threaten")
    assert labels(threat, "target") == ["Syria"]
    vowed = next(e for e in run(nlp, "The president vowed to punish Iran.").events if e.type == "Threaten")
    assert labels(vowed, "target") == ["Iran"]


def test_a_quoted_threat_is_dated_by_its_speech_verb(nlp) -> None:
    text = (
        '"The occupiers will pay a heavy price," militia spokesman Omar Haddad told reporters on Wednesday.'
    )
    threat = next(e for e in run(nlp, text).events if e.type == "Threaten")
    assert threat.time == "2031-03-12"


def test_a_when_clause_hung_on_the_noun_above_the_date_is_dated(nlp) -> None:
    text = "The unrest revived memories of June 2029, when young Zambians took to the streets against taxes."
    protest = next(e for e in run(nlp, text).events if e.type == "Protest")
    assert protest.time == "2029-06"


def test_rulers_and_politicians_are_actors(nlp) -> None:
    ex = run(nlp, "Minsk has repeatedly accused Ukraine's nationalist rulers of arming saboteurs.")
    accuse = next(e for e in ex.events if e.type == "Accuse")
    assert accuse.role("target")


def test_names_modifying_a_place_noun_are_places_whatever_the_ner_said(nlp) -> None:
    doc = nlp("Jihadists attacked an army post in northern Mali's Gao region on Sunday.")
    doc.ents = [Span(doc, 7, 8, "PERSON"), Span(doc, 9, 10, "PERSON")]
    verb = doc[1]
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    frame = sentence_frames(doc[:], 0, [trigger], load_lexicon(), PUBLISHED)[0]
    assert {r.text for r in frame.locations} == {"Mali", "Gao"}


def test_counted_victims_are_targets_but_others_are_not(nlp) -> None:
    ex = run(nlp, "A roadside bomb killed four Malian soldiers and wounded 12 others near Kidal on Friday.")
    found = attack(ex)
    assert labels(found, "target") == ["four Malian soldiers"] and found.killed == 4


def test_a_country_compounded_with_a_thing_is_its_owner_not_the_place(nlp) -> None:
    ex = run(nlp, "A grenade exploded near the UK embassy compound in Niamey on Saturday.")
    assert labels(attack(ex), "location") == ["Niamey"]


def test_a_weekday_night_dates_the_event(nlp) -> None:
    doc = nlp("Masked men raided a village on Saturday night, killing nine farmers.")
    doc.ents = [Span(doc, 6, 8, "TIME")]
    verb = doc[2]
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    frame = sentence_frames(doc[:], 0, [trigger], load_lexicon(), PUBLISHED)[0]
    assert frame.time == "2031-03-08"


def test_an_apposition_running_into_a_noun_names_nothing(nlp) -> None:
    words = ["a", "guard", ",", "UN", "and", "Malian", "officials", "said", "."]
    heads = [1, 7, 1, 1, 3, 3, 7, 7, 7]
    deps = ["det", "dobj", "punct", "appos", "cc", "conj", "nsubj", "ROOT", "punct"]
    misparsed = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        ents=["O", "O", "O", "B-ORG", "O", "B-NORP"] + ["O"] * 3,
    )
    assert [t.text for t in conjuncts(misparsed[1])] == ["guard"]
    named = nlp("Police blamed the militia, Hamas.")
    militia = next(t for t in named if t.text == "militia")
    assert [t.text for t in conjuncts(militia)] == ["Hamas"]
