"""Lexicons: general vocabulary shipped with the package (see lexicons/README.md)."""

from __future__ import annotations

import difflib
from functools import cache
from importlib import resources

import yaml

from .errors import ClaimFileError

LEXICON_PREFIX = "@"


@cache
def load_lexicon(name: str) -> dict:
    """Return one lexicon file of the package as a mapping."""
    package_file = resources.files("verifier") / "lexicons" / f"{name}.yaml"
    if not package_file.is_file():
        raise KeyError(name)
    return yaml.safe_load(package_file.read_text(encoding="utf-8"))


def lexicon_names() -> tuple[str, ...]:
    """Return the names of every lexicon shipped with the package."""
    folder = resources.files("verifier") / "lexicons"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def lexicon_terms(name: str) -> tuple[str, ...]:
    """Return the `terms` list of one lexicon."""
    return tuple(str(t) for t in load_lexicon(name)["terms"])


def expand_terms(terms: tuple[str, ...] | list[str], path: str = "", line: int = 0,
                 where: str = "") -> tuple[str, ...]:
    """Replace every `@name` reference by the terms of that lexicon, keeping order."""
    out: list[str] = []
    for term in terms:
        if term.startswith(LEXICON_PREFIX):
            name = term[len(LEXICON_PREFIX):]
            try:
                out.extend(lexicon_terms(name))
            except KeyError:
                names = [n for n in lexicon_names()  # the term lists a claim may name
                         if n != "boilerplate" and "terms" in load_lexicon(n)]
                close = difflib.get_close_matches(name, names, n=1)
                hint = f"did you mean '@{close[0]}'? " if close else ""
                known = ", ".join("@" + n for n in names)
                raise ClaimFileError(
                    f"{where}: unknown lexicon '{term}'; {hint}the lexicons are {known}",
                    path=path, line=line) from None
        else:
            out.append(term)
    return tuple(dict.fromkeys(out))


# Claim slots whose single-verb terms also read the verb's nouns (lexicon
# `nominalizations`): what the claim says happened, never its opposite.
NOMINALIZED_SLOTS = frozenset({"predicate", "state"})


@cache
def _nominalizations() -> dict[str, tuple[str, ...]]:
    return {str(verb): tuple(str(n) for n in nouns)
            for verb, nouns in load_lexicon("nominalizations")["nouns"].items()}


def with_nominalizations(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Return the terms with the nouns of every single-verb term added after them."""
    table, out = _nominalizations(), list(terms)
    for term in terms:
        for noun in table.get(term, ()):
            if noun not in out:
                out.append(noun)
    return tuple(out)
