"""Who said a quotation: speech-verb patterns around a quoted segment.

Looks right after the closing mark (`..." said X`, `..." X said`, `..." he told CNN`) and then
back over the sentence that opens the quotation (`X said: "...`, `according to X, "...`,
`As X put it, "...`, `X, the mayor, said that "...`). Returns the speaker mention as written;
resolving surnames and pronouns is the caller's job.
"""

from __future__ import annotations

import re

from bot.nlp.names import NAME_PATTERN

_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|adding|wrote|writes|writing|asked|asks|"
    "asking|continued|continues|explained|explains|explaining|noted|notes|noting|argued|argues|"
    "arguing|stated|states|declared|declares|concluded|concludes|replied|replies|responded|"
    "responds|tweeted|tweets|tweeting|posted|insisted|insists|warned|warns|warning|claimed|"
    "claims|claiming|admitted|admits|acknowledged|recalled|recalls|remarked|observed|observes|"
    "assessed|joked|jokes|vowed|pledged|promised|announced|suggested|suggests|suggesting|"
    "cautioned|complained|lamented|conceded|countered|agreed|emphasized|emphasised|stressed|"
    "predicted|quipped|shouted|chanted|chanting|yelled|testified|boasted|bragged|mused|exclaimed|"
    "wondered|urged|fumed|charged|contended|maintained|reported|recounted|described|describes|"
    "describing|called|calls|calling|dubbed|labeled|labelled|accused|demanded|proclaimed|"
    "repeated|retorted|snapped|whispered|opined|mocked|slammed|criticized|praised|echoed|"
    "pointed out|went on|put it|puts it|spoke|read|reads|reiterated|explain|cited|citing|"
    "replying|responding|texted|emailed|wrote in|insisting|announcing|acknowledging|"
    "declaring|promising|vowing|warn|tweet|note|add|ask|tell|write|claim|argue|explain"
)
VERB = rf"\b(?:{_VERBS})\b"
_AUX = r"(?:(?:has|had|have|also|then|later|once|previously|recently|again|would|will|later|"
_AUX += r"had\s+earlier|was|were|is|quickly|simply|only|angrily|bluntly|flatly)\s+)*"
_PRONOUN = r"(?:he|she|they|we|I|He|She|They|We)"
_DESCRIPTION = (
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]wo|[Ss]everal|[Ss]ome)"
    r"\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+"
)
_OWNER = rf"(?:(?:{NAME_PATTERN})[’']s\s+)?"
_WHO_BODY = rf"{_OWNER}{NAME_PATTERN}|{_PRONOUN}|{_DESCRIPTION}"


def _who(group: str) -> str:
    return rf"(?P<{group}>{_WHO_BODY})"


_APPOSITION = r"(?:,\s+[^,.;“”\"]{1,90},)?"

_POST_MODIFIER = r"(?:\s+(?:of|from|at|for|with|on)\s+[^,.;:“”\"]{1,60}?)?"

_AFTER = re.compile(
    rf"[\s,—–-]*(?:(?:{VERB})\s+{_who('who')}|{_who('who2')}{_APPOSITION}\s+{_AUX}{VERB})",
)
_ACCORDING = re.compile(
    rf"\b(?:[Aa]ccording\s+to|[Pp]er)\s+{_who('who')}(?=[,:]|\s*$)"
    rf"|\b[Aa]s\s+{_who('who2')}{_POST_MODIFIER}\s+{_AUX}{VERB}[^,:“”\"]{{0,40}}[,:]"
)
_SUBJECT_VERB = re.compile(rf"{_who('who')}{_APPOSITION}\s+{_AUX}{VERB}")
_SUBJECT_MODIFIED_VERB = re.compile(rf"{_who('who')}{_POST_MODIFIER}{_APPOSITION}\s+{_AUX}{VERB}")
_VERB_ONLY = re.compile(VERB)


def speaker_after(text: str, start: int, end: int) -> str | None:
    """The speaker named right after a closing quote mark, in text[start:end]."""
    match = _AFTER.match(text, start, end)
    return _group_who(match)


def speaker_before(text: str, start: int, end: int) -> str | None:
    """The speaker of a quotation that opens at `end`, named in text[start:end] (its sentence)."""
    context = text[start:end]
    according = _ACCORDING.search(context)
    if according:
        return _group_who(according)
    for pattern in (_SUBJECT_VERB, _SUBJECT_MODIFIED_VERB):
        last = None
        for match in pattern.finditer(context):
            last = match
        if last is not None:
            return last.group("who")
    return None


def has_speech_verb(text: str, start: int, end: int) -> bool:
    return _VERB_ONLY.search(text, start, end) is not None


def _group_who(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return match.group("who") or match.groupdict().get("who2")
