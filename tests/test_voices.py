"""Voices lens: quotes attributed to speakers, name variants merged, voices only one outlet has."""

from __future__ import annotations

from parallax.lenses.voices import find_quotes, merge_names, normalise_speaker, voices_lens, voices_unique
from parallax.model import Article, Passage


def _article(aid: str, *sentences: str) -> tuple[Article, list[Passage]]:
    """An article whose passages are the given sentences, joined by single spaces in its text."""
    passages, pos = [], 0
    for i, s in enumerate(sentences):
        passages.append(Passage(f"{aid}:{i}", aid, i, s, pos, pos + len(s)))
        pos += len(s) + 1
    return Article(aid, aid.title(), text=" ".join(sentences)), passages


def _lens(*articles: tuple[Article, list[Passage]]) -> dict:
    return voices_lens([a for a, _ in articles], {a.id: ps for a, ps in articles})


def _who(lens: dict, article: str) -> dict[str, dict]:
    return {v["voice"]: v for v in lens["articles"][article]}


def test_x_said_after_a_quote_is_attributed_to_x_with_the_quoted_words_counted():
    lens = _lens(_article("a", '"We will not return him," Bukele said.'))
    assert _who(lens, "a") == {"Bukele": {"voice": "Bukele", "words": 5, "quotes": 1, "direct": 1,
                                          "indirect": 0, "passages": ["a:0"]}}
    assert lens["quotes"] == [{"article": "a", "voice": "Bukele", "kind": "direct",
                               "text": "We will not return him", "words": 5, "passages": ["a:0"]}]


def test_quoted_words_are_counted_as_everywhere_else():
    lens = _lens(_article("a", '"The U.S. paid 40,000 dollars — enough," Bukele said.'))
    assert lens["quotes"][0]["words"] == 6


def test_each_attribution_form_finds_its_speaker():
    cases = {
        '"That is up to El Salvador," said Pam Bondi.': "Pam Bondi",
        'Pam Bondi said, "That is up to El Salvador."': "Pam Bondi",
        'Pam Bondi told reporters: "That is up to El Salvador."': "Pam Bondi",
        '“How can I smuggle a terrorist?” Bukele asked.': "Bukele",
        'Gregory Marsh, a senior fellow at the forum, warned that the deal would not last.': "Gregory Marsh",
        'According to Helen Arceneaux, the statute does not allow it.': "Helen Arceneaux",
        'The court must decide what facilitate means, Helen Arceneaux wrote.': "Helen Arceneaux",
    }
    for text, speaker in cases.items():
        found = find_quotes(text)
        assert [u.speaker for u in found] == [speaker], text


def test_indirect_speech_counts_the_reported_words_without_the_attribution():
    (u,) = find_quotes("Pam Bondi said that the matter rested with the Salvadoran government.")
    assert (u.speaker, u.kind, u.text, u.words) == (
        "Pam Bondi", "indirect", "the matter rested with the Salvadoran government", 7)


def test_name_variants_merge_into_one_voice_within_and_across_articles():
    lens = _lens(
        _article("a", "President Nayib Bukele said he would not return the man.",
                 'Mr. Bukele added: "He is a terrorist."'),
        _article("b", '"We are not going to smuggle him," said President Bukele.',
                 "El Salvador's President Nayib Bukele told reporters the prison was full."),
    )
    a, b = _who(lens, "a"), _who(lens, "b")
    assert set(a) == set(b) == {"Nayib Bukele"}
    assert (a["Nayib Bukele"]["quotes"], a["Nayib Bukele"]["direct"], a["Nayib Bukele"]["indirect"]) == (2, 1, 1)
    assert b["Nayib Bukele"]["passages"] == ["b:0", "b:1"]
    assert lens["unique"] == []


def test_titles_and_roles_are_stripped_and_generic_speakers_dropped():
    assert normalise_speaker("Attorney General Pam Bondi") == "Pam Bondi"
    assert normalise_speaker("Secretary of State Marco Rubio") == "Marco Rubio"
    assert normalise_speaker("President Nayib Bukele of El Salvador") == "Nayib Bukele"
    assert normalise_speaker("Sen. Chris Van Hollen") == "Chris Van Hollen"
    assert normalise_speaker("The Department of Homeland Security") == "Department of Homeland Security"
    assert normalise_speaker("The White House") == "White House"
    assert normalise_speaker("Officials") is None
    assert normalise_speaker("President") is None


def test_a_surname_shared_by_two_people_merges_only_with_the_one_in_its_article():
    merged = merge_names({"a": {"Donald Trump", "Trump"}, "b": {"Melania Trump", "Trump"}, "c": {"Trump"}})
    assert merged[("a", "Trump")] == "Donald Trump"
    assert merged[("b", "Trump")] == "Melania Trump"
    assert merged[("c", "Trump")] == "Trump"


