"""Who a noun phrase names: the speaker in the words next to a speech verb.

`subject_of` reads the words before a verb ("IMF chief economist Maury Obstfeld said",
"Ryan Grim of The Intercept assessed", "X, the mayor, said"), `object_speaker` the words after
one ("said a senior aide"), `sentence_subject` whoever opens a sentence. Names are preferred to
descriptions; a name inside a modifier ("of The Intercept") is not the speaker.
"""

from __future__ import annotations

import re

from bot.nlp.names import (
    SUBJECT_PRONOUNS,
    find_name_spans,
    find_names,
    is_person,
    is_title_word,
)
from bot.nlp.wordlists import word_set

_AUX = word_set(
    """
    has had have also then later once previously recently again would will was were is
    quickly simply only angrily bluntly flatly reportedly repeatedly publicly privately
    earlier often frequently never famously memorably once just first always already still even
    """
)

_CLAUSE_BREAK = re.compile(
    r"[;:(—–―]|,(?!\s*(?:Jr|Sr|Inc)\b)|\b(?i:and|but|that|because|when|while|although|after|"
    r"before|if|so|where|which|as|whom|than|since|until|though|what|how|why)\b"
)

# A preposition (and what follows it) between names: "<word> of ...", "<word> at the ...".
_MODIFIER_END = re.compile(
    r"(?:(?P<word>[\w.’']+)\s+|^\s*)(?:of|at|for|from|with|in|on|to|who|whose|during|about|by)"
    r"\s(?:[\w’'-]+\s+){0,6}$"
)

DETERMINER = re.compile(
    r"^(?:the|a|an|one|another|his|her|their|its|two|three|several|some|many|most|other|"
    r"someone|somebody|everyone|anyone|nobody|no one|"
    r"these|those|both|all)\s",
    re.IGNORECASE,
)

_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)")

_TRAILING_TIME = re.compile(
    r"\s+(?:on|in|at|during|over|last|this|late|early|earlier|yesterday|today|recently|told)"
    r"\b.*$"
)

_DATELINE = re.compile(
    r"^[A-Z][A-Z'’ .-]+,?(?:\s+[A-Z0-9][\w.]*,?){0,3}\s*(?:\([^)]{0,20}\))?\s*[—–-]+\s*"
)

_OPENING_PHRASE = re.compile(
    r"^(?:[A-Z][a-z]+(?:ed|ing)\b[^,]{0,160},\s*)?"  # "Horrified at the prospect, ..."
    r"(?:(?:And|But|So|Yet|Also|Then|Still|Now)\s+(?:then\s+|now\s+|also\s+)?)?"
    r"(?:(?i:in|on|at|after|before|during|since|until|last|earlier|later|speaking|asked|when|"
    r"while|however|meanwhile|today|yesterday|as|if|although|though|because|across|throughout|"
    r"among|amid|despite|outside|inside|with|without|under)\b[^,]{0,100},\s*)?"
)

_ROLE_WORDS = word_set(
    """
    official officials aide aides spokesman spokeswoman spokesperson adviser advisers advisor
    critics supporters researchers experts analysts officers staffers sources source lawmakers
    democrats republicans voters residents protesters organizers statement report letter
    editorial memo campaign committee group
    """
)

# Words that show a phrase is a clause, not a speaker description.
_NON_NOUN_WORDS = word_set(
    """
    was were is are be been being it him her them me us there what this that which would
    could should will can may might must not do does did have has had
    """
)

# The end of a speaker named after its verb; periods inside are abbreviations ("Sen.") since
# the text given ends at the sentence end.
_OBJECT_END = re.compile(r"[,;:!?“”\"(]|\.\s*$|\s[—–-]\s|\s(?:who|whom|whose|which)\s")

# Words opening an adverbial phrase before a sentence's subject ("After winning Ohio, X").
_CLAUSE_OPENERS = word_set("after before when while since following despite during upon once")
_DESCRIBED_SUBJECT = re.compile(
    r"(?P<who>(?:[Tt]he|An?|an?|His|Her|Their|Its|his|her|their|its)\s+(?:[\w’'-]+\s+){0,4}?"
    r"[\w’'-]+)\s+"
    r"(?:has\s+|had\s+|also\s+|then\s+)?(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|took|sent|made|"
    r"gave|said|told|wrote|put|set|held|led|came|went|got|saw|thought|felt|kept|left|met|ran|"
    r"spoke|began|became|brought|found|knew|won|lost|paid|rose|stood|struck|swore|threw)\b"
)

