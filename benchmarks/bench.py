"""Benchmark the verifier against the bare spaCy pipeline, measured side by side.

    .venv/bin/python benchmarks/bench.py                 # sizes 100 and 1000
    .venv/bin/python benchmarks/bench.py --sizes 100 1000 10000

The corpus is synthetic: articles of 25 sentences drawn (fixed seed) from the
sentences of fixtures/articles/. Every case runs in its own process, so peak
memory is the case's own; times exclude interpreter start-up and pipeline loading,
for the verifier and the bare pipeline alike. A check case is the whole `verifier
check` command (reports written, the matrix printed to a file, the previous matrix
compared on a warm run). Targets are checked by reading the table, never by a timed
test.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCES_PER_ARTICLE = 25
VARIANTS = 10  # 170 claims = the 17 seed claims and 9 variants of each


def build_corpus(folder: Path, size: int) -> None:
    """Write `size` synthetic articles into folder (same seed, same articles)."""
    from verifier.articles import load_articles
    from verifier.model import Article
    from verifier.text.nlp import build_pipeline

    nlp = build_pipeline()
    sentences = sorted({s.text.strip() for item in load_articles([ROOT / "fixtures" / "articles"])
                        if isinstance(item, Article) for s in nlp(item.body).sents
                        if len(s.text.split()) > 3})
    rng = random.Random(20250911)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        body = " ".join(rng.choice(sentences) for _ in range(SENTENCES_PER_ARTICLE))
        (folder / f"a{n:05d}.txt").write_text(body + "\n", encoding="utf-8")


def build_claims(folder: Path, variants: int) -> None:
    """Write the seed claims, plus variants of each (other ids and counts, same terms)."""
    import yaml

    doc = yaml.safe_load((ROOT / "claims" / "belarus-2025-09.claims.yaml").read_text("utf-8"))
    claims = list(doc["claims"])
    for k in range(1, variants):
        for claim in doc["claims"]:
            variant = dict(claim, id=f"{claim['id']}-v{k}")
            if isinstance(claim.get("count"), int):
                variant["count"] = claim["count"] + k
            claims.append(variant)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.claims.yaml").write_text(yaml.safe_dump(dict(doc, claims=claims)),
                                              encoding="utf-8")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_bare(corpus: Path) -> dict:
    """Tokenizer plus sentencizer over the same texts: the baseline."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp("Warm up the pipeline. Once.")
    start = time.perf_counter()
    tokens = 0
    for path in sorted(corpus.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        tokens += len(doc)
        list(doc.sents)
    return {"seconds": time.perf_counter() - start, "tokens": tokens}


def case_check(corpus: Path, claims: Path, jobs: int = 1, cache: Path | None = None,
               warm: bool = False) -> dict:
    """`verifier check` over the corpus, reports and all (optionally cached, warmed first).

    The command runs in this process through `cli.main`, so the time is the check
    and the reports (results.json, Markdown, CSV, HTML and the printed table), the
    comparison with the previous matrix when there is one, and nothing else.
    """
    from verifier import cli
    from verifier.text.nlp import build_pipeline, lemmas

    checking = []  # seconds spent in check_run: the command minus loading and reports

    def timed_check_run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return check_run(*args, **kwargs)
        finally:
            checking.append(time.perf_counter() - start)

    check_run, cli.check_run = cli.check_run, timed_check_run

    build_pipeline()("Warm up the pipeline. Once.")
    lemmas()("warm")
    work = Path(tempfile.mkdtemp(dir=corpus.parent))
    (work / "expected").mkdir()
    args = ["check", "--claims", str(claims), "--articles", str(corpus), "--expected",
            str(work / "expected"), "--reports", str(work / "reports"), "--output",
            str(work / "matrix.txt"), "--quiet", "--jobs", str(jobs)]
    args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    if warm:
        cli.main(args)
    start = time.perf_counter()
    code = cli.main(args)
    seconds = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"verifier check exited {code}")
    with open(work / "reports" / "matrix.csv", encoding="utf-8") as rows:
        pairs = sum(1 for _ in rows) - 1
    return {"seconds": seconds, "pairs": pairs, "check_seconds": checking[-1]}


