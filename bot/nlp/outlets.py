"""Named outlets cited in an article's text ("The Intercept's podcast", "according to Reuters")."""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w&.-]*(?:\s+(?:of\s+)?[A-Z][\w&.-]*){0,3}"
_POSSESSIVE = re.compile(rf"\b(The\s+{_NAME})(?:’s|'s)\b")
_OUTLET_WORDS = (
    "Times|Post|News|Journal|Herald|Guardian|Tribune|Intercept|Press|Gazette|Observer|"
    "Telegraph|Review|Magazine|Daily|Weekly|Monitor|Chronicle|Reporter|Wire|Insider"
)
_NAMED = re.compile(rf"\b((?:The\s+)?(?:[A-Z][\w&.-]*\s+){{0,3}}(?:{_OUTLET_WORDS}))\b")
_AGENCIES = re.compile(
    r"\b(Reuters|Associated Press|AFP|Bloomberg|BBC|CNN|NPR|Al Jazeera|Politico|Axios|"
    r"The Canary|The Intercept|The Economist|The Atlantic)\b"
)
_LEADING = re.compile(r"^(?:As|But|And|In|On|At|For|When|While|After|Before)\s+")


def named_outlets(text: str, limit: int = 20) -> list[str]:
    """Outlet names mentioned in `text`, in order of first mention, without repeats."""
    found: dict[str, int] = {}
    for pattern in (_POSSESSIVE, _NAMED, _AGENCIES):
        for match in pattern.finditer(text):
            name = _LEADING.sub("", match.group(1)).strip()
            if len(name) > 2 and name.lower() != "the":
                found.setdefault(name, match.start())
    ordered = sorted(found, key=found.__getitem__)
    # Drop a name contained in a longer one found ("Intercept" inside "The Intercept").
    kept = [n for n in ordered if not any(n != m and n in m for m in ordered)]
    return kept[:limit]
