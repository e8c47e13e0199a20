"""The `verifier` command: check, validate and ingest.

Exit codes: 0 every pair meets its expectation; 1 some pair does not; 2 bad input
(a claim, expectations or article file that could not be used, or a bad argument).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import re
import signal
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__, options
from .articles import load_articles, source_id
from .cache import CACHE_DIR, ResultCache
from .claims import load_claim_files
from .engine import check_run
from .errors import QUOTED_LIMIT, UsageError, VerifierError, quoted, shortened
from .expectations import load_expectations
from .files import not_a_file
from .ingest import read_scrape, render_fixture
from .loader import parse_yaml
from .model import Problem, Run
from .reports import FORMATS, REPORT_FILES, run_digest, write, write_atomic, write_reports
from .reports.ci import append_step_summary, summary_markdown
from .reports.document import read_document
from .reports.publish import locked, recover
from .reports.review import (
    APPROVED_FILE,
    CHANGES_FILE,
    Changes,
    approved_cells,
    changes,
    changes_markdown,
    describe,
    everything_gone,
    load_approved,
    merge,
    summarize,
)
from .reports.safe import one_line
from .reports.terminal import summary_lines

EXIT_OK, EXIT_MISMATCH, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_CLAIMS = options.CLAIMS.default
DEFAULT_ARTICLES = options.ARTICLES.default
DEFAULT_EXPECTED = options.EXPECTED.default
DEFAULT_REPORTS = options.REPORTS.default


def _report_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(one_line(f"{problem.level}: {problem}"), file=sys.stderr)


def _existing(paths: list[str], what: str) -> list[str]:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"{shortened(missing[0])}: no such {what} file or folder; check the "
                         "path")
    return paths


def cmd_check(args: argparse.Namespace) -> int:
    """Check claims against articles, print the matrix and write reports/.

    The project's configured run (no --claims, --articles or --expected) keeps the
    approved matrix in reports/ up to date and says which cells changed. Any other run
    is ad hoc: it leaves reports/ alone unless told (--update merges its cells into the
    approved matrix; --reports DIR writes its own reports to DIR).
    """
    configured = not (args.claims or args.articles or args.expected is not None)
    claims = _existing(args.claims or [DEFAULT_CLAIMS], "claim")
    articles = _existing(args.articles or [DEFAULT_ARTICLES], "article")
    expected = args.expected if args.expected is not None else [DEFAULT_EXPECTED]
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs: {args.jobs} is not a number of processes; give 1 or more")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask; add it")
    if args.scheduler and args.jobs is not None:
        raise UsageError("--jobs and --scheduler disagree: a running cluster has its own "
                         "workers; leave out --jobs")
    if args.update and args.no_reports:
        raise UsageError("--update and --no-reports disagree; give one of them")
    if args.update:
        _within(args.claims or [], DEFAULT_CLAIMS, "--claims")
        _within(args.articles or [], DEFAULT_ARTICLES, "--articles")
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    try:
        run = check_run(claims, articles, [p for p in expected if Path(p).exists()],
                        jobs=args.jobs, cache=cache, progress=not args.quiet,
                        engine=args.engine, scheduler=args.scheduler)
        _report_problems(run.problems)
        if not run.claims:
            print("error: no usable claims; fix the claim files above", file=sys.stderr)
            return EXIT_BAD_INPUT
        changed, folder, failed = None, None, False
        bad = sum(p.is_error for p in run.problems)
        try:
            if args.no_reports:
                pass
            elif bad and (configured or args.update):
                print(f"error: {args.reports or DEFAULT_REPORTS}/ was left as it was: {bad} "
                      "input(s) above could not be used; fix them, then run again",
                      file=sys.stderr)
            elif args.update and not configured:
                folder = args.reports or DEFAULT_REPORTS
                changed = _update_reports(run, folder, cache)
            elif configured or args.reports:
                folder = args.reports or DEFAULT_REPORTS
                changed = _write_reports(run, folder, cache)
        except OSError as err:
            # The results are still shown (and cached): only the reports are missing.
            print(f"error: {folder}/: cannot write the reports ({_why(err)}); the previous "
                  "reports were left as they were; free space or fix the folder's "
                  "permissions, or give --reports DIR", file=sys.stderr)
            failed = True
        try:
            _output(run, args.format, args.output, cache)
            if args.output:
                _tell(run, args.output)
        except OSError as err:
            print(f"error: {args.output}: cannot write the output ({_why(err)}); check the "
                  "path, its folder's permissions and free space", file=sys.stderr)
            failed = True
        append_step_summary(summary_markdown(run, changed, folder or "(none)"))
    finally:
        if cache is not None:
            cache.close()
            for warning in cache.warnings:
                print(f"warning: {warning}", file=sys.stderr)
    if failed or any(p.is_error for p in run.problems):
        return EXIT_BAD_INPUT
    return EXIT_MISMATCH if run.results.tally.mismatched else EXIT_OK


def _why(err: OSError) -> str:
    """Return the reason of an OS error in a few words ("No space left on device")."""
    return err.strerror or str(err) or type(err).__name__


def _waiting(folder: str):
    def say() -> None:
        print(f"{folder}/: another run is writing these reports; waiting for it",
              file=sys.stderr)
    return say


def _approved(folder: str) -> list[tuple[str, str, str]]:
    """Return the approved cells of a folder; a damaged results.json counts as none (it is
    about to be replaced), with a warning."""
    try:
        return list(approved_cells(folder))
    except VerifierError as err:
        print(f"warning: {err}; it is replaced by this run's results, and every cell is "
              "reported as new", file=sys.stderr)
        return []


def _within(paths: list[str], folder: str, option: str) -> None:
    """Refuse --update for inputs outside the project's own: the approved matrix holds the
    cells of the configured claims and articles, and the next configured run would
    remove any other."""
    base = Path(folder).resolve()
    for path in paths:
        if not Path(path).resolve().is_relative_to(base):
            raise UsageError(f"{option} {path}: --update accepts cells of the project's own "
                             f"{folder}/ only (the next configured run would remove others); "
                             f"copy the files into {folder}/, or write this run's reports "
                             "with --reports DIR")


def _tell(run: Run, output: str) -> None:
    """Say on the terminal what a run found when its rendering went to a file."""
    for line in summary_lines(run):
        print(line)
    print(f"wrote {output}")


def _announce(changed: Changes, folder: str) -> None:
    if not changed:
        return
    print(f"{folder}/: {changed.total} cell(s) changed from the approved matrix "
          f"({changed.headline()}); review {folder}/{CHANGES_FILE} and the diff of "
          f"{folder}/cells.tsv before committing:", file=sys.stderr)
    for line in describe(changed):
        print(line, file=sys.stderr)


def _write_changes(changed: Changes, folder: str) -> None:
    """Write the changes as Markdown next to the reports (only when something changed, so
    the list of the last change survives a re-run that changes nothing)."""
    if changed:
        write_atomic(Path(folder) / CHANGES_FILE,
                     changes_markdown(changed, f"Changes to the approved matrix in {folder}/"))


def _write_reports(run: Run, folder: str, cache: ResultCache | None) -> Changes | None:
    """Write a run's reports to a folder and say which cells changed, unless the folder
    already holds this run's reports. Cells the run did not produce are removed."""
    digest = run_digest(run)
    with locked(folder, _waiting(folder)):
        recover(folder)
        if cache is not None and cache.is_current(folder, digest):
            return Changes()  # written from identical results, and untouched since
        changed = summarize(changes(_approved(folder), run, everything_gone))
        written = write_reports(run, folder)
        _write_changes(changed, folder)
    if cache is not None:
        cache.stamp(folder, digest, written)
    _announce(changed, folder)
    return changed