def _in_process(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, "--case", *args], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        kind, corpus, claims, jobs, cache, warm = (args.case + [""] * 6)[:6]
        if kind == "bare":
            result = case_bare(Path(corpus))
        else:
            result = case_check(Path(corpus), Path(claims), int(jobs or 1),
                                Path(cache) if cache else None, warm == "warm")
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0

    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_claims(tmp / "claims17", 1)
        build_claims(tmp / "claims170", VARIANTS)
        for size in args.sizes:
            corpus = tmp / f"corpus{size}"
            build_corpus(corpus, size)
            c17, c170 = str(tmp / "claims17"), str(tmp / "claims170")
            bare = _in_process(["bare", str(corpus)])
            cold = _in_process(["check", str(corpus), c17, "1"])
            many = _in_process(["check", str(corpus), c170, "1"])
            two = _in_process(["check", str(corpus), c17, "2"])
            warm = _in_process(["check", str(corpus), c17, "1", str(tmp / f"cache{size}"),
                                "warm"])
            tokens = bare["tokens"]
            for name, result, claims in (("bare tokenizer+sentencizer", bare, 0),
                                         ("check, 17 claims, cold", cold, 17),
                                         ("check, 170 claims, cold", many, 170),
                                         ("check, 17 claims, --jobs 2", two, 17),
                                         ("check, 17 claims, warm cache", warm, 17)):
                pairs = size * claims
                if claims and result["pairs"] != pairs:
                    raise SystemExit(f"{name}: {result['pairs']} pairs, expected {pairs}")
                check = result.get("check_seconds")
                rows.append([name, size, claims, tokens, f"{result['seconds']:.2f}",
                             f"{check:.2f}" if check is not None else "",
                             f"{tokens / result['seconds']:,.0f}",
                             f"{pairs / result['seconds']:,.0f}" if pairs else "",
                             f"{result['peak_mb']:.0f}",
                             f"{result['seconds'] / bare['seconds']:.2f}",
                             f"{check / bare['seconds']:.2f}" if check is not None else ""])
            notes.append((size, bare, cold, many, two, warm))

    from tabulate import tabulate

    print(tabulate(rows, headers=["case", "articles", "claims", "tokens", "seconds",
                                  "of which checking", "tokens/s", "pairs/s", "peak MB",
                                  "× bare", "checking × bare"],
                   tablefmt="github", disable_numparse=True))
    print()
    for size, bare, cold, many, two, warm in notes:
        def ratio(a: dict, b: dict, key: str = "seconds") -> str:
            return f"{a[key] / b[key]:.2f}"

        print(f"{size} articles (command; checking alone in brackets):")
        print(f"  cold check / bare pipeline = {ratio(cold, bare)} "
              f"[{cold['check_seconds'] / bare['seconds']:.2f}] (target ≤ 1.5)")
        print(f"  170 / 17 claims = {ratio(many, cold)} [{ratio(many, cold, 'check_seconds')}] "
              "(target ≤ 2.0)")
        print(f"  warm / cold = {ratio(warm, cold)} [{ratio(warm, cold, 'check_seconds')}] "
              "(target ≤ 0.10)")
        print(f"  1 job / 2 jobs = {ratio(cold, two)} [{ratio(cold, two, 'check_seconds')}] "
              "(target ≥ 1.7)")
    if len(notes) > 1:
        small, large = notes[0], notes[-1]
        for n, label in ((2, "17 claims"), (3, "170 claims")):
            print(f"peak memory, {label}, {small[0]} → {large[0]} articles: "
                  f"{small[n]['peak_mb']:.0f} MB → {large[n]['peak_mb']:.0f} MB "
                  f"({large[n]['peak_mb'] / small[n]['peak_mb']:.2f}×; target: flat)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