_SHARE = re.compile(r"\d[\d.,]*\s+(?:percent|per\s+cent)\b|\d[\d.,]*%")

# One capitalised word opening a sentence that is an adverb or participle, not a name.
_ADVERBIAL_OPENER = re.compile(r"[A-Z][a-z]+(?:ly|ing|ed)")

_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|and|but|if|because|when|while|as)\b")

_CLAUSE_OPENING = re.compile(r"\s*(?:that|if|whether|to|how|what|why|when|it|this)\b")

# Time phrases between a subject and its verb ("The department two weeks ago said").
_SUBJECT_ADVERBIAL = re.compile(
    r"(?:\s+(?:less|more)\s+than)?\s+\S+\s+(?:days?|weeks?|months?|years?)\s+ago$"
    r"|\s+(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|night|morning|afternoon|evening)$"
    r"|\s+(?:yesterday|today|tonight|recently|again)$"
)

_MODAL = re.compile(
    r"\s(?:will|would|could|should|may|might|must|can|has|have|had|is|are|was|were)\b"
)

_RELATIVE = re.compile(r"\s*(?:who|whom|that|which)\s+")  # "..., who Beck called ..."

_DASH_END = re.compile(r"\s*(--|—|–)\s*$")
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")

_MAX_SUBJECT_WORDS = 14
# A place, club or nationality before the role of the person named next: "Welsh swimmer",
# "Former Liverpool and Spurs midfielder", "Hull MP".
_DESCRIBED_PERSON = re.compile(
    r"(?:[Ff]ormer\s+)?[A-Z][\w’'-]*(?:\s+(?:and|&)\s+[A-Z][\w’'-]*)*(?:\s+[A-Z][a-z]+)?\s+"
    r"(?:[a-z-]+(?:er|or|ist|man|woman|ian|ant|ent|ee)|captain|chief|coach|boss|head|star|MP|"
    r"MSP|AM|MEP)\s+(?=[A-Z])"
)

MAX_DESCRIPTION_WORDS = 8
_CAPITALISED = r"[A-Z][\w’'&-]*"
# "The Ministry of Defence", "Department for Transport": a name with "of" or "for" inside.
_ORGANISATION_NAME = re.compile(
    rf"(?:[Tt]he\s+)?(?P<org>(?P<head>{_CAPITALISED}(?:\s+{_CAPITALISED})*)\s+(?:of|for)\s+"
    rf"(?:the\s+)?{_CAPITALISED}(?:\s+(?:and\s+)?{_CAPITALISED}){{0,3}})"
)

_DESCRIBED_ROLE_WORDS = 5

_TRAILING_FUNCTION_WORDS = word_set("the a an of from at in on for with by to and or")


def description(chunk: str) -> str | None:
    """A short noun phrase written between a quotation and its verb ("the 71-year-old
    diplomat"): it opens with a determiner or capital, or ends with a role word."""
    words = chunk.strip(" ,").split()
    determined = DETERMINER.match(chunk.strip()) is not None  # "her aide": "her" is no object
    lowered = {w.strip("’'") for w in words[int(determined) :] if w.islower()}
    if not words or lowered & _NON_NOUN_WORDS or _CLAUSE_WORD.search(chunk):
        return None
    if not (DETERMINER.match(chunk.strip()) or words[0][0].isupper() or is_role(words[-1])):
        return None
    return " ".join(words)


def is_role(word: str) -> bool:
    return word.lower() in _ROLE_WORDS or is_title_word(word)


def sentence_subject(sentence: str) -> str | None:
    """The name or pronoun that opens a sentence ("Walter Hewlett sniped that ...")."""
    sentence = _DATELINE.sub("", sentence)
    for _ in range(3):  # "On Thursday, after a long silence, Warren ..." -> Warren ...
        opening_phrase = _OPENING_PHRASE.match(sentence)
        if not opening_phrase or not opening_phrase.group():
            break
        sentence = sentence[opening_phrase.end() :]
    described_person = _DESCRIBED_PERSON.match(sentence)
    if described_person:  # "Welsh swimmer Georgia Davies", "Liverpool and Spurs midfielder X"
        sentence = sentence[described_person.end() :]
    opening = _CLAUSE_BREAK.split(sentence, maxsplit=1)[0]
    words = opening.split()
    if not words:
        return None
    if words[0].lower() in SUBJECT_PRONOUNS:
        return words[0]
    head = " ".join(words[:8])
    names = find_names(head)
    # "Democratic presidential nominee Hillary Clinton": only titles before the name
    if (
        names
        and not _ADVERBIAL_OPENER.fullmatch(names[0][1])
        and all(
            is_role(w) or w in names[0][1] or w.lower() == "the"
            for w in head[: names[0][0]].split()
        )
    ):
        return names[0][1]
    described = _DESCRIBED_SUBJECT.match(opening)  # "The town released a statement"
    if described is None:
        return None
    return _MODAL.split(described.group("who"), maxsplit=1)[0].strip() or None


