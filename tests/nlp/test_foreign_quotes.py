"""Quotations in eight languages (text written for these tests): the right speaker, or none —
never a wrong word such as "Le", "Las", a place or a newspaper (issue 14)."""

from __future__ import annotations

import pytest

from bot.ingest.pipeline import quotations

# (language, text, [(start of the quotation, speaker or "" for unattributed)])
CASES = [
    (
        "de",
        "„Das ist eine Politik für die nächste Generation“, sagte die Abgeordnete Maria "
        "Schneider am Dienstag in Berlin.",
        [("Das ist eine Politik", "Maria Schneider")],
    ),
    (
        "de",
        "Bürgermeisterin Anna Vogel sagte: „Wir haben drei Angebote sorgfältig geprüft.“ "
        "Die Opposition widersprach.\n„Das reicht uns nicht“, sagte sie.",
        [("Wir haben drei", "Anna Vogel"), ("Das reicht uns", "Anna Vogel")],
    ),
    (
        "de",
        "„Die Züge fahren ab Montag wieder pünktlich“, sagte der Chef der Deutschen Bahn, "
        "Richard Lutz.",
        [("Die Züge fahren", "Richard Lutz")],
    ),
    (
        "de",
        "»Wir öffnen den Hafen im Mai wieder«, erklärte Hafenmeister Jens Brandt.",
        [("Wir öffnen den Hafen", "Jens Brandt")],
    ),
    (
        "fr",
        "« La porte de mon ministère reste ouverte », a affirmé le ministre Antoine Dubois.",
        [("La porte de mon", "Antoine Dubois")],
    ),
    (
        "fr",
        "La directrice Claire Martin était ravie. « Nous ouvrirons aussi le samedi matin », "
        "a-t-elle ajouté.",
        [("Nous ouvrirons aussi", "Claire Martin")],
    ),
    (
        "fr",
        "« Les travaux sont finis depuis mars », a déclaré Claire Martin. « Nous ouvrirons "
        "aussi le samedi matin », a-t-elle ajouté.",
        [("Les travaux sont finis", "Claire Martin"), ("Nous ouvrirons aussi", "Claire Martin")],
    ),
    (
        "fr",
        "« C'est une grande victoire pour nous », a déclaré Paris dans un communiqué.",
        [("C'est une grande", "")],
    ),
    (
        "es",
        "«Llega tarde y llega mal», dijo Antonio García a los periodistas.",
        [("Llega tarde", "Antonio García")],
    ),
    (
        "es",
        "«Habrá elecciones generales en junio», dijo el presidente del Gobierno, Pedro Sánchez.",
        [("Habrá elecciones", "Pedro Sánchez")],
    ),
    (
        "es",
        "Según la alcaldesa Lucía Romero, «el puente estará listo en verano».",
        [("el puente estará", "Lucía Romero")],
    ),
    (
        "it",
        "«Siamo pronti a lavorare con tutti», ha detto il sindaco Marco Rossi.",
        [("Siamo pronti", "Marco Rossi")],
    ),
    (
        "it",
        "«Il progetto è fermo da molti mesi», ha detto ieri a Roma il ministro.",
        [("Il progetto è fermo", "")],
    ),
    (
        "pt",
        "“Vamos abrir a escola nova em março”, disse a diretora Ana Souza.",
        [("Vamos abrir a escola", "Ana Souza")],
    ),
    (
        "pt",
        "Segundo o prefeito Carlos Lima, “a obra termina antes do Natal”.",
        [("a obra termina", "Carlos Lima")],
    ),
    (
        "ru",
        "«Мы не позволим закрыть завод», — сказал директор Иван Петров.",
        [("Мы не позволим", "Иван Петров")],
    ),
    (
        "ru",
        "По словам Ивана Петрова, «завод будет работать до конца года».",
        [("завод будет работать", "Иван Петров")],
    ),
    (
        "ru",
        "«Строительство моста завершится к осени», — заявила мэр Анна Смирнова.",
        [("Строительство моста", "Анна Смирнова")],
    ),
    ("zh", "市长王明表示：“我们将在明年完成这条地铁线路的建设。”", [("我们将在明年", "王明")]),
    ("zh", "“这条线路将大大缩短市民的通勤时间，”张伟东说。", [("这条线路将", "张伟东")]),
    ("zh", "发言人表示：“公司不会裁减任何一名员工。”", [("公司不会裁减", "")]),
    ("ja", "「新しい橋は来年の春に開通します」と田中市長は述べた。", [("新しい橋は", "田中")]),
    ("ja", "佐藤教授は「この研究には十年かかりました」と話した。", [("この研究には", "佐藤")]),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_quotations_get_the_right_speaker_or_none(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(q.text, q.speaker) for q in quotations(text, language)]
    assert len(found) == len(expected), found
    for (quote, speaker), (opening, want) in zip(found, expected, strict=True):
        assert quote.startswith(opening), found
        assert speaker == want, (quote, speaker)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Zeitung nannte den Plan einen „Skandal“. Der Film „Das Boot“ lief gestern."),
        ("fr", "Le journal « Le Monde » parle d'une « crise » sans précédent."),
        ("es", "El periódico «El País» publicó un artículo sobre la «crisis»."),
        ("ru", "Газета «Коммерсантъ» сообщила об этом в среду."),
        ("zh", "他在《人民日报》上发表了一篇文章，谈到“内卷”现象。"),
        ("ja", "映画『千と千尋』は「名作」と呼ばれる。"),
    ],
)
def test_titles_and_quoted_terms_are_not_quotations(language: str, text: str) -> None:
    assert quotations(text, language) == []


def test_a_quotation_repeated_in_an_article_is_kept_once() -> None:
    text = (
        "«No habrá más retrasos en la obra», afirmó el alcalde, Juan Pérez.\n"
        "Los vecinos repetían la frase: «No habrá más retrasos en la obra»."
    )
    assert [q.speaker for q in quotations(text, "es")] == ["Juan Pérez"]


def test_a_quotation_left_open_runs_to_the_end_of_its_paragraph() -> None:
    text = "„Wir werden den Hafen erweitern. Das dauert zwei Jahre\nDanach kommt der Rest."
    [quote] = quotations(text, "de")
    assert quote.text.endswith("zwei Jahre") and quote.speaker == ""
