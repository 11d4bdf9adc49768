"""Direct quotations in an article, each with the full name of its speaker where known.

Steps: find double-quoted segments (`quote_marks`), attribute each from the speech verb around
it (`attribution`, built on `speech_verbs` and `speaker_phrases`), let unattributed segments
inherit the speaker of the quotation they continue (same sentence or paragraph, or the paragraph
before when a long quotation runs on) or take whoever their sentence is about, resolve pronouns
and surnames to full names (`names`), drop scare quotes and titles, and add unmarked block
quotations introduced by a paragraph such as "As X said last week:".
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from bot.nlp.attribution import (
    according_at_end,
    speaker_after,
    speaker_before,
    transcript_speaker,
    verb_introduces,
    verb_just_after,
    verb_just_before,
)
from bot.nlp.language import is_unspaced, word_count
from bot.nlp.names import (
    NAME_PATTERN,
    PRONOUNS,
    NameBook,
    clean_name,
    find_names,
    is_common_word,
    is_person,
)
from bot.nlp.quote_marks import Segment, find_segments, paragraph_spans
from bot.nlp.sentences import split_sentences
from bot.nlp.speaker_phrases import sentence_subject
from bot.nlp.speaker_scorer import Evidence, trusted
from bot.nlp.speech_verbs import has_speech_verb
from bot.nlp.wordlists import word_set


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str


@dataclass
class _Draft:
    segment: Segment
    sentence_start: int
    mention: str | None  # speaker as written next to the quotation (a speech verb's subject)
    speaker: str = ""
    how: str = ""  # how the speaker was found: "mention" or the fallback that gave it


_WORD = re.compile(r"\w+")
_CAPITAL_NEXT = re.compile(r"\s*[A-Z]")
_DETERMINERS = word_set("the a an one another his her their its some several many most")
_NAME_ACTING = re.compile(
    rf"(?<![\w’'-])(?P<who>{NAME_PATTERN})\s+(?:[a-z]+ly\s+)?(?:has\s+|had\s+)?[a-z]{{3,}}(?:ed|s)\b"
)
# A signature line holds only a name, perhaps with a place or role after a comma.
_SIGNATURE = re.compile(rf"\s*\n\s*[-—–]\s*(?P<who>{NAME_PATTERN})(?=[ \t]*(?:[,(]|\n|$))")
_SO_CALLED = re.compile(r"so-called\s*$", re.IGNORECASE)
# A term named, not said: "what has been described as “…”", "known as “…”", "dubbed “…”".
_TERM_LEAD = re.compile(
    r"(?:so-called|(?:(?:is|are|was|were|been|being|be)\s+)(?:(?:widely|long|often)\s+)?"
    r"(?:described|known|billed|termed|labell?ed|branded|dubbed|called|referred\s+to|"
    r"considered|seen|regarded|characteri[sz]ed|portrayed|critici[sz]ed|derided|hailed)"
    r"(?:(?:\s+[\w’'-]+){0,3}?\s+as)?|known\s+as|dubbed|nicknamed|"
    r"a\s+(?:term|phrase|word|slogan|label|nickname)(?:\s+\w+)?)(?:\s+(?:a|an|the))?\s*$",
    re.IGNORECASE,
)
# A title of a work or show: "NBC’s “Meet the Press”", "on “This Week”", "the film “Alien”".
_TITLE_LEAD = re.compile(
    r"(?:[’']s|\b(?:on|of|in|titled|entitled|named|called|film|movie|book|show|series|song|"
    r"album|program|programme|podcast|novel|play|episode|anthem|ad|spot|hit|classic|broadcast|"
    r"magazine|column|documentary|musical|poem|game|website|site|hashtag|account),?)\s*$",
    re.IGNORECASE,
)
_TERM_MAX_WORDS = 3
_ABOUT_SENTENCES = 4
# A capitalised word inside a sentence (after a lowercase word or a comma): a name's word.
_INNER_CAPITAL = re.compile(
    r"(?<![.!?\n] )(?<![\n“(])(?<=\S\s)([A-Z][\w’'-]*?)(?:[’']s?)?(?![\w’'-])"
    r"|(?:(?<=[A-Z][a-z]\. )|(?<=[A-Z][a-z]{2}\. ))([A-Z][\w’'-]*?)(?:[’']s?)?(?![\w’'-])"
)
_CONTRACTION = re.compile(r"\w[’'](?:ve|re|ll|d|m)\b", re.IGNORECASE)
_DANGLING = word_set("of the a an and or to for in at by with from")
# Particles of surnames, capitalised when they open a sentence: "De Blasio said".
_NAME_PARTICLES = word_set("de da di del della van von der den du le la al el bin ben ter")
_SPEAKER_PREPOSITIONS = word_set(
    """
    in for at on by to of from with as after during under about alongside amid among despite
    beside besides beyond following like unlike per via through throughout toward towards upon
    within without against across around behind between into onto over since until near
    """
)
_MAX_CONTEXT_CHARS = 400
# Words a speaker uses of themselves or their listener, rare in a reporter's sentences.
_SPEAKING = re.compile(
    r"\b(?:I|I[’']m|I[’']ve|I[’']d|I[’']ll|me|my|mine|we|we[’']re|we[’']ve|us|our|ours|you|"
    r"your|yours)\b",
    re.IGNORECASE,
)
_NARRATIVE_MIN_WORDS = 8
# An attribution between two marks of a glued text: "Charnley said with a wry smile."
_ATTRIBUTION_ONLY = re.compile(
    rf"(?:{NAME_PATTERN}|[Hh]e|[Ss]he)\s+(?:[a-z]+ly\s+)?(?:said|says|added|adds|told|"
    r"explained|continued|insisted|admitted)\b[^\"“”.!?]{0,60}[.,]?"
)
# Two words run together where a line break was lost: "CountrySir", "EssexA" (not "McKay").
_GLUED_WORDS = re.compile(r"[a-z]{4}(?=[A-Z])")
# A sentence's end just before an opening mark, inside a line: where a paragraph once ended.
_GLUED_PARAGRAPH = re.compile(r"[.!?]\s*$")
_GLUED_OPENING = re.compile(r"[.!?]?\s[\"“]\w")
_TITLE_MAX_WORDS = 7
_MIN_BLOCK_WORDS = 12
# The small words of a title, and what an apostrophe leaves of "Who’s" or "Can’t".
_TITLE_SMALL_WORDS = word_set("a an the of and or in on at for to with by from vs s t ll re ve d m")
# An attribute's value inside markup, `<tweet tweet-date="March 4, 2016">`: no quotation.
_ATTRIBUTE = re.compile(r"[\w-]=$")


class _Article:
    """What speaker resolution needs to know about the whole text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.book = NameBook()
        self.names = find_names(text)
        for _, name in self.names:
            self.book.add(name)
        self.name_positions = [pos for pos, _ in self.names]
        self.sentence_starts = [start for start, _ in split_sentences(text)]
        self.segments = find_segments(text)
        self.lowercase_words = {w for w in _WORD.findall(text) if w.islower()}

    @functools.cached_property
    def inner_capitals(self) -> set[str]:
        """Capitalised words seen inside sentences (what the scorer asks of a speaker)."""
        return {m.group(1) or m.group(2) for m in _INNER_CAPITAL.finditer(self.text)}

    def sentence_start(self, pos: int) -> int:
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentence_starts[k] if k >= 0 else 0

    def sentence_end_after(self, pos: int) -> int:
        """Start of the first sentence after `pos` (or the text's end)."""
        k = bisect.bisect_right(self.sentence_starts, pos)
        return self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.text)

    def person_about(self, pos: int, after: int) -> str:
        """The person the sentences before `pos` are about: the subject of the nearest earlier
        sentence (back to `after`, within a few sentences) that is a named person."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        for back in range(k - 1, max(-1, k - 1 - _ABOUT_SENTENCES), -1):
            start = self.sentence_starts[back]
            if start < after:
                break
            end = min(self.sentence_starts[back + 1], start + _MAX_CONTEXT_CHARS)
            subject = sentence_subject(self.text[start:end])
            if subject and subject.lower() not in PRONOUNS and subject[:1].isupper():
                full = self.book.resolve(subject)
                if is_person(full):
                    return full
        return ""


def extract_quotations(text: str) -> list[Quote]:
    """Direct quotations in English `text`; `text[q.start:q.end] == q.text` (inner text, no
    marks). A speaker the scorer doubts is left out: "unattributed" rather than a guess."""
    article, kept = _drafts(text)
    for draft in kept:
        if draft.speaker and not trusted(_evidence(article, draft)):
            draft.speaker = ""
    return _quotes(article, kept)


def speaker_evidence(text: str) -> list[tuple[Quote, Evidence]]:
    """Each quotation with the speaker found before the scorer's check, and what the scorer
    reads about it (for training the scorer)."""
    article, kept = _drafts(text)
    return [(_quote(text, d), _evidence(article, d)) for d in kept if d.speaker]


def _quote(text: str, draft: _Draft) -> Quote:
    seg = draft.segment
    return Quote(seg.start, seg.end, text[seg.start : seg.end], draft.speaker)


def _quotes(article: _Article, kept: list[_Draft]) -> list[Quote]:
    quotes = [_quote(article.text, d) for d in kept]
    quotes.extend(_block_quotations(article, article.segments))
    quotes.sort(key=lambda q: q.start)
    return _once_each(quotes)


def _evidence(article: _Article, draft: _Draft) -> Evidence:
    seg = draft.segment
    return Evidence(
        article.text,
        seg.start,
        seg.end,
        seg.open_mark,
        seg.close_mark,
        seg.para_start,
        seg.para_end,
        draft.sentence_start,
        draft.how,
        draft.mention or "",
        draft.speaker,
        all(_names_word(article, w) for w in draft.speaker.split() if w[:1].isupper()),
    )


def _drafts(text: str) -> tuple[_Article, list[_Draft]]:
    """The quoted segments that are quotations, each with its speaker where one is found."""
    article = _Article(text)
    segments = article.segments
    drafts = [_attribute(article, segments, i) for i in range(len(segments))]
    last_speaker, last_at = "", 0
    for draft in drafts:  # attributed segments first, pronouns from the speaker before them
        if draft.mention:
            resolved = _resolve(article, draft, last_speaker, last_at)
            draft.speaker = _speaker_or_none(article, resolved)
            draft.how = "mention"
            last_speaker, last_at = draft.speaker, draft.segment.open_mark
    kept: list[_Draft] = []
    previous: _Draft | None = None
    for i, draft in enumerate(drafts):
        if not draft.mention:
            draft.speaker, draft.how = _fallback_speaker(article, drafts, i, previous)
        if not _is_quotation(text, draft):
            continue
        previous = draft
        kept.append(draft)
    _carry_back(text, kept)
    return article, kept


def _fallback_speaker(
    article: _Article, drafts: list[_Draft], i: int, previous: _Draft | None
) -> tuple[str, str]:
    """Speaker of a segment no speech verb attributes, and the way that found it."""
    draft = drafts[i]
    text = article.text
    if _reads_as_reporting(text, draft.segment):
        return "", ""
    if draft.segment.open_mark == draft.sentence_start:  # `"...," he said. "More."`
        found = _speaker_or_none(article, _inherit(drafts, i, previous, text))
        if found:
            return found, "inherit"
        before = previous.speaker if previous else ""
        return _speaker_or_none(article, _introducer(article, draft, before)), "introducer"
    # a partial quotation: its own sentence comes first
    for how in ("same_sentence", "sentence_subject", "inherit_partial", "introduced"):
        if how == "same_sentence":
            found = _same_sentence_speaker(article, drafts, i)
        elif how == "sentence_subject":
            found = _weak_speaker(article, draft)
        elif how == "inherit_partial":
            found = _inherit(drafts, i, previous, text)
        else:
            found = _introduced_paragraph_speaker(article, draft)
        found = _speaker_or_none(article, found)
        if found:
            return found, how
    return "", ""


def _reads_as_reporting(text: str, seg: Segment) -> bool:
    """Whether an unattributed segment of a few sentences reads as the reporter's text: it
    reports speech ("..., and said that Apple should") and never speaks as "I", "we" or "you".
    Archives that glue paragraphs into one line pair a quotation's closing mark with the next
    quotation's opening one and leave such narrative between marks."""
    glued = _GLUED_PARAGRAPH.search(text, max(seg.para_start, seg.open_mark - 3), seg.open_mark)
    close = seg.close_mark
    if glued is None or close is None or not _GLUED_OPENING.match(text, close - 1):
        return False  # only between two marks that both open a glued paragraph
    inner = text[seg.start : seg.end]
    if len(_WORD.findall(inner)) < _NARRATIVE_MIN_WORDS or _SPEAKING.search(inner):
        return False
    return has_speech_verb(text, seg.start, seg.end)


