"""Which paths may be read: a regular file (or a link to one), never a pipe or a device.

Every input the user names (articles, claim files, expectations, manifests, raw
scrapes, results documents) is checked here before it is opened: reading a named pipe
waits for a writer that never comes, and ``/dev/zero`` or ``/dev/urandom`` never end.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path


def not_a_file(path: str | Path) -> str | None:
    """Return why a path cannot be read as a file, or None when it can (or is a folder).

    A missing path that is not a link returns None: the caller's own "no such file"
    message, which knows what the file was for, says it better.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode  # follows links
    except FileNotFoundError:
        if not path.is_symlink():
            return None
        return "a link to nothing (its target is gone); remove it or fix its target"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a link in a loop; remove it"
        return f"cannot read it ({err.strerror}); fix its permissions"
    if stat.S_ISDIR(mode):
        return None  # a folder: the caller says whether it takes one
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)}); refusing to read it"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
