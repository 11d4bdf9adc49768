"""Written summaries by an operator's language model, checked against the article before
they are shown (see `writer`)."""
