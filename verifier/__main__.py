"""The command line's entry point: ``verifier ...`` and ``python -m verifier ...``.

It imports the command line inside the guard, so Ctrl-C pressed while spaCy and the
reports are still loading ends the run like Ctrl-C at any later moment: one line and
exit code 130, not a traceback.
"""

from __future__ import annotations

import sys

INTERRUPTED = "error: interrupted"


def run() -> int:
    """Import and run the command line; return the exit code."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print(f"{INTERRUPTED} while starting; nothing was read or written", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(run())
