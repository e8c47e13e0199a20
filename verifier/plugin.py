"""The pytest plugin: every (claim, source) pair is a test item.

Registered through the `pytest11` entry point. Hooks stay thin: the work is in
`verifier.suite`, and the state lives in `config.stash`.
"""

from __future__ import annotations

import pytest

from . import options
from .suite import (
    SUITE_KEY,
    ClaimFileNode,
    ExpectationsFileNode,
    Suite,
    SuiteConfig,
    add_up_to_date_item,
    note_selection,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("verifier", "claim verification")
    group.addoption("--verifier-articles", action="append", metavar="PATH",
                    help=f"check claims against these articles instead ({options.ARTICLES.help})")
    group.addoption("--verifier-silent", choices=options.SILENT.choices,
                    default=options.SILENT.default, help=options.SILENT.help)
    group.addoption("--verifier-update", action="store_true", help=options.UPDATE.help)
    group.addoption("--verifier-no-cache", action="store_true",
                    help="check every pair again, without reading or writing the verdict cache")
    for option in (options.CLAIMS_GLOB, options.ARTICLES, options.EXPECTED, options.REPORTS):
        parser.addini(f"verifier_{option.name}", f"{option.help} (default {option.default})",
                      default=option.default)


class _Recorder:
    """Pass finished test reports to the suite (the hook has no config of its own)."""

    def __init__(self, suite: Suite) -> None:
        self.suite = suite

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.suite.record(report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:  # a claim or expectations file that does not load
            self.suite.bad_inputs += 1


def _dist_given(config: pytest.Config) -> bool:
    args = [*config.invocation_params.args, *config.getini("addopts")]
    return any(a == "--dist" or a.startswith("--dist=") or a == "-d" for a in args)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "xdist_group(name): run with the items of the same group (pytest-xdist)")
    # `pytest -n 2`: keep each article's items on one worker (it reads the article once),
    # unless a distribution was asked for.
    if getattr(config.option, "dist", "no") == "load" and not _dist_given(config):
        config.option.dist = "loadgroup"
    settings = SuiteConfig.from_pytest(config)
    if settings.update and settings.custom_articles:
        raise pytest.UsageError(
            "--verifier-update writes the approved matrix of the project's own articles; "
            "it does not apply with --verifier-articles (put the articles in the project's "
            "articles folder, or use verifier check --articles DIR --reports OUT)")
    suite = Suite(settings)
    config.stash[SUITE_KEY] = suite
    config.pluginmanager.register(_Recorder(suite), "verifier-recorder")


def pytest_collect_file(file_path, parent: pytest.Collector):
    suite = parent.config.stash[SUITE_KEY]
    if suite.wants(file_path):
        return ClaimFileNode.from_parent(parent, path=file_path)
    if suite.wants_expectations(file_path):
        return ExpectationsFileNode.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    add_up_to_date_item(session, items)  # before -k and -m deselect


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    note_selection(session, session.items)  # after -k and -m deselected



@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    suite = session.config.stash[SUITE_KEY]
    suite.close()
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller builds the matrix
    suite.finish()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash[SUITE_KEY].summary()
    if lines:
        terminalreporter.write_sep("=", "claim verification matrix")
        for line in lines:
            terminalreporter.write_line(line)