def _update_reports(run: Run, folder: str, cache: ResultCache | None) -> Changes:
    """Merge an ad-hoc run's cells into the approved matrix of a folder (--update)."""
    with locked(folder, _waiting(folder)):
        recover(folder)
        approved = _approved(folder)
        changed = summarize(changes(approved, run))
        if changed or not approved:
            try:
                previous = load_approved(folder)
            except VerifierError:
                previous = None  # damaged: replaced (said above)
            merged = merge(previous, run)
            written = write_reports(merged, folder)
            if cache is not None:
                cache.stamp(folder, run_digest(merged), written)
            _write_changes(changed, folder)
    _announce(changed, folder)
    return changed


def _quiet_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone (``verifier check | head``)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _output(run: Run, fmt: str, output: str | None, cache: ResultCache | None = None) -> None:
    """Write a rendering to a file (atomically, unless it is already this run's) or stdout."""
    if not output:
        try:
            write(run, fmt, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()  # the reader stopped early: what it took is all it wanted
        return
    digest = run_digest(run, fmt)
    if cache is not None and cache.is_current(output, digest):
        return
    write_atomic(output, lambda handle: write(run, fmt, handle))
    if cache is not None:
        cache.stamp(output, digest, [output])


def cmd_report(args: argparse.Namespace) -> int:
    """Re-render a stored results document without checking anything again."""
    _output(read_document(args.input), args.format, args.output)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate claim files (and expectation files) without reading any article."""
    claim_files, problems = load_claim_files(_existing(args.claims or [DEFAULT_CLAIMS], "claim"))
    events: dict[str, set[str]] = {}
    for claim_file in claim_files:
        events.setdefault(claim_file.event, set()).update(c.id for c in claim_file.claims)
    expected = args.expected if args.expected is not None else [DEFAULT_EXPECTED]
    _, bad = load_expectations([p for p in expected if Path(p).exists()], events)
    problems += bad
    _report_problems(problems)
    count = sum(len(f.claims) for f in claim_files)
    print(f"{len(claim_files)} claim file(s), {count} claim(s) valid; {len(problems)} problem(s)")
    return EXIT_BAD_INPUT if problems or not claim_files else EXIT_OK


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"--date: {quoted(value)} is not a date; write YYYY-MM-DD") from None


def _ingest_one(raw_path: str, out: str | None, source: str | None, outlet: str | None,
                url: str | None, date: dt.date | None, title: str | None) -> None:
    extracted, warnings = read_scrape(raw_path)
    _report_problems(warnings)
    wanted = source or Path(raw_path).stem
    source = source_id(wanted)
    if source != wanted:
        print(f"note: source id '{wanted}' written as '{source}' (letters, digits, '-', '_' "
              "and '.')", file=sys.stderr)
        outlet = outlet or extracted.outlet or wanted
    text = render_fixture(extracted, source, outlet, url, date, title)
    if out:
        write_atomic(out, text)
    else:
        sys.stdout.write(text)


def _manifest_entries(manifest: Path):
    """Yield the arguments of ``_ingest_one`` for every entry of a manifest, checked first."""
    problem = not_a_file(manifest)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        raise UsageError(f"{manifest}: {problem}")
    try:
        text = manifest.read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{manifest}: cannot read the manifest ({err.strerror}); check the "
                         "path") from None
    except UnicodeDecodeError:
        raise UsageError(f"{manifest}: not UTF-8 text; save the manifest as UTF-8") from None
    doc, problems = parse_yaml(text, str(manifest))
    if problems:
        raise UsageError(str(problems[0]))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list) or not data.get(
            "output"):
        raise UsageError(f"{manifest}: not a manifest: it needs 'output' (a folder) and "
                         "'articles' (a list); see fixtures/seeds.yaml")
    folder = Path(str(data["output"]))
    checked = []
    for i, entry in enumerate(data["articles"]):
        where = f"{manifest}:{doc.line(('articles', i))}: articles[{i}]"
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: not a mapping; write 'seed:' and 'source:' keys")
        for key in ("seed", "source"):
            if not entry.get(key):
                raise UsageError(f"{where}: missing key '{key}'; add it")
        source = source_id(str(entry["source"]))
        if source != str(entry["source"]):
            raise UsageError(f"{where}.source: {quoted(entry['source'])} is not a source id; write "
                             f"'{source}' (letters, digits, '-', '_' and '.')")
        date = entry.get("date")
        try:
            date = date if isinstance(date, dt.date) or date is None else _date(str(date))
        except UsageError as err:
            raise UsageError(f"{where}.date: {str(err).split(': ', 1)[1]}") from None
        checked.append((str(entry["seed"]), str(folder / f"{source}.txt"), source,
                        entry.get("outlet"), entry.get("url"), date, entry.get("title")))
    return checked


def cmd_ingest(args: argparse.Namespace) -> int:
    """Turn scraped pages into article fixtures (front matter plus body)."""
    if args.manifest:
        entries = list(_manifest_entries(Path(args.manifest)))
        for entry in entries:
            _ingest_one(*entry)
        print(f"wrote {len(entries)} fixture(s) to {Path(entries[0][1]).parent}"
              if entries else "the manifest lists no articles")
        return EXIT_OK
    if not args.raw:
        raise UsageError("ingest: give a scraped file or --manifest FILE")
    _ingest_one(args.raw, args.output, args.source, args.outlet, args.url, _date(args.date),
                args.title)
    return EXIT_OK


def _close(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word[:QUOTED_LIMIT], known, n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one pair's verdict: every sentence with the claim's words, what matched,
    which rule decided or why none did, and words the claim file could add."""
    from .checkers.explain import explain
    from .reports.explanation import explanation_json, explanation_text
    from .text.reading import Reader

    claim_files, problems = load_claim_files(_existing(args.claims or [DEFAULT_CLAIMS], "claim"))
    _report_problems(problems)
    claims = {c.id: c for f in claim_files for c in f.claims}
    claim = claims.get(args.claim)
    if claim is None:
        raise UsageError(f"no claim {quoted(args.claim)} in "
                         f"{shortened(', '.join(args.claims or [DEFAULT_CLAIMS]))}"
                         f"{_close(args.claim, sorted(claims))}; `verifier validate` checks "
                         "the claim files")
    article, sources = None, []
    for item in load_articles(_existing(args.articles or [DEFAULT_ARTICLES], "article")):
        if isinstance(item, Problem):
            if item.is_error and Path(item.path).stem == args.source:
                raise UsageError(str(item))
            continue
        sources.append(item.source)
        if item.source == args.source:
            article = item
            break
    if article is None:
        raise UsageError(f"no article with source {quoted(args.source)} in "
                         f"{shortened(', '.join(args.articles or [DEFAULT_ARTICLES]))}"
                         f"{_close(args.source, sources)}")
    expected_paths = args.expected if args.expected is not None else [DEFAULT_EXPECTED]
    expectations, _ = load_expectations([p for p in expected_paths if Path(p).exists()])
    expectation = expectations.get((claim.id, article.source))
    reading = Reader([claim]).read(article.body)
    reading.date = article.date
    reading.title = article.title or ""
    explanation = explain(claim, 0, reading, article.source)
    render = explanation_json if args.format == "json" else explanation_text
    sys.stdout.write(render(explanation, expectation.verdict if expectation else None))
    return EXIT_OK


def _add_inputs(parser: argparse.ArgumentParser, articles: bool) -> None:
    """Add the options naming claim, article and expected-verdict files (all repeatable)."""
    parser.add_argument("--claims", action="append", metavar="PATH",
                        help=f"claim file or folder (repeatable; default {DEFAULT_CLAIMS}/)")
    if articles:
        parser.add_argument("--articles", action="append", metavar="PATH",
                            help=f"article file or folder: .txt, .md, .html, .htm, .jsonl, "
                                 f".jsonl.gz (repeatable; default {DEFAULT_ARTICLES}/)")
    parser.add_argument("--expected", action="append", metavar="PATH",
                        help=f"expected-verdicts file or folder (repeatable; default "
                             f"{DEFAULT_EXPECTED}/)")


class _Parser(argparse.ArgumentParser):
    """argparse, with a value it quotes in an error ("invalid choice: '...'") cut short."""

    def error(self, message: str):  # type: ignore[override]
        super().error(_LONG_QUOTE.sub(lambda m: quoted(m.group(1)), message))


_LONG_QUOTE = re.compile(f"'([^']{{{QUOTED_LIMIT + 1},}})'")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `verifier` command."""
    parser = _Parser(prog="verifier", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check claims against articles and print the matrix",
                           description=cmd_check.__doc__)
    _add_inputs(check, articles=True)
    check.add_argument("--format", choices=FORMATS, default="table",
                       help="how to print the matrix (default table)")
    check.add_argument("--output", metavar="FILE",
                       help="write the rendering to FILE, not stdout ('-': stdout)")
    check.add_argument("--reports", metavar="DIR",
                       help=f"write {', '.join(REPORT_FILES.values())} to DIR (the configured "
                            f"run writes the approved matrix in {DEFAULT_REPORTS}/; other runs "
                            "write no reports unless given this)")
    check.add_argument("--update", action="store_true",
                       help=f"merge the cells of an ad-hoc run into the approved matrix "
                            f"({DEFAULT_REPORTS}/, or --reports DIR)")
    check.add_argument("--no-reports", action="store_true", help="do not write any reports")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="check articles in N processes (default 1; with --engine dask, "
                            "N local workers, default one per core)")
    check.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where to check: this machine (default) or a Dask cluster "
                            "(the extra: pip install -e '.[dask]')")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: a running cluster's scheduler "
                            "(tcp://host:8786); default: a local cluster for this run")
    check.add_argument("--no-cache", action="store_true",
                       help="check every pair again, without reading or writing the cache")
    check.add_argument("--cache-dir", metavar="DIR", default=CACHE_DIR,
                       help=f"where cached verdicts live (default {CACHE_DIR}/, git-ignored)")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="no progress bar (it only shows on a terminal anyway)")
    check.set_defaults(func=cmd_check)

    report = sub.add_parser("report", help="re-render stored results in another format",
                            description=cmd_report.__doc__)
    report.add_argument("--input", metavar="FILE", default=f"{DEFAULT_REPORTS}/{APPROVED_FILE}",
                        help=f"results document (default {DEFAULT_REPORTS}/{APPROVED_FILE})")
    report.add_argument("--format", choices=FORMATS, default="markdown",
                        help="markdown (default), table, json, csv or html")
    report.add_argument("--output", metavar="FILE", help="write to FILE, not stdout ('-': stdout)")
    report.set_defaults(func=cmd_report)

    explain = sub.add_parser("explain", help="explain one pair's verdict, sentence by sentence",
                             description=cmd_explain.__doc__)
    explain.add_argument("claim", metavar="CLAIM_ID", help="the claim's id")
    explain.add_argument("source", metavar="SOURCE", help="the article's source id")
    _add_inputs(explain, articles=True)
    explain.add_argument("--format", choices=("text", "json"), default="text",
                         help="text (default) or json")
    explain.set_defaults(func=cmd_explain)

    validate = sub.add_parser("validate", help="validate claim files only",
                              description=cmd_validate.__doc__)
    _add_inputs(validate, articles=False)
    validate.set_defaults(func=cmd_validate)

    ingest = sub.add_parser("ingest", help="turn a scraped page into an article fixture",
                            description=cmd_ingest.__doc__)
    ingest.add_argument("raw", nargs="?", help="the scraped text or web page (.html, .htm)")
    ingest.add_argument("--manifest", metavar="FILE",
                        help="ingest every entry of a manifest (see fixtures/seeds.yaml)")
    ingest.add_argument("--source", help="source id (default: the file name)")
    ingest.add_argument("--outlet", help="outlet name for the front matter")
    ingest.add_argument("--url", help="article URL for the front matter")
    ingest.add_argument("--date", help="publication date, YYYY-MM-DD")
    ingest.add_argument("--title", help="title (default: the page's title or first heading)")
    ingest.add_argument("-o", "--output", metavar="FILE",
                        help="write the fixture to FILE ('-' or none: stdout)")
    ingest.set_defaults(func=cmd_ingest)
    return parser


# What Ctrl-C leaves behind, by command: only these write files the user keeps.
_INTERRUPTED = {
    "check": "error: interrupted; reports were left as they were",
    "ingest": "error: interrupted; fixtures written before it are whole, the one being "
              "written was not",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    if getattr(args, "output", None) == "-":
        args.output = None  # "-" is standard output, as for every Unix tool
    if hasattr(signal, "SIGXFSZ"):
        # A file-size limit (ulimit -f) then fails the write with an error we can report,
        # instead of killing the process in the middle of it.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        return args.func(args)
    except VerifierError as err:
        print(one_line(f"error: {err}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.Error as err:
        print(f"error: the run's temporary store failed ({err}); the temporary folder "
              f"({tempfile.gettempdir()}) may be full or read-only: free space there or set "
              "TMPDIR to another folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:
        where = f"{shortened(str(err.filename))}: " if err.filename else ""
        print(one_line(f"error: {where}{_why(err)}; check the path, its permissions and free "
                       "space"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(_INTERRUPTED.get(args.command, "error: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # what a shell reports for a command stopped by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