_FINITE_VERB = (
    r"(?:[a-z]+ly\s+)?(?:has\s+|had\s+)?(?:[a-z]{2,}(?:ed|[^su\W]s)|took|sent|made|gave|said|"
    r"told|wrote|put|set|held|led|came|went|got|saw|kept|left|met|ran|spoke|began|became|brought|"
    r"found|won|lost|struck|threw|stood|rose|sought|thought|fought|taught|bought|drew|flew|grew)\b"
)
_ADVERB_BEFORE_VERB = (
    r"(?:\s+(?:later|also|then|again|once|on\s+[A-Z][a-z]+day|last\s+[a-z]+|this\s+[a-z]+))?"
)
_VERB_AFTER_NAME = re.compile(rf"{_ADVERB_BEFORE_VERB}\s+{_FINITE_VERB}")
_CLAUSE_DESCRIBED = re.compile(
    r"(?P<who>(?i:the|an?|one|another|some|several|many|most|two|three|his|her|their|its)\s+"
    rf"(?:[\w’'-]+\s+){{0,4}}?[\w’'-]+){_ADVERB_BEFORE_VERB}\s+{_FINITE_VERB}"
)
_NOT_IN_SUBJECT = word_set("to his her their its and or but that which who was is were are not")
# Clauses whose subject is not the doer of a participle after them (relative, comparative).
_SUBORDINATE = word_set("that which who whom as than what how why if")


