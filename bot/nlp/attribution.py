"""Who said a quotation: the speech verb around a quoted segment and its subject.

Looks right after the closing mark (`..." said X`, `..." X said`, `..." he told CNN`), at the end
of the sentence (`... "partial quote" in a tweet, X said.`), and back over the sentence that
opens the quotation (`X said: "...`, `according to X, "...`, `As X put it, "...`,
`X, the mayor, said that "...`). Returns the speaker mention as written (a name, pronoun or
description such as "a campaign official"); resolving surnames and pronouns is the caller's job.
"""

from __future__ import annotations

import re

from bot.nlp.names import NAME_PATTERN, SUBJECT_PRONOUNS
from bot.nlp.speaker_phrases import (
    DETERMINER,
    MAX_DESCRIPTION_WORDS,
    clause_subject,
    description,
    object_speaker,
    pick_speaker,
    sentence_subject,
    subject_of,
)
from bot.nlp.speech_verbs import is_speech_verb, loose_verbs, speech_verbs
from bot.nlp.wordlists import word_set

_ACCORDING = re.compile(r"\b(?:[Aa]ccording\s+to|[Pp]er)\s+(?P<np>[^,.;:“”\"]{2,80})")
# A statement introduced as someone's: `From Bush’s Facebook post: "...` is Bush's.
_OWNED_STATEMENT = re.compile(
    rf"(?P<who>{NAME_PATTERN})[’']s\s+(?:[A-Z][\w-]*\s+)?(?:post|tweet|statement|letter|"
    r"message|e-?mail|blog|website|page|column|op-ed|memo|speech|remarks|note|account)\s*:\s*$"
)

_AS_PUT = re.compile(
    r"\b[Aa]s\s+(?P<np>[^,.;:“”\"]{2,90}?)\s+(?P<verb>[a-z]+(?:\s+[a-z]+)?)"
    r"(?:\s+(?:last|this|on|in|at|earlier|recently|yesterday|today|once|during|back|after|"
    r"before|when|years|months|days|weeks)\b[^,:“”\"]{0,40})?\s*[,:]"
)

_TRANSCRIPT = re.compile(r"(?P<who>[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+)?):\s")

_NAME_COLON = re.compile(rf"(?:^|[.!?”\"]\s+|\bfrom\s+|[-—–]\s*)(?P<who>{NAME_PATTERN})\s*:\s*$")

# What may follow the verb of `"..." X said` after a quotation that ended its sentence: no
# clause of its own ("X said that ..."), only an object or circumstances, then the sentence end.
_COMPLEMENT = re.compile(r"\s*(?:that|if|whether|how|what|why|when|it|this)\b")
_BARE_ATTRIBUTION = re.compile(
    r"(?!\s+(?:that|whether|if|how|why|what)\b)(?:\s+[^\s.!?,;]+){0,6}\s*(?:[.!?,;]|$)"
)

_PROGRESSIVE = re.compile(r"\b(?:is|was|are|were|been|be)\s+(?:[a-z]+ly\s+|already\s+|still\s+)*$")

_REPORTING = word_set("said says say told tells")

_INTRODUCES_NEXT = re.compile(r"\s*:")

_OTHER_CLAUSE = re.compile(r"[;—–―]|\s-\s|\b(?:while|whereas|although|because|but)\b")

_WITH_SUBJECT = re.compile(r"\bwith\s+(?P<np>[^,;:—–]{2,60}?)\s+(?:[a-z]+ly\s+)?$")

_NOT_REPORTED = re.compile(r"[,;:—–]|\b(?:as|while|when|and|but|after|before|because)\b")

_SHORT_SUBJECT_WORDS = 3

_ABSOLUTE_NAME = re.compile(
    rf"(?:[—–,;]\s*|\band\s+|\bof\s+)(?P<who>{NAME_PATTERN})\s+(?:[a-z]+ly\s+)?$"
)

_CLOSE_VERB_WORDS = 6

_MAX_AFTER_WORDS = 18

_TIGHT_WORDS = 3
_INFINITIVE = re.compile(r"\bto\s+$")
_OBJECT_IS_LISTENER = word_set("told tells tell asked asks urged warned")
# Speech told to a listener, quoted right after: "... Y told him: “...", "Y asked them, “..."
_TOLD_DIRECTLY = re.compile(r"(?:told|tells|asked|asks)(?:\s+[\w’'-]+){1,2}\s*[,:]?\s*$")
_CLAUSE_IN_APPOSITION = re.compile(r"\b(?:as|who|whom|which|when|while|if|because|that)\b")
_CLAUSE_WORDS = word_set(
    "when as and while if because but after before since then until where who which that"
)
_INTRODUCING = re.compile(r"(?:\s+[\w’'.-]+){0,3}\s*[,:]\s*")

# An attribution set off by commas inside the sentence it attributes: "The plan, she said, is".
_PARENTHETICAL = re.compile(
    r",\s+(?P<np>(?:[\w.’'-]+\s+){0,4}?[\w.’'-]+)\s+(?:also\s+)?"
    r"(?:said|says|added|adds|noted|notes|argued|argues|insisted|insists|wrote|writes|explained|"
    r"explains|contended|contends|recalled|recalls|believes|believed|thinks|thought)\s*,"
)

