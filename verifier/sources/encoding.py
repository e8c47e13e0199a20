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
import re

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
    wide = _wide(raw)
    if wide is not None:
        name, label = wide
        try:
            raw.decode(name)
        except UnicodeDecodeError:
            raise ArticleError(f"starts like {label} but is not; save it as UTF-8",
                               shown) from None
        return name, [Problem(shown, None, f"{label} text; read as {label} (save it as UTF-8 "
                                           "to silence this)", "warning")]
    if _binary(raw):
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


NUL_TOLERANCE = 4  # stray NUL bytes in text a scraper left: read, with a warning
# Spaces that are not U+0020 (no-break, narrow, figure, thin ...) and characters of no
# width that scraped pages put inside words and names ("Vi\u200bdal"): a name must
# match however the page spaced it.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004"
                                "\u2005\u2006\u2008\u2009\u200a\u205f\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"))
_ODD_CHARACTERS = re.compile("[" + "".join(map(chr, [*_SPACES, *_INVISIBLE])) + "]")


def _binary(raw: bytes) -> bool:
    """Return True for bytes that are not text: more than a few NUL bytes, or NULs in
    more than 1% of them (a small image's header)."""
    nuls = raw[:BINARY_SAMPLE].count(b"\x00")
    return nuls > NUL_TOLERANCE or nuls * 100 > len(raw[:BINARY_SAMPLE])


def _wide(raw: bytes) -> tuple[str, str] | None:
    """Return the codec and name of UTF-32 or UTF-16 text, with or without a byte order
    mark, else None.

    Without a mark, Latin text shows zero bytes in a fixed column; text in one other
    alphabet (Cyrillic, Greek, Hebrew, Arabic...) shows one or two values in the high
    byte's column, zero at its spaces and digits, and decodes to printable text.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32", "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16"
    sample = raw[:BINARY_SAMPLE - BINARY_SAMPLE % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None  # wide text of any script has zero bytes: most files stop here
    for name, label, width, zero in (("utf-32-le", "UTF-32", 4, (1, 2, 3)),
                                     ("utf-32-be", "UTF-32", 4, (0, 1, 2)),
                                     ("utf-16-le", "UTF-16", 2, (1,)),
                                     ("utf-16-be", "UTF-16", 2, (0,))):
        units = len(sample) // width
        if min(sample[z::width].count(0) for z in zero) >= 0.9 * units:
            return name, label
    for name, label, width, zero, high in (("utf-32-le", "UTF-32", 4, (2, 3), 1),
                                           ("utf-32-be", "UTF-32", 4, (0, 1), 2),
                                           ("utf-16-le", "UTF-16", 2, (), 1),
                                           ("utf-16-be", "UTF-16", 2, (), 0)):
        if _one_alphabet(sample, name, width, zero, high):
            return name, label
    return None


ALPHABET_BLOCKS = 3  # high bytes (zero among them) that one alphabet's text may use


def _one_alphabet(sample: bytes, name: str, width: int, zero: tuple[int, ...],
                  high: int) -> bool:
    """Return True when `sample` reads as wide text in one alphabet: its zero columns are
    zero, its high-byte column holds zero (spaces, digits) and at most two other values
    for nearly every unit, and it decodes to printable text."""
    units = len(sample) // width
    if any(sample[z::width].count(0) < 0.98 * units for z in zero):
        return False
    column = sample[high::width]
    common = sorted((column.count(bytes([b])) for b in set(column)), reverse=True)
    if column.count(0) < 0.05 * units or sum(common[:ALPHABET_BLOCKS]) < 0.98 * units:
        return False
    try:
        text = sample.decode(name)
    except UnicodeDecodeError:
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return printable >= 0.98 * len(text)


def _mixed(raw: bytes, shown: str) -> tuple[str, list[Problem]] | None:
    """Read UTF-8 text with a few lines in another encoding line by line, warning with
    the first such line; None when most of the text is not UTF-8."""
    lines = raw.split(b"\n")
    bad = []
    for number, line in enumerate(lines, 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
    good = sum(1 for line in lines if line.strip()) - len(bad)
    failing = set(bad)
    utf8_letters = any(not line.isascii() for n, line in enumerate(lines, 1)
                       if n not in failing)
    if not bad or good < 2 * len(bad) or not utf8_letters:
        return None  # not UTF-8 at heart: the whole file is read in one encoding
    other = detect(b"\n".join(lines[n - 1] for n in bad)) or "cp1252"
    text = "\n".join(line.decode("utf-8-sig" if n == 1 else "utf-8") if n not in bad
                     else line.decode(other, errors="replace")
                     for n, line in enumerate(lines, 1))
    where = f"line {bad[0]}" + (f" and {len(bad) - 1} more" if len(bad) > 1 else "")
    return text, [Problem(shown, bad[0], f"mixed encodings: UTF-8, but {where} read as "
                                         f"{encoding_label(other)}; convert the file to "
                                         "UTF-8 to silence this", "warning")]


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: bytes, shown: str, declared: str | None = None) -> tuple[str, list[Problem]]:
    """Return the text of an article's bytes and the warnings its encoding deserves.

    Text in UTF-8 but for a few lines in another encoding is read line by line. Stray
    NUL bytes are dropped with a warning; no-break and other wide spaces read as
    spaces, and characters of no width go.
    """
    mixed = None
    if declared is None and _wide(raw) is None and not _binary(raw) and not _is_utf8(raw):
        mixed = _mixed(raw, shown)
    if mixed is not None:
        text, warnings = mixed
    else:
        encoding, warnings = choose(raw, shown, declared)
        text = raw.decode(encoding, errors="replace")
    if "\x00" in text:
        warnings = [*warnings, Problem(shown, None, f"{text.count(chr(0))} NUL byte(s) in "
                                                    "the text, dropped; check the scrape",
                                       "warning")]
    if _ODD_CHARACTERS.search(text):  # rare: translating costs a lookup per character
        text = text.translate(_SPACES).translate(_INVISIBLE)
    return text, warnings
