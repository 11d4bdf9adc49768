"""A written summary: asked of the language model, checked, asked once more if it fails, and
otherwise given up on (the caller shows the extractive summary, with the reason).

Each request is paid for from the community's daily budget before it is sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from bot.llm.checks import Checked, check
from bot.llm.client import ChatClient, LlmError
from bot.llm.prompt import messages, numbered_sentences, retry

ATTEMPTS = 2  # a summary that fails its checks is asked for once more


@dataclass(frozen=True)
class Written:
    """A summary that passed every check (`text`, with its citations, and the article
    sentences it cites by number), or why there is none (`failure`)."""

    text: str = ""
    cited: Mapping[int, str] = field(default_factory=dict)
    failure: str = ""
    attempts: int = 0
    checked: tuple[Checked, ...] = ()  # every answer, as checked (for the evaluation)


class SummaryWriter:
    def __init__(self, client: ChatClient) -> None:
        self.client = client

    @property
    def engine(self) -> str:
        """The summaries' cache key: a summary is the model's, not just any language model's."""
        return f"llm:{self.client.model}"

    async def write(
        self,
        text: str,
        length: str,
        speakers: Mapping[str, str],
        spend: Callable[[], Awaitable[bool]],
    ) -> Written:
        """A checked summary of `text`; `spend` pays for each request (False: the budget is
        spent); `speakers` are the bot's own quotations of the article and who said them."""
        sentences = numbered_sentences(text)
        if not sentences:
            return Written(failure="the article has no sentences to summarise")
        asked = messages(sentences, length)
        answers: list[Checked] = []
        for attempt in range(1, ATTEMPTS + 1):
            if not await spend():
                return Written(
                    failure="this community has used its language model requests for today",
                    attempts=attempt - 1,
                    checked=tuple(answers),
                )
            try:
                answer = await self.client.complete(asked)
            except LlmError as err:
                return Written(failure=str(err), attempts=attempt, checked=tuple(answers))
            checked = check(answer, sentences, speakers)
            answers.append(checked)
            if checked.passed:
                cited = sorted({n for claim in checked.claims for n in claim.cites})
                return Written(
                    text=checked.summary,
                    cited={n: sentences[n - 1] for n in cited},
                    attempts=attempt,
                    checked=tuple(answers),
                )
            asked = retry(asked, answer, [str(p) for p in checked.problems])
        return Written(
            failure=f"the language model's summary failed its checks twice: "
            f"{answers[-1].problems[0].reason}",
            attempts=ATTEMPTS,
            checked=tuple(answers),
        )