_PREPOSITIONS = word_set("according to as in on at for by with from of than about after before")
_NON_NOUN_WORDS = word_set("was were is are be been it him them there what this that which")

# `..., the lawsuit alleges.` -- a short subject and its speech verb close the sentence after a
# comma, however long the clause before them; a short circumstance may follow the verb.
_FINAL_ATTRIBUTION = re.compile(
    r",\s+(?P<np>(?:[\w.’'-]+\s+){0,5}?[\w.’'-]+)\s+(?:also\s+|later\s+)?(?P<verb>[a-z]+)"
    r"(?:\s+(?:on|in|at|last|this|earlier|late)\b[^,.;:!?“”\"]{0,30})?\s*[.!?]?\s*$"
)

# `..., said Brad Bannon, a Democratic pollster.` -- the inverted order at a sentence's end.
_FINAL_INVERTED = re.compile(
    r",\s+(?P<verb>said|says|added|adds|wrote|writes|noted|notes|explained|argued|recalled|"
    r"asked)\s+(?P<np>[^,.;:!?“”\"]{2,80}?)(?:,[^;:!?“”\"]{0,120})?[.!?]?\s*$"
)

# `... was "tight," according to the survey, which ...` at the end of the sentence.
_ACCORDING_AT_END = re.compile(
    r",\s+according\s+to\s+(?P<np>[^,.;:!?“”\"]{2,80}?)(?:,[^;:!?“”\"]{0,120})?[.!?]?\s*$"
)


def according_at_end(text: str, start: int, end: int) -> str | None:
    """The source named by ", according to X." closing the sentence after a quotation."""
    match = _ACCORDING_AT_END.search(text, start, end)
    return object_speaker(match.group("np")) if match else None


def transcript_speaker(quote_text: str) -> str | None:
    """`WALLACE: ...` — a transcript line names its speaker in capitals before a colon."""
    match = _TRANSCRIPT.match(quote_text)
    return match.group("who").title() if match else None


def speaker_after(
    text: str, start: int, end: int, clause_open: bool = True, ended: bool = False
) -> str | None:
    """Speaker named after a closing quote mark at `start`, within text[start:end] (the rest of
    the sentence). `clause_open` says the quotation ended with , ? ! — then any verb-like word
    right after it counts ("...," remembered Kim Lee). `ended` says the quotation ended its
    sentence: then only a bare `X said (on Monday).` attributes it, not `X said that ...`."""
    pos = start
    while pos < end and (text[pos].isspace() or text[pos] in ",—–-"):
        pos += 1
    according = _ACCORDING.match(text, pos, end)
    if according:
        return object_speaker(according.group("np"))
    verbs = speech_verbs(text, pos, end, after_quote=clause_open)
    if clause_open and not verbs:  # `..." remembered Kim Lee`, `..." Kim Lee remembered`
        verbs = loose_verbs(text, pos, min(end, pos + 80))
    for verb in verbs:
        before = text[pos : verb.start()]
        if len(before.split()) > _MAX_AFTER_WORDS or _OTHER_CLAUSE.search(before):
            break  # "... — while his supporters have accused ..." is another clause
        if verb.group().endswith("ing"):
            continue  # a participle ("a nod to X acknowledging") has no subject of its own
        short_subject = len(before.split()) <= _SHORT_SUBJECT_WORDS or (
            before.rstrip().endswith(",") and not _CLAUSE_IN_APPOSITION.search(before)
        )  # `"...?" Jo Li, the chairman, said of ...`
        if ended and not (
            _BARE_ATTRIBUTION.match(text, verb.end(), end)
            or (short_subject and not _COMPLEMENT.match(text, verb.end(), end))
        ):
            continue  # `"...?" he tweeted when ...` attributes; `X said that ...` does not
        if _INTRODUCES_NEXT.match(text, verb.end(), end):
            break  # `... "partial," Trump said: "...` -- the verb belongs to the next quotation
        who = None
        if (
            before.rstrip().endswith(",")
            and len(before.split()) > MAX_DESCRIPTION_WORDS
            and verb.group() not in _OBJECT_IS_LISTENER
        ):
            # `..." for the mayor before the vote, forcing her to ..., said Jo Li` -> Jo Li
            named = object_speaker(text[verb.end() : end])
            if named and (named[:1].isupper() or DETERMINER.match(named)):
                who = named
        if who is None and before.strip():
            who = subject_of(before)
        if who is None and (not before.strip() or before.rstrip().endswith(",")):
            who = object_speaker(text[verb.end() : end])  # `..." said X`, `, said X`
        if who is None and before.strip() and len(before.split()) <= MAX_DESCRIPTION_WORDS:
            who = description(before)  # `..." the 71-year-old diplomat said`
        if who:
            return who
    return None if ended else _final_attribution(text, pos, end)


