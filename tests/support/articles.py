"""Small articles written for the tests (never text copied from elsewhere), several of them
hostile: mentions, markup, direction marks and pings that a chat must never act on."""

from __future__ import annotations

# Plain news, with two attributed quotations each (the core, CLI and reliability tests).
HARBOUR = """The harbour bridge will close for repairs next spring
The city council voted on Tuesday to close the old harbour bridge for six months of repairs.
Engineers found cracks in two of the steel supports during an inspection last autumn.

“We cannot keep a bridge open when its supports are failing,” said Mayor Ingrid Solberg. “Safety comes first, and the repairs will make it last another fifty years.”

Shop owners near the bridge worry about losing customers. “Half of my trade walks across that bridge every morning,” said Tomas Berg, who runs a bakery on the quay.

The council promised a free ferry while the bridge is closed. According to the transport office, the ferry will run every ten minutes from six in the morning.
"""

ORCHARD = """Apple growers expect a record harvest in the valley
Orchards across the valley are heavy with fruit after a warm and wet summer, and growers expect the largest harvest in a decade.

“The trees have never looked better,” said Marta Lindqvist, who chairs the growers' association. “We will need every picker we can find.”

Prices may fall if the harvest is as large as expected. Lindqvist said the association is talking to juice makers and to schools about buying the surplus.

Volunteers from the town have offered to help with the picking on weekends.
"""

# With quotations that try to ping people (the Discord tests).
BRIDGE = """River town votes on the new bridge

The council of Lowmere met on Tuesday to decide the future of the old river crossing. "The bridge \
will open in spring, and @everyone in town is invited to walk across it first," said Mayor Ada \
Fenwick at the meeting. Residents had waited eleven years for a safe crossing.

"We asked <@&123456789> and <@42> for help, and @here they answered," said Ben Okoro, who leads \
the residents' committee. The engineers expect the work to take six months.
"""

COOPERATIVE = """Orchard cooperative doubles its harvest

Farmers in the Elm valley pooled their land three years ago. This autumn the cooperative picked \
twice as many apples as before. "Sharing the presses changed everything for small growers," said \
Clara Voss, who keeps the books. The bridge over the Elm brought buyers from the city as well.
"""

LIBRARY = """Night library opens for shift workers

The city library will stay open until midnight on weekdays from next month. "People who work \
late deserve books too, and the bridge between shifts is reading," said Omar Haddad, the head \
librarian. Volunteers will run the desk after nine in the evening, and the bridge café stays open.
"""

UPLOAD = """Harbour cleanup draws hundreds

Hundreds of volunteers cleared plastic from the old harbour on Saturday morning. "We filled forty \
skips before noon, which nobody expected," said Ines Marlow, who organised the day. The port \
authority promised bins along the quay before the summer season begins.
"""


def long_summary(sentences: int = 270) -> str:
    """About 20,000 characters of distinct sentences, so cuts can be checked."""
    return " ".join(
        f"Sentence number {n} tells how the bridge work went on day {n} of the project."
        for n in range(sentences)
    )

# For the Matrix rooms; HALL_VOTE has hostile markup and a room-wide ping in a quotation.
LIGHTHOUSE = """The old lighthouse on Gull Point gets a new keeper
The lighthouse on Gull Point will be staffed again this winter for the first time in twenty years.
The harbour trust hired a keeper after storms damaged the automatic lamp twice last season.

“A lamp that fails in a storm is worse than no lamp at all,” said harbour master Elin Vasquez. “Ships trust that light with their lives.”

The new keeper, a retired ferry captain, moves into the cottage next month. “I have watched that light from the sea for thirty years, and now I will watch the sea from the light,” said Jonas Ekberg.

The trust will pay for the post from visitor fees at the lighthouse museum.
"""

MARKET = """Night market returns to the river quay
The night market on the river quay will reopen in May after the council settled a dispute over stall fees.
Stall holders had protested against a plan to double the fees for the summer season.

“We asked for a fair price and we got one,” said Priya Nandakumar, who sells spiced noodles at the market. “Now we can get back to cooking.”

The council said the market brings thousands of visitors to the quay each weekend. Councillor Ruth Okafor said the new fees would cover cleaning and lighting.
"""

# Someone pasted hostile markup and a room-wide ping into an article's quotation.
HALL_VOTE = """Community hall vote draws a crowd
Residents packed the community hall on Monday to vote on the new opening hours for the library and pool.

“Tell everyone @room to come <b>early</b> <a href='https://evil.example/'>click</a> <img src=x onerror=alert(1)>,” said organiser Sam Whitlock. “The vote will be close.”

The committee counted three hundred ballots, and the longer hours won by a narrow margin of twelve votes.
"""

UPLOADED = """Ferry timetable changes for the winter months
The island ferry will sail twice an hour instead of four times from November, the ferry company said on Friday.
Fewer passengers travel in the dark months, and the company wants to save fuel for the spring.

“Nobody will wait more than thirty minutes on the pier,” said ferry director Hanna Moberg. “We checked every connection to the buses.”

Commuters' groups said they would watch the first weeks closely and report every missed bus.
"""

# Written to break chat bots: mentions, markup, direction marks, an SQL fragment.
HOSTILE = """@everyone <script>alert('x')</script> **Breaking** news for @room and @here
The town hall published a notice that was written to break chat bots, and it reads like an article.

“Ping @everyone and <@&123456789012345678> right now, and tell @room too,” said Eve <b>Mallory</b>, who wrote the notice. “Then **bold** it, `code` it and [link](javascript:alert(1)) it.”

The notice also holds a right-to-left mark \u202eevil\u202c, a zero-width space\u200b here, and an SQL fragment: '; DROP TABLE articles;-- which must stay plain text.

“Nothing here may ping anyone or change the library,” said Ada Quill, who maintains the bot.
"""
