"""Checks a written summary must pass before anyone sees it.

Every sentence ends with citations (`[3]`, `[3,5]`) of sentences the article has; every quoted
span (text between double quotation marks) occurs verbatim in the article, and is not credited
to someone else than the speaker the bot found for it; every number and capitalised name occurs
in the sentences cited for it; no links, no markup, no @mentions the article lacks. The checks
are cheap and literal, on purpose: what they let through is at least said by the article, where
the citation says. (Renderers defuse mentions anyway; an @name the article has may stay.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.nlp.sentences import split_sentences
from bot.nlp.wordlists import word_set

_CITATION = re.compile(r"\s*\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\][.!?]*")
_QUOTED = re.compile(r"[“\"„«]([^“”\"„«»]{1,1000})[”\"“»]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Links, HTML tags, markdown links and bold (not the asterisks of a censored "f**k").
_LINK_OR_MARKUP = re.compile(
    r"https?://|www\.|<[a-z/!@#]|\]\(|(?<![\w*])(?:\*\*|__)(?=\w)", re.IGNORECASE
)
_MENTION = re.compile(r"(?<!\w)@[\w.:-]+")
_PREAMBLE = re.compile(r"^[^\n\[]{0,80}:\s*\n")  # "Here is a summary:" on a line of its own
# Capitalised only because they open a sentence (or say "I"): never taken for names.
_OPENERS = word_set(
    """
    a an the this that these those there here it its he she they we i you his her their our
    in on at after before during while when as since until by for from with without of to into
    but and or so yet also meanwhile however although though despite according both each some
    many most several other another one two three four five six seven eight nine ten
    what who which where why how if then now today yesterday tomorrow earlier later
    """
)
_COMMON = word_set(
    """
    a an the and or but of to in on at for with by from as is are was were be been it its this
    that these those he she they his her their has have had will would could may might not
    said says say who which what when where than then there also into over after before about
    """
)
UNCITED = "a sentence cites nothing"
SUPPORTED = 0.5  # share of a sentence's content words found in its citations


@dataclass(frozen=True)
class Problem:
    """Why a summary failed: `reason` is ours alone (it may be shown in the room), `detail`
    quotes the model's words (it goes back to the model only, with the retry)."""

    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason


@dataclass(frozen=True)
class Claim:
    """One sentence of a summary and the numbers of the article sentences it cites."""

    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Checked:
    summary: str  # the answer as shown: white space collapsed, any preamble line dropped
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def check(
    answer: str,
    sentences: Sequence[str],
    speakers: Mapping[str, str] | None = None,
) -> Checked:
    """Check `answer` against the article's numbered `sentences`; `speakers` maps the bot's
    own quotations of the article to who said them."""
    summary = " ".join(_PREAMBLE.sub("", answer.strip(), count=1).split())
    claims, problems = _claims(summary)
    article = _normal(" ".join(sentences))
    mentions = set(_MENTION.findall(summary)) - set(_MENTION.findall(article))
    if _LINK_OR_MARKUP.search(summary) or mentions:
        problems.append(Problem("it contains a link, a mention or markup"))
    for claim in claims:
        missing = [n for n in claim.cites if not 1 <= n <= len(sentences)]
        if missing:
            problems.append(
                Problem("it cites a sentence the article does not have", f"[{missing[0]}]")
            )
            continue
        cited = " ".join(sentences[n - 1] for n in claim.cites)
        problems.extend(_quotation_problems(claim.text, article, speakers or {}))
        problems.extend(_unsupported_facts(claim.text, cited))
    return Checked(summary, tuple(claims), tuple(dict.fromkeys(problems)))


def _claims(summary: str) -> tuple[list[Claim], list[Problem]]:
    """The summary's sentences with their citations, and the sentences that cite nothing."""
    claims: list[Claim] = []
    problems: list[Problem] = []
    last = 0
    for match in _CITATION.finditer(summary):
        text = summary[last : match.start()].strip()
        cites = tuple(int(n) for n in match.group(1).split(","))
        last = match.end()
        if not _has_words(text):  # "[3][5]", or a citation after the full stop
            if claims:
                previous = claims.pop()
                claims.append(Claim(previous.text, previous.cites + cites))
            continue
        parts = [text[s:e] for s, e in split_sentences(text)]
        for uncited in parts[:-1]:
            problems.append(Problem(UNCITED, _short(uncited)))
        claims.append(Claim(parts[-1] if parts else text, cites))
    rest = summary[last:]
    if _has_words(rest):
        problems.append(Problem(UNCITED, _short(rest)))
    if not claims:
        problems.append(Problem("no sentence cites the article"))
    return claims, problems