def _speaker_or_none(article: _Article, speaker: str) -> str:
    """The speaker, or "" when it cannot be one: a pronoun left unresolved, a phrase opening
    with a preposition ("in a statement"), or one capitalised word that opens sentences or
    names a place ("Another", "Here", "Ohio") and is no person's name in the article.
    A sentence's first word glued to a name ("Encourage Indiana") and a possessive mark or a
    dangling "of" at the end are taken off, and so is what runs into it where a line break was
    lost ("Black CountrySir Albert")."""
    glued = list(_GLUED_WORDS.finditer(speaker))
    # "other news from SuffolkJonathan Rees": a page's link text glued to the name
    if glued and " " in speaker[glued[-1].end() :].strip() and "@" not in speaker:
        speaker = clean_name(speaker[glued[-1].end() :])
    words = speaker.rstrip("’'").split()
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()  # "the former secretary of"
    if not words:
        return ""
    first = words[0].lower()
    if (len(words) == 1 and first in PRONOUNS) or first in _SPEAKER_PREPOSITIONS:
        return ""
    if _CONTRACTION.search(speaker):
        return ""  # "You’ve", "We’re": a sentence's opening, no name
    if (
        len(words) > 1
        and all(w[:1].isupper() for w in words)
        and not words[0].isupper()
        and first not in _NAME_PARTICLES
        and (
            first in article.lowercase_words
            or words[0].endswith(("’", "'"))  # "Thin-skinned’ Trump": a quoted word's end
            or (first.endswith("ing") and words[0] not in article.inner_capitals)
        )
    ):
        words = words[1:]  # "Trust Donald Trump", "Debating Clinton": a verb, then a name
        first = words[0].lower()
    if len(words) == 1 and words[0][:1].isupper():
        if is_common_word(words[0]) and len(article.book.resolve(words[0]).split()) < 2:
            return ""
        if first in article.lowercase_words and not words[0].isupper():
            return ""  # "friends" in the text too: a word, not a name
    return " ".join(words)


