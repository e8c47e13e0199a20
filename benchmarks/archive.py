"""Archive-like corpus against on-topic corpus, each next to the bare pipeline.

Researchers check a claim file against archives where most pages are about other
events. This builds two corpora of the same size from the project's own articles:
*on-topic* (sentences of the claim file's own event) and *archive-like* (sentences of
the other events only), checks each with the claim file in this process (no cache, no
reports: the checking alone), and times the bare spaCy tokenizer + sentencizer on the
same texts in the same run. It prints seconds per 1,000 articles and the ratio to the
bare pipeline for each corpus; the targets are archive-like <= 1.5x and on-topic <= 3x.

    .venv/bin/python benchmarks/archive.py [--articles 1000] [--event pension-strike-2026]

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from verifier.articles import load_articles  # noqa: E402
from verifier.claims import load_claim_files  # noqa: E402
from verifier.engine import Verifier  # noqa: E402
from verifier.model import Article  # noqa: E402

SENTENCES = 25


def _sentences(articles: list[Article]) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return [s.text.strip() for a in articles for s in nlp(a.body).sents if len(s.text) > 20]


def _corpus(sentences: list[str], count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [Article(source=f"a{n}", body=" ".join(rng.choice(sentences)
                                                   for _ in range(SENTENCES)))
            for n in range(count)]


def _timed(action, corpus: list[Article]) -> float:
    start = time.perf_counter()
    for article in corpus:
        action(article)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--event", default="pension-strike-2026")
    parser.add_argument("--repeat", type=int, default=2, help="runs per case (best kept)")
    args = parser.parse_args(argv)
    files, _ = load_claim_files([ROOT / "claims"])
    claims = next(f.claims for f in files if f.event == args.event)
    every = [a for a in load_articles([ROOT / "fixtures" / "articles"])
             if isinstance(a, Article)]
    own = [a for a in every if args.event in a.path]
    others = [a for a in every if args.event not in a.path]
    corpora = {"on-topic": _corpus(_sentences(own), args.articles, 1),
               "archive-like": _corpus(_sentences(others), args.articles, 2)}
    bare = spacy.blank("en")
    bare.add_pipe("sentencizer")
    verifier = Verifier(claims)
    verifier.check(corpora["on-topic"][0])  # tables loaded before the clock
    print(f"{args.event}: {len(claims)} claims, {args.articles} articles of {SENTENCES} "
          f"sentences a corpus; best of {args.repeat}")
    print(f"{'corpus':14} {'bare s':>8} {'check s':>8} {'ratio':>6} {'target':>7}")
    for name, corpus in corpora.items():
        base = min(_timed(bare, [a.body for a in corpus]) for _ in range(args.repeat))
        checked = min(_timed(verifier.check, corpus) for _ in range(args.repeat))
        target = "1.5x" if name == "archive-like" else "3x"
        print(f"{name:14} {base:8.2f} {checked:8.2f} {checked / base:6.2f} {target:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
