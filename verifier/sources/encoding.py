"""Decode the bytes of an article: UTF-8 as it is, anything else detected and named.

UTF-8 (with or without a byte order mark) is read silently, UTF-16 with a byte order
mark with a warning. Other bytes go to charset-normalizer, asked only about the
encodings news text is actually written in (``CANDIDATES``): left to itself it stops at
the first multi-byte encoding that fits, and reads a German 'ß' as Chinese. When
several candidates read the bytes equally well, the earlier one in ``CANDIDATES`` wins
(cp1252 before cp1250, so 'não' stays Portuguese). The warning names the encoding,
so a misread short text can be re-saved as UTF-8. Bytes no encoding reads are refused.
"""

from __future__ import annotations

import codecs

from ..errors import ArticleError
from ..model import Problem

# Legacy encodings of news text, most common first: Windows code pages, then KOI8,
# ISO 8859, and the CJK encodings.
CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "cp1255",
              "cp1256", "cp1258", "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7",
              "iso8859_15", "gb18030", "big5", "cp932", "euc_jp", "euc_kr", "cp874")
SCRIPTS = {
    "cp1252": "Western European", "cp1250": "Central European", "cp1251": "Cyrillic",
    "cp1253": "Greek", "cp1254": "Turkish", "cp1257": "Baltic", "cp1255": "Hebrew",
    "cp1256": "Arabic", "cp1258": "Vietnamese", "koi8_r": "Cyrillic", "koi8_u": "Cyrillic",
    "iso8859_2": "Central European", "iso8859_5": "Cyrillic", "iso8859_7": "Greek",
    "iso8859_15": "Western European", "gb18030": "Chinese", "big5": "Chinese",
    "cp932": "Japanese", "euc_jp": "Japanese", "euc_kr": "Korean", "cp874": "Thai",
}
BINARY_SAMPLE = 8192


def encoding_label(name: str) -> str:
    """Return an encoding as users know it: 'cp1251' -> 'windows-1251 (Cyrillic)'."""
    codec = codecs.lookup(name).name
    shown = f"windows-{codec[2:]}" if codec.startswith("cp12") else codec
    script = SCRIPTS.get(codec.replace("-", "_"))
    return f"{shown} ({script})" if script else shown


def detect(raw: bytes) -> str | None:
    """Return the encoding that reads the bytes best (see ``CANDIDATES``), or None."""
    from charset_normalizer import from_bytes

    matches = from_bytes(raw, cp_isolation=list(CANDIDATES))
    if not matches:
        return None
    best = matches[0]
    tied = {name for m in matches if m.chaos == best.chaos and m.coherence == best.coherence
            for name in m.could_be_from_charset}
    return next((name for name in CANDIDATES if name in tied), best.encoding)


def choose(raw: bytes, shown: str, declared: str | None = None) -> tuple[str, list[Problem]]:
    """Return the encoding to read an article's bytes with, and the warnings it deserves.

    `declared` is the encoding the file itself names (an HTML page's charset): used
    silently when the bytes decode with it. Raise ArticleError for binary data and for
    bytes that no encoding reads.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("starts like UTF-16 but is not; save it as UTF-8", shown) from None
        return "utf-16", [Problem(shown, None, "UTF-16 text; read as UTF-16 (save it as UTF-8 "
                                               "to silence this)", "warning")]
    if b"\x00" in raw[:BINARY_SAMPLE]:
        raise ArticleError("binary file, not text; give a UTF-8 text file", shown)
    if declared:
        try:
            raw.decode(declared)
            return declared, []
        except (LookupError, UnicodeDecodeError):
            pass  # a page that names the wrong charset: read it like any other
    try:
        raw.decode("utf-8-sig")
        return "utf-8-sig", []
    except UnicodeDecodeError as err:
        why = f"{err.reason} at byte {err.start}"
    found = detect(raw)
    if found is None:
        raise ArticleError(f"not UTF-8 ({why}), and no known encoding reads it; convert it to "
                           "UTF-8", shown)
    return found, [Problem(shown, None, f"not UTF-8 ({why}); read as {encoding_label(found)}, "
                                        "the encoding detected; convert it to UTF-8 to silence "
                                        "this", "warning")]


def decode(raw: bytes, shown: str, declared: str | None = None) -> tuple[str, list[Problem]]:
    """Return the text of an article's bytes and the warnings its encoding deserves."""
    encoding, warnings = choose(raw, shown, declared)
    return raw.decode(encoding, errors="replace"), warnings