def _names_word(article: _Article, word: str) -> bool:
    """Whether a capitalised word is seen as a name here: capitalised inside a sentence, or
    part of a full name the article gives (the scorer weighs it; "Signs" is neither)."""
    return (
        word in article.inner_capitals
        or word.upper() in article.text  # a transcript's "WALLACE:"
        or len(article.book.resolve(word).split()) > 1
    )


def _carry_back(text: str, drafts: list[_Draft]) -> None:
    """A quotation over several paragraphs leaves each but the last open and names its speaker
    after the last one; every open paragraph before it takes that speaker (over a guess from
    the sentence before it)."""
    for k in range(len(drafts) - 2, -1, -1):
        this, nxt = drafts[k], drafts[k + 1]
        seg, after = this.segment, nxt.segment
        if (
            not this.mention
            and nxt.speaker
            and not seg.closed
            and after.open_mark == after.para_start
            and not text[seg.para_end : after.para_start].strip()
        ):
            this.speaker, this.how = nxt.speaker, "carried_back"


def _once_each(quotes: list[Quote]) -> list[Quote]:
    """A quotation repeated in the article (a headline or pull quote, a term used twice) is
    kept once: where it is attributed, else at its first place."""
    chosen: dict[str, Quote] = {}
    for quote in quotes:
        key = " ".join(_WORD.findall(quote.text.casefold()))
        if key not in chosen or (quote.speaker and not chosen[key].speaker):
            chosen[key] = quote
    kept = {id(q) for q in chosen.values()}
    return [q for q in quotes if id(q) in kept]


