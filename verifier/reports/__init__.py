"""Aggregation and reports: the on-disk result store, per-source statistics, the
verifier's quality against expected verdicts, the approved matrix and its review,
and the renderings (terminal, Markdown, JSON, CSV, HTML) with their publication.

Nothing here decides a verdict: editing these modules never invalidates the cache.
"""

from .formats import (
                      FORMATS,
                      REPORT_FILES,
                      render,
                      render_csv,
                      render_html,
                      render_json,
                      render_markdown,
                      render_table,
                      write,
)
from .publish import run_digest, write_atomic, write_reports

__all__ = ["FORMATS", "REPORT_FILES", "render", "render_csv", "render_html", "render_json",
           "render_markdown", "render_table", "run_digest", "write", "write_atomic",
           "write_reports"]
