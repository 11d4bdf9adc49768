"""Small articles written for the Matrix tests (never text copied from elsewhere)."""

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
HOSTILE = """Community hall vote draws a crowd
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
