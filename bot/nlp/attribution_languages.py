"""Who said a quotation in German, French, Spanish, Italian, Portuguese, Russian, Chinese or
Japanese: the speech verbs of each language and the places a name takes next to them.

Spaced languages: `„…“, sagte die Abgeordnete Maria Schneider`, `« … », a affirmé le ministre
Antoine Dubois`, `«…», — сказал мэр Андрей Петров`, `Stefan Roth sagte: „…“`, `Según el alcalde
Javier Morales, «…»`. Chinese: `市民李华说：“…”`, `“…，”李华说。`; Japanese:
`田中浩さんは「…」と述べた`.
Anything else is left unattributed: a pronoun ("fügte sie hinzu", "disse ela") or a word that
is no name is never returned, so a wrong speaker ("Le", "Las", a place) cannot come out.
"""

from __future__ import annotations

import re
from functools import cache

from bot.nlp.wordlists import word_set

LANGUAGES = frozenset({"de", "fr", "es", "it", "pt", "ru", "zh", "ja"})

# Speech verbs as written after a quotation or before one (auxiliaries included).
_VERBS = {
    "de": """sagte sagt sagten erklärte erklärt betonte betont meinte meint erzählte erzählt
        berichtete ergänzte fügte warnte kritisierte antwortete versprach forderte schrieb""",
    "fr": """affirmé affirme déclaré déclare expliqué explique ajouté ajoute dit souligné
        souligne indiqué indique estimé estime précisé précise assuré assure répondu répond
        annoncé annonce confié confie raconté raconte lancé lance prévenu insisté insiste""",
    "es": """dijo dice afirmó afirma explicó explica aseguró asegura añadió añade declaró
        declara señaló señala indicó indica advirtió advierte subrayó apuntó contó relató
        respondió manifestó""",
    "it": """detto dice dichiarato dichiara spiegato spiega aggiunto aggiunge affermato afferma
        sottolineato sottolinea osservato raccontato racconta precisato commentato annunciato
        assicurato""",
    "pt": """disse diz afirmou afirma declarou declara explicou explica acrescentou acrescenta
        garantiu garante contou conta destacou ressaltou respondeu avaliou""",
    "ru": """сказал сказала сказали заявил заявила заявили отметил отметила отметили пояснил
        пояснила подчеркнул подчеркнула добавил добавила сообщил сообщила рассказал рассказала
        признался призналась уточнил уточнила ответил ответила""",
}
_ACCORDING = {
    "de": r"laut|nach\s+Angaben\s+von",
    "fr": r"selon|d['’]après",
    "es": r"según",
    "it": r"secondo",
    "pt": r"segundo|de\s+acordo\s+com",
    "ru": r"по\s+словам|по\s+мнению|как\s+(?:сообщил|сообщила|отметил|отметила)",
}
_PRONOUNS = {
    "de": word_set("er sie es man"),
    "fr": word_set("il elle ils elles on"),
    "es": word_set("él ella ellos ellas"),
    "it": word_set("lui lei loro egli ella"),
    "pt": word_set("ele ela eles elas"),
    "ru": word_set("он она они"),
}
_PARTICLES = word_set("de da del della di dos das do van von der la le du")
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_MAX_ROLE_WORDS = 5  # "la direttrice artistica", "главный врач" before the name
_AFTER_CHARS = 120

_ZH_VERB = re.compile(r"(?:表示|说道|说|称|指出|强调|介绍|透露|坦言)")
_ZH_SURNAMES = frozenset(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
    "薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常"
    "武乔贺赖龚文"
)
_JA_TOPIC = re.compile(
    r"(?P<name>[\u4e00-\u9fff\u30a0-\u30ff・]{2,10}?)"
    r"(?:さん|氏|会長|社長|館長|教授|市長|知事|所長|代表|理事長|部長)?は[「『]$"
)
_JA_VERB = re.compile(r"\s*と(?:述べ|話し|語っ|言っ|説明し|強調し|明かし|答え|笑っ)")


def speaker(language: str, text: str, open_mark: int, close_mark: int | None, start: int) -> str:
    """The speaker named next to the quotation whose marks are at `open_mark`/`close_mark`,
    searching back to `start` (its sentence or paragraph); "" when none is named."""
    if language == "zh":
        return _chinese(text, open_mark, close_mark, start)
    if language == "ja":
        return _japanese(text, open_mark, close_mark, start)
    if language not in _VERBS:
        return ""
    if close_mark is not None:
        after = text[close_mark + 1 : min(len(text), close_mark + 1 + _AFTER_CHARS)]
        who = _after(language, after.split("\n", 1)[0])
        if who is not None:
            return who
    return _before(language, text[start:open_mark])


