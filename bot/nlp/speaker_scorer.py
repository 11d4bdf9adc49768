"""How far to trust the speaker found for a quotation: a small logistic model.

The rules in `quotes` find a speaker wherever a reader might; some of their ways are guesses
(a short term inside a noun phrase, the subject of a sentence with no speech verb). The model
reads a few facts about the quotation, its context and the speaker and gives the chance that the
speaker is right; below `THRESHOLD` the quotation is left unattributed. Its weights are trained
by `bot.evaluation.speaker_training` on one half of the quotes dev set only and kept in
`speaker_weights.json` beside this module.
"""

from __future__ import annotations

import functools
import json
import math
import pathlib
import re
from dataclasses import dataclass

from bot.nlp.names import PRONOUNS, is_person
from bot.nlp.speech_verbs import SPEECH_VERBS
from bot.nlp.wordlists import word_set

WEIGHTS = pathlib.Path(__file__).with_name("speaker_weights.json")

_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_DETERMINERS = word_set("a an the this that these those his her their its our my your some any")
_COPULAS = word_set("is are was were be been being become became seems seemed")
_PREPOSITIONS = word_set("of to in on for about with from at by into over against than")
_NEXT_NOUNS = word_set("narrative issue scenario program show signs movement level campaign")


@dataclass(frozen=True)
class Evidence:
    """A quotation (`start`/`end` inside its marks) and the speaker found for it, with how it
    was found (`how`: "mention" for a speech verb's subject, else the fallback used)."""

    text: str
    start: int
    end: int
    open_mark: int
    close_mark: int | None
    para_start: int
    para_end: int
    sentence_start: int
    how: str
    mention: str
    speaker: str
    name_seen_inside: bool  # each capitalised word of the speaker is a name's word elsewhere


def features(ev: Evidence) -> dict[str, float]:
    """Named binary facts (1.0 when present) about a quotation and its speaker."""
    text = ev.text
    inner = text[ev.start : ev.end]
    words = inner.split()
    n = len(words)
    found: dict[str, float] = {"bias": 1.0, f"how={ev.how}": 1.0}
    found[f"words={min(n, 4) if n < 8 else 8}"] = 1.0
    if inner.rstrip("’'")[-1:] in ",.?!":
        found["ends_with_punctuation"] = 1.0
    if ev.close_mark is None:
        found["runs_to_paragraph_end"] = 1.0
    if ev.open_mark == ev.para_start:
        found["opens_paragraph"] = 1.0
    if ev.open_mark == ev.sentence_start:
        found["opens_sentence"] = 1.0
    content = [w for w in words if w[:1].isalpha()]
    if content and all(w[0].isupper() for w in content):
        found["title_case"] = 1.0
    before = _WORD.findall(text[max(ev.para_start, ev.open_mark - 40) : ev.open_mark])
    found[f"before={_word_class(before[-1] if before else '')}"] = 1.0
    if ev.close_mark is not None:
        after = _WORD.findall(text[ev.close_mark + 1 : min(ev.para_end, ev.close_mark + 40)])
        found[f"after={_word_class(after[0] if after else '')}"] = 1.0
        if any(w.lower() in SPEECH_VERBS for w in after[:4]):
            found["speech_verb_after"] = 1.0
    lead = _WORD.findall(text[ev.sentence_start : ev.open_mark])
    if any(w.lower() in SPEECH_VERBS for w in lead):
        found["speech_verb_before"] = 1.0
    found.update(_speaker_features(ev))
    return found


def _speaker_features(ev: Evidence) -> dict[str, float]:
    found: dict[str, float] = {}
    words = ev.speaker.split()
    if ev.mention.lower() in PRONOUNS:
        found["mention_is_pronoun"] = 1.0
    if not ev.speaker[:1].isupper():
        found["speaker_is_description"] = 1.0
    elif len(words) == 1:
        found["speaker_one_word"] = 1.0
    if ev.speaker[:1].isupper() and not ev.name_seen_inside:
        found["speaker_word_opens_sentences_only"] = 1.0
    if ev.speaker[:1].isupper() and not is_person(ev.speaker):
        found["speaker_is_organisation"] = 1.0
    last = words[-1] if words else ""
    paragraph = ev.text[ev.para_start : ev.para_end]
    if last and last in paragraph:
        found["speaker_in_paragraph"] = 1.0
        if last in ev.text[ev.sentence_start : min(ev.para_end, ev.end + 120)]:
            found["speaker_in_sentence"] = 1.0
    return found


def _word_class(word: str) -> str:
    lowered = word.lower()
    if not word:
        return "edge"
    if lowered.endswith(("’s", "'s")):
        return "possessive"
    if lowered in _DETERMINERS:
        return "determiner"
    if lowered in _COPULAS:
        return "copula"
    if lowered in _PREPOSITIONS:
        return "preposition"
    if lowered in SPEECH_VERBS:
        return "speech_verb"
    if lowered in _NEXT_NOUNS:
        return "noun"
    if not word[0].isalnum():
        return "mark" if word in ",:;" else "other_mark"
    return "capital" if word[0].isupper() else "word"


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data["threshold"])


def confidence(found: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The model's chance that the speaker is right, given the `features`."""
    weights = _model()[0] if weights is None else weights
    z = sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def trusted(ev: Evidence) -> bool:
    """True when the speaker found is likely enough to be right to show it."""
    return confidence(features(ev)) >= _model()[1]
