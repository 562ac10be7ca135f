"""Reactions told as attribution: who a speaker says is to blame, in quotes or paraphrase, and denials
and condemnations told through a noun ("a rebuttal from", "a statement to condemn")."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type

from kg.extract.lexicon import load_lexicon
from kg.extract.predicates import _party


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ('"The Red Hand Brigade bears sole responsibility," minister Ana Kost said.', "Ana Kost", "Red Hand"),
        ("Minister Ana Kost said the blame rests with the Red Hand Brigade.", "Ana Kost", "Red Hand"),
        ("Minister Ana Kost said responsibility lies with the Red Hand Brigade.", "Ana Kost", "Red Hand"),
        ("Minister Ana Kost said the Red Hand Brigade had a hand in the bombing.", "Ana Kost", "Red Hand"),
        ("Minister Ana Kost pointed the finger at the Red Hand Brigade.", "Ana Kost", "Red Hand"),
        ("Minister Ana Kost said the guilt falls on the Red Hand Brigade.", "Ana Kost", "Red Hand"),
        ('"The Red Hand Brigade must shoulder the blame," minister Ana Kost said.', "Ana Kost", "Red Hand"),
    ],
)
def test_a_speaker_naming_who_is_to_blame_accuses_them(nlp, text: str, accuser: str, accused: str) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {accuser}
    assert any(accused in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "Minister Ana Kost said the blame does not rest with the Red Hand Brigade.",
        '"The Red Hand Brigade does not bear responsibility," minister Ana Kost said.',
        "The Red Hand Brigade bears the weight of the war, minister Ana Kost said.",
        "The prisoners were in the hands of the Red Hand Brigade.",
        "Minister Ana Kost said a rocket fell on the Red Hand Brigade's camp.",
        "The Red Hand Brigade shouldered its rifles and left, minister Ana Kost said.",
    ],
)
def test_no_blame_taken_back_or_no_blame_at_all_is_no_accusation(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Accuse")


def test_a_rebuttal_from_someone_is_their_denial(nlp) -> None:
    text = "A bomb killed nine people in Dovrin. The claims drew a sharp rebuttal from President Ilse Marn."
    (denial,) = of_type(events(nlp, text), "Deny")
    assert labels(denial, "agent") == {"Ilse Marn"}


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Ministry issued a communique to condemn the shelling.",
    ],
)
def test_whoever_issues_a_statement_to_condemn_condemns(nlp, text: str) -> None:
    (condemnation,) = of_type(events(nlp, text), "Condemn")
    assert labels(condemnation, "agent") == {"Foreign Ministry"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A bomb hit Dovrin. On Monday, the ministry put out a statement to denounce the raid.", "Condemn"),
        ("A bomb hit Dovrin. On Monday, the governor promised to hunt down the bombers.", "Threaten"),
    ],
)
def test_a_reaction_takes_the_date_of_the_verb_that_carries_it(nlp, text: str, kind: str) -> None:
    (reaction,) = of_type(events(nlp, text), kind)
    assert reaction.time == "2031-03-10"  # the Monday before the article's Wednesday


@pytest.mark.parametrize(
    "text",
    [
        "The governor vowed that the state would punish the terrorists behind the bombing.",
        "The governor vowed to punish the terrorists behind the bombing.",
    ],
)
def test_who_a_vow_of_punishment_names_is_threatened(nlp, text: str) -> None:
    (threat,) = of_type(events(nlp, text), "Threaten")
    assert labels(threat, "target") == {"terrorists"}


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        (
            "A bomb tore through a bus in Dovrin. Minister Ana Kost linked the bombing to the Red Hand.",
            "Ana Kost",
            "Red Hand",
        ),
        (
            "Gunmen raided a clinic in Dovrin. Minister Ana Kost has tied the raid to the Red Hand Brigade.",
            "Ana Kost",
            "Red Hand",
        ),
        (
            "A bomb tore through a bus in Dovrin. Minister Ana Kost traced the blast to the Red Hand group.",
            "Ana Kost",
            "Red Hand",
        ),
    ],
)
def test_laying_the_attack_at_a_party_door_accuses_it(nlp, text: str, accuser: str, accused: str) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {accuser}
    assert any(accused in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "The new bridge links the old town of Dovrin to the Red Hand district.",
        "A bomb tore through a bus in Dovrin. Police tied the stolen van to a rental firm.",
        "A bomb tore through a bus in Dovrin. Police have not linked the bombing to any group.",
    ],
)
def test_linking_no_attack_or_denying_the_link_is_no_accusation(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Accuse")


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        (
            'A bomb hit a bus in Dovrin. The ministry said: "This act was perpetrated by the Red Hand."',
            "ministry",
            "Red Hand",
        ),
        (
            "Gunmen raided a clinic in Dovrin. Ana Kost told reporters the raid was carried out by the army.",
            "Kost",
            "army",
        ),
    ],
)
def test_a_deed_reported_in_the_passive_accuses_its_doer(nlp, text: str, accuser: str, accused: str) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert any(accuser in a for a in labels(accusation, "agent"))
    assert any(accused in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("Gunmen raided a clinic in Dovrin. The governor said Islamist rebels carried out the raid.",
         "governor", "Islamist rebels"),
        ("Gunmen burned a village near Dovrin. A report lists killings that witnesses say were "
         "committed by the army.",
         "witnesses", "army"),
    ],
)
def test_a_deed_reported_of_a_side_an_untagged_name_or_the_noun_said_of_accuses(
    nlp, text: str, accuser: str, accused: str
) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert any(accuser in a for a in labels(accusation, "agent"))
    assert any(accused in t for t in labels(accusation, "target"))


def test_a_proper_noun_the_tagger_leaves_untyped_is_a_party_two_men_are_not(nlp) -> None:
    doc = nlp("Ana Kost said the bombing was plotted by the DRK and by two young men.")
    doc.ents = ()  # as the small tagger leaves some acronyms
    lex = load_lexicon()
    doers = {t.text: _party(t, lex) for t in doc if t.dep_ in {"pobj", "conj"} and t.head.text != "of"}
    assert doers.get("DRK") is True
    assert doers.get("men") is False


def test_a_deed_reported_of_two_men_or_denied_accuses_nobody(nlp) -> None:
    for text in (
        "Gunmen raided a clinic in Dovrin. Police suspect that two young men carried out the raid.",
        "Drones struck a truck in Dovrin. The ministry said its troops did not carry out any strike there.",
        "Drones struck a truck in Dovrin. The command said Kestrel forces did not conduct any strike.",
    ):
        assert not of_type(events(nlp, text), "Accuse")


def test_a_passive_deed_of_an_unnamed_person_or_of_no_attack_accuses_nobody(nlp) -> None:
    for text in (
        "A bomb tore through a bus in Dovrin. Police believe the bombing was conducted by one lone gunman.",
        "A bomb tore through a bus in Dovrin. Ana Kost said the inquiry was conducted by the army.",
    ):
        assert not of_type(events(nlp, text), "Accuse")


def test_a_statement_issued_by_someone_speaks_for_them(nlp) -> None:
    text = (
        "A bomb tore through a bus in Dovrin. A statement issued by the foreign ministry said: "
        '"This vile act was perpetrated by the Red Hand."'
    )
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert any("ministry" in a for a in labels(accusation, "agent"))


def test_describing_the_attack_as_a_partys_work_accuses_it(nlp) -> None:
    found = events(
        nlp,
        "Rebels ambushed a patrol near Dori on Sunday. Governor Ana Kost described the ambush as the work "
        "of the Dori Brigade.",
    )
    (accusation,) = of_type(found, "Accuse")
    assert labels(accusation, "agent") == {"Ana Kost"}
    assert labels(accusation, "target") == {"Dori Brigade"}
    (attack,) = of_type(found, "Attack")
    assert accusation.about == attack.key


def test_the_work_of_something_not_a_party_accuses_nobody(nlp) -> None:
    found = events(
        nlp,
        "Rebels ambushed a patrol near Dori on Sunday. Governor Ana Kost described the ambush as the work "
        "of hours.",
    )
    assert not of_type(found, "Accuse")


def test_an_adverb_inside_a_blame_phrase_keeps_the_accusation(nlp) -> None:
    found = events(nlp, "Minister Ana Kost said the blame rests squarely with the Red Hand Brigade.")
    (accusation,) = of_type(found, "Accuse")
    assert any("Red Hand" in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("The opposition leader holds the regime accountable for the bombing.", "regime"),
        ("The party held the provincial governor responsible for the ambush in Tala.", "provincial governor"),
    ],
)
def test_who_is_held_to_account_is_accused_also_when_parsed_as_a_verbless_clause(nlp, text, accused) -> None:
    (accuse,) = of_type(events(nlp, text), "Accuse")
    assert labels(accuse, "target") == {accused}


def test_a_verbal_clause_under_the_accusing_verb_is_no_small_clause(nlp) -> None:
    """A clause with a verb ("held that the regime was accountable") is read by its own rules, not as a
    verbless clause."""
    from kg.extract.lexicon import load_lexicon
    from kg.extract.specs import fillers

    doc = nlp("The opposition leader held that the regime was accountable for the bombing.")
    held = next(t for t in doc if t.lower_ == "held")
    assert fillers(held, "small_clause", load_lexicon(), "target") == []


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("A bomb hit a bus in Lira. Minister Ana Kost said the Red Hand Brigade was responsible.", "Ana Kost",
         "Red Hand"),
        ("A bomb hit a bus in Lira. Police believe the Red Hand Brigade is culpable for the bombing.",
         "Police", "Red Hand"),
        ("A bomb hit a bus in Lira. Minister Ana Kost told reporters the Red Hand Brigade was guilty.",
         "Ana Kost", "Red Hand"),
        ("A bomb hit a bus in Lira. The Red Hand Brigade was thought by the police to be culpable.",
         "police", "Red Hand"),
    ],
)
def test_a_party_said_to_be_responsible_is_accused(nlp, text: str, accuser: str, accused: str) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {accuser}
    assert any(accused in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Lira. Minister Ana Kost said the Red Hand Brigade was not responsible.",
        "A bomb hit a bus in Lira. Minister Ana Kost said the army is responsible for security in the city.",
        "A bomb hit a bus in Lira. The Red Hand Brigade said it was responsible for the bombing.",
        "A bomb hit a bus in Lira. The Red Hand Brigade was responsible for the city until 2010.",
    ],
)
def test_a_duty_a_denial_or_ones_own_responsibility_accuses_nobody(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Accuse")


def test_a_belief_told_in_the_passive_is_held_by_its_by_agent_or_no_one(nlp) -> None:
    told = (
        "A bomb hit a bus in Lira. Police have made no arrests, but the Red Hand Brigade is suspected"
        " to be behind this blast."
    )
    (accusation,) = of_type(events(nlp, told), "Accuse")
    assert labels(accusation, "agent") == set()  # not "Police", the subject of the clause further up
    assert any("Red Hand" in t for t in labels(accusation, "target"))
    by = "A bomb hit a bus in Lira. The Red Hand Brigade is believed by police to be behind the bombing."
    (accusation,) = of_type(events(nlp, by), "Accuse")
    assert labels(accusation, "agent") == {"police"}


def test_a_pronoun_believing_in_a_reported_clause_is_the_reporter(nlp) -> None:
    text = (
        "A bomb hit a bus in Lira. The ministry in Lira stated that it believed the Red Hand Brigade"
        " to be culpable."
    )
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {"ministry"}


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Lira. Minister Ana Kost heaped the blame upon the Red Hand Brigade.",
        "A bomb hit a bus in Lira. Minister Ana Kost laid the responsibility upon the Red Hand Brigade.",
        "A bomb hit a bus in Lira. Minister Ana Kost shifted the onus onto the Red Hand Brigade.",
    ],
)
def test_placing_the_blame_on_a_party_accuses_it(nlp, text: str) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {"Ana Kost"}
    assert any("Red Hand" in t for t in labels(accusation, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Lira. Medics put the wounded on stretchers.",
        "A bomb hit a bus in Lira. Minister Ana Kost laid a wreath on the grave of the driver.",
    ],
)
def test_placing_anything_but_the_blame_accuses_nobody(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Accuse")


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("Rebels shelled a depot in Dovrin. The envoy said the Kestrel militia ordered the shelling.",
         "envoy", "Kestrel"),
        ("Gunmen raided a clinic in Dovrin. Ana Kost told the council the raid was bankrolled by "
         "the Red Hand.",
         "Kost", "Red Hand"),
        ("A bomb wrecked a ferry near Dovrin. The minister asserted that the Kestrel Front had "
         "sponsored the bombing.",
         "minister", "Kestrel"),
    ],
)
def test_ordering_funding_or_backing_a_reported_attack_accuses_the_backer(
    nlp, text: str, accuser: str, accused: str
) -> None:
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert any(accuser in a for a in labels(accusation, "agent"))
    assert any(accused in t for t in labels(accusation, "target"))


def test_backing_no_attack_a_denied_order_or_ones_own_order_accuses_nobody(nlp) -> None:
    for text in (
        "Rebels shelled a depot in Dovrin. The envoy said the Red Hand funded a new hospital.",
        "Rebels shelled a depot in Dovrin. The envoy said the shelling was not ordered by the Red Hand.",
        "Rebels shelled a depot in Dovrin. The Red Hand said it had ordered the shelling.",
    ):
        assert not of_type(events(nlp, text), "Accuse")