def _after(language: str, after: str) -> str | None:
    """`, sagte die Abgeordnete Maria Schneider` -> Maria Schneider; None when no verb."""
    tokens = _TOKEN.findall(after)
    k = 0
    while k < len(tokens) and tokens[k] in {",", ";", "—", "–", "-"}:
        k += 1
    if language == "fr" and k < len(tokens) and tokens[k].lower() in {"a", "ont", "avait"}:
        k += 1
    if language == "it" and k < len(tokens) and tokens[k].lower() in {"ha", "hanno", "aveva"}:
        k += 1
    if k >= len(tokens):
        return None
    verb = tokens[k].lower()
    if language == "fr" and "-t-" in verb:  # "a-t-il ajouté": a pronoun speaks
        return ""
    if verb not in _verbs(language):
        return None
    return _name_after(language, tokens[k + 1 :])


def _name_after(language: str, tokens: list[str]) -> str:
    """The name after a verb: past a few lowercase role words, a run of capitalised words."""
    k = 0
    while k < len(tokens) and k < _MAX_ROLE_WORDS and tokens[k][:1].islower():
        if tokens[k].lower() in _PRONOUNS[language]:
            return ""
        k += 1
    return _name_run(language, tokens[k:])


def _name_run(language: str, tokens: list[str]) -> str:
    run: list[str] = []
    # "Luis de la Fuente" keeps its particles; German "Petra Lang von der Initiative" stops.
    joins = _PARTICLES if language != "de" else frozenset()
    for token in tokens:
        if not ((token[:1].isupper() and token[:1].isalpha()) or (run and token.lower() in joins)):
            break
        run.append(token)
    while run and run[-1].lower() in _PARTICLES:
        run.pop()
    if language == "de" and len(run) > 2:  # "Verbandschef Jonas Keller": nouns are capitalised
        run = run[-2:]
    return " ".join(run)  # one word only when the caller can resolve it to a full name


def _before(language: str, context: str) -> str:
    """`Bürgermeister Stefan Roth sagte: „` or `Según el alcalde Javier Morales, «`."""
    according = re.search(
        rf"(?:^|[\s(])(?i:{_ACCORDING[language]})\s+(?P<rest>[^.!?:;]*)$", context
    )
    if according:
        return _name_after(language, _TOKEN.findall(according.group("rest")))
    tokens = _TOKEN.findall(context)
    while tokens and tokens[-1] in {":", ","}:
        tokens.pop()
    if not tokens or tokens[-1].lower() not in _verbs(language):
        return ""
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1][:1].isupper() and tokens[k - 1][:1].isalpha():
        k -= 1
    return _name_run(language, tokens[k : len(tokens) - 1])


@cache
def _verbs(language: str) -> frozenset[str]:
    return word_set(_VERBS[language])


def _chinese(text: str, open_mark: int, close_mark: int | None, start: int) -> str:
    """`李华说：“…”` or `“…，”李华说。`: the name is the two or three characters before the verb
    that open with a common surname."""
    before = text[start:open_mark].rstrip("：:，, ")
    match = re.search(rf"{_ZH_VERB.pattern}$", before)
    if match:
        return _chinese_name(before[: match.start()])
    if close_mark is not None:
        after = text[close_mark + 1 : close_mark + 16]
        match = re.match(rf"([^\s，。！？“”「」]{{2,12}}?){_ZH_VERB.pattern}", after)
        if match:
            return _chinese_name(match.group(1))
    return ""


def _chinese_name(words: str) -> str:
    for length in (2, 3):  # "主任王明": 王明, not 任王明
        if len(words) >= length and words[-length] in _ZH_SURNAMES:
            return words[-length:]
    return ""


def _japanese(text: str, open_mark: int, close_mark: int | None, start: int) -> str:
    """`館長の田中浩さんは「…」と述べた`: the topic before the quotation, when a speech verb
    follows its closing mark."""
    if close_mark is None or not _JA_VERB.match(text, close_mark + 1):
        return ""
    match = _JA_TOPIC.search(text[max(start, open_mark - 30) : open_mark + 1])
    return match.group("name") if match else ""
