"""Quotations in the conventions of German, French, Spanish, Italian, Portuguese, Russian,
Chinese and Japanese: their quotation marks, their speech verbs, their word order.

Precision first: a quotation gets a speaker only when a speech verb of its language sits right
next to it with a name, or with a pronoun (or no subject, in a language that drops it): then the
person named last before it in the same or the previous paragraph. Anything else is left
unattributed rather than guessed. Short quoted terms and titles («Le Monde», „Tatort“) that no
speech verb attributes are not quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.quote_marks import paragraph_spans
from bot.nlp.quotes import Quote
from bot.nlp.wordlists import word_set

LANGUAGES = frozenset({"de", "fr", "es", "it", "pt", "ru", "zh", "ja"})

# Opening mark -> its closing mark, per language (nested quotations close inside).
_PAIRS: dict[str, dict[str, str]] = {
    "de": {"„": "“", "»": "«", "“": "”", "«": "»"},
    "fr": {"«": "»", "“": "”", "‹": "›"},
    "es": {"«": "»", "“": "”"},
    "it": {"«": "»", "“": "”"},
    "pt": {"«": "»", "“": "”"},
    "ru": {"«": "»", "„": "“", "“": "”"},
    "zh": {"“": "”", "「": "」", "『": "』", "《": "》"},
    "ja": {"「": "」", "『": "』", "“": "”"},
}
_TITLE_MARKS = frozenset("《")  # Chinese marks for titles of works: never a quotation

_VERBS: dict[str, str] = {
    "de": r"sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|fügte|ergänzte|sagten|"
    r"erklärten|warnte|warnt|kritisierte|kritisiert|berichtete|berichtet|räumte|"
    r"versprach|verspricht|forderte|fordert|so|schrieb|schreibt|antwortete|sprach|erzählte|"
    r"erzählt|versicherte|bestätigte|lobte|klagte|beklagte|mahnte|schilderte|teilte|"
    r"erläuterte|unterstrich|kündigte|ergänzt|betont|warnt",
    "fr": r"a\s+(?:déclaré|affirmé|dit|expliqué|ajouté|souligné|assuré|estimé|indiqué|précisé|"
    r"confié|lancé|répondu|reconnu|averti|martelé|insisté|prévenu|regretté|annoncé)|"
    r"(?:déclare|affirme|dit|explique|ajoute|souligne|assure|estime|indique|précise|confie|"
    r"lance|répond|reconnaît|avertit|martèle|insiste|prévient|regrette|annonce)|"
    r"(?:a-t-(?:il|elle)\s+\w+)|(?:\w+-t-(?:il|elle))|(?:\w+-(?:il|elle))|"
    r"déclarait|affirmait|disait|expliquait|ajoutait|"
    r"a\s+(?:dénoncé|raconté|poursuivi|résumé|rappelé|confirmé|jugé|observé|admis|lâché|"
    r"promis|témoigné|commenté|écrit|répété|conclu|plaidé|protesté|ironisé|glissé|détaillé)|"
    r"dénonce|raconte|poursuit|résume|rappelle|confirme|juge|observe|admet|lâche|promet|"
    r"témoigne|commente|écrit|répète|conclut|plaide|proteste|ironise|glisse|détaille|sourit",
    "es": r"dijo|afirmó|declaró|explicó|añadió|agregó|señaló|aseguró|indicó|sostuvo|"
    r"manifestó|subrayó|advirtió|insistió|reconoció|comentó|respondió|apuntó|destacó|"
    r"ha\s+dicho|ha\s+afirmado|ha\s+declarado|ha\s+explicado|ha\s+señalado|ha\s+asegurado|"
    r"dice|afirma|explica|añade|asegura|señala|declara|contó|relató|recordó|defendió|"
    r"denunció|lamentó|prometió|admitió|concluyó|criticó|resumió|precisó|recalcó|sentenció|"
    r"cuenta|relata|recuerda|lamenta|denuncia|insiste|advierte|reconoce|sostiene",
    "it": r"ha\s+(?:detto|dichiarato|affermato|spiegato|aggiunto|sottolineato|assicurato|"
    r"commentato|precisato|ribadito|osservato|risposto|ammesso|avvertito)|"
    r"disse|dichiarò|affermò|spiegò|aggiunse|sottolineò|dice|afferma|spiega|aggiunge|"
    r"sottolinea|dichiara|commenta|osserva|precisa|racconta|ricorda|denuncia|conferma|"
    r"conclude|ammette|sostiene|annuncia|"
    r"ha\s+(?:raccontato|ricordato|denunciato|promesso|concluso|confermato|sostenuto|annunciato)",
    "pt": r"disse|afirmou|declarou|explicou|acrescentou|disseram|destacou|garantiu|"
    r"sublinhou|ressaltou|salientou|observou|comentou|respondeu|admitiu|avisou|frisou|"
    r"diz|afirma|explica|acrescenta|garante|declara|destaca|ressalta|contou|relatou|lembrou|"
    r"recordou|denunciou|lamentou|reconheceu|insistiu|prometeu|assegurou|advertiu|concluiu|"
    r"criticou|resumiu|defendeu|conta|relata|lembra|lamenta|denuncia|reconhece",
    "ru": r"сказал[аи]?|заявил[аи]?|отметил[аи]?|подчеркнул[аи]?|добавил[аи]?|пояснил[аи]?|"
    r"сообщил[аи]?|признал[аи]?|уточнил[аи]?|ответил[аи]?|рассказал[аи]?|считает|"
    r"говорит|заявляет|отмечает|подчёркивает|подчеркивает|добавляет|поясняет|сообщает|"
    r"признаёт|признает|уверен[аы]?|убежден[аы]?|говорил[аи]?|заметил[аи]?|пообещал[аи]?|"
    r"призвал[аи]?|напомнил[аи]?|объяснил[аи]?|признался|призналась|пожаловался|"
    r"пожаловалась|уверяет|подытожил[аи]?|рассказывает|объясняет|вспоминает|вспомнил[аи]?|"
    r"возразил[аи]?|прокомментировал[аи]?|констатировал[аи]?|написал[аи]?|пишет",
}
_ACCORDING: dict[str, str] = {
    "de": r"laut|so|nach\s+Angaben\s+von|nach\s+Worten\s+von",
    "fr": r"selon|d'après|d’après|pour",
    "es": r"según|para",
    "it": r"secondo|per",
    "pt": r"segundo|para|de\s+acordo\s+com",
    "ru": r"по\s+словам|как\s+(?:сказал[аи]?|отметил[аи]?|заявил[аи]?)",
}
# A subject pronoun after the verb ("sagte er", "dijo ella") or none at all (pro-drop).
_PRONOUNS: dict[str, frozenset[str]] = {
    "de": word_set("er sie"),
    "fr": word_set("il elle"),
    "es": word_set("él ella"),
    "it": word_set("lui lei"),
    "pt": word_set("ele ela"),
    "ru": word_set("он она"),
}
# The same, as patterns (with the disjunctive forms "selon lui", "según él", "secondo lui").
_PRONOUN_WORDS = {
    "de": "er|sie|ihm|ihr",
    "fr": "il|elle|lui",
    "es": "él|ella",
    "it": "lui|lei",
    "pt": "ele|ela",
    "ru": "он|она|него|неё|нее|ему|ей",
}
# Lowercase words that may stand between the verb and the name: articles, roles, titles.
_PARTICLES = word_set("de da do dos das del della di von van zu bin al")
# Capitalised words that begin sentences or name times and places, never a speaker.
_NOT_NAMES = word_set(
    """
    der die das den dem des ein eine einer am im auf aus bei mit nach vom zum zur
    le la les un une des du au aux en ce cette il elle on nous
    el los las lo una unos unas al en este esta ese esa
    il lo gli i una uno nel nella questo questa
    o os as um uma no na nos nas este esta
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    segunda terça quarta quinta sexta sábado domingo
    januar februar märz april mai juni juli august september oktober november dezember
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
    в во на по он она они это этот эта
    er sie es wir ihr unsere unser il elle ils elles él ella lui lei ele ela они мы
    """
)
# German capitalises nouns: role words before a name are not part of it.
_GERMAN_ROLE = re.compile(
    r"(?:.*(?:meister|minister|präsident|kanzler|sprecher|direktor|leiter|vorsitzende|chef|"
    r"berater|trainer|experte|expertin|professor|abgeordnete|senator|rat|rätin|vorstand|"
    r"führer|inhaber|gründer|forscher|ärztin|arzt|anwalt|anwältin|bischof|kommissar|"
    r"sekretär|beauftragte|manager|sprecherin|in|innen))$",
    re.IGNORECASE,
)
_GERMAN_TITLES = word_set("herr frau dr prof")

_SENTENCE_END = re.compile(r"[.!?。！？]")
_CJK_VERBS = {
    "zh": r"说道|说|表示|称|指出|强调|介绍|认为|告诉记者|透露|坦言|补充说|回应|解释说|宣布",
    "ja": r"述べ|話し|話す|語っ|語る|説明し|強調し|言っ|言う|明らかにし|指摘し|答え|"
    r"訴え|コメントし|発表し|主張し|語り|付け加え|加え|明かし|振り返っ|呼びかけ",
}
_ZH_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤欧阳司马诸葛上官"
)
_ZH_PRONOUNS = frozenset({"他", "她", "他们", "她们"})
_ZH_WHO = r"[^，。！？“”「」：:\s]"  # the characters a speaker's name may hold
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_JA_SUFFIXES = (
    "委員長", "理事長", "報道官", "大統領", "市長", "社長", "首相", "大臣", "知事", "教授", "議員",
    "会長", "代表", "監督", "選手", "部長", "課長", "局長", "院長", "校長", "所長", "長官", "町長",
    "村長", "区長", "准教授", "医師", "弁護士", "氏", "さん", "様", "君", "容疑者", "被告",
)  # fmt: skip
_JA_PRONOUNS = frozenset({"彼", "彼女", "同氏"})


@dataclass
class _Found:
    start: int  # inner text, marks excluded, trimmed
    end: int
    open_mark: int
    close_mark: int | None
    para: int  # index of its paragraph
    speaker: str = ""
    pronoun: bool = False  # attributed by a verb whose subject is a pronoun or left out


def extract_foreign_quotations(text: str, language: str) -> list[Quote]:
    """Quotations in `text`, written in `language` (one of LANGUAGES)."""
    found = _segments(text, language)
    spaced = language not in ("zh", "ja")
    quoted = [(f.start, f.end) for f in found]
    mentions = [
        (at, name)
        for at, name in (_mentions(text, language) if spaced else [])
        if not any(start <= at < end for start, end in quoted)
    ]
    names = {name.split()[-1]: name for _, name in reversed(mentions)}
    for item in found:
        _attribute(text, item, language)
        if item.speaker and spaced:
            item.speaker = _known(item.speaker, names)
    paragraphs = paragraph_spans(text)
    last: tuple[int, str] | None = None  # (paragraph, speaker) of the last named quotation
    quotes: list[Quote] = []
    seen: set[str] = set()
    for item in found:
        if item.speaker and not item.pronoun:
            last = (item.para, item.speaker)
        elif item.pronoun:
            # "he said": the person named last before it, in its paragraph or the one before
            window = paragraphs[max(0, item.para - 1)][0]
            named = [name for at, name in mentions if window <= at < item.open_mark]
            near = last is not None and item.para - last[0] <= 1
            item.speaker = named[-1] if named else (last[1] if near and last else "")
        inner = text[item.start : item.end]
        if not item.speaker and not (_long_enough(inner, language) or _told(text, item, language)):
            continue  # a quoted term or a title, not a quotation
        key = " ".join(inner.split())
        if key in seen:
            continue  # the same quotation repeated in the article
        seen.add(key)
        quotes.append(Quote(item.start, item.end, inner, item.speaker))
    return quotes


def _mentions(text: str, language: str) -> list[tuple[int, str]]:
    """Full names (two or three capitalised words) in the article, with their positions."""
    found = []
    for match in re.finditer(_NAME, text):
        words = _clean(match.group(), language).split()
        if 2 <= len(words) <= 3 and _is_name(" ".join(words), language):
            found.append((match.start(), " ".join(words)))
    return found


def _known(speaker: str, names: dict[str, str]) -> str:
    """A one-word speaker is a person's surname the article gives in full, or nobody: a lone
    capitalised word after a verb is as often a place or a newspaper ("a déclaré Paris")."""
    if len(speaker.split()) >= 2:
        return speaker
    return names.get(speaker, "")


def _told(text: str, item: _Found, language: str) -> bool:
    """Japanese marks speech with と after the closing mark (「…」と喜んだ); a name or a term
    is called something (「名作」と呼ばれる, 「…」という)."""
    if language != "ja" or item.close_mark is None:
        return False
    after = text[item.close_mark + 1 : item.close_mark + 5]
    return after.startswith("と") and not _JA_NAMING.match(after)


_JA_NAMING = re.compile(r"と(?:呼|いう|言う|いわ|言わ|称さ|名付|題し|銘打)")


def _long_enough(inner: str, language: str) -> bool:
    if language in ("zh", "ja"):
        return len(re.sub(r"\W", "", inner)) >= 8
    return len(inner.split()) >= 4


def _segments(text: str, language: str) -> list[_Found]:
    """Top-level quoted segments; one left open runs to the end of its paragraph."""
    pairs = _PAIRS[language]
    found: list[_Found] = []
    for para, (para_start, para_end) in enumerate(paragraph_spans(text)):
        stack: list[str] = []
        open_at = 0
        for i in range(para_start, para_end):
            char = text[i]
            if stack and (char == stack[-1] or (char == '"' and stack[-1] == '"')):
                stack.pop()
                if not stack:
                    _add(text, open_at, i, para, found)
            elif char in pairs or (char == '"' and not stack):
                if not stack:
                    open_at = i
                stack.append(pairs.get(char, '"'))
        if stack and text[open_at] not in _TITLE_MARKS:
            _add(text, open_at, None, para, found, para_end)
    return [f for f in found if text[f.open_mark] not in _TITLE_MARKS]


def _add(
    text: str, open_at: int, close_at: int | None, para: int, found: list[_Found], end: int = 0
) -> None:
    start, stop = open_at + 1, close_at if close_at is not None else end
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        found.append(_Found(start, stop, open_at, close_at, para))


def _attribute(text: str, item: _Found, language: str) -> None:
    if language in ("zh", "ja"):
        speaker, pronoun = _cjk_speaker(text, item, language)
    else:
        speaker, pronoun = _spaced_speaker(text, item, language)
    item.speaker, item.pronoun = speaker, pronoun


# --- languages written with spaces ------------------------------------------------------------


def _after(text: str, item: _Found) -> str:
    """From the closing mark to the end of its sentence (at most 200 characters)."""
    if item.close_mark is None:
        return ""
    rest = text[item.close_mark + 1 : item.close_mark + 201].split("\n", 1)[0]
    lead = re.match(r"[\s,.;:!?—–-]*", rest)
    body = rest[lead.end() if lead else 0 :]
    end = _SENTENCE_END.search(body)
    if lead and "." in lead.group() and not re.match(r"\s*[,—–-]", rest):
        return ""  # the sentence ended with the quotation
    return body[: end.start()] if end else body


def _before(text: str, item: _Found) -> str:
    """From the start of the quotation's sentence to its opening mark."""
    line_start = text.rfind("\n", 0, item.open_mark) + 1
    head = text[line_start : item.open_mark]
    ends = list(_SENTENCE_END.finditer(head))
    return head[ends[-1].end() :] if ends else head


