"""Check news articles against YAML claim files and build a per-source accuracy matrix.

The public names are imported on first use (PEP 562), so that importing the package
costs nothing: the command line's entry point can then catch Ctrl-C pressed while the
heavy modules (spaCy, the reports) are still loading.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Verifier": ".engine", "check_run": ".engine",
    "ArticleError": ".errors", "ClaimFileError": ".errors", "UsageError": ".errors",
    "VerifierError": ".errors",
    "Article": ".model", "Claim": ".model", "ClaimKind": ".model", "Evidence": ".model",
    "Finding": ".model", "Problem": ".model", "Result": ".model", "Run": ".model",
    "Verdict": ".model",
    "read_rows": ".results",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'verifier' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
