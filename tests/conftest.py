"""Test configuration: pytester drives the plugin end to end; property tests are counted."""

from collections import Counter

pytest_plugins = ["pytester"]

_CASES: Counter = Counter()


def pytest_runtest_logreport(report):
    # Property tests put one ("hypothesis_cases", "name:1") per generated case on their
    # report; summing here works with and without pytest-xdist.
    for key, value in report.user_properties:
        if key == "hypothesis_cases" and report.when == "call":
            name, count = value.rsplit(":", 1)
            _CASES[name] += int(count)


def pytest_terminal_summary(terminalreporter):
    if _CASES:
        cases = ", ".join(f"{n} {name}" for name, n in sorted(_CASES.items()))
        terminalreporter.write_sep("-", "property-based tests")
        terminalreporter.write_line(f"hypothesis ran {cases}; none raised an unexpected "
                                    "exception (a failure would have failed its test)")