def _spaced_speaker(text: str, item: _Found, language: str) -> tuple[str, bool]:
    speaker, pronoun = _speaker_after(_after(text, item), language)
    if speaker or pronoun:
        return speaker, pronoun
    return _speaker_before(_before(text, item).rstrip(), language)


def _speaker_after(after: str, language: str) -> tuple[str, bool]:
    verbs, pronouns = _VERBS[language], _PRONOUNS[language]
    if after:
        # «…», dijo Antonio García / „…“, sagte die Abgeordnete Maria Schneider
        verb_first = re.match(rf"(?i:{verbs})\b\s*(?P<rest>.*)", after, re.S)
        if verb_first:
            rest = verb_first.group("rest")
            if language == "fr" and re.search(r"-t-(?:il|elle)|-(?:il|elle)\b", after[:40]):
                return "", True
            first_word = (rest.split() or [""])[0].strip(",.").lower()
            if first_word in pronouns or not rest.strip():
                return "", True
            name = _name_in(rest, language)
            if name:
                return name, False
            if language in ("es", "it", "pt", "ru") and not _starts_with_capital(rest):
                return "", True  # «…», dijo a los periodistas: the subject is left out
            return "", False
        # «…», Antonio García dijo / «…», — сказал он
        name_first = re.match(rf"(?P<who>{_NAME})\s+(?i:{verbs})\b", after, re.UNICODE)
        if name_first and _is_name(name_first.group("who"), language):
            return _clean(name_first.group("who"), language), False
    return "", False


