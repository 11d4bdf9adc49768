"""Speech verbs ("said", "told", "put it") in running text, with the guards that keep out
nouns ("his remarks"), negations ("hasn't said") and passives ("measures added by")."""

from __future__ import annotations

import re

from bot.nlp.wordlists import word_set

SPEECH_VERBS = word_set(
    """
    say says said saying tell tells told telling add adds added adding write writes wrote
    writing ask asks asked asking continue continues continued explain explains explained
    explaining note notes noted noting argue argues argued arguing state states stated declare
    declares declared declaring conclude concludes concluded reply replies replied replying
    respond responds responded responding tweet tweets tweeted tweeting post posts posted insist
    insists insisted insisting warn warns warned warning claim claims claimed claiming admit
    admits admitted acknowledge acknowledges acknowledged acknowledging recall recalls recalled
    remark remarks remarked remarking observe observes observed assess assesses assessed joke
    jokes joked joking vow vows vowed vowing pledge pledged pledging promise promised promising
    announce announced announcing suggest suggests suggested suggesting caution cautioned
    complain complained complaining lament lamented conceded concede counter countered agree
    agreed emphasize emphasized emphasised stress stressed predict predicted predicting quip
    quipped shout shouted shouting chant chanted chanting yell yelled yelling testify testified
    boast boasted brag bragged muse mused exclaim exclaimed wonder wondered urge urged urging
    fume fumed contend contended maintain maintained report reported reports
    recount recounted describe described describes describing call calls called calling dub
    dubbed label labeled labelled accuse accused accusing demand demanded proclaim proclaimed
    repeat repeated retort retorted snap snapped whisper whispered opine opined mock mocked
    slam slammed criticize criticized praise praised echo echoed reiterate reiterated cite cited
    citing text texted email emailed answer answered press pressed interject interjected
    apologize apologized sing sings sang sniped snipe thunder thundered rail railed blast
    blasted recall predict quote quoted quoting read reads tout touted touting promise
    counsel counseled advise advised reveal revealed confirm confirmed deny denied denying
    acknowledged assert asserted asserting scoff scoffed mutter muttered gush gushed
    stating comment comments commented commenting accuse accuses allege alleges alleged alleging
    protest protests protested react reacts reacted
    """
)

PHRASE_VERBS = (
    r"shot\s+back|fired\s+back|pointed\s+out|points\s+out|went\s+on|goes\s+on|put\s+it|"
    r"puts\s+it|weighed\s+in"
)

_VERB = re.compile(rf"\b(?:{PHRASE_VERBS}|[a-z]+)\b")

# A negation ("haven't said") or a determiner ("the remarks", "Clinton's claims") before it.
_NOT_A_VERB = re.compile(
    r"(?:\bnot|\bnever|n[’']t|\b(?:the|a|an|his|her|their|its|this|these|those|our|my|your|"
    r"whose|such|any|no|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)|\w[’']s)\s+$"
)

# Any past-tense or third-person word: a verb the list lacks ("...," remembered Kim Lee).
LOOSE_VERB = re.compile(r"\b[a-z]{3,}(?:ed|s)\b")

# Words that are nouns as often as verbs: verbs only right after a name or pronoun.
_NOUN_OR_VERB = word_set(
    """
    remark remarks claim claims report reports note notes state states call calls post posts
    tweet tweets quote quotes promise promises charge charges answer answers counter counters
    echo echoes text texts email emails label labels read reads say continue continues
    """
)

_SUBJECT_WORD = re.compile(
    r"(?:\b(?:he|she|they|we|I|it|who)|(?<![\w-])[A-Z][\w.’'-]*"
    r"|\b(?:also|then|later|now|often))\s+$"
)

# "the website states that ...": a clause after the word makes it a verb.
_THAT_CLAUSE = re.compile(r"\s+that\s")

_PASSIVE_OR_LIST = re.compile(r"\s+(by|to)\s")


def speech_verbs(text: str, start: int, end: int, after_quote: bool = False) -> list[re.Match[str]]:
    """Speech verbs in text[start:end], except negated ones ("haven't said"). Right after a
    quotation, words that can be nouns ("read", "reports") count as verbs wherever they are."""
    found = []
    for m in _VERB.finditer(text, start, end):
        word = m.group()
        if (word not in SPEECH_VERBS and " " not in word) or text[m.start() - 1 : m.start()] == "-":
            continue  # "so-called" is no speech verb
        if _NOT_A_VERB.search(text, max(start, m.start() - 12), m.start()):
            continue
        passive = _PASSIVE_OR_LIST.match(text, m.end(), end)
        if passive and (passive.group(1) == "by" or word == "added"):
            continue  # "measures added by Republicans", "added to the list"
        if (
            not after_quote
            and word in _NOUN_OR_VERB
            and not _SUBJECT_WORD.search(text, max(start, m.start() - 30), m.start())
            and not _THAT_CLAUSE.match(text, m.end(), end)
        ):
            continue  # "anti-Muslim remarks" is a noun; "Trump remarks" / "he claims" a verb
        found.append(m)
    return found


def has_speech_verb(text: str, start: int, end: int) -> bool:
    return bool(speech_verbs(text, start, end))


def loose_verbs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The first words that look like verbs ("remembered", "insists") in text[start:end]."""
    return list(LOOSE_VERB.finditer(text, start, end))[:2]


def is_speech_verb(verb: str) -> bool:
    """A word or phrase ("put it") from the speech-verb list."""
    return verb.split()[0] in SPEECH_VERBS or re.fullmatch(PHRASE_VERBS, verb) is not None
