"""Check news articles against YAML claim files and build a per-source accuracy matrix."""

__version__ = "0.1.0"

from .engine import Verifier, check_run  # noqa: E402
from .errors import ArticleError, ClaimFileError, UsageError, VerifierError  # noqa: E402
from .model import (  # noqa: E402
    Article,
    Claim,
    ClaimKind,
    Evidence,
    Finding,
    Problem,
    Result,
    Run,
    Verdict,
)
from .results import read_rows  # noqa: E402

__all__ = [
    "Article",
    "ArticleError",
    "Claim",
    "ClaimFileError",
    "ClaimKind",
    "Evidence",
    "Finding",
    "Problem",
    "Result",
    "Run",
    "UsageError",
    "Verdict",
    "Verifier",
    "VerifierError",
    "__version__",
    "check_run",
    "read_rows",
]