def _speaker_before(before: str, language: str) -> tuple[str, bool]:
    verbs = _VERBS[language]
    if before.endswith((":", ",")):
        stripped = before.rstrip(":, ")
        # Antonio García dijo: «…» / Dazu sagte Vogel: „…“ / selon Claire Martin, « … »
        pronoun = _PRONOUN_WORDS[language]
        if re.search(rf"\b(?i:{_ACCORDING[language]})\s+(?i:{pronoun})$", stripped) or (
            language == "ru" and re.search(r"(?i:по\s+(?:его|её|ее)\s+словам)$", stripped)
        ):
            return "", True  # selon lui, « … » / по её словам, «…»
        if re.search(rf"(?:^|\s)(?i:{pronoun})\s+(?i:{verbs})(?:\s+{_WORD}){{0,3}}$", stripped):
            return "", True  # Er sagte der Zeitung: „…“
        subject_verb = re.search(
            rf"(?P<who>{_NAME}),?\s+(?i:{verbs})(?:\s+{_WORD}){{0,3}}\s*$", stripped, re.UNICODE
        )
        if subject_verb and _is_name(subject_verb.group("who"), language):
            return _clean(subject_verb.group("who"), language), False
        verb_subject = re.search(
            rf"\b(?P<how>(?i:{verbs}|{_ACCORDING[language]}))\s+(?P<rest>.+)$",
            stripped,
            re.UNICODE,
        )
        if verb_subject:
            name = _name_in(verb_subject.group("rest"), language, whole=True)
            if name and language == "ru" and verb_subject.group("how").lower().startswith("по"):
                name = " ".join(_nominative(w) for w in name.split())
            if name:
                return name, False
    return "", False


