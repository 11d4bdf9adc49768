"""Speakers on general news, where a doubtful speaker is left out rather than guessed (texts
written for these tests, in the glued-paragraph style of some news archives)."""

from __future__ import annotations

from bot.nlp.quotes import extract_quotations


def speakers(text: str) -> dict[str, str]:
    """Each quotation's first words and its speaker."""
    return {" ".join(q.text.split()[:3]): q.speaker for q in extract_quotations(text)}


def test_a_new_sentence_quoting_again_names_the_next_quotation_speaker() -> None:
    text = (
        'Jo Marsh, the harbour master, said: "The pier will close for a month. "It is old. '
        '"We have to keep the boats away from the works. "The Harbour Board has said it will '
        '"look at every option" for the pier.'
    )
    assert speakers(text)["We have to"] in ("Jo Marsh", "")


def test_she_is_not_an_academy_named_before() -> None:
    text = (
        "Hillside Academy was warned it could lose its funding. A head teacher at one of the "
        'schools, who asked not to be named, spoke of the inspection. "From May I felt alone," '
        'she said. "I did not know it was happening to other heads."'
    )
    found = speakers(text)
    assert found["From May I"] != "Hillside Academy"
    assert found["I did not"] != "Hillside Academy"


def test_she_is_not_the_nearest_name_when_nobody_is_the_subject() -> None:
    text = (
        "The inquiry into the fire at the flats owned by Tom Reed opened in March. After a long "
        'wait the families were heard. "It still feels so raw," she said.'
    )
    assert speakers(text)["It still feels"] != "Tom Reed"


def test_reporting_between_glued_paragraph_marks_takes_no_speaker() -> None:
    text = (
        '"The lock can be picked in a minute," said Ann Pike. "It is cheap. "And then the bike '
        'is gone. "But another locksmith played down the risk of picking, and said that riders '
        'should buy a second lock. "We see so many bikes taken that one lock is never '
        'enough," said Rob Vance. "Two locks slow a thief down.'
    )
    found = speakers(text)
    assert found["But another locksmith"] == ""
    assert found["It is cheap."] == "Ann Pike"


def test_a_place_or_club_before_a_role_is_not_the_speaker() -> None:
    text = (
        "Former Leeds and Hull winger Sam Reid watched the match on television.\n\n"
        '"It was a shock to see them lose like that," he said.\n\n'
        "Yorkshire swimmer Ella Ward reached the final.\n\n"
        '"I have not swum this fast since I was a girl," she said.'
    )
    found = speakers(text)
    assert found["It was a"] == "Sam Reid"
    assert found["I have not"] == "Ella Ward"


def test_link_text_glued_to_a_name_is_cut_off() -> None:
    text = (
        "The boat sank in March. Updates on this story and other news from DevonJane Kemp "
        'told the court: "Nobody on board had been told where the life jackets were."'
    )
    assert speakers(text)["Nobody on board"] == "Jane Kemp"
    text = 'The hotel was sold to Frank VanderSloot. "We are delighted," Frank VanderSloot said.'
    assert speakers(text)["We are delighted,"] == "Frank VanderSloot"


def test_the_person_named_before_a_role_speaks_not_the_organisation() -> None:
    text = (
        "Mr Hale, leader of the Harbour Pilots Association said: "
        '"The new rota puts every crossing at risk."'
    )
    assert speakers(text)["The new rota"] == "Hale"


def test_an_organisation_named_with_of_is_kept_whole() -> None:
    text = 'The Ministry of Fisheries said it would "review every licence" this year.'
    assert speakers(text)["review every licence"] == "Ministry of Fisheries"


def test_he_is_not_a_country_or_a_barracks() -> None:
    text = (
        'Scotland lost to Wales on Saturday. "We were beaten by a better side," he said.\n\n'
        'Brecon Barracks will close in 2027. "This is a sad day for the town," he said.'
    )
    found = speakers(text)
    assert found["We were beaten"] != "Scotland"
    assert found["This is a"] != "Brecon Barracks"


def test_an_attribution_between_glued_marks_is_no_quotation() -> None:
    text = (
        'Reed said: "We lost. "I tried to lift the bag and it hurt my back, " Reed said with a '
        'grin. "It is a different sport.'
    )
    quoted = [q.text for q in extract_quotations(text)]
    assert "Reed said with a grin." not in quoted
    text = '"This is the night," Reed said. "He told me we had no chance."'
    assert "He told me we had no chance." in [q.text for q in extract_quotations(text)]


def test_he_is_not_a_sentence_opening_whilst() -> None:
    text = (
        "Whilst the camp was close to the mine, the prisoners rarely saw it. "
        '"In the nights you could hear the trucks," he said.'
    )
    assert speakers(text)["In the nights"] != "Whilst"
