"""A page's title, author and outlet, cleaned of what pages put in them that is not one.

Pages name their site in many places (`og:site_name`, the JSON-LD publisher, `application-name`,
the tail of `<title>`); together they tell what a title's suffix is ("… | ZDNet") and which site
name is a name rather than a slug ("nj"), a handle ("@politifact"), a section ("U.S.") or a
copyright line. Authors are kept when they read as people's names (or a news agency's); roles,
dates, desks and publishers that pages append ("Ap Auto Writer", "Monday; November", "Condé
Nast") are dropped. The rule for what is not known: the field is left empty (the caller falls
back to the host name for the outlet); nothing is guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from bot.nlp.wordlists import word_set

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|::|:|»|/)\s+")
_KEY = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
_MAX_LD_SCRIPTS = 20
_MAX_LD_CHARS = 200_000
_MAX_SUFFIX_WORDS = 5
_MAX_OUTLET_CHARS = 60
_MAX_NAME_WORDS = 5

_GENERIC_SITE_NAMES = word_set(
    """
    hosted home homepage news blog u.s. us world latest index opinion politics business sport
    sports article articles untitled website site online
    """
)
# Words that start a part of a byline without being part of a name.
_BYLINE_LEAD = re.compile(
    r"^(?:(?:analysis|opinion|words|written|story|text|reporting)\s+by|by|von|par|por|text|"
    r"текст|автор)\b[:\s]*",
    re.I,
)
# A byline part is cut at its first role or date word: "Tom Gillespie News reporter".
_ROLE_OR_DATE = word_set(
    """
    writer writers reporter reporters editor editors editor-at-large correspondent
    correspondents contributor contributors columnist staff bureau desk services service wire
    published updated posted photographer producer journalist redaktion redacción rédaction
    redazione redação корреспондент
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
)
# Words that qualify a role ("News reporter", "White House correspondent"), cut with it.
_ROLE_QUALIFIERS = word_set(
    """
    news sports sport political politics national senior chief auto business science tech
    technology health foreign white house local contributing special investigative digital
    staff associate deputy managing executive
    """
)
# A part holding one of these words names an organisation, not a person.
_ORGANISATION = word_set(
    """
    news media press group network newspapers newspaper team inc ltd llc agency magazine
    online digital the com
    """
)
# News agencies are real bylines of wire copy: kept when no person is named.
_AGENCIES = {
    "reuters": "Reuters",
    "associatedpress": "Associated Press",
    "theassociatedpress": "Associated Press",
    "ap": "AP",
    "afp": "AFP",
    "pti": "PTI",
    "ians": "IANS",
    "upi": "UPI",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "tass": "TASS",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
}
_PARTICLES = word_set("de da das do dos du van von der den del della di la le bin al y e")
_NOT_A_PERSON = re.compile(r"admin|webmaster|^(?:editor|staff|root|user|guest)$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:;|\||,|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
_COPYRIGHT = re.compile(r"copyright|©|all rights|\b(?:19|20)\d\d\b", re.I)


@dataclass(frozen=True)
class PageNames:
    """What the page's metadata says, before extraction cleans the tree."""

    site_names: tuple[str, ...]  # candidates, best first (not yet judged)
    handles: frozenset[str]  # keys of the page's social-media handles
    html_title: str
    og_title: str
    ld_people: tuple[str, ...]  # JSON-LD authors of type Person
    ld_organisations: tuple[str, ...]  # JSON-LD authors and publishers that are organisations


def read_names(tree: HtmlElement) -> PageNames:
    """The metadata of a parsed page (read before trafilatura prunes the tree)."""

    def meta(xpath: str) -> list[str]:
        return [_clean(value) for value in tree.xpath(xpath) if _clean(value)]

    publishers, people, organisations = _json_ld(tree)
    titles = meta("//head/title/text()") or meta("//title/text()")
    og_title = meta('//meta[@property="og:title"]/@content')
    handles = meta('//meta[@name="twitter:site" or @property="twitter:site"]/@content')
    page_titles = {_key(t) for t in titles[:1] + og_title[:1]}
    site_names = [
        *meta('//meta[@property="og:site_name"]/@content')[:1],
        *publishers,
        *meta('//meta[@name="application-name"]/@content')[:1],
    ]
    return PageNames(
        # Some pages put the story's title in a site-name field ("application-name").
        site_names=tuple(n for n in site_names if _key(n) not in page_titles),
        handles=frozenset(_key(h.rsplit("/", 1)[-1]) for h in handles),
        html_title=titles[0] if titles else "",
        og_title=og_title[0] if og_title else "",
        ld_people=tuple(people),
        ld_organisations=tuple(publishers + organisations),
    )


def outlet_name(names: PageNames, found: str, url: str) -> str:
    """The site's name, or "" when the page names none that reads as one."""
    host = _host(url)
    candidates = [*names.site_names, _title_tail(names), found]
    rejected: set[str] = set()
    accepted: list[str] = []
    for index, candidate in enumerate(candidates):
        name = _site_name_form(candidate)
        key = _key(name)
        if not key:
            continue
        if index == len(candidates) - 1 and (  # trafilatura's own pick, which title-cases
            key in rejected  # a slug rejected above ("nj" -> "Nj")
            or (key in names.handles and not _matches_host(key, host))  # or is a handle
        ):
            continue
        if _is_junk_site_name(name):
            rejected.add(key)
            continue
        accepted.append(name)
    if not accepted:
        return ""
    best = accepted[0]
    if " " not in best:  # "livescience.com", "TheHill": the same name spelled out is nicer
        spelled = [a for a in accepted if " " in a and _key(best).startswith(_key(a))]
        best = spelled[0] if spelled else best
    return best


def clean_title(title: str, names: PageNames, outlet: str, url: str) -> str:
    """The title without the site name it ends with ("… | ZDNet", "… - 9to5Mac"); when the title
    found is the site's name itself, the `<title>` without its suffix instead."""
    keys = _site_keys(names, outlet, url)
    stripped = _strip_site_suffix(title, keys)
    html_title = _strip_site_suffix(names.html_title, keys)
    if not stripped or _key(stripped) in keys:
        return html_title if _key(html_title) not in keys else ""
    banner = len(stripped.split()) <= _MAX_SUFFIX_WORDS
    if banner and html_title != names.html_title and _shares_no_word(stripped, html_title):
        return html_title  # the h1 was a banner ("India Post"), the <title> names the story
    return stripped


def clean_author(found: str, names: PageNames, outlet: str, url: str) -> str:
    """People's names ("; "-separated), else a news agency, else "". The JSON-LD's people
    come first when one of them is a name; else the byline trafilatura found."""
    not_people = _site_keys(names, outlet, url) | {_key(o) for o in names.ld_organisations}
    return _byline(names.ld_people, not_people) or _byline([found], not_people)


def _byline(raw: tuple[str, ...] | list[str], not_people: set[str]) -> str:
    people: list[str] = []
    agencies: list[str] = []
    for part in (p for r in raw for p in _BYLINE_SPLIT.split(r or "")):
        name = _person_form(part, not_people)
        if name is None:
            continue
        agency = _AGENCIES.get(_key(name))
        target = agencies if agency else people
        name = agency or name
        if _key(name) not in {_key(n) for n in people + agencies}:
            target.append(name)
    return "; ".join(people or agencies[:1])


def _person_form(part: str, not_people: set[str]) -> str | None:
    """The person's name in one part of a byline, or None when the part names no person."""
    part = _BYLINE_LEAD.sub("", _clean(part)).strip(" .:-–—")
    kept: list[str] = []
    for word in part.split():
        if word.lower().strip(".,") in _ROLE_OR_DATE:
            while kept and kept[-1].lower() in _ROLE_QUALIFIERS:
                kept.pop()
            break
        kept.append(word)
    name = " ".join(kept).strip(" .,")
    for other in sorted(not_people, key=len, reverse=True):  # "Finian Cunningham Sputnik Int…"
        if len(other) >= 4 and _key(name).endswith(other) and _key(name) != other:
            name = _cut_key_suffix(name, other)
    key = _key(name)
    if not key or _NOT_A_PERSON.search(name) or any(
        key == other or (len(key) >= 6 and key in other) for other in not_people
    ):
        return None
    if key in _AGENCIES:
        return name
    words = name.split()
    if words[0].lower() in _AGENCIES or len(words) > _MAX_NAME_WORDS:
        return None  # "AP National Political", a sentence
    if any(w.lower() in _ORGANISATION for w in words):
        return None
    if len(words) == 1 and not _uncased(name):
        return None  # a handle or a section ("Rmb", "Editorial"); one-word names are rare
    if not all(_name_word(w) for w in words):
        return None
    return name.title() if name.isupper() else name


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised (each hyphenated piece), an initial, a particle."""
    if word.lower() in _PARTICLES:
        return True
    pieces = word.strip(".").split("-")
    if len(pieces) > 1 and any(len(p.rstrip(".")) < 2 for p in pieces):
        return False  # "Kevin-R": a handle
    return all(p[:1].isupper() or _uncased(p) for p in pieces if p) and not any(
        ch.isdigit() or ch in "@/" for ch in word
    )


def _uncased(text: str) -> bool:
    """Written in a script without letter case (Chinese, Japanese, Korean, Arabic...)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.lower() == ch.upper() for ch in letters)