_WORD = r"[^\W\d_][\w’'-]*"
_CAPITAL_WORD = r"(?:[^\W\d_a-zà-ÿа-яё][\w’'-]*)"
_NAME = rf"{_CAPITAL_WORD}(?:\s+(?:(?:{'|'.join(sorted(_PARTICLES))})\s+)?{_CAPITAL_WORD}){{0,3}}"


def _starts_with_capital(text: str) -> bool:
    word = text.strip()[:1]
    return bool(word) and word.isupper()


# "of" and place prepositions: a capitalised run after one qualifies a role or names a place.
_OF = word_set(
    "de del della dei degli delle di du des do da dos das von vom of a à au aux en em no na "
    "nos nas nel nella in im am aus bei nach zu zur zum из в во на под"
)


def _name_in(rest: str, language: str, whole: bool = False) -> str:
    """The name after a verb: lowercase words (articles, roles) may come first, then a run of
    capitalised words; a run that only qualifies a role ("el presidente del Gobierno") gives way
    to the name in apposition after it (", Pedro Sánchez"). With `whole`, nothing but the name
    may follow."""
    rest = rest.strip()
    runs = list(re.finditer(_NAME, rest))[:3]
    if not runs:
        return ""
    between = rest[: runs[0].start()]
    if re.search(r"[.;:!?]", between) or len(between.split()) > 7:
        return ""
    chosen = None
    if _qualifies(rest, runs[0], language):
        chosen = runs[0]
    else:
        chosen = next((r for r in runs[1:] if re.search(r",\s*$", rest[: r.start()])), None)
        if chosen is not None and not _qualifies(rest, chosen, language):
            chosen = None
    if chosen is None or (whole and rest[chosen.end() :].strip(" ,")):
        return ""
    return _clean(chosen.group(), language)