def clause_subject(text: str) -> str | None:
    """Subject of the last clause in `text` that has one: the doer of a participle that follows
    ("Later, Jo Li changed course, telling ..." -> Jo Li; "X spoke and left, saying" -> X)."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text))]
    for k in range(len(bounds) - 1, -1, -1):
        piece = text[bounds[k] : bounds[k + 1] if k + 1 < len(bounds) else len(text)]
        introducer = text[max(0, bounds[k] - 6) : bounds[k]].split()
        piece = piece.strip().strip(",;:()—–―").strip()
        if not piece:
            continue
        if introducer and introducer[-1].lower() in _SUBORDINATE:
            continue
        first = piece.split(maxsplit=1)[0]
        if first.lower() in SUBJECT_PRONOUNS and first.lower() != "it":
            return first
        for start, end, name in find_name_spans(piece):  # "X campaign spokesman Jo Li said"
            leading = piece[:start].split()
            if not all(is_role(w) or w.lower() == "the" or w[:1].isupper() for w in leading):
                break
            if _VERB_AFTER_NAME.match(piece, end):
                return name
        described = _CLAUSE_DESCRIBED.match(piece)
        if described and not set(described.group("who").split()[1:]) & _NOT_IN_SUBJECT:
            return described.group("who")
    return None


def subject_of(chunk: str) -> str | None:
    """The speaker in the words before a speech verb: "IMF chief economist Maury Obstfeld",
    "Rep. Jim McDermott (D-Wash.)", "Ryan Grim of The Intercept", "he", "a senior aide"."""
    chunk = _SUBJECT_ADVERBIAL.sub("", _PARENTHESIS.sub("", chunk).rstrip())
    words = chunk.split()
    while words and words[-1].lower() in _AUX:
        words.pop()
    if words and words[-1].lower() in SUBJECT_PRONOUNS:
        return words[-1]
    chunk = " ".join(words)
    apposition = None
    dash = _DASH_END.search(chunk)
    if chunk.endswith(",") or dash:  # "X, the mayor of Y, said", "X -- a former aide -- said"
        mark = "," if not dash else dash.group(1)
        head, sep, apposition = chunk[: dash.start() if dash else -1].rpartition(mark)
        if not sep:
            return None
        chunk = head.rstrip()
    pieces = _CLAUSE_BREAK.split(chunk)
    phrase = pieces[-1].strip()
    who = pick_speaker(phrase)
    role = phrase.split(maxsplit=1)[0] if phrase else ""
    if (
        len(pieces) > 1
        and role.islower()
        and is_role(role)
        and chunk.count(",") == 1
        and not (who and is_person(who))
    ):
        named = name_in(pieces[-2].strip())  # "Mr Cortes, leader of the TSSA said": no 2nd comma
        if named and is_person(named):
            return named
    if who is None and not phrase and len(pieces) > 1 and _COORDINATED.search(chunk):
        who = sentence_subject(pieces[-2])  # "Cruz knocked Rubio and called him ..."
    if apposition is not None:
        named = name_in(apposition)
        opening = head.rpartition(",")[2].split()
        if named and len(named.split()) > 1 and opening and opening[0].lower() in _CLAUSE_OPENERS:
            return named  # "After winning Ohio, Gov. John Kasich (R-OH), said": a stray comma
        if named and (who is None or not who[:1].isupper() or DETERMINER.match(who)):
            return named
    return who


def object_speaker(chunk: str) -> str | None:
    """The speaker after a verb or "according to": up to the first comma or clause break."""
    if _CLAUSE_OPENING.match(chunk):
        return None  # `..." suggests that Phoenix ...` names no speaker
    chunk = _PARENTHESIS.sub("", chunk)
    phrase = _OBJECT_END.split(chunk, maxsplit=1)[0].strip()
    return pick_speaker(_TRAILING_TIME.sub("", phrase) or phrase)


def pick_speaker(phrase: str) -> str | None:
    words = phrase.split()
    if not words:
        return None
    if len(words) > _MAX_SUBJECT_WORDS:
        head = words[:MAX_DESCRIPTION_WORDS]  # "a bipartisan group of 32 experts at the ..."
        while head and head[-1] in _TRAILING_FUNCTION_WORDS:
            head.pop()
        if DETERMINER.match(phrase) and not {w.strip("’'") for w in head} & _NON_NOUN_WORDS:
            return " ".join(head)
        return None
    if len(words) == 1 and words[0].lower() in SUBJECT_PRONOUNS:
        return words[0]
    if (
        DETERMINER.match(phrase)
        and len(words) <= _DESCRIBED_ROLE_WORDS
        and words[-1].islower()
        and is_role(words[-1])
    ):
        return phrase  # "the Florida senator" is a description, not Florida
    named = name_in(phrase)
    organisation = _ORGANISATION_NAME.fullmatch(phrase)
    if named and organisation and not is_person(organisation.group("head")):
        return organisation.group("org")  # "The Ministry of Defence", not "Ministry"
    if named:
        return named
    determined = DETERMINER.match(phrase) is not None  # "her lawyers": "her" is no object
    lowered = {w.strip("’'") for w in words[int(determined) :] if w.islower()}
    if lowered & _NON_NOUN_WORDS:
        return None
    if (
        DETERMINER.match(phrase)
        or _SHARE.match(phrase)
        or (
            len(words) <= 3
            and words[-1].islower()
            and (words[-1] in _ROLE_WORDS or is_title_word(words[-1]) or words[-1].endswith("s"))
        )
    ):
        return " ".join(words[:MAX_DESCRIPTION_WORDS])
    return None


def name_in(phrase: str) -> str | None:
    """The speaker's name in a noun phrase: the head name, not one inside a modifier.
    "IMF chief economist Maury Obstfeld" -> Maury Obstfeld; "Ryan Grim of The Intercept" ->
    Ryan Grim; "at the Ohio convention Sen. Jo Li" -> Jo Li; "Minister of Defense Luis López"
    -> Luis López (a title's "of" is no modifier); "the mayor of Chicago" -> none."""
    best = None
    previous_end = 0
    place_of_title = False
    for start, end, name in find_name_spans(phrase):
        gap = phrase[previous_end:start]
        modifier = _MODIFIER_END.search(gap) if not _RELATIVE.fullmatch(gap) else None
        if modifier and not is_title_word(modifier.group("word") or ""):
            if best is not None:
                break  # "Ryan Grim of The Intercept": the rest qualifies the name found
        else:
            place_of_title = modifier is not None  # "Minister of Defense ...", "mayor of X"
            best = name
        previous_end = end
    if place_of_title and best is not None and len(best.split()) == 1:
        return None  # "the mayor of Chicago" names a place, not the mayor
    return best
