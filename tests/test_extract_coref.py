"""Event coreference: mentions of one attack merge; reactions point at it; background attacks stay apart."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_doc
from kg.model import Article, Event, Extraction

STORY = (
    "Twin explosions tore through a bus station in the northern city of Kano on Sunday, killing 31 people. "
    "The Crimson Hand group claimed responsibility for the blasts on its website. "
    "Its fighters had set off suicide vests in the waiting crowd, the group said. "
    "The bombings wounded 112 people. "
    "Nigeria's president condemned the bombings and vowed revenge. "
    "The Crimson Hand has previously claimed an attack on a church in Abuja in 2027 that left eight dead."
)


def run(nlp, text: str, published: date | None = date(2030, 6, 6)) -> Extraction:
    return extract_doc(nlp(text), Article("story", "story", text, published))


def of_type(ex: Extraction, kind: str) -> list[Event]:
    return [e for e in ex.events if e.type == kind]


def test_mentions_of_one_attack_merge(nlp) -> None:
    ex = run(nlp, STORY)
    attacks = of_type(ex, "Attack")
    assert len(attacks) == 2
    main = attacks[0]
    assert {e.label for e in main.role("agent")} == {"Crimson Hand"}
    assert {e.label for e in main.role("location")} == {"Kano"}
    assert (main.killed, main.injured, main.time) == (31, 112, "2030-06-02")


def test_background_attack_keeps_its_own_place_and_year(nlp) -> None:
    background = of_type(run(nlp, STORY), "Attack")[1]
    assert {e.label for e in background.role("location")} == {"Abuja"}
    assert background.time == "2027"
    assert background.killed == 8


def test_reactions_point_at_the_right_attack(nlp) -> None:
    ex = run(nlp, STORY)
    main, background = of_type(ex, "Attack")
    claims = of_type(ex, "ClaimResponsibility")
    assert sorted(c.about for c in claims) == sorted([main.key, background.key])
    assert [c.about for c in of_type(ex, "Condemn")] == [main.key]
    assert [t.about for t in of_type(ex, "Threaten")] == [main.key]


def test_event_keys_are_unique_and_in_text_order(nlp) -> None:
    ex = run(nlp, STORY)
    keys = [e.key for e in ex.events]
    assert keys == [f"e{i + 1}" for i in range(len(keys))]
    starts = [e.evidence.start for e in ex.events]
    assert starts == sorted(starts)


def test_repeated_claims_by_one_group_are_one_claim(nlp) -> None:
    text = (
        "Gunmen stormed a hotel in Mogadishu. The Shabaab Front claimed the attack. "
        "Later the Shabaab Front again claimed responsibility for the assault."
    )
    claims = of_type(run(nlp, text), "ClaimResponsibility")
    assert len(claims) == 1


def test_different_perpetrators_are_different_attacks(nlp) -> None:
    text = "Red Valley militants and Blue Ridge separatists have staged attacks within Chad."
    attacks = of_type(run(nlp, text), "Attack")
    assert sorted(next(iter(a.role("agent"))).label for a in attacks) == [
        "Blue Ridge separatists",
        "Red Valley militants",
    ]


def test_without_publication_date_a_past_year_is_background(nlp) -> None:
    text = "A bomb attack hit Herat. The Red Hand killed a governor in Kabul in 2021."
    attacks = of_type(run(nlp, text, None), "Attack")
    assert len(attacks) == 2
    assert attacks[1].time == "2021"


def test_no_group_claimed_and_the_blame_still_points_at_the_attack(nlp) -> None:
    text = (
        "Suspected jihadists attacked a military camp in Mopti on Tuesday. "
        "Nobody has owned up to the raid, but the army blamed the Sahel Front. "
        "The camp was later retaken."
    )
    ex = run(nlp, text)
    attack = of_type(ex, "Attack")[0]
    assert not of_type(ex, "ClaimResponsibility")
    assert [a.about for a in of_type(ex, "Accuse")] == [attack.key]
    assert [e.label for e in attack.role("target")] == ["military camp"]


def test_a_dated_claim_dates_the_old_attack_it_claims(nlp) -> None:
    text = (
        "Gunmen attacked a camp in Mopti on Tuesday. The Sahel Front denied involvement. "
        "In 2019, the group claimed an attack on a hotel in Bamako that killed 20 people."
    )
    ex = run(nlp, text)
    old = [a for a in of_type(ex, "Attack") if a.time == "2019"]
    assert len(old) == 1 and old[0].killed == 20
    assert [e.label for e in old[0].role("agent")] == ["Sahel Front"]
    assert [e.label for e in old[0].role("location")] == ["Bamako"]


def test_a_reaction_to_a_bare_mention_is_about_the_main_attack(nlp) -> None:
    text = (
        "Gunmen attacked a bus near Kano on Saturday, killing one person. "
        "President Amina Yusuf condemned what she called a cowardly attack."
    )
    ex = run(nlp, text)
    attack = of_type(ex, "Attack")[0]
    assert attack.killed == 1
    assert [c.about for c in of_type(ex, "Condemn")] == [attack.key]


def test_its_refers_to_the_subject_that_speaks(nlp) -> None:
    text = (
        "A car bomb blew up at a checkpoint in Mogadishu on Thursday, killing 12 people. "
        "The Shabaab Front, an al-Qaeda-linked militant group, said its fighters carried out the bombing. "
        "The blast was the deadliest since October, when twin truck bombs killed more than 100 people."
    )
    main, earlier = of_type(run(nlp, text, date(2031, 2, 7)), "Attack")
    assert [e.label for e in main.role("agent")] == ["Shabaab Front"]
    assert (main.killed, main.time) == (12, "2031-02-06")
    assert (earlier.killed, earlier.approximate, earlier.time) == (100, True, "2030-10")


def test_attacks_in_different_countries_stay_apart(nlp) -> None:
    text = (
        "Suspected jihadists ambushed a military convoy near Djibo in Burkina Faso's Soum province "
        "on Monday, killing 15 soldiers. In Pakistan, a suicide bomber struck a police station in Bannu, "
        "wounding eight officers."
    )
    first, second = of_type(run(nlp, text, date(2031, 4, 9)), "Attack")
    assert [e.label for e in first.role("location")] == ["Djibo"]
    assert (first.killed, first.injured) == (15, None)
    assert [e.label for e in second.role("location")] == ["Bannu"]
    assert (second.killed, second.injured) == (None, 8)


def test_a_mention_nothing_tells_apart_is_the_main_attack(nlp) -> None:
    text = (
        "Suicide bombers struck the gates of Tala airport on Thursday, the Zarqa Front said. "
        "At least 60 travellers lost their lives in the twin explosions by the terminal fence. "
        "One Zarqa Front suicide bomber killed 70 people outside the gates, officials said later."
    )
    attacks = of_type(run(nlp, text, date(2031, 2, 7)), "Attack")
    assert len(attacks) == 1


def test_a_bare_plural_and_a_distant_city_stay_apart(nlp) -> None:
    text = (
        "Gunmen attacked a bank in Kano on Monday, killing four guards. "
        "A bomb exploded at a school in Maiduguri, wounding six. "
        "Attacks in the northeast have killed hundreds of villagers."
    )
    assert len(of_type(run(nlp, text, date(2031, 2, 7)), "Attack")) == 3


def test_a_claimant_is_no_side_against_the_attack_told(nlp) -> None:
    text = (
        "Police said the Azure Brigade ambushed an army convoy near Ruda on Monday, killing nine soldiers. "
        "On Tuesday the Sahel Movement took responsibility for the ambush."
    )
    ex = run(nlp, text)
    (attack,) = of_type(ex, "Attack")
    (claim,) = of_type(ex, "ClaimResponsibility")
    assert claim.about == attack.key
    assert {"Azure Brigade", "Sahel Movement"} <= {e.label for e in attack.role("agent")}


def test_an_indefinite_claimed_attack_stays_apart(nlp) -> None:
    text = (
        "Police said the Azure Brigade ambushed an army convoy near Ruda on Monday, killing nine soldiers. "
        "On Tuesday the Sahel Movement took responsibility for an ambush near Tala."
    )
    ex = run(nlp, text)
    attacks = of_type(ex, "Attack")
    (claim,) = of_type(ex, "ClaimResponsibility")
    assert len(attacks) == 2 and claim.about == attacks[1].key


def test_a_claimed_mention_joins_the_attack_its_claimant_carried_out(nlp) -> None:
    text = (
        "Jets bombed the village of Ruda on Sunday, killing 11 people. "
        "Hours after the bombing, Tala Front fighters attacked an army post in Kesh, the group said "
        "in a communique claiming the assault."
    )
    ex = run(nlp, text)
    attacks = of_type(ex, "Attack")
    (claim,) = of_type(ex, "ClaimResponsibility")
    post = next(a for a in attacks if a.trigger == "attacked")
    assert claim.about == post.key
    assert "Tala Front fighters" not in {e.label for e in attacks[0].role("agent")}


def test_a_protest_named_again_is_the_protest_told_before(nlp) -> None:
    text = (
        "Hundreds of nurses rallied in Oru on Monday. "
        "The mayor of Oru and two senators later joined the rally outside the hospital."
    )
    protests = of_type(run(nlp, text), "Protest")
    assert [{e.label for e in p.role("agent")} for p in protests] == [{"Hundreds of nurses"}]


def test_a_protest_told_anew_is_another_protest(nlp) -> None:
    text = "Hundreds of nurses rallied in Oru on Monday. Teachers staged a rally in Kisa on Tuesday."
    assert len(of_type(run(nlp, text), "Protest")) == 2


def test_a_crowd_holding_a_protest_again_joins_it(nlp) -> None:
    text = (
        "Thousands of nurses marched through Lyon on Monday. "
        "Police said some 4,000 demonstrators joined the march. Marchers carried portraits of the dead."
    )
    protests = of_type(run(nlp, text), "Protest")
    assert len(protests) == 1
    assert {e.label for e in protests[0].role("location")} == {"Lyon"}


def test_a_crowd_placed_elsewhere_or_joining_a_named_party_holds_its_own_protest(nlp) -> None:
    text = "Thousands of nurses marched through Lyon on Monday. Demonstrators gathered in Paris."
    assert len(of_type(run(nlp, text), "Protest")) == 2
    text = "The Crimson Hand staged a protest in Lyon on Monday. Marchers carried portraits of the dead."
    assert len(of_type(run(nlp, text), "Protest")) == 2


def test_a_description_counted_by_a_number_names_no_side() -> None:
    from kg.extract.sides import described
    from kg.model import Entity

    assert described(Entity("three suicide bombers", "three suicide bombers", "Group"))
    assert described(Entity("the fourth assailant", "the fourth assailant", "Group"))
    assert described(Entity("gunmen (story)", "gunmen", "Group"))
    assert not described(Entity("Ruda Front", "Ruda Front", "Organization"))
    assert not described(Entity("Islamist militants", "Islamist militants", "Group"))
    assert not described(Entity("al-Shabab", "al-Shabab", "Organization"))


def test_counted_gunmen_are_the_named_attack_told_again(nlp) -> None:
    text = (
        "The Ruda Front stormed a hotel in Tala on Monday. "
        "Police said three gunmen opened fire on guests in the lobby."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert [e.label for e in attacks[0].role("agent")] == ["Ruda Front"]


def test_counted_soldiers_firing_stay_apart_from_gunmen(nlp) -> None:
    text = (
        "Gunmen stormed a bank in Tala on Monday, killing four guards. "
        "Hours later three soldiers shot two protesters outside the bank."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert [[e.label for e in a.role("agent")] for a in attacks] == [["Gunmen"], ["three soldiers"]]


def test_a_name_said_inside_a_longer_agent_is_one_side(nlp) -> None:
    text = (
        "Taliban gunmen stormed a school in Ghazni on Sunday. "
        "Officials said the Taliban had attacked the school before dawn."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("agent")} == {"Taliban"}  # agent.named_twice: one actor
    other = (
        "Hamas gunmen ambushed a patrol near Rafah on Monday. "
        "Fatah said its fighters had attacked a convoy near Jenin."
    )
    assert len(of_type(run(nlp, other), "Attack")) == 2


def test_attacks_in_cities_far_apart_stay_apart_though_they_share_a_date(nlp) -> None:
    text = (
        "Rebels shelled a market in Goma on Tuesday, wounding nine traders. "
        "On Tuesday the rebels also shelled a clinic in Bukavu."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert [[e.label for e in a.role("location")] for a in attacks] == [["Goma"], ["Bukavu"]]
    assert attacks[0].time == attacks[1].time is not None


def test_a_suburb_of_the_city_is_the_same_attack(nlp) -> None:
    text = (
        "A car bomb exploded outside a police station in Islamabad on Friday. "
        "On Friday the bombers also struck a checkpoint in Rawalpindi."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("location")} == {"Islamabad", "Rawalpindi"}


def test_a_dateline_city_does_not_part_the_attack_from_its_own_city(nlp) -> None:
    text = (
        "BEIRUT (Reuters) - An airstrike hit an apartment block in the city of Tyre on Monday, "
        "killing four people. The strike in Tyre also wounded 14 people."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("location")} == {"Tyre"}


def test_a_possessor_struck_before_is_the_victim_of_the_deed_noun(nlp) -> None:
    text = "Rebels abducted Tomas Brandt in Lira on Sunday. Brandt's kidnapping angered the town."
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert [e.label for e in attacks[0].role("agent")] == ["Rebels"]
    assert [e.label for e in attacks[0].role("target")] == ["Tomas Brandt"]


def test_a_possessor_nobody_struck_keeps_its_deed(nlp) -> None:
    text = "Gunmen shot dead the journalist Ana Ruiz in Tala on Monday. The army's shelling of Garo went on."
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 2
    assert "Ana Ruiz" not in {e.label for e in attacks[1].role("agent")}


def test_victims_who_are_no_doers_stay_with_the_attack(nlp) -> None:
    text = (
        "Gunmen opened fire on worshippers at a mosque in Kano on Friday, killing 20 people. "
        "Three of the worshippers were wounded as they fled."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert attacks[0].killed == 20 and attacks[0].injured == 3


def test_victims_of_one_family_are_one_attack(nlp) -> None:
    text = (
        "Gunmen shot dead the mayor, Amadou Kane, at his home in Tala on Monday. "
        "His wife, Awa Kané, was wounded when the gunmen shot her in the arm."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {"Amadou Kane", "Awa Kané"} <= {e.label for e in attacks[0].role("target")}


def test_a_given_name_is_no_family_name(nlp) -> None:
    """coref.one_family matches family-name words only: "Hassan Dovrin" and "Omar Hassan" are no kin."""
    text = "Gunmen shot Hassan Dovrin in Garo on Monday. Gunmen also shot Omar Hassan in Garo on Monday."
    assert len(of_type(run(nlp, text), "Attack")) == 2


def test_a_victim_named_again_by_surname_is_one_attack(nlp) -> None:
    text = "Gunmen shot John Okafor at a rally in Tala on Monday. Doctors said Okafor was shot twice."
    assert len(of_type(run(nlp, text), "Attack")) == 1


def test_differently_named_victims_stay_two_attacks(nlp) -> None:
    text = "Gunmen shot John Okafor in Tala on Monday. Gunmen also shot Peter Obi in Tala on Monday."
    assert len(of_type(run(nlp, text), "Attack")) == 2


def test_a_series_told_only_by_its_place_is_no_attack(nlp) -> None:
    text = (
        "Gunmen opened fire on worshippers at a mosque in Kano on Friday, killing 20 people. "
        "Officials said bombings in Maiduguri had become rarer."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("location")} == {"Kano"}


def test_a_series_told_only_by_unnamed_doers_is_no_attack(nlp) -> None:
    for text in (
        "Rebels ambushed a convoy near Dara on Sunday. Elders said bandits staging raids in the hills "
        "frightened them more.",
        "A car bomb killed six soldiers in Garo on Friday. "
        "Officials said that raids by armed bands still go on.",
    ):
        assert len(of_type(run(nlp, text), "Attack")) == 1, text


def test_a_series_by_a_named_group_stays_an_attack(nlp) -> None:
    text = (
        "Gunmen attacked a bank in Tala on Monday. "
        "The minister said bombings by the Ruda Front had become rarer."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert [{e.label for e in a.role("agent")} for a in attacks] == [{"Gunmen"}, {"Ruda Front"}]


def test_a_series_with_a_victim_or_a_toll_stays_an_attack(nlp) -> None:
    for text in (
        "Gunmen opened fire on worshippers at a mosque in Kano on Friday, killing 20 people. "
        "Bombings of churches in Maiduguri had become rarer.",
        "Gunmen opened fire on worshippers at a mosque in Kano on Friday, killing 20 people. "
        "Officials said bombings in Maiduguri had killed 40 people this year.",
    ):
        assert len(of_type(run(nlp, text), "Attack")) == 2, text


def test_a_protest_is_about_the_attack_it_names(nlp) -> None:
    text = (
        "A truck bomb wrecked a customs post in Dovrin on Tuesday, killing nine guards. "
        "Hundreds of traders rallied in Dovrin on Saturday to denounce the bombing."
    )
    ex = run(nlp, text)
    attack, protest = of_type(ex, "Attack")[0], of_type(ex, "Protest")[0]
    assert protest.about == attack.key


def test_a_protest_naming_no_attack_stands_on_its_own(nlp) -> None:
    text = (
        "A truck bomb wrecked a customs post in Dovrin on Tuesday, killing nine guards. "
        "Hundreds of nurses rallied in Dovrin on Saturday."
    )
    assert of_type(run(nlp, text), "Protest")[0].about is None


def test_an_indefinite_blast_beside_an_abduction_is_another_attack(nlp) -> None:
    text = (
        "Armed men kidnapped fourteen nurses from a clinic in Dovrin on Tuesday. "
        "An explosion at a fuel depot outside the town killed five drivers that night."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 2
    assert (attacks[0].killed, attacks[1].killed) == (None, 5)


def test_an_indefinite_blast_beside_a_bombing_is_the_bombing(nlp) -> None:
    text = (
        "A car bomb exploded outside a post office in Dovrin on Tuesday. "
        "A blast killed five drivers and shattered windows across the street."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert attacks[0].killed == 5


def test_an_attack_word_of_no_kind_is_the_abduction(nlp) -> None:
    text = (
        "Armed men kidnapped fourteen nurses from a clinic in Dovrin on Tuesday. "
        "An attack on health workers had long been feared by aid groups."
    )
    assert len(of_type(run(nlp, text), "Attack")) == 1


def test_a_group_named_by_its_initials_is_one_side(nlp) -> None:
    text = (
        "The Ruda Patriotic Army shelled an army depot outside Garo on Wednesday. "
        "Officials said the RPA also fired rockets at the barracks."
    )
    assert len(of_type(run(nlp, text), "Attack")) == 1


def test_a_group_of_other_initials_stays_apart(nlp) -> None:
    text = (
        "The Ruda Patriotic Army shelled an army depot outside Garo on Wednesday. "
        "Officials said the RDF also fired rockets at the barracks."
    )
    assert len(of_type(run(nlp, text), "Attack")) == 2


def test_a_bare_definite_does_not_name_again_an_attack_of_a_past_year(nlp) -> None:
    text = (
        "A bomb exploded at a grain market in Dovrin on Monday, killing nine traders. "
        "In 2027, twin bombings killed four guards at a bus depot in Garo. "
        "The governor of Dovrin denounced the explosion on Tuesday."
    )
    ex = run(nlp, text)
    main = of_type(ex, "Attack")[0]
    assert [e.about for e in of_type(ex, "Condemn")] == [main.key]


def test_a_doer_told_by_a_pronoun_takes_no_side(nlp) -> None:
    """"He" after a named source is a guess at who: the mention joins the attack, without the guess."""
    text = (
        "Sahel Movement militants bombed a ferry terminal in Tala, port director Ines Worth told "
        "state radio. He shot dead two guards at the gate first, she said."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("agent")} == {"Sahel Movement militants"}


def test_the_group_as_doer_takes_no_side(nlp) -> None:
    text = (
        "Rebels of the Ruda Legion bombed a bridge near Tala on Monday. "
        "The Dovrin Army, which shelled the town last year, sent engineers. "
        "The group also killed two guards at the bridge."
    )
    main, *others = of_type(run(nlp, text), "Attack")
    assert "Dovrin Army" not in {e.label for e in main.role("agent")}
    assert {e.label for e in main.role("target")} >= {"bridge", "two guards"}
    assert [{e.label for e in o.role("agent")} for o in others] == [{"Dovrin Army"}]


def test_a_doer_told_by_name_still_takes_a_side(nlp) -> None:
    text = (
        "The Azure Brigade shelled a market in Dara on Sunday, a witness, Piet Kolar, told reporters. "
        "Kolar wounded twenty traders, the police said."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert [{e.label for e in a.role("agent")} for a in attacks] == [{"Azure Brigade"}, {"Piet Kolar"}]


def test_a_pronoun_doer_placed_elsewhere_stays_apart(nlp) -> None:
    text = (
        "The Azure Brigade shelled a market in Dara on Sunday. Piet Kolar, a farmer, was arrested nearby. "
        "He shot twenty traders in Lira on Friday, police said."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert [{e.label for e in a.role("location")} for a in attacks] == [{"Dara"}, {"Lira"}]


def test_an_attack_retold_with_another_doer_is_the_main_attack(nlp) -> None:
    """A definite attack noun only its doer tells apart (no place, date or target of its own) is the main
    attack told again: one attack, holding both doers and what either mention told."""
    text = (
        "The Azure Brigade stormed a depot near Tala on Friday, killing four guards. "
        "Residents said the raid by the Sahel Movement lasted an hour."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 1
    assert {e.label for e in attacks[0].role("agent")} == {"Azure Brigade", "Sahel Movement"}
    assert attacks[0].killed == 4


def test_an_attack_retold_with_a_place_of_its_own_stays_apart(nlp) -> None:
    text = (
        "The Azure Brigade stormed a depot near Tala on Friday, killing four guards. "
        "Residents said the raid by the Sahel Movement against a granary at Kisa lasted an hour."
    )
    assert len(of_type(run(nlp, text), "Attack")) == 2


def test_an_earlier_charge_does_not_make_the_attack_an_earlier_one(nlp) -> None:
    """"Had earlier blamed the bombing" dates the charge: the bombing is the attack told, and the charge
    points at it."""
    text = (
        "A car bomb killed nine people at a market in Tala on Monday. "
        "The governor had earlier blamed the bombing on the Ruda Front."
    )
    ex = run(nlp, text)
    attacks = of_type(ex, "Attack")
    assert len(attacks) == 1
    (charge,) = of_type(ex, "Accuse")
    assert charge.about == attacks[0].key


def test_a_state_force_retelling_against_gunmen_stays_apart(nlp) -> None:
    text = (
        "Gunmen stormed a depot near Tala on Friday. "
        "Residents said the shelling by the army went on for hours."
    )
    assert len(of_type(run(nlp, text), "Attack")) == 2


def test_one_speaker_blaming_two_parties_makes_two_accusations(nlp) -> None:
    text = (
        "Gunmen raided a depot in Oru on Monday. The mayor blamed the Velmar Front for the raid. "
        "The mayor later blamed the Ashen Brigade for the raid."
    )
    accused = [{e.label for e in a.role("target")} for a in of_type(run(nlp, text), "Accuse")]
    assert accused == [{"Velmar Front"}, {"Ashen Brigade"}]


def test_a_name_and_its_short_form_in_parentheses_are_one_accused(nlp) -> None:
    text = (
        "Gunmen raided a depot in Oru on Monday. "
        "The mayor accused the Sarn Liberation Army (OKD) of the raid. "
        "The mayor later blamed the OKD for the raid."
    )
    assert len(of_type(run(nlp, text), "Accuse")) == 1


def test_an_attack_recalled_by_a_noun_of_likeness_keeps_its_own_place(nlp) -> None:
    text = (
        "A car bomb killed 12 people at a market in Kisa on Monday. "
        "The blast had echoes of an ambush near Tala, which the Velmar Front carried out."
    )
    main, *others = of_type(run(nlp, text), "Attack")
    assert "Tala" not in {e.label for e in main.role("location")}
    assert [{e.label for e in o.role("location")} for o in others] == [{"Tala"}]


def test_a_toll_told_of_what_an_attack_came_after_is_another_attack(nlp) -> None:
    text = (
        "Gunmen killed 20 villagers in Kisa on Saturday. "
        "The attack came a week after two others nearby, in which nine farmers were killed."
    )
    main, *others = of_type(run(nlp, text), "Attack")
    assert main.killed == 20
    assert [o.killed for o in others] == [9]


def test_the_attack_a_strike_answers_is_another_attack(nlp) -> None:
    text = "The army shelled the village of Garo on Monday over an ambush that killed nine soldiers at Tala."
    attacks = of_type(run(nlp, text), "Attack")
    assert [a.killed for a in attacks] == [None, 9]


def test_a_mob_avenging_the_attack_is_another_attack(nlp) -> None:
    text = (
        "Two gunmen shot dead a preacher outside a chapel in Tala on Sunday. "
        "Hours later an angry mob lynched three of the shooters near the chapel."
    )
    attacks = of_type(run(nlp, text), "Attack")
    assert len(attacks) == 2
    assert {e.label for e in attacks[1].role("agent")} == {"angry mob"}
    assert attacks[1].killed == 3


def test_protesters_after_a_bombing_told_without_its_doers_are_another_attack(nlp) -> None:
    text = (
        "A car bomb killed ten soldiers in Tala on Saturday. "
        "Nationalist protesters later stormed a Garo People's Party office in Dara. "
        "The blast came seven days after twin bombings at a market in Dara left 30 dead."
    )
    attacks = of_type(run(nlp, text, date(2031, 3, 3)), "Attack")
    assert len(attacks) == 3
    assert [{e.label for e in a.role("agent")} for a in attacks[1:]] == [{"Nationalist protesters"}, set()]


def test_denials_of_rebels_and_of_their_countrys_army_stay_two(nlp) -> None:
    ex = run(
        nlp,
        "Gunmen burned the village of Tessit. A Malian rebel group denied the report that its men had burned "
        "Tessit. A Malian army spokesman also denied that troops had burned Tessit.",
    )
    denials = of_type(ex, "Deny")
    agents = sorted(a.label for d in denials for a in d.role("agent"))
    assert agents == ["Malian army spokesman", "Malian rebel group"]
    assert len(denials) == 2


def test_two_mentions_of_one_countrys_rebels_make_one_denial(nlp) -> None:
    ex = run(
        nlp,
        "Gunmen burned the village of Tessit. A Malian rebel group denied that its men had burned Tessit. "
        "The Malian rebels also denied the report.",
    )
    assert len(of_type(ex, "Deny")) == 1