def _attribute(article: _Article, segments: list[Segment], i: int) -> _Draft:
    """The speaker named next to segment `i`: a verb just before it wins, then the words after
    its closing mark, then the rest of its sentence, then an introducing paragraph."""
    text = article.text
    seg = segments[i]
    nxt = segments[i + 1] if i + 1 < len(segments) else None
    prev = segments[i - 1] if i > 0 else None
    # Attributions sit near their quotation; the bound keeps hostile run-on text cheap.
    reach = seg.open_mark - _MAX_CONTEXT_CHARS
    start = max(article.sentence_start(seg.open_mark), seg.para_start, reach)
    if prev and prev.para_start == seg.para_start and prev.close_mark is not None:
        start = max(start, prev.close_mark + 1)
    mention = transcript_speaker(text[seg.start : seg.end])
    after: str | None = None
    limit = seg.para_end
    ended = False
    if seg.close_mark is not None:
        limit = nxt.open_mark if nxt and nxt.para_start == seg.para_start else seg.para_end
        # `...?’"` ends with its "?", `... . "` with its ".".
        last = text[seg.start : seg.end].rstrip().rstrip("’'")[-1:]
        ended = last in ".!?…" and _CAPITAL_NEXT.match(text, seg.close_mark + 1) is not None
        sentence_end = article.sentence_end_after(seg.close_mark)
        if ended and sentence_end <= seg.close_mark + 2:  # the splitter ended it at the mark
            sentence_end = article.sentence_end_after(sentence_end)
        # `..." The ministry said it will "consider ..."`: a new sentence that quotes again
        # names the next quotation's speaker, not this one's.
        introduces_next = ended and limit < min(sentence_end, seg.para_end)
        limit = min(limit, sentence_end, seg.close_mark + _MAX_CONTEXT_CHARS)
        after = None
        if not introduces_next:
            after = speaker_after(
                text, seg.close_mark + 1, limit, clause_open=last in ",?!", ended=ended
            )
        # `— "why not?" asked Dunn` names its speaker next to the mark: that beats a verb before.
        tight = last == "," or (last in "?!" and not ended)
        if (
            mention is None
            and after
            and tight
            and verb_just_after(text, seg.close_mark + 1, limit)
            and not verb_introduces(text, start, seg.open_mark)
        ):
            mention = after
    if mention is None and verb_just_before(text, start, seg.open_mark):
        mention = speaker_before(text, start, seg.open_mark)
    if mention is None:
        mention = after
    if mention is None:
        mention = speaker_before(text, start, seg.open_mark)
    if mention is None and seg.close_mark is not None and not ended:  # `"tight," according to X.`
        mention = according_at_end(text, seg.close_mark + 1, limit)
    sentence_start = max(article.sentence_start(seg.open_mark), seg.para_start, reach)
    if mention is None and sentence_start < start:  # `The ad, titled "X", concludes that "...`
        mention = speaker_before(text, sentence_start, seg.open_mark)
    if mention is None and seg.open_mark == seg.para_start:
        mention = _colon_intro_speaker(text, seg.para_start)
    if mention is None and seg.open_mark == seg.para_start:
        signature = _SIGNATURE.match(text, seg.para_end)  # a "— Jo Li, Ohio" line below
        mention = clean_name(signature.group("who")) or None if signature else None
    return _Draft(seg, start, mention)


