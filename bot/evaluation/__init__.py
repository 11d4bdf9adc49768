"""Measuring answer quality (quotations, summaries, extraction) against annotated data sets."""

from bot.evaluation.runner import run_eval

__all__ = ["run_eval"]
