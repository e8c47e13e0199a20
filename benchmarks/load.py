"""Load test: the time to check one article grows linearly with its length.

Builds articles of growing size (up to the loader's 5 MB limit) from news-like
sentences, checks each against every claim file in `claims/` in this process (the
pipeline and claims are built once, before timing), and prints seconds per article,
seconds per MB and each size's time per MB as a ratio to the smallest size's. A ratio
near 1 at every size means linear; a quadratic step shows as a ratio that doubles
with each doubling of size.

    .venv/bin/python benchmarks/load.py [--sizes 0.1,0.25,0.5,1,2,4.5] [--repeat 2]
    .venv/bin/python benchmarks/load.py --unpunctuated --sizes 0.01,0.02,0.04,0.08

`--unpunctuated` strips sentence punctuation and line breaks, as some scrapers do, so
the whole article is one sentence: the worst case for rules that compare pairs of
words within a sentence.

It prints figures; it asserts nothing (timed assertions do not belong in tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.claims import load_claim_files  # noqa: E402
from verifier.engine import Verifier  # noqa: E402
from verifier.model import Article  # noqa: E402

SENTENCES = (
    "Minsk freed 52 prisoners on Thursday after talks with a US envoy.",
    "Ales Bialiatski remains in a penal colony, his wife said.",
    "\u201cWe will appeal,\u201d the lawyer told reporters outside the court in Vesk.",
    "The death toll rose to 112 overnight, the regional governor said.",
    "Turnout was 71 percent, the election commission said on Monday.",
    "Some 40,000 people marched through the capital, according to the unions.",
    "Officials in Vilnius said it was the largest release so far.",
)


def article(size: int, seed: int = 7, unpunctuated: bool = False) -> str:
    """Return news-like text of about `size` characters, with paragraph breaks."""
    if unpunctuated:
        text = article(size, seed)
        return text.translate(str.maketrans(".,;:\u201c\u201d\n", "       ")) + "\n"
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        sentence = rng.choice(SENTENCES)
        parts.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        total += len(parts[-1])
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.25,0.5,1,2,4.5",
                        help="article sizes in MB, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size (best kept)")
    parser.add_argument("--unpunctuated", action="store_true",
                        help="one sentence: no sentence punctuation or line breaks")
    args = parser.parse_args(argv)
    files, _ = load_claim_files([ROOT / "claims"])
    claims = [c for f in files for c in f.claims]
    verifier = Verifier(claims)
    verifier.check(Article(source="warm", body=article(10_000)))  # load tables first
    rows, base = [], None
    for mb in (float(s) for s in args.sizes.split(",")):
        body = article(int(mb * 1_000_000), unpunctuated=args.unpunctuated)
        best = min(_timed(verifier, body) for _ in range(args.repeat))
        per_mb = best / (len(body) / 1_000_000)
        base = base or per_mb
        rows.append((len(body) / 1_000_000, best, per_mb, per_mb / base))
    print(f"{len(claims)} claims; best of {args.repeat} runs per size")
    print(f"{'MB':>6} {'seconds':>9} {'s per MB':>9} {'ratio':>6}")
    for mb, seconds, per_mb, ratio in rows:
        print(f"{mb:6.2f} {seconds:9.2f} {per_mb:9.2f} {ratio:6.2f}")
    return 0


def _timed(verifier: Verifier, body: str) -> float:
    start = time.perf_counter()
    verifier.check(Article(source="load", body=body, date=dt.date(2025, 9, 12)))
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
