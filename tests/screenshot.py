"""Save the README's picture of the HTML report: `.venv/bin/python -m tests.screenshot`.

It renders the committed run (`reports/results.json`, which `verifier check` writes
from `claims/` and `fixtures/articles/`) as the HTML report, opens it in headless
Chromium at 1400 × 900 with one contradicted cell's evidence open, and saves
`reports/screenshot.png`. Run `verifier check` first when the results changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests import browser
from verifier.reports import write_atomic
from verifier.reports.document import read_document
from verifier.reports.page import write_html

ROOT = Path(__file__).resolve().parents[1]
# The first contradicted cell that leaves room for its evidence on screen.
OPEN_ONE = """
const cell = Array.from(document.querySelectorAll('#matrix td.contradicted details'))
  .find(d => { const r = d.getBoundingClientRect(); return r.left > 300 && r.left < 900
                && r.top < 500; });
if (cell) { cell.open = true; }
"""


def save(results: Path, output: Path, width: int = 1400, height: int = 900) -> None:
    """Render a results document as the HTML report and save a screenshot of its top."""
    run = read_document(results)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "matrix.html"
        write_atomic(page, lambda out: write_html(run, out))
        with browser.chromium(width, height) as driver:
            browser.viewport(driver, width, height)
            driver.get(page.as_uri())
            driver.execute_script(OPEN_ONE)
            png = driver.get_screenshot_as_png()
    output.write_bytes(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=ROOT / "reports" / "results.json")
    parser.add_argument("--output", type=Path, default=ROOT / "reports" / "screenshot.png")
    args = parser.parse_args(argv)
    reason = browser.missing()
    if reason:
        print(f"error: cannot take the screenshot: {reason}", file=sys.stderr)
        return 2
    save(args.results, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