def _final_attribution(text: str, start: int, end: int) -> str | None:
    final = _FINAL_ATTRIBUTION.search(text, start, end)
    if final is not None and is_speech_verb(final.group("verb")):
        return _short_subject(final.group("np"))
    inverted = _FINAL_INVERTED.search(text, start, end)
    return object_speaker(inverted.group("np")) if inverted else None


def _short_subject(np: str) -> str | None:
    """The speaker in a short phrase that can only be a subject: a name, a pronoun, a
    description with a determiner ("the lawsuit"), or a bare plural ("officials")."""
    words = np.split()
    plausible = (
        all(w[:1].isupper() for w in words)  # a name: "Sen. Jo Li"
        or (len(words) == 1 and words[0].lower() in SUBJECT_PRONOUNS)
        or (DETERMINER.match(np) is not None and not set(words) & _NON_NOUN_WORDS)
        or (len(words) <= 3 and words[-1].islower() and words[-1].endswith("s"))  # "officials"
    )
    if not plausible or words[0].lower() in _PREPOSITIONS:
        return None
    return subject_of(np)


def verb_just_after(text: str, start: int, end: int) -> bool:
    """A speech verb right after a closing mark at `start`, at most a short subject between
    ("...," asked Dunn; "...," the senator said) and no other clause ("..., when X said")."""
    verbs = speech_verbs(text, start, min(end, start + 60), after_quote=True)
    if not verbs:
        return False
    between = text[start : verbs[0].start()].split()
    return len(between) <= _TIGHT_WORDS and not {w.lower() for w in between} & _CLAUSE_WORDS


def verb_introduces(text: str, start: int, end: int) -> bool:
    """The last speech verb before an opening mark at `end` introduces it ("X said: “")."""
    verbs = speech_verbs(text, start, end)
    return bool(verbs) and _INTRODUCING.fullmatch(text, verbs[-1].end(), end) is not None


def verb_just_before(text: str, start: int, end: int) -> bool:
    """A speech verb ends within a few words of `end` ("X said on Monday that ...")."""
    verbs = speech_verbs(text, start, end)
    return bool(verbs) and len(text[verbs[-1].end() : end].split()) <= _CLOSE_VERB_WORDS


def speaker_before(text: str, start: int, end: int, subject_fallback: bool = True) -> str | None:
    """Speaker of a quotation opening at `end`, from its sentence text[start:end]. With
    `subject_fallback`, a sentence ending in a colon gives its subject even with no speech verb
    ("President Clinton released the following statement:")."""
    context = text[start:end]
    first_verb = next(iter(speech_verbs(context, 0, len(context))), None)
    for match in _ACCORDING.finditer(context):
        if first_verb and first_verb.end() <= match.start():
            break  # "X said, per a translator, that": a channel or a claim inside X's speech
        who = object_speaker(match.group("np"))
        if who:
            return who
    for match in _AS_PUT.finditer(context):
        verb = match.group("verb")
        if is_speech_verb(verb):
            who = subject_of(match.group("np"))
            if who:
                return who
    for match in _PARENTHETICAL.finditer(context):  # `The plan, she said, is "a sham."`
        who = _short_subject(match.group("np"))
        if who:
            return who
    owned = _OWNED_STATEMENT.search(context)
    if owned:
        return owned.group("who")
    named = _NAME_COLON.search(context) if subject_fallback else None  # `Bush: "...`
    if named:
        return named.group("who")
    colon = subject_fallback and context.rstrip().endswith(":")
    verbs = speech_verbs(context, 0, len(context))
    if (
        len(verbs) > 1
        and verbs[0].group() in _REPORTING
        and not _NOT_REPORTED.search(context, verbs[0].end(), verbs[-1].start())
        and not _TOLD_DIRECTLY.match(context, verbs[-1].start())
    ):  # "X said Y called it "..."" -> X (not "X said as Y yelled: "..."", "X said Y told him: "")
        who = subject_of(context[: verbs[0].start()])
        if who:
            return who
    for k in range(len(verbs) - 1, -1, -1):
        verb = verbs[k]
        progressive = _PROGRESSIVE.search(context, 0, verb.start())
        if progressive:  # "X's campaign is already claiming" -> X's campaign
            who = subject_of(context[: progressive.start()])
        elif verb.group().endswith("ing"):  # "X said, adding" / "X did Y, saying" -> X
            absolute = _WITH_SUBJECT.search(context, 0, verb.start())
            named = _ABSOLUTE_NAME.search(context, 0, verb.start())
            if absolute:  # "..., with one of her ads asking" -> one of her ads
                who = pick_speaker(absolute.group("np"))
            elif named:  # "— Ryan saying he was ... and Trump calling it ..."
                who = named.group("who")
            elif k > 0:
                continue
            else:
                who = clause_subject(context[: verb.start()]) or sentence_subject(context)
        elif _INFINITIVE.search(context, 0, verb.start()):  # "The judge cited a case to say"
            who = clause_subject(context[: verb.start()])
        else:
            who = subject_of(context[: verb.start()])
            if who is None and context[: verb.start()].rstrip().endswith(","):
                who = object_speaker(context[verb.end() :])
        if who:
            return who
    if colon:  # "President Clinton released the following statement:"
        return sentence_subject(context)
    return None
