"""Synthetic news articles, written by the project, deterministic per (seed, index).

About 750 words an article: a title, an outlet, an author and a date, paragraphs of varied length
whose words follow a Zipf-like distribution (a few very common words, a long tail of rare ones,
as in real news), and direct quotations with their speakers in the usual news forms (`"...," X
said.`, `X said: "..."`, `According to X, "..."`, `"...," he added.`). Speakers are drawn with a
skew too, so `quote by:` meets both prolific and rarely quoted people.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from bot.ingest.document import Document


def _words(text: str) -> list[str]:
    return text.split()


VERSION = 1  # change when the generated text changes, so cached libraries are rebuilt
WORDS_PER_ARTICLE = 750
_VOCABULARY_SIZE = 30_000
_FUNCTION_WORDS = _words(
    "the of and to a in that is was for on with as it by at from his her they their be this "
    "have has had not are were which but an or who its also after more would been will one "
    "than about over into new other when there all two could some year years what most people "
    "first out up only before under while last against during many because between since"
)
_ONSETS = _words("b bl br c ch cr d dr f fr g gr h j k l m n p pr r s sh st t th tr v w")
_VOWELS = _words("a e i o u a e i o ea ou")
_CODAS = ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "m", "ng"]
_FIRST_NAMES = _words(
    "Ana Luis María José Carmen Evo Jeanine David Sarah Michael Fatima Omar Aisha Chen Wei "
    "Li Hiroshi Yuki Olga Ivan Pierre Claire Hans Greta Kwame Amara Priya Ravi Sofia Marco "
    "Elena Tomás Nadia Yusuf Laila Daniel Rachel Samuel Grace Peter Hannah Diego Lucía Rosa "
    "Jorge Ngozi Chidi Mei Jun Aleksandr Irina Kofi Esther Julien Amélie Mateo Valentina"
)
_LAST_NAMES = _words(
    "López García Morales Áñez Arce Smith Johnson Williams Brown Okafor Mensah Haddad Khan "
    "Nguyen Tanaka Sato Petrov Ivanova Dubois Martin Schmidt Müller Lindqvist Mbeki Adeyemi "
    "Sharma Patel Rossi Bianchi Fernández Rodríguez Kowalski Novak Horvat Yilmaz Demir Cohen "
    "Levi Oyelaran Castillo Herrera Vargas Rojas Mendoza Silva Santos Pereira Costa Almeida "
    "Wang Zhang Liu Park Kim Choi Sokolov Volkov Jansen Visser Bakker Nielsen Hansen"
)
_ROLES = (
    "the minister of the interior",
    "a spokesperson for the ministry",
    "the union leader",
    "the opposition senator",
    "a professor of economics",
    "the mayor",
    "an election observer",
    "the party's chairman",
    "a local organiser",
    "the ambassador",
)
_VERBS = ("said", "told reporters", "added", "warned", "argued", "insisted", "explained")
_OUTLETS = [
    f"The {w} {k}"
    for w in ("Daily", "Evening", "Weekly", "Morning", "Global")
    for k in (
        "Herald",
        "Courier",
        "Tribune",
        "Observer",
        "Dispatch",
        "Gazette",
        "Monitor",
        "Review",
    )
]


@dataclass(frozen=True)
class Article:
    """A generated article with the metadata a real one brings."""

    index: int
    title: str
    text: str
    author: str
    outlet: str
    published: str

    def document(self) -> Document:
        return Document(
            title=self.title,
            text=self.text,
            author=self.author,
            outlet=self.outlet,
            published=self.published,
        )

    def as_file_text(self) -> str:
        """The article as a .txt upload: title on the first line, then the body."""
        return f"{self.title}\n\n{self.text}\n"


def _vocabulary(size: int) -> list[str]:
    rng = random.Random(7)
    seen = set(_FUNCTION_WORDS)
    words = list(_FUNCTION_WORDS)
    while len(words) < size:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _zipf_weights(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


VOCABULARY = _vocabulary(_VOCABULARY_SIZE)
_WORD_WEIGHTS = _zipf_weights(len(VOCABULARY), 1.05)
# Shuffled so that the most quoted people do not all share one surname.
SPEAKERS = [f"{first} {last}" for last in _LAST_NAMES for first in _FIRST_NAMES]
random.Random(11).shuffle(SPEAKERS)
_SPEAKER_WEIGHTS = _zipf_weights(len(SPEAKERS), 0.9)


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, n: int) -> list[str]:
        return self.rng.choices(VOCABULARY, cum_weights=_WORD_WEIGHTS, k=n)

    def sentence(self, low: int = 8, high: int = 28) -> str:
        words = self.words(self.rng.randint(low, high))
        if self.rng.random() < 0.3:  # a proper noun somewhere in the sentence
            words[self.rng.randrange(len(words))] = self.rng.choice(_LAST_NAMES)
        text = " ".join(words)
        if len(words) > 12 and self.rng.random() < 0.4:
            cut = self.rng.randint(4, len(words) - 4)
            text = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
        return text[0].upper() + text[1:] + "."

    def speaker(self) -> str:
        return self.rng.choices(SPEAKERS, cum_weights=_SPEAKER_WEIGHTS, k=1)[0]

    def quotation_paragraph(self) -> str:
        """A paragraph built around a quotation, in one of the common news forms."""
        name = self.speaker()
        surname = name.split()[-1]
        said = self.rng.choice(_VERBS)
        quote = self.sentence(6, 22).rstrip(".")
        form = self.rng.randrange(6)
        if form == 0:
            text = f"“{quote},” {said} {name}, {self.rng.choice(_ROLES)}."
        elif form == 1:
            text = f"“{quote},” {name} {said}."
        elif form == 2:
            text = f"{name}, {self.rng.choice(_ROLES)}, {said}: “{quote}.”"
        elif form == 3:
            text = f"According to {name}, “{quote}.”"
        elif form == 4:
            more = self.sentence(6, 18).rstrip(".")
            text = f"“{quote},” {name} said. “{more}.”"
        else:
            more = self.sentence(6, 18).rstrip(".")
            text = f"{name} {said} that “{quote}.” Later, “{more},” {surname} added."
        if self.rng.random() < 0.5:
            text += " " + self.sentence()
        return text

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4, 5))))


def article(index: int, seed: int = 1) -> Article:
    """The article number `index` of the synthetic library `seed` (always the same text)."""
    rng = random.Random(seed * 1_000_003 + index)
    writer = _Writer(rng)
    title_words = writer.words(rng.randint(5, 10))
    title = " ".join(w.capitalize() if w not in _FUNCTION_WORDS[:20] else w for w in title_words)
    title = title[0].upper() + title[1:]
    paragraphs: list[str] = []
    words = 0
    while words < WORDS_PER_ARTICLE:
        paragraph = writer.quotation_paragraph() if rng.random() < 0.3 else writer.paragraph()
        paragraphs.append(paragraph)
        words += paragraph.count(" ") + 1
    published = date(2000, 1, 1) + timedelta(days=rng.randrange(26 * 365))
    return Article(
        index=index,
        title=title,
        text="\n\n".join(paragraphs),
        author=writer.speaker(),
        outlet=rng.choice(_OUTLETS),
        published=published.isoformat(),
    )


def articles(start: int, stop: int, seed: int = 1) -> list[Article]:
    return [article(i, seed) for i in range(start, stop)]
