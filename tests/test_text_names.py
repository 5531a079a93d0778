"""Names found by the entity heuristic: people, places and bodies, without titles or sentence openers."""

import pytest

from parallax.text.names import entity_tokens, extract_entities, normalise_name


def test_people_lose_their_titles():
    found = extract_entities("Salvadoran President Nayib Bukele met President Trump in the Oval Office.")
    assert {"nayib bukele", "trump", "oval office"} <= found
    assert not any("president" in name for name in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Attorney General Pam Bondi said it was up to El Salvador.", "pam bondi"),
        ("Sen. Chris Van Hollen travelled to San Salvador.", "chris van hollen"),
        ("Mr. Abrego Garcia's lawyers objected.", "abrego garcia"),
        ("The men were taken to CECOT.", "cecot"),
        ("Bukele said no.", "bukele"),
    ],
)
def test_names_are_normalised(text, name):
    assert name in extract_entities(text)


def test_united_states_has_one_key_however_written():
    texts = ("The U.S. sent them.", "The US sent them.", "The United States sent them.", "American officials agreed.")
    for text in texts:
        assert "united states" in extract_entities(text), text


def test_organisations_keep_inner_of():
    assert "department of homeland security" in extract_entities("He said the Department of Homeland Security agreed.")


def test_sentence_openers_days_and_months_are_not_names():
    found = extract_entities("The court ruled on Monday. However, Police said In April nothing changed.")
    assert found == set()


def test_capitalised_words_inside_a_quote_start_a_sentence():
    assert extract_entities('Bondi said: "That\'s up to El Salvador."') == {"bondi", "el salvador"}


def test_demonyms_meet_their_country():
    assert "venezuela" in extract_entities("More than 200 Venezuelans were sent.")
    assert "el salvador" in extract_entities("A Salvadoran man living in Maryland was deported.")


def test_entity_tokens_let_a_surname_meet_a_full_name():
    a = entity_tokens(extract_entities("Nayib Bukele spoke."))
    b = entity_tokens(extract_entities("He met Bukele."))
    assert a & b == {"bukele"}


def test_normalise_name_drops_dots_possessives_and_hyphens():
    assert normalise_name("Abrego-Garcia's") == "abrego garcia"
    assert normalise_name("U.K.") == "united kingdom"
