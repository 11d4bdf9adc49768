"""Quotations in the conventions of each language: the right speaker, or none, never a wrong one.
A pronoun ("fügte er hinzu", "a-t-elle ajouté") is the person named just before."""

from __future__ import annotations

import pytest

from bot.ingest.pipeline import quotations

CASES = [
    (
        "de",
        "„Wir öffnen die Brücke im Mai“, sagte der Ingenieur Tobias Brandt am Montag. "
        "»Die Kosten bleiben im Rahmen«, erklärte Stadträtin Ute Winter.",
        [
            ("Wir öffnen die Brücke im Mai", "Tobias Brandt"),
            ("Die Kosten bleiben im Rahmen", "Ute Winter"),
        ],
    ),
    (
        "de",
        "Landrat Karl Berger sagte: „Der Bus fährt ab Juni stündlich.“ "
        "„Das freut uns sehr“, fügte er hinzu.",
        [
            ("Der Bus fährt ab Juni stündlich.", "Karl Berger"),
            ("Das freut uns sehr", "Karl Berger"),
        ],
    ),
    (
        "fr",
        "« Le marché restera ouvert tout l'été », a déclaré la maire Hélène Petit. "
        "« Nous attendons les touristes », a-t-elle ajouté.",
        [
            ("Le marché restera ouvert tout l'été", "Hélène Petit"),
            ("Nous attendons les touristes", "Hélène Petit"),
        ],
    ),
    (
        "es",
        "«La obra termina en abril», dijo el ingeniero Pablo Serrano. "
        "Según la alcaldesa Marta Gil, «el puente es seguro».",
        [("La obra termina en abril", "Pablo Serrano"), ("el puente es seguro", "Marta Gil")],
    ),
    (
        "it",
        "«Il porto riaprirà a giugno», ha detto il comandante Luca Fontana. "
        "«Siamo pronti», ha aggiunto Fontana.",
        [("Il porto riaprirà a giugno", "Luca Fontana"), ("Siamo pronti", "Luca Fontana")],
    ),
    (
        "pt",
        "“A escola abre em março”, disse a diretora Sofia Mendes. "
        "“Estamos muito felizes”, disse ela.",
        [("A escola abre em março", "Sofia Mendes"), ("Estamos muito felizes", "Sofia Mendes")],
    ),
    (
        "ru",
        "«Дорогу откроют осенью», — сказал губернатор Павел Орлов. "
        "По словам инженера Нины Лебедевой, «работы идут по графику».",
        [("Дорогу откроют осенью", "Павел Орлов"), ("работы идут по графику", "Нина Лебедева")],
    ),
    (
        "zh",
        "市长周强表示：“新医院明年投入使用。”“看病会方便很多，”居民孙丽说。",
        [("新医院明年投入使用。", "周强"), ("看病会方便很多，", "孙丽")],
    ),
    (
        "ja",
        "市長の中村健さんは「新しい駅は来年完成する」と述べた。住民は『便利になる』と喜んだ。",
        [("新しい駅は来年完成する", "中村健"), ("便利になる", "")],
    ),
]


@pytest.mark.parametrize(("language", "body", "expected"), CASES)
def test_speakers_in_each_language(
    language: str, body: str, expected: list[tuple[str, str]]
) -> None:
    text = "Titel\n\n" + body
    quotes = quotations(text, language)
    assert [(q.text, q.speaker) for q in quotes] == expected


def test_the_language_is_told_from_the_text_when_not_given() -> None:
    text = (
        "Neue Fähre für den See\n\n„Die Fähre fährt ab Mai jeden Tag“, sagte die Kapitänin "
        "Jana Wolf am Dienstag in der Stadt. Die alte Fähre ist seit vierzig Jahren im Dienst."
    )
    assert [q.speaker for q in quotations(text)] == ["Jana Wolf"]


def test_words_before_a_name_never_become_speakers() -> None:
    for text, language in (
        ("« Nous verrons », a dit Le Monde hier.", "fr"),  # no "Le"
        ("«Ya veremos», dijeron Las Provincias.", "es"),  # no "Las"
        ("„Wir warten ab“, sagte Berlin.", "de"),  # a place alone is no name
    ):
        speakers = [q.speaker for q in quotations("T\n\n" + text, language)]
        assert speakers in ([], [""], ["Le Monde"], ["Las Provincias"]), speakers


def test_a_language_without_rules_of_its_own_keeps_quotations_but_names_nobody() -> None:
    welsh = (
        "Mae'r cyngor wedi cytuno i agor ysgol newydd yn y dref y flwyddyn nesaf.\n\n"
        '"Mae hwn yn ddiwrnod da i\'r plant a\'r rhieni," meddai Y Cynghorydd Huw Jones.'
    )
    found = quotations(welsh, "cy")
    assert [q.text for q in found] == ["Mae hwn yn ddiwrnod da i'r plant a'r rhieni,"]
    assert [q.speaker for q in found] == [""]
