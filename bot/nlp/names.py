"""People's names in running text: finding them, cleaning them, resolving short forms.

A name is a run of capitalised words (with initials and particles such as "de" or "van"), minus
leading job titles and possessive owners ("The Canary's Kit Klarenberg" -> "Kit Klarenberg").
`NameBook` remembers the full names seen in an article so that a later "López" or "Mr. López"
becomes "Luis Fernando López".
"""

from __future__ import annotations

import re

from bot.nlp.wordlists import word_set

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_WORD = rf"(?:(?:[A-Z]\.){{2,}}|[{_UPPER}](?:\w{{0,2}}\.(?=\s)|[\w'’-]*))"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|du|dos|das|bin|ibn|al|el|St\.)"
NAME_PATTERN = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD})*"
_NAME = re.compile(NAME_PATTERN)

# Words written before a name that say what the person is, not who.
TITLES = word_set(
    """
    mr mrs ms miss mx dr prof professor rev reverend sir dame lord lady fr father sister brother
    sen senator rep representative congressman congresswoman gov governor mayor president
    vice former late then current chairman chairwoman chair ceo cfo director judge justice
    attorney general gen lt col maj capt sgt adm admiral commander chief officer minister
    secretary ambassador speaker leader deputy assistant spokesman spokeswoman spokesperson
    candidate nominee host anchor pastor bishop pope king queen prince princess sheriff
    commissioner superintendent coach detective inspector agent trooper lawyer rabbi imam
    democrat democratic republican gop independent u.s. us state federal defense defence
    foreign interior finance health justice prime party house senate white presidential
    campaign manager strategist analyst pollster economist editor columnist reporter author
    activist district circuit county u.s
    sen. rep. gov. gen. lt. col. maj. capt. sgt. dr. mr. mrs. ms. prof. rev. fr. st.
    """
)

# Capitalised words that start sentences or name times, never people.
_NOT_NAMES = word_set(
    """
    a an the this that these those there then thus so but and or yet however meanwhile still
    he she it we they i you his her its our their my your in on at for with after before when
    while if as since although though because during what who why how where which some many
    most all both each every no not one two three also even just only now today yesterday
    much first instead finally indeed moreover furthermore nevertheless nonetheless likewise
    similarly whilst whereas unless
    besides otherwise perhaps maybe ultimately eventually initially currently recently from
    with without within across among amid despite under over through throughout toward towards
    upon via like unlike per against beyond near into onto around behind between following
    including regarding outside inside to by of here once another other such every friends
    speaking reporting
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december according said says asked added
    """
)

# Organisations, not people: a "he" or "she" never refers to them.
_ORGANISATION_WORDS = word_set(
    """
    foundation institute council committee department party news post times journal
    university college school campaign association center centre agency office administration
    commission bureau service board group inc corp corporation company co bank fund network
    report club union coalition alliance society court house senate congress ministry
    government police army navy church poll survey project tribune gazette academy trust
    ministry agency conference league federation authority organisation organization
    institution hospital museum parliament assembly cabinet team airline airways railway
    barracks stadium airport station prison street road
    """
)

# Places that open sentences and are no speakers when no person of that name is in the text.
PLACES = word_set(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming america europe asia
    africa china russia britain england france germany spain italy japan india mexico canada
    iran iraq syria israel ukraine turkey egypt brazil berlin paris london moscow beijing tokyo
    madrid rome chicago boston dallas houston atlanta miami detroit seattle denver
    australia scotland wales ireland pakistan afghanistan korea greece poland sweden norway
    glasgow edinburgh cardiff belfast dublin manchester liverpool birmingham leeds
    """
)

_MAX_NAME_WORDS = 4
_PLACE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.")
PRONOUNS = word_set("he she they we i you it his her him")
SUBJECT_PRONOUNS = word_set("he she they we i you it")


def _word_key(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'")


def clean_name(raw: str) -> str:
    """Strip possessive owners, leading titles and trailing possessives from a name run."""
    words = raw.split()
    if len(words) == 2 and words[0] == "He" and _word_key(words[1]) not in _NOT_NAMES:
        return raw  # "He Jianxiong": a Chinese surname, not the pronoun
    # "The Canary's Kit Klarenberg": the person follows the last possessive word.
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith(("'s", "’s", "s'", "s’")) and i < len(words) - 1:
            words = words[i + 1 :]
            break
    while words and (
        _word_key(words[0]) in TITLES
        or _word_key(words[0]) in _NOT_NAMES
        or _PLACE_ABBREVIATION.fullmatch(words[0])  # "Fla. Donald Trump" after a dateline
    ):
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def is_person(name: str) -> bool:
    """A name that can be a "he" or "she": capitalised, no organisation word, no acronym."""
    words = name.split()
    return (
        bool(words)
        and name[:1].isupper()
        and not any(_word_key(w) in _ORGANISATION_WORDS for w in words)
        and not (len(words) == 1 and (name.isupper() or _word_key(name) in PLACES))
    )


def is_common_word(word: str) -> bool:
    """A word that opens sentences or names a time or place, never a person by itself."""
    key = _word_key(word)
    return key in _NOT_NAMES or key in PLACES or key in SUBJECT_PRONOUNS or key in TITLES


def is_title_word(word: str) -> bool:
    return _word_key(word) in TITLES


def find_name_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, cleaned name) of each capitalised run in text[start:end] that can be a name."""
    found = []
    for match in _NAME.finditer(text, start, len(text) if end is None else end):
        name = clean_name(match.group())
        if name and (_word_key(name.split()[0]) not in _NOT_NAMES or name == match.group()):
            found.append((match.start(), match.end(), name))
    return found


def find_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, cleaned name) for each capitalised run in text[start:end] that can be a name."""
    return [(pos, name) for pos, _, name in find_name_spans(text, start, end)]


class NameBook:
    """Full names seen in one article, to expand a surname to the full name."""

    def __init__(self) -> None:
        self._by_word: dict[str, str] = {}

    def add(self, name: str) -> None:
        words = name.split()
        if not 2 <= len(words) <= _MAX_NAME_WORDS or any(
            is_title_word(w) or _word_key(w) in _NOT_NAMES for w in words
        ):
            return
        for word in (words[-1], words[0]):
            key = _word_key(word)
            current = self._by_word.get(key)
            if current is None or (len(name) > len(current) and current in name):
                self._by_word[key] = name

    def add_from_text(self, text: str) -> None:
        for _, name in find_names(text):
            self.add(name)

    def resolve(self, name: str) -> str:
        """The full form of `name` ("López" -> "Luis Fernando López"), else `name` cleaned."""
        cleaned = clean_name(name) or name
        words = cleaned.split()
        if len(words) == 1:
            return self._by_word.get(_word_key(words[0]), cleaned)
        return cleaned
