"""Who said a quotation: the speech verb around a quoted segment and its subject.

Looks right after the closing mark (`..." said X`, `..." X said`, `..." he told CNN`), at the end
of the sentence (`... "partial quote" in a tweet, X said.`), and back over the sentence that
opens the quotation (`X said: "...`, `according to X, "...`, `As X put it, "...`,
`X, the mayor, said that "...`). Returns the speaker mention as written (a name, pronoun or
description such as "a campaign official"); resolving surnames and pronouns is the caller's job.
"""

from __future__ import annotations

import re

from bot.nlp.names import NAME_PATTERN, PRONOUNS, find_name_spans, find_names, is_title_word
from bot.nlp.wordlists import word_set

_VERBS = word_set(
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
    stating comment comments commented commenting accuse accuses allege alleges alleged protest
    react reacted reacts
    protested protests
    alleging
    """
)
_PHRASE_VERBS = (
    r"shot\s+back|fired\s+back|pointed\s+out|points\s+out|went\s+on|goes\s+on|put\s+it|"
    r"puts\s+it|weighed\s+in"
)
_VERB = re.compile(rf"\b(?:{_PHRASE_VERBS}|[a-z]+)\b")
_AUX = word_set(
    """
    has had have also then later once previously recently again would will was were is
    quickly simply only angrily bluntly flatly reportedly repeatedly publicly privately
    earlier often frequently never famously memorably once just first
    """
)
_CLAUSE_BREAK = re.compile(
    r"[;:(—–―]|,(?!\s*(?:Jr|Sr|Inc)\b)|\b(?:and|but|that|because|when|while|although|after|"
    r"before|if|so|where|which|as|whom|than|since|until|though|what|how|why)\b"
)
# A preposition (and what follows it) between names: "<word> of ...", "<word> at the ...".
_MODIFIER_END = re.compile(
    r"(?:(?P<word>[\w.’']+)\s+|^\s*)(?:of|at|for|from|with|in|on|to|who|whose|during|about|by)"
    r"\s(?:[\w’'-]+\s+){0,6}$"
)
_DETERMINER = re.compile(
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
_ACCORDING = re.compile(r"\b(?:[Aa]ccording\s+to|[Pp]er)\s+(?P<np>[^,.;:“”\"]{2,80})")
_AS_PUT = re.compile(
    r"\b[Aa]s\s+(?P<np>[^,.;:“”\"]{2,90}?)\s+(?P<verb>[a-z]+(?:\s+[a-z]+)?)"
    r"(?:\s+(?:last|this|on|in|at|earlier|recently|yesterday|today|once|during|back|after|"
    r"before|when|years|months|days|weeks)\b[^,:“”\"]{0,40})?\s*[,:]"
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’ .-]+,?(?:\s+[A-Z][\w.]*,?){0,3}\s*(?:\([^)]{0,20}\))?\s*[—–-]+\s*"
)
_OPENING_PHRASE = re.compile(
    r"^(?:[A-Z][a-z]+(?:ed|ing)\b[^,]{0,160},\s*)?"  # "Horrified at the prospect, ..."
    r"(?:(?:And|But|So|Yet|Also|Then|Still|Now)\s+(?:then\s+|now\s+|also\s+)?)?"
    r"(?:(?i:in|on|at|after|before|during|since|until|last|earlier|later|speaking|asked|when|"
    r"while|however|meanwhile|today|yesterday|as|if|although|though|because|across|throughout|"
    r"among|amid|despite|outside|inside|with|without|under)\b[^,]{0,100},\s*)?"
)
_TRANSCRIPT = re.compile(r"(?P<who>[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+)?):\s")
# A negation ("haven't said") or a determiner ("the remarks", "Clinton's claims") before it.
_NOT_A_VERB = re.compile(
    r"(?:\bnot|\bnever|n[’']t|\b(?:the|a|an|his|her|their|its|this|these|those|our|my|your|"
    r"whose|such|any|no|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)|\w[’']s)\s+$"
)
_LOOSE_VERB = re.compile(r"\b[a-z]{3,}(?:ed|s)\b")
_NAME_COLON = re.compile(rf"(?:^|[.!?”\"]\s+|\bfrom\s+|[-—–]\s*)(?P<who>{NAME_PATTERN})\s*:\s*$")
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
_OBJECT_END = re.compile(r"[,;:!?“”\"(]|\.\s*$|\s[—–-]\s")
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
# What may follow the verb of `"..." X said` after a quotation that ended its sentence: no
# clause of its own ("X said that ..."), only an object or circumstances, then the sentence end.
_BARE_ATTRIBUTION = re.compile(
    r"(?!\s+(?:that|whether|if|how|why|what|to)\b)(?:\s+[^\s.!?]+){0,12}?\s*(?:[.!?,;]\W*)?$"
)
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|and|but|if|because|when|while|as)\b")
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
_PROGRESSIVE = re.compile(r"\b(?:is|was|are|were|been|be)\s+(?:[a-z]+ly\s+|already\s+|still\s+)*$")
_REPORTING = word_set("said says say told tells")
_PASSIVE_OR_LIST = re.compile(r"\s+(by|to)\s")
_INTRODUCES_NEXT = re.compile(r"\s*:")
_OTHER_CLAUSE = re.compile(r"[;—–―]|\s-\s|\b(?:while|whereas|although|because|but)\b")
_CLAUSE_OPENING = re.compile(r"\s*(?:that|if|whether|to|how|what|why|when|it|this)\b")
_WITH_SUBJECT = re.compile(r"\bwith\s+(?P<np>[^,;:—–]{2,60}?)\s+(?:[a-z]+ly\s+)?$")
_NOT_REPORTED = re.compile(r"[,;:—–]|\b(?:as|while|when|and|but|after|before|because)\b")
# Time phrases between a subject and its verb ("The department two weeks ago said").
_SUBJECT_ADVERBIAL = re.compile(
    r"(?:\s+(?:less|more)\s+than)?\s+\S+\s+(?:days?|weeks?|months?|years?)\s+ago$"
    r"|\s+(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|night|morning|afternoon|evening)$"
    r"|\s+(?:yesterday|today|tonight|recently|again)$"
)
_SHORT_SUBJECT_WORDS = 3
_MODAL = re.compile(
    r"\s(?:will|would|could|should|may|might|must|can|has|have|had|is|are|was|were)\b"
)
_ABSOLUTE_NAME = re.compile(rf"(?:[—–,;]\s*|\band\s+)(?P<who>{NAME_PATTERN})\s+(?:[a-z]+ly\s+)?$")
_RELATIVE = re.compile(r"\s*(?:who|whom|that|which)\s+")  # "..., who Beck called ..."
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")
_CLOSE_VERB_WORDS = 6
_MAX_SUBJECT_WORDS = 14
_MAX_AFTER_WORDS = 18
_MAX_DESCRIPTION_WORDS = 8


def _verbs(text: str, start: int, end: int, after_quote: bool = False) -> list[re.Match[str]]:
    """Speech verbs in text[start:end], except negated ones ("haven't said"). Right after a
    quotation, words that can be nouns ("read", "reports") count as verbs wherever they are."""
    found = []
    for m in _VERB.finditer(text, start, end):
        word = m.group()
        if (word not in _VERBS and " " not in word) or text[m.start() - 1 : m.start()] == "-":
            continue  # "so-called" is no speech verb
        if _NOT_A_VERB.search(text, max(start, m.start() - 12), m.start()):
            continue
        passive = _PASSIVE_OR_LIST.match(text, m.end(), end)
        if passive and (passive.group(1) == "by" or word == "added"):
            continue  # "measures added by Republicans", "added to the list"
        if (not after_quote and word in _NOUN_OR_VERB) and not _SUBJECT_WORD.search(
            text, max(start, m.start() - 30), m.start()
        ):
            continue  # "anti-Muslim remarks" is a noun; "Trump remarks" / "he claims" a verb
        found.append(m)
    return found


def has_speech_verb(text: str, start: int, end: int) -> bool:
    return bool(_verbs(text, start, end))


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
        return _object_speaker(according.group("np"))
    verbs = _verbs(text, pos, end, after_quote=clause_open)
    if clause_open and not verbs:  # `..." remembered Kim Lee`, `..." Kim Lee remembered`
        verbs = [m for m in _LOOSE_VERB.finditer(text, pos, min(end, pos + 80))][:2]
    for verb in verbs:
        before = text[pos : verb.start()]
        if len(before.split()) > _MAX_AFTER_WORDS or _OTHER_CLAUSE.search(before):
            break  # "... — while his supporters have accused ..." is another clause
        if verb.group().endswith("ing"):
            continue  # a participle ("a nod to X acknowledging") has no subject of its own
        short_subject = len(before.split()) <= _SHORT_SUBJECT_WORDS
        if ended and not (
            _BARE_ATTRIBUTION.match(text, verb.end(), end)
            or (short_subject and not _CLAUSE_OPENING.match(text, verb.end(), end))
        ):
            continue  # `"...?" he tweeted when ...` attributes; `X said that ...` does not
        if _INTRODUCES_NEXT.match(text, verb.end(), end):
            break  # `... "partial," Trump said: "...` -- the verb belongs to the next quotation
        who = subject_of(before) if before.strip() else None
        if who is None and (not before.strip() or before.rstrip().endswith(",")):
            who = _object_speaker(text[verb.end() : end])  # `..." said X`, `, said X`
        if who is None and before.strip() and len(before.split()) <= _MAX_DESCRIPTION_WORDS:
            who = _description(before)  # `..." the 71-year-old diplomat said`
        if who:
            return who
    return None


def _description(chunk: str) -> str | None:
    """A short noun phrase written between a quotation and its verb ("the 71-year-old
    diplomat"): it opens with a determiner or capital, or ends with a role word."""
    words = chunk.strip(" ,").split()
    lowered = {w.strip("’'") for w in words if w.islower()}
    if not words or lowered & _NON_NOUN_WORDS or _CLAUSE_WORD.search(chunk):
        return None
    if not (_DETERMINER.match(chunk.strip()) or words[0][0].isupper() or _is_role(words[-1])):
        return None
    return " ".join(words)


def _is_role(word: str) -> bool:
    return word.lower() in _ROLE_WORDS or is_title_word(word)


def verb_just_before(text: str, start: int, end: int) -> bool:
    """A speech verb ends within a few words of `end` ("X said on Monday that ...")."""
    verbs = _verbs(text, start, end)
    return bool(verbs) and len(text[verbs[-1].end() : end].split()) <= _CLOSE_VERB_WORDS


def speaker_before(text: str, start: int, end: int, subject_fallback: bool = True) -> str | None:
    """Speaker of a quotation opening at `end`, from its sentence text[start:end]. With
    `subject_fallback`, a sentence ending in a colon gives its subject even with no speech verb
    ("President Clinton released the following statement:")."""
    context = text[start:end]
    for match in _ACCORDING.finditer(context):
        who = _object_speaker(match.group("np"))
        if who:
            return who
    for match in _AS_PUT.finditer(context):
        verb = match.group("verb")
        if verb.split()[0] in _VERBS or re.fullmatch(_PHRASE_VERBS, verb):
            who = subject_of(match.group("np"))
            if who:
                return who
    named = _NAME_COLON.search(context) if subject_fallback else None  # `Bush: "...`
    if named:
        return named.group("who")
    colon = subject_fallback and context.rstrip().endswith(":")
    verbs = _verbs(context, 0, len(context))
    if (
        len(verbs) > 1
        and verbs[0].group() in _REPORTING
        and not _NOT_REPORTED.search(context, verbs[0].end(), verbs[-1].start())
    ):  # "X said Y called it "..."" -> X (but not "X said as Y yelled: "..."")
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
                who = _pick_speaker(absolute.group("np"))
            elif named:  # "— Ryan saying he was ... and Trump calling it ..."
                who = named.group("who")
            elif k > 0:
                continue
            else:
                who = sentence_subject(context)
        else:
            who = subject_of(context[: verb.start()])
            if who is None and context[: verb.start()].rstrip().endswith(","):
                who = _object_speaker(context[verb.end() :])
        if who:
            return who
    if colon:  # "President Clinton released the following statement:"
        return sentence_subject(context)
    return None


def sentence_subject(sentence: str) -> str | None:
    """The name or pronoun that opens a sentence ("Walter Hewlett sniped that ...")."""
    sentence = _DATELINE.sub("", sentence)
    for _ in range(3):  # "On Thursday, after a long silence, Warren ..." -> Warren ...
        opening_phrase = _OPENING_PHRASE.match(sentence)
        if not opening_phrase or not opening_phrase.group():
            break
        sentence = sentence[opening_phrase.end() :]
    opening = _CLAUSE_BREAK.split(sentence, maxsplit=1)[0]
    words = opening.split()
    if not words:
        return None
    if words[0].lower() in PRONOUNS:
        return words[0]
    head = " ".join(words[:8])
    names = find_names(head)
    # "Democratic presidential nominee Hillary Clinton": only titles before the name
    if (
        names
        and not _ADVERBIAL_OPENER.fullmatch(names[0][1])
        and all(
            _is_role(w) or w in names[0][1] or w.lower() == "the"
            for w in head[: names[0][0]].split()
        )
    ):
        return names[0][1]
    described = _DESCRIBED_SUBJECT.match(opening)  # "The town released a statement"
    if described is None:
        return None
    return _MODAL.split(described.group("who"), maxsplit=1)[0].strip() or None


def subject_of(chunk: str) -> str | None:
    """The speaker in the words before a speech verb: "IMF chief economist Maury Obstfeld",
    "Rep. Jim McDermott (D-Wash.)", "Ryan Grim of The Intercept", "he", "a senior aide"."""
    chunk = _SUBJECT_ADVERBIAL.sub("", _PARENTHESIS.sub("", chunk).rstrip())
    words = chunk.split()
    while words and words[-1].lower() in _AUX:
        words.pop()
    if words and words[-1].lower() in PRONOUNS:
        return words[-1]
    chunk = " ".join(words)
    apposition = None
    if chunk.endswith(","):  # "X, the mayor of Y, said"
        head, sep, apposition = chunk[:-1].rpartition(",")
        if not sep:
            return None
        chunk = head.rstrip()
    pieces = _CLAUSE_BREAK.split(chunk)
    phrase = pieces[-1].strip()
    who = _pick_speaker(phrase)
    if who is None and not phrase and len(pieces) > 1 and _COORDINATED.search(chunk):
        who = sentence_subject(pieces[-2])  # "Cruz knocked Rubio and called him ..."
    if apposition is not None:
        named = _name_in(apposition)
        if named and (who is None or not who[:1].isupper() or _DETERMINER.match(who)):
            return named
    return who


def _object_speaker(chunk: str) -> str | None:
    """The speaker after a verb or "according to": up to the first comma or clause break."""
    if _CLAUSE_OPENING.match(chunk):
        return None  # `..." suggests that Phoenix ...` names no speaker
    chunk = _PARENTHESIS.sub("", chunk)
    phrase = _OBJECT_END.split(chunk, maxsplit=1)[0].strip()
    return _pick_speaker(_TRAILING_TIME.sub("", phrase) or phrase)


def _pick_speaker(phrase: str) -> str | None:
    words = phrase.split()
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return words[0]
    named = _name_in(phrase)
    if named:
        return named
    lowered = {w.strip("’'") for w in words if w.islower()}
    if lowered & _NON_NOUN_WORDS:
        return None
    if (
        _DETERMINER.match(phrase)
        or _SHARE.match(phrase)
        or (
            len(words) <= 3
            and words[-1].islower()
            and (words[-1] in _ROLE_WORDS or is_title_word(words[-1]) or words[-1].endswith("s"))
        )
    ):
        return " ".join(words[:_MAX_DESCRIPTION_WORDS])
    return None


def _name_in(phrase: str) -> str | None:
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
