"""The pytest plugin: every (claim, source) pair is a test item.

Registered through the `pytest11` entry point. Hooks stay thin: the work is in
`verifier.suite`, and the state lives in `config.stash`.
"""

from __future__ import annotations

import pytest

from . import options
from .suite import SUITE_KEY, ClaimFileNode, ExpectationsFileNode, Suite, SuiteConfig


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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "xdist_group(name): run with the items of the same group (pytest-xdist)")
    suite = Suite(SuiteConfig.from_pytest(config))
    config.stash[SUITE_KEY] = suite
    config.pluginmanager.register(_Recorder(suite), "verifier-recorder")


def pytest_collect_file(file_path, parent: pytest.Collector):
    suite = parent.config.stash[SUITE_KEY]
    if suite.wants(file_path):
        return ClaimFileNode.from_parent(parent, path=file_path)
    if suite.wants_expectations(file_path):
        return ExpectationsFileNode.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    suite = session.config.stash[SUITE_KEY]
    suite.close()
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller builds the matrix
    suite.finish()
    if suite.changed and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash[SUITE_KEY].summary()
    if lines:
        terminalreporter.write_sep("=", "claim verification matrix")
        for line in lines:
            terminalreporter.write_line(line)