def _colon_intro_speaker(text: str, para_start: int, strict: bool = False) -> str | None:
    """Speaker named in the previous paragraph when it ends with a colon ("X said:"). `strict`
    requires a speech verb (not just a sentence subject, as in "X released a statement:")."""
    end = para_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end <= 0 or text[end - 1] != ":":
        return None
    start = text.rfind("\n", 0, end) + 1
    start = max(start, end - _MAX_CONTEXT_CHARS)
    sentences = split_sentences(text[start:end])
    if sentences:
        start += sentences[-1][0]
    return speaker_before(text, start, end, subject_fallback=not strict)


def _introduced_paragraph_speaker(article: _Article, draft: _Draft) -> str:
    """A paragraph introduced by "X wrote:" is X's text, quotations inside it included."""
    mention = _colon_intro_speaker(article.text, draft.segment.para_start, strict=True)
    if not mention or mention.lower() in PRONOUNS:
        return ""
    return _full_name(article, mention)


def _resolve(article: _Article, draft: _Draft, last_speaker: str, last_at: int) -> str:
    """The speaker's full name; "he" or "she" is the person the text is about: the subject of
    its own sentence, else the person the sentences since the last quotation are about, else
    the last speaker when a person. A name merely mentioned nearby is no evidence: a pronoun
    with none of these stays unresolved (and the quotation unattributed)."""
    mention = draft.mention or ""
    if mention.lower() not in PRONOUNS:
        return _full_name(article, mention)
    # A pronoun in a clause whose sentence opens with a name ("Clinton said she ...").
    subject = sentence_subject(article.text[draft.sentence_start : draft.segment.open_mark])
    if subject and subject.lower() not in PRONOUNS:
        return _full_name(article, subject)
    personal = mention.lower() in ("he", "she", "his", "her", "him")
    if personal:
        about = article.person_about(draft.segment.open_mark, last_at)
        if about:
            return about
        if last_speaker and not is_person(last_speaker):
            last_speaker = ""
    return last_speaker or mention