def _cut_key_suffix(name: str, key: str) -> str:
    """`name` without its trailing words that spell `key`."""
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if _key(" ".join(words[i:])) == key:
            return " ".join(words[:i])
    return name


def _site_name_form(candidate: str) -> str:
    """A site-name candidate as it would be shown: a URL as its host, the first entry of a
    "Name | Other | Other" list."""
    candidate = _clean(candidate)
    if re.match(r"^https?://", candidate):
        return _host(candidate)
    return _clean(re.split(r"\s+\|\s+", candidate)[0]).removeprefix("www.")


def _is_junk_site_name(name: str) -> bool:
    lowered = name.lower()
    return (
        name.startswith("@")
        or "_" in name
        or lowered in _GENERIC_SITE_NAMES
        or bool(_COPYRIGHT.search(name))
        or len(name) > _MAX_OUTLET_CHARS
        or ". " in name  # a sentence ("… 10 kg. Reviews"), not a name
        or bool(re.fullmatch(r"[a-z]+", name))  # a slug ("nj", "usatoday")
    )


def _title_tail(names: PageNames) -> str:
    """The `<title>`'s last segment, when the rest of it is the article's title."""
    title = names.html_title
    separators = list(_SEPARATORS.finditer(title))
    if not separators or not names.og_title:
        return ""
    head = title[: separators[-1].start()]
    if _key(head) and _key(names.og_title) == _key(head):
        return title[separators[-1].end() :]
    return ""


