"""Skip articles about other events before reading them.

An article that names none of a claim's `anchors` is silent on that claim, whatever
else it says (see `checkers.check`). When every claim has anchors, an article that
holds none of their words is silent on all of them, so it need not be tokenized,
lemmatized or matched at all: archives, where most pages are about something else,
then cost little more than a scan of their text.

The scan looks for each anchor's longest word, folded as the matcher folds words
(lower case, transliterated, "Statkevič" = "statkevich"), as a substring of the folded
text. A substring is found wherever the word is (and sometimes where it is not, which
only costs a full reading), so the filter never skips an article the matcher would
find an anchor in. It is used only when every anchor word is a name (capitalised) or
holds a digit: such words match by their letters, never through a lemma that could
be spelled differently ("went" for "go").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

from ..model import Claim
from .nlp import fold, term_words

_NON_ASCII_WORD = re.compile(r"\S*[^\s\x00-\x7f]\S*")


def _folded_text(text: str) -> str:
    """Fold a text as the matcher folds each word; dots go too ("U.S." = "us"), which can
    only add matches. Only the words with other letters are transliterated (appended
    folded), so a page with curly quotes costs a few lookups, not a pass per letter."""
    folded = text.lower().replace(".", "")
    if text.isascii():
        return folded
    extra = " ".join(anyascii(word.translate(_DIGRAPHS)) for word in
                     _NON_ASCII_WORD.findall(text))
    return f"{folded} {extra.lower().replace('.', '')}"


_DIGRAPHS = str.maketrans({"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh"})


class AnchorFilter:
    """Tell whether an article may name any claim's anchors (False: it cannot)."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        claims = tuple(claims)
        words: set[str] = set()
        usable = bool(claims)
        for claim in claims:
            anchors = claim.terms("anchors")
            if not anchors:
                usable = False
                break
            for term in anchors:
                # the term matches only where all its words are, so one of its names will
                # do (a name matches by its letters): the longest
                named = [w for w in term_words(term) if w[:1].isupper() or any(
                    c.isdigit() for c in w)]
                if not named:
                    usable = False
                    break
                words.add(max((fold(w).replace(".", "") for w in named), key=len))
            if not usable:
                break
        self._pattern = (re.compile("|".join(re.escape(w) for w in sorted(words, key=len,
                                                                           reverse=True)))
                         if usable and words else None)

    @property
    def active(self) -> bool:
        """Return True when the filter can skip articles for this set of claims."""
        return self._pattern is not None

    def may_name(self, text: str) -> bool:
        """Return False only when the text cannot name any claim's anchors."""
        if self._pattern is None:
            return True
        return self._pattern.search(_folded_text(text)) is not None
