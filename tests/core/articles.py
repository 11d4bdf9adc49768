"""Small articles written for the tests (never text copied from elsewhere)."""

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