def _quotation_problems(claim: str, article: str, speakers: Mapping[str, str]) -> list[Problem]:
    problems = []
    for match in _QUOTED.finditer(claim):
        span = _normal(match.group(1)).strip(" ,.")
        if not span:
            continue
        if not _occurs(span, article):
            problems.append(
                Problem("it quotes words the article does not have", f"“{_short(span)}”")
            )
            continue
        said_by = {who for text, who in speakers.items() if who and _occurs(span, _normal(text))}
        if said_by and not any(_names(who, claim) for who in said_by):
            others = {w for w in speakers.values() if _named(w) and w not in said_by}
            wrong = sorted(w for w in others if _names(w, claim))
            if wrong:
                problems.append(
                    Problem(
                        "it credits a quotation to someone else than the article does",
                        f"“{_short(span)}” to {wrong[0]}; the article's speaker is "
                        f"{sorted(said_by)[0]}",
                    )
                )
    return problems


def _unsupported_facts(claim: str, cited: str) -> list[Problem]:
    """Numbers and capitalised names of `claim` (outside its quotations, which are checked
    against the whole article) that its cited sentences do not have."""
    outside = _QUOTED.sub(" ", claim)
    numbers = {_number(n) for n in _NUMBER.findall(cited)}
    cited_words = {_stem(w) for w in _WORD.findall(cited.casefold())}
    problems = []
    for number in _NUMBER.findall(outside):
        if _number(number) not in numbers:
            problems.append(Problem("it has a number that the sentences it cites do not", number))
    for position, word in enumerate(_WORD.findall(outside)):
        if not word[0].isupper() or _stem(word.casefold()) in cited_words:
            continue
        if (position == 0 and word.casefold() in _OPENERS) or word == "I":
            continue
        problems.append(Problem("it has a name that the sentences it cites do not", word))
    return problems


def support(claim: Claim, sentences: Sequence[str]) -> float:
    """The share of the claim's content words found in the sentences it cites (0 when it cites
    a sentence the article does not have)."""
    if not all(1 <= n <= len(sentences) for n in claim.cites):
        return 0.0
    cited = {_stem(w) for n in claim.cites for w in _WORD.findall(sentences[n - 1].casefold())}
    words = [_stem(w) for w in _WORD.findall(claim.text.casefold()) if w not in _COMMON]
    return sum(w in cited for w in words) / len(words) if words else 1.0


def _named(speaker: str) -> bool:
    """A speaker the bot found by name (not "she", "We've" or a lower-case phrase)."""
    parts = speaker.split()
    return (
        bool(parts)
        and re.fullmatch(r"[A-Z][\w-]+", parts[-1]) is not None
        and (parts[-1].casefold() not in _OPENERS)
    )


def _names(person: str, claim: str) -> bool:
    """Whether the claim names the person (by the last word of the name)."""
    parts = _WORD.findall(person)
    return bool(parts) and re.search(rf"\b{re.escape(parts[-1])}\b", claim) is not None


def _occurs(span: str, text: str) -> bool:
    """Whether `span` is in `text` verbatim, but for the case of its first letter (a quotation
    woven into a sentence may start in lower case)."""
    return span in text or span[:1].swapcase() + span[1:] in text


def _normal(text: str) -> str:
    """Text compared verbatim: white space collapsed, one kind of apostrophe."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _number(number: str) -> str:
    return number.replace(",", "").rstrip(".")


def _stem(word: str) -> str:
    """A word without its possessive ('s), which a summary adds to names freely."""
    return re.sub(r"['’]s$", "", word)


def _has_words(text: str) -> bool:
    return bool(_WORD.search(text))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
