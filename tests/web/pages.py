"""Pages written for these tests (never copied from anywhere)."""

from __future__ import annotations

PARAGRAPHS = (
    "The harbour town of Vellmoor voted on Tuesday to rebuild its old stone pier, ending a "
    "decade of argument over whether the crumbling structure was worth saving at all.",
    "\u201cThe pier is the reason this town exists,\u201d said Maren Okafor, who chairs the "
    "harbour committee. \u201cWe are not going to let the sea take it without a fight.\u201d",
    "Engineers estimate the work will take three summers. The first phase replaces the "
    "foundations at the seaward end, where winter storms have opened gaps between the blocks.",
    "Opponents argued that the money would be better spent on the school roof and the clinic, "
    "and a petition against the plan gathered nearly four hundred signatures last spring.",
    "The council says grants from the regional heritage fund will cover most of the cost, "
    "and that local fishing crews will be consulted before any berth is closed.",
)


def article_html(
    title: str = "Vellmoor votes to rebuild its stone pier",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    canonical: str = "https://news.example/2026/11/vellmoor-pier",
) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:-1])
    body += (
        f'\n<p>{paragraphs[-1]} The full plan is on <a href="https://council.example/pier-plan">'
        "the council website</a>.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} | The Coastal Ledger</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Ines Albrecht">
<meta property="article:published_time" content="2026-11-03T09:30:00Z">
<link rel="canonical" href="{canonical}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By Ines Albrecht, 3 November 2026</p>
{body}
</article></main>
<footer><p>Copyright The Coastal Ledger. All rights reserved.</p></footer>
</body>
</html>""".encode()


def paywall_html() -> bytes:
    return b"""<!DOCTYPE html><html lang="en"><head><title>Secret budget | Ledger</title>
<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": "False"}
</script></head><body><article><h1>Secret budget</h1>
<p>The council met behind closed doors on Monday to discuss the budget for next year.</p>
<p>Subscribe to continue reading.</p></article></body></html>"""


def stub_html() -> bytes:
    return b"""<!DOCTYPE html><html><head><title>Gallery</title></head><body>
<article><h1>Photos of the week</h1><p>Ten pictures from around the coast.</p></article>
</body></html>"""


TOWNS = ("Ardley", "Brisk Hollow", "Calder Ford", "Dunmere", "Eskholt", "Farrow End")


def story_html(n: int) -> bytes:
    """A distinct article per number (different text, so no two are duplicates)."""
    town = TOWNS[n % len(TOWNS)]
    lead = (
        f"Residents of {town} gathered for meeting number {n} about the pier, and "
        f"{n + 3} speakers asked the council to publish the full cost of the works."
    )
    return article_html(
        title=f"Pier meeting {n} in {town}",
        paragraphs=(lead, *PARAGRAPHS),
        canonical=f"https://news.example/2026/11/pier-meeting-{n}",
    )


def rss(base: str, numbers: list[int], title: str = "Coastal Ledger: harbour") -> bytes:
    items = "".join(
        f"<item><title>Pier meeting {n}</title><link>{base}/story/{n}</link>"
        f"<guid>urn:ledger:story:{n}</guid><description>Meeting {n} &lt;b&gt;summary"
        f"&lt;/b&gt;</description><pubDate>Tue, {n % 28 + 1:02d} Nov 2026 10:00:00 GMT"
        "</pubDate></item>"
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>News</description>"
        f"{items}</channel></rss>"
    ).encode()
