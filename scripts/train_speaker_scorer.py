"""Train the speaker scorer on half a of the quotes dev set and write bot/nlp/speaker_weights.json.

    python scripts/train_speaker_scorer.py --data ../shared/eval/quotes/dev.jsonl [--target 0.95]

The threshold is 0.5 (withdraw a speaker more likely wrong than right) unless --target asks
for the lowest threshold that reaches that said-right on half a.

Only half a is read (see `articlebot eval quotes --half`); report figures on half b.
"""

from __future__ import annotations

import argparse
import json
import pathlib

from bot.evaluation.speaker_training import train

parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
parser.add_argument("--data", type=pathlib.Path, required=True)
parser.add_argument("--target", type=float, help="said-right wanted on half a")
args = parser.parse_args()
print(json.dumps(train(args.data, args.target), indent=2))