def _strip_site_suffix(title: str, keys: set[str]) -> str:
    """`title` without the trailing segments ending in the site's name."""
    title = _clean(title)
    for separator in _SEPARATORS.finditer(title):
        tail = title[separator.end() :]
        segments = _SEPARATORS.split(tail)
        short = all(len(s.split()) <= _MAX_SUFFIX_WORDS for s in segments)
        if short and (_is_site(segments[-1], keys) or _is_site(tail, keys)):
            return title[: separator.start()].strip()
    return title


def _is_site(segment: str, keys: set[str]) -> bool:
    key = _key(segment)
    return len(key) >= 2 and any(
        key == k or (min(len(key), len(k)) >= 4 and (key.startswith(k) or k.startswith(key)))
        for k in keys
    )


def _site_keys(names: PageNames, outlet: str, url: str) -> set[str]:
    """Every spelling of the site's name the page offers, and its host's."""
    keys = {_key(_site_name_form(n)) for n in (*names.site_names, outlet)}
    keys |= names.handles
    host = _host(url)
    if host:
        keys |= {_key(host), _key(host.split(".")[0])}
    return {k for k in keys if k}


def _matches_host(key: str, host: str) -> bool:
    """Whether a name's key matches a label of the host ("comwrap" in blog.comwrap.com)."""
    labels = [_key(label) for label in host.split(".")[:-1]]
    return any(label and (key.startswith(label) or label.startswith(key)) for label in labels)


def _shares_no_word(a: str, b: str) -> bool:
    return not {w.casefold() for w in a.split()} & {w.casefold() for w in b.split()}


def _json_ld(tree: HtmlElement) -> tuple[list[str], list[str], list[str]]:
    """Publisher names, Person authors and Organization authors of the page's JSON-LD."""
    publishers: list[str] = []
    people: list[str] = []
    organisations: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:_MAX_LD_SCRIPTS]:
        try:
            data = json.loads(script[:_MAX_LD_CHARS])
        except ValueError:
            continue
        for node in _nodes(data):
            for publisher in _entities(node.get("publisher")):
                publishers.append(_entity_name(publisher))
            for author in _entities(node.get("author")):
                kind = str(author.get("@type", "")).lower() if isinstance(author, dict) else ""
                name = _entity_name(author)
                (people if kind in ("person", "") else organisations).append(name)
    return [p for p in publishers if p], [p for p in people if p], [o for o in organisations if o]


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects that describe the page (top level, lists and `@graph`)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"), depth + 1)


def _entities(value: Any) -> list[Any]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items[:20] if isinstance(item, dict | str)]


def _entity_name(entity: Any) -> str:
    name = entity.get("name") if isinstance(entity, dict) else entity
    return _clean(name) if isinstance(name, str) else ""


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _clean(value: object) -> str:
    return _SPACES.sub(" ", str(value or "")).strip()