def test_he_said_resolves_to_the_last_named_speaker_and_is_dropped_without_one():
    lens = _lens(
        _article("a", "Raymond Tull said the position was not frivolous.",
                 "Helen Arceneaux disagreed with the ruling entirely.",
                 '"Judges are wary of diplomacy," he said.'),
        _article("b", '"Judges are wary of diplomacy," he said.'),
    )
    a = _who(lens, "a")
    assert a["Raymond Tull"]["indirect"] == 1
    # Arceneaux is mentioned last before "he said", but she is a speaker only if some outlet quotes her.
    assert a["Raymond Tull"]["direct"] == 1
    assert lens["articles"]["b"] == []


def test_pronoun_goes_to_the_speaker_named_last_even_one_quoted_by_another_outlet():
    lens = _lens(
        _article("a", '"The law is clear," said Helen Arceneaux.'),
        _article("b", "Raymond Tull said the position was not frivolous.",
                 "Helen Arceneaux, who teaches law, was not convinced.",
                 '"The act assumes a war," she said.'),
    )
    b = _who(lens, "b")
    assert b["Helen Arceneaux"]["direct"] == 1
    assert b["Raymond Tull"]["direct"] == 0


def test_a_quote_spanning_two_passages_maps_to_both_and_a_following_quote_continues_it():
    lens = _lens(_article(
        "a", '"Washington says the man is in Salvadoran hands.', 'San Salvador says it is not its business," '
        "said Teresa Vallejo, who studies migration law.", '"The order falls into the gap."'))
    (voice,) = lens["articles"]["a"]
    assert voice["voice"] == "Teresa Vallejo"
    assert voice["direct"] == 2 and voice["words"] == 16 + 6
    assert lens["quotes"][0]["passages"] == ["a:0", "a:1"]
    assert lens["quotes"][1]["passages"] == ["a:2"]


def test_scare_quotes_and_speakers_that_are_not_named_are_not_voices():
    lens = _lens(_article(
        "a", 'Trump called them "homegrown" criminals.',
        "Officials said the men were dangerous.",
        "Lawyers for the Venezuelans said they had no hearing.",
        "They said the prison was full."))
    assert lens["articles"]["a"] == []


def test_a_voice_only_one_outlet_includes_is_unique_to_it():
    lens = _lens(
        _article("a", '"We will not return him," Bukele said.', '"The order stands," said Nadia Ferrante.'),
        _article("b", '"He is not coming back," said President Nayib Bukele.'),
    )
    assert lens["unique"] == [{"voice": "Nadia Ferrante", "article": "a"}]
    assert voices_unique({"x": [{"voice": "A"}], "y": [{"voice": "A"}, {"voice": "B"}]}) == [
        {"voice": "B", "article": "y"}]


def test_a_speaker_introduced_by_a_role_is_found_behind_it():
    cases = {
        '"We will strike on Monday," said union president Ana Ruiz.': ("Ana Ruiz", "direct"),
        '"The port cannot absorb this," said logistics consultant Tom Reyes.': ("Tom Reyes", "direct"),
        '"It is over," said the union\'s president, Ana Ruiz.': ("Ana Ruiz", "direct"),
        '"We will close the plant," the company\'s chief executive, Mara Lind, said.': ("Mara Lind", "direct"),
        "The company's chief executive, Mara Lind, said the plant would close in June.": ("Mara Lind", "indirect"),
    }
    for text, (speaker, kind) in cases.items():
        assert [(u.speaker, u.kind) for u in find_quotes(text)] == [(speaker, kind)], text


def test_according_to_names_a_speaker_with_or_without_a_role_but_never_a_report():
    cases = {
        '"The strike goes ahead," according to union president Ana Ruiz.': ("Ana Ruiz", "The strike goes ahead"),
        "According to logistics consultant Tom Reyes, the port will be full by Friday.": (
            "Tom Reyes", "the port will be full by Friday"),
        "According to the company's chief executive, Mara Lind, the plant will close.": (
            "Mara Lind", "the plant will close"),
        "The strike will go ahead, according to Ana Ruiz.": ("Ana Ruiz", "The strike will go ahead"),
    }
    for text, (speaker, said) in cases.items():
        assert [(u.speaker, u.text) for u in find_quotes(text)] == [(speaker, said)], text
    assert find_quotes("The port will be full by Friday, according to reports from the harbour.") == []
    assert find_quotes('"It is over," said on Monday the union president.') == []


def test_a_role_after_the_name_is_not_counted_as_what_was_said():
    (u,) = find_quotes("The strike went ahead, said Ana Ruiz, the union president.")
    assert (u.speaker, u.text, u.words) == ("Ana Ruiz", "The strike went ahead", 4)


def test_role_introduced_voices_are_tallied_per_outlet_and_merge_with_their_surname():
    lens = _lens(
        _article("a", '"We will strike on Monday," said union president Ana Ruiz.', '"No deal," Ruiz added.'),
        _article("b", "According to logistics consultant Tom Reyes, the port will be full by Friday."),
    )
    assert _who(lens, "a")["Ana Ruiz"]["direct"] == 2
    assert _who(lens, "b")["Tom Reyes"]["indirect"] == 1
    assert lens["unique"] == [{"voice": "Ana Ruiz", "article": "a"}, {"voice": "Tom Reyes", "article": "b"}]
