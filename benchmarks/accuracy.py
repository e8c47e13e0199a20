"""Score a `verifier check --format json` document per article folder.

    python benchmarks/accuracy.py RESULTS.json [--articles fixtures/articles] ...

For every folder of articles (a "set"), prints the pairs with an expected verdict:
agreement, macro-F1 over the four verdicts and the precision of "contradicted".
Pairs of other events' claims (no expected verdict) are counted separately: any
"contradicted" among them is a false contradiction on an article about something else.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from verifier.articles import ARTICLE_SUFFIXES, load_article

VERDICTS = ("supported", "contradicted", "hedged", "silent")


def _sets(folders: list[str]) -> dict[str, str]:
    """Map each source id to the folder its article lives in."""
    where = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
                article, _ = load_article(path)
                where[article.source] = str(path.parent)
    return where


def score(pairs: list[tuple[str, str]]) -> dict:
    """Return agreement, macro-F1 and per-verdict precision of (expected, given) pairs."""
    agree = sum(e == g for e, g in pairs)
    f1s, precision = [], {}
    for verdict in VERDICTS:
        tp = sum(e == g == verdict for e, g in pairs)
        given = sum(g == verdict for _, g in pairs)
        wanted = sum(e == verdict for e, _ in pairs)
        p = tp / given if given else (1.0 if not wanted else 0.0)
        r = tp / wanted if wanted else (1.0 if not given else 0.0)
        precision[verdict] = (tp, given)
        if given or wanted:
            f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return {"agree": agree, "total": len(pairs), "macro_f1": sum(f1s) / len(f1s) if f1s else 0,
            "precision": precision}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--articles", action="append", default=None)
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    doc = json.loads(Path(args.results).read_text(encoding="utf-8"))
    where = _sets(args.articles or ["fixtures/articles"])
    labelled: dict[str, list] = defaultdict(list)
    foreign: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for r in doc["results"]:
        folder = where.get(r["source"], "?")
        if r["expected"] is None:
            foreign[folder][r["verdict"]] += 1
            continue
        labelled[folder].append((r["expected"], r["verdict"]))
        if r["expected"] != r["verdict"]:
            misses.append((folder, r["claim"], r["source"], r["expected"], r["verdict"],
                           r["reason"]))
    print("| set | pairs | agree | macro-F1 | contradicted precision | other events' claims: "
          "contradicted |")
    print("|---|---|---|---|---|---|")
    everything = []
    for folder in sorted(set(labelled) | set(foreign)):
        pairs = labelled.get(folder, [])
        everything += pairs
        s = score(pairs)
        tp, given = s["precision"]["contradicted"]
        print(f"| `{folder}` | {s['total']} | {s['agree']} | {s['macro_f1']:.3f} | "
              f"{tp}/{given} | {foreign[folder]['contradicted']} of "
              f"{sum(foreign[folder].values())} |")
    s = score(everything)
    tp, given = s["precision"]["contradicted"]
    print(f"| all | {s['total']} | {s['agree']} | {s['macro_f1']:.3f} | {tp}/{given} | "
          f"{sum(c['contradicted'] for c in foreign.values())} of "
          f"{sum(sum(c.values()) for c in foreign.values())} |")
    if args.misses:
        for miss in sorted(misses):
            print(" | ".join(map(str, miss)))


if __name__ == "__main__":
    main()
