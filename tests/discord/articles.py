"""Small articles written for these tests, with quotations that try to ping people."""

from __future__ import annotations

BRIDGE = """River town votes on the new bridge

The council of Lowmere met on Tuesday to decide the future of the old river crossing. "The bridge \
will open in spring, and @everyone in town is invited to walk across it first," said Mayor Ada \
Fenwick at the meeting. Residents had waited eleven years for a safe crossing.

"We asked <@&123456789> and <@42> for help, and @here they answered," said Ben Okoro, who leads \
the residents' committee. The engineers expect the work to take six months.
"""

ORCHARD = """Orchard cooperative doubles its harvest

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