def _introducer(article: _Article, draft: _Draft, last_speaker: str) -> str:
    """For a quotation opening its sentence: the person the previous sentence is about, in
    the same paragraph or the one before ("Clinton touted her record. "We need ...")."""
    seg = draft.segment
    if seg.open_mark != draft.sentence_start or draft.sentence_start == 0:
        return ""
    previous_start = max(
        article.sentence_start(draft.sentence_start - 1), draft.sentence_start - _MAX_CONTEXT_CHARS
    )
    previous_sentence = article.text[previous_start : draft.sentence_start].rstrip()
    subject = speaker_before(article.text, previous_start, previous_start + len(previous_sentence))
    subject = subject or sentence_subject(previous_sentence)
    if not subject:
        return ""
    if subject.lower() in PRONOUNS:
        return last_speaker
    return _full_name(article, subject)


def _full_name(article: _Article, mention: str) -> str:
    """A name resolved to its full form; a description ("The campaign's statement") as is."""
    first = mention.split(maxsplit=1)[0].lower()
    if not mention[:1].isupper() or first in _DETERMINERS:
        return mention
    return article.book.resolve(mention)


def _weak_speaker(article: _Article, draft: _Draft) -> str:
    """For a partial quotation with no speech verb: the name opening its sentence, if any."""
    seg = draft.segment
    if seg.open_mark == draft.sentence_start:
        return ""
    context = article.text[draft.sentence_start : seg.open_mark]
    subject = sentence_subject(context)
    if not subject or subject.lower() in PRONOUNS:
        acting = list(_NAME_ACTING.finditer(context))  # "... that Sanders thanked its members"
        if not acting:
            return ""
        subject = acting[-1].group("who")
    return _full_name(article, subject)


