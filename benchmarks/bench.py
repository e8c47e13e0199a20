"""Benchmark the verifier against the bare spaCy pipeline, measured side by side.

    .venv/bin/python benchmarks/bench.py                 # sizes 100 and 1000
    .venv/bin/python benchmarks/bench.py --sizes 100 1000 10000
    .venv/bin/python benchmarks/bench.py --no-dask        # without the Dask rows
    .venv/bin/python benchmarks/bench.py --repeat 3       # the fastest of 3 runs a case

The corpus is synthetic: articles of 25 sentences drawn (fixed seed) from the
sentences of fixtures/articles/. Every case runs in its own process, so peak
memory is the case's own; times exclude interpreter start-up and pipeline loading,
for the verifier and the bare pipeline alike. A check case is the whole `verifier
check` command (reports written, the matrix printed to a file, the previous matrix
compared on a warm run). A Dask case runs the same command with `--engine dask
--scheduler` against a local cluster of 1 or 2 worker processes started, in a process
of its own, before the clock (as a running cluster would be); the run's verifier is
built on the workers inside the timing, and its peak memory is the client's. Targets
are checked by reading the table, never by a timed test.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
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
               warm: bool = False, dask: bool = False) -> dict:
    """`verifier check` over the corpus, reports and all (optionally cached, warmed first).

    The command runs in this process through `cli.main`, so the time is the check
    and the reports (results.json, Markdown, CSV, HTML and the printed table), the
    comparison with the previous matrix when there is one, and nothing else. With
    `dask`, `jobs` is the number of worker processes of a local Dask cluster that runs
    in a process of its own, started before the clock: this process is the client
    alone, so its CPU time while checking (`check_cpu`) is what the client costs;
    `setup_seconds` is connecting and building the verifier on the workers.
    """
    from verifier import cli
    from verifier.text.nlp import build_pipeline, lemmas

    checking, cpu, setup = [], [], []  # check_run: seconds, CPU seconds; Dask set-up

    def timed_check_run(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return check_run(*args, **kwargs)
        finally:
            checking.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)

    check_run, cli.check_run = cli.check_run, timed_check_run

    build_pipeline()("Warm up the pipeline. Once.")
    lemmas()("warm")
    work = Path(tempfile.mkdtemp(dir=corpus.parent))
    (work / "expected").mkdir()
    args = ["check", "--claims", str(claims), "--articles", str(corpus), "--expected",
            str(work / "expected"), "--reports", str(work / "reports"), "--output",
            str(work / "matrix.txt"), "--quiet"]
    args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    with contextlib.ExitStack() as stack:
        if dask:
            from verifier.distributed import DaskChecker

            connect = DaskChecker._connect

            def timed_connect(checker):
                start = time.perf_counter()
                connect(checker)
                setup.append(time.perf_counter() - start)

            DaskChecker._connect = timed_connect
            args += ["--engine", "dask", "--scheduler", stack.enter_context(_cluster(jobs))]
        else:
            args += ["--jobs", str(jobs)]
        if warm:
            cli.main(args)
        start = time.perf_counter()
        code = cli.main(args)
        seconds = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"verifier check exited {code}")
    with open(work / "reports" / "matrix.csv", encoding="utf-8-sig", newline="") as rows:
        pairs = sum(1 for _ in csv.reader(rows)) - 1  # a cell may hold several lines
    found = {"seconds": seconds, "pairs": pairs, "check_seconds": checking[-1],
             "check_cpu": cpu[-1]}
    return found | ({"setup_seconds": setup[-1]} if setup else {})


@contextlib.contextmanager
def _cluster(workers: int):
    """Run a local Dask cluster of `workers` processes in a process of its own; yield its
    scheduler's address."""
    server = subprocess.Popen([sys.executable, __file__, "--serve-cluster", str(workers)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        yield server.stdout.readline().strip()
    finally:
        server.stdin.close()  # the cluster stops when its standard input closes
        server.wait(timeout=60)


def serve_cluster(workers: int) -> None:
    """Start a local cluster, print its scheduler's address, and stop it when stdin closes."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()


def _in_process(args: list[str], repeat: int = 1) -> dict:
    """Run a case in a process of its own; of `repeat` runs, return the fastest (the one
    least slowed by whatever else the machine was doing)."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--case", *args], capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda run: run["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run every case N times and keep the fastest (default 1)")
    parser.add_argument("--no-dask", action="store_true",
                        help="leave out the Dask rows (they need the [dask] extra)")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--serve-cluster", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_cluster:
        serve_cluster(args.serve_cluster)
        return 0
    if args.case:
        kind, corpus, claims, jobs, cache, warm = (args.case + [""] * 6)[:6]
        if kind == "bare":
            result = case_bare(Path(corpus))
        else:
            result = case_check(Path(corpus), Path(claims), int(jobs or 1),
                                Path(cache) if cache else None, warm == "warm",
                                dask=kind == "dask")
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0

    def measure(case: list[str]) -> dict:
        return _in_process(case, args.repeat)

    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_claims(tmp / "claims17", 1)
        build_claims(tmp / "claims170", VARIANTS)
        for size in args.sizes:
            corpus = tmp / f"corpus{size}"
            build_corpus(corpus, size)
            c17, c170 = str(tmp / "claims17"), str(tmp / "claims170")
            bare = measure(["bare", str(corpus)])
            cold = measure(["check", str(corpus), c17, "1"])
            many = measure(["check", str(corpus), c170, "1"])
            two = measure(["check", str(corpus), c17, "2"])
            warm = measure(["check", str(corpus), c17, "1", str(tmp / f"cache{size}"),
                            "warm"])
            dask = [] if args.no_dask else [measure(["dask", str(corpus), c17, str(n)])
                                            for n in (1, 2)]
            tokens = bare["tokens"]
            cases = [("bare tokenizer+sentencizer", bare, 0),
                     ("check, 17 claims, cold", cold, 17),
                     ("check, 170 claims, cold", many, 170),
                     ("check, 17 claims, --jobs 2", two, 17),
                     ("check, 17 claims, warm cache", warm, 17)]
            cases += [(f"check, 17 claims, Dask {n} worker{'s' * (n > 1)}", result, 17)
                      for n, result in zip((1, 2)[:len(dask)], dask, strict=True)]
            for name, result, claims in cases:
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
            notes.append((size, bare, cold, many, two, warm, dask))

    from tabulate import tabulate

    print(tabulate(rows, headers=["case", "articles", "claims", "tokens", "seconds",
                                  "of which checking", "tokens/s", "pairs/s", "peak MB",
                                  "× bare", "checking × bare"],
                   tablefmt="github", disable_numparse=True))
    print()
    for size, bare, cold, many, two, warm, dask in notes:
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
        if dask:
            one, both = dask
            print(f"  Dask 1 worker / 2 workers = {ratio(one, both)} "
                  f"[{ratio(one, both, 'check_seconds')}]; Dask 1 worker / 1 job = "
                  f"{ratio(one, cold)} [{ratio(one, cold, 'check_seconds')}]; Dask 2 workers "
                  f"/ 2 jobs = {ratio(both, two)} [{ratio(both, two, 'check_seconds')}]")
            # Per article, set-up (connecting, the verifier built on the workers) left
            # out: the figures to scale a run by.
            def each(r: dict, size: int = size) -> float:
                return (r["check_seconds"] - r.get("setup_seconds", 0)) / size * 1000

            per = "; ".join(f"{label} {each(r):.2f} ms" for label, r in (
                ("1 job", cold), ("2 jobs", two), ("Dask 1 worker", one),
                ("Dask 2 workers", both)))
            print(f"  checking per article: {per}")
            print(f"  Dask set-up: {one['setup_seconds']:.2f} s (1 worker), "
                  f"{both['setup_seconds']:.2f} s (2 workers); the client's CPU per article: "
                  f"{one['check_cpu'] / size * 1000:.2f} ms (1 worker), "
                  f"{both['check_cpu'] / size * 1000:.2f} ms (2 workers); reports per "
                  f"article: {(cold['seconds'] - cold['check_seconds']) / size * 1000:.2f} ms")
    if len(notes) > 1:
        small, large = notes[0], notes[-1]
        for n, label in ((2, "17 claims"), (3, "170 claims")):
            print(f"peak memory, {label}, {small[0]} → {large[0]} articles: "
                  f"{small[n]['peak_mb']:.0f} MB → {large[n]['peak_mb']:.0f} MB "
                  f"({large[n]['peak_mb'] / small[n]['peak_mb']:.2f}×; target: flat)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