def _qualifies(rest: str, run: re.Match[str], language: str) -> bool:
    """A run that names someone: a name, not preceded by "of" ("del Gobierno")."""
    before = rest[: run.start()].split()
    if before and before[-1].lower() in _OF:
        return False
    return _is_name(run.group(), language)


def _is_name(who: str, language: str) -> bool:
    words = who.split()
    if not words or all(w.lower() in _NOT_NAMES for w in words):
        return False
    if words[0].lower() in _NOT_NAMES:
        return False
    return not (language == "de" and all(_GERMAN_ROLE.match(w) for w in words))


def _clean(who: str, language: str) -> str:
    words = who.split()
    if language == "de":
        while len(words) > 1 and (
            words[0].lower() in _GERMAN_TITLES or _GERMAN_ROLE.match(words[0])
        ):
            words = words[1:]
        if len(words) >= 3 and words[-2].lower() not in _PARTICLES:
            words = words[-2:]  # Ingenieur Tobias Brandt: a capitalised role before the name
    return " ".join(words)


def _nominative(word: str) -> str:
    """Russian names after «по словам» are genitive: Ивана Петрова -> Иван Петров, Анны
    Петровой -> Анна Петрова."""
    for ending, replacement in (("ого", "ий"), ("ой", "а"), ("ии", "ия"), ("ы", "а")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    if len(word) > 3 and word[-1] == "и" and word[-2] in "кгхжшчщ":
        return word[:-1] + "а"  # Ольги -> Ольга
    if len(word) > 3 and word[-1] == "а" and word[-2] not in "аеёиоуыэюяьй":
        return word[:-1]  # Ивана -> Иван
    return word


# --- Chinese and Japanese ---------------------------------------------------------------------


def _cjk_speaker(text: str, item: _Found, language: str) -> tuple[str, bool]:
    verbs = _CJK_VERBS[language]
    after = text[(item.close_mark or item.end) + 1 : (item.close_mark or item.end) + 40]
    after = after.split("\n", 1)[0]
    before = _before(text, item)
    if language == "zh":
        # “…”王明说。 / “…”，市长王明表示。
        match = re.match(rf"[，,\s]*(?P<who>{_ZH_WHO}{{1,12}}?)(?:{verbs})+", after)
        ended = text[item.start : item.end].endswith(("。", "！", "？"))  # “…。” ends a sentence
        if item.close_mark is not None and match and not ended:
            speaker, pronoun = _zh_name(match.group("who"))
            if speaker or pronoun:
                return speaker, pronoun
        # 市长王明表示：“…” / 王明说，“…”
        match = re.search(rf"(?P<who>{_ZH_WHO}{{1,12}}?)(?:{verbs})+[：:，,]?\s*$", before)
        if match:
            return _zh_name(match.group("who"))
        return "", False
    # 「…」と田中市長は述べた。
    match = re.match(
        rf"\s*と(?:、)?(?P<who>[^、。「」]{{1,16}}?)(?:は|が)(?:[^。「」]{{0,12}}?)(?i:{verbs})",
        after,
    )
    if item.close_mark is not None and match:
        return _ja_name(match.group("who"))
    # 田中市長は「…」と述べた。
    if item.close_mark is not None and re.match(rf"\s*と(?:[^。「」]{{0,12}}?)(?i:{verbs})", after):
        match = re.search(r"(?P<who>[^、。「」\s]{1,16}?)(?:は|が)[、]?\s*$", before)
        if match:
            return _ja_name(match.group("who"))
        return "", True
    return "", False


def _zh_name(who: str) -> tuple[str, bool]:
    if who in _ZH_PRONOUNS or (who[:1] in ("他", "她") and len(who) <= 3):
        return "", True  # 他说 / 他还表示
    for size in (3, 2):  # a surname and one or two given characters, at the end
        name = who[-size:]
        if len(name) == size and name[0] in _ZH_SURNAMES and _HAN.fullmatch(name):
            return name, False
    return "", False


def _ja_name(who: str) -> tuple[str, bool]:
    who = who.strip()
    if who in _JA_PRONOUNS:
        return "", True
    name = who
    for suffix in _JA_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    # The name closes the phrase: 気象台の山本健一 -> 山本健一, 常連だった鈴木和子 -> 鈴木和子.
    run = re.search(r"[\u4e00-\u9fff\u30a0-\u30ff・]{1,10}$", name)
    if run and (run.start() == 0 or name[run.start() - 1] in "のだた、 "):
        return run.group(), False
    return "", False