def _same_sentence_speaker(article: _Article, drafts: list[_Draft], i: int) -> str:
    """The speaker of a neighbouring attributed quotation in the same sentence."""
    sentence = article.sentence_start(drafts[i].segment.open_mark)
    for j in (i - 1, i + 1):
        if not 0 <= j < len(drafts) or not drafts[j].mention:
            continue
        if article.sentence_start(drafts[j].segment.open_mark) == sentence:
            return drafts[j].speaker
    return ""


def _inherit(drafts: list[_Draft], i: int, previous: _Draft | None, text: str) -> str:
    """Speaker of an unattributed segment, taken from the quotation it continues."""
    seg = drafts[i].segment
    for j in range(i - 1, -1, -1):
        other = drafts[j]
        if other.segment.para_start != seg.para_start:
            break
        if other.speaker:
            return other.speaker
    for j in range(i + 1, len(drafts)):
        other = drafts[j]
        if other.segment.para_start != seg.para_start:
            break
        if other.mention:
            return other.speaker
    if previous is not None and seg.open_mark == seg.para_start:
        between = text[previous.segment.para_end : seg.para_start]
        if not between.strip():  # the next paragraph: a long quotation runs on
            return previous.speaker
    return ""


def _is_quotation(text: str, draft: _Draft) -> bool:
    """Attributed segments stay, unless they are titles or terms; unattributed titles,
    handles and lone words do not."""
    seg = draft.segment
    inner = text[seg.start : seg.end]
    words = _WORD.findall(inner)
    if is_unspaced(inner):  # one \w run is a whole clause in Chinese or Japanese
        words = [inner] * word_count(inner)
    before = text[max(0, seg.open_mark - 40) : seg.open_mark]
    if _ATTRIBUTE.search(before):
        return False
    if len(words) <= _TITLE_MAX_WORDS and _is_title_case(words) and _TITLE_LEAD.search(before):
        return False
    if len(words) <= _TERM_MAX_WORDS and _TERM_LEAD.search(before):
        return False
    if draft.mention:
        return True
    if _ATTRIBUTION_ONLY.fullmatch(inner) and not _SPEAKING.search(
        inner
    ):  # `...," " Charnley said with a smile. "It is ...`
        return False
    if _SO_CALLED.search(text, max(0, seg.open_mark - 12), seg.open_mark):
        return False
    if not any(w[0].isalpha() for w in words) or inner.startswith(("@", "#")):
        return False
    if len(words) <= _TITLE_MAX_WORDS and _is_title_case(words):
        return False
    if len(words) == 1:
        return bool(draft.speaker) or has_speech_verb(text, seg.para_start, seg.para_end)
    return True


def _is_title_case(words: list[str]) -> bool:
    """Every content word capitalised: a name, title or slogan rather than speech."""
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _block_quotations(article: _Article, segments: list[Segment]) -> list[Quote]:
    """Unmarked prose paragraphs introduced by a paragraph ending in "X said:" or "As X put
    it, ...:" (a named speaker and a speech verb; lists, links and tables do not count)."""
    text = article.text
    found = []
    marked = {seg.para_start for seg in segments}
    for (_, intro_end), (start, end) in itertools.pairwise(paragraph_spans(text)):
        if text[intro_end - 1] != ":" or start in marked:
            continue
        block = text[start:end].rstrip()
        if len(block.split()) < _MIN_BLOCK_WORDS or not block[0].isupper() or block[-1] == ":":
            continue
        mention = _colon_intro_speaker(text, start, strict=True)
        if mention and mention[:1].isupper() and mention.lower() not in PRONOUNS:
            found.append(Quote(start, end, text[start:end], _full_name(article, mention)))
    return found
