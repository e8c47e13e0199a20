"""Claim files: `claims/<event>.claims.yaml`, validated against schema/claims.schema.json."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import ClaimFileError, quoted
from .files import not_a_file
from .lexicon import NOMINALIZED_SLOTS, expand_terms, with_nominalizations
from .loader import YamlDocument, format_path, parse_yaml, validate
from .model import Claim, ClaimFile, ClaimKind, Count, Entity, Problem

CLAIM_SUFFIX = ".claims.yaml"
MAX_CLAIM_FILE_BYTES = 2 * 1024 * 1024

# Slots filled from the general lexicons when a claim file leaves them out.
DEFAULT_SLOTS: dict[ClaimKind, dict[str, tuple[str, ...]]] = {
    ClaimKind.STATUS: {"state": ("@custody",), "opposite": ("@release",)},
    ClaimKind.MEMBERSHIP: {"group": ("@release",), "opposite": ("@custody",)},
}
# The slots each kind reads, in a fixed order.
KIND_SLOTS: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.QUANTITY: ("counted", "context", "qualifier"),
    ClaimKind.STATUS: ("state", "opposite"),
    ClaimKind.ROLE: ("role", "negators"),
    ClaimKind.RELATION: ("predicate", "opposite", "object"),
    ClaimKind.MEMBERSHIP: ("member", "group", "opposite"),
    ClaimKind.QUOTE: ("phrase",),
}
ENTITY_FIELD = {ClaimKind.RELATION: "subject", ClaimKind.QUOTE: "speaker"}


def find_claim_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the claim files named by paths: files as given, folders searched recursively.

    A file named twice (a folder and a file in it, a relative and an absolute path) is
    read once, as first named.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{CLAIM_SUFFIX}")))
        else:
            found.append(path)
    return once(found)


def once(paths: Iterable[Path]) -> list[Path]:
    """Return paths without a second name for the same file, in order (links resolved)."""
    unique: dict[str, Path] = {}
    for path in paths:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def _entity(value: str | dict | None) -> Entity | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Entity(value)
    return Entity(value["name"], tuple(value.get("aliases", ())))


def _count(value: float | dict | None, where: str, doc: YamlDocument, path) -> Count | None:
    if value is None:
        return None
    for number in value.values() if isinstance(value, dict) else [value]:
        if not math.isfinite(number):
            raise ClaimFileError(f"{where}: {quoted(number)} is not a finite number; write a "
                                 "number", doc.path, doc.line(path))
    if isinstance(value, int | float):
        return Count(value, value)
    if "about" in value:
        # As the number reader reads "about N": within 10% either way.
        return Count(value["about"] * 0.9, value["about"] * 1.1, about=True)
    if "max" not in value:
        return Count(value["min"], math.inf)  # "at least N"
    if value["min"] > value["max"]:
        raise ClaimFileError(f"{where}: min {value['min']} is greater than max {value['max']}; "
                             "swap them", doc.path, doc.line(path))
    return Count(value["min"], value["max"])


def _claim(doc: YamlDocument, n: int, raw: dict, as_of: dt.date,
           anchors: tuple[str, ...] = ()) -> Claim:
    path = ("claims", n)
    kind = ClaimKind(raw["kind"])
    slots = [("anchors", anchors)] if anchors else []
    for slot in KIND_SLOTS[kind]:
        terms = raw.get(slot, DEFAULT_SLOTS.get(kind, {}).get(slot))
        if terms:
            where = format_path(path + (slot,))
            expanded = expand_terms(terms, doc.path, doc.line(path + (slot,)), where)
            if slot in NOMINALIZED_SLOTS:
                expanded = with_nominalizations(expanded)
            slots.append((slot, expanded))
    entity = _entity(raw.get(ENTITY_FIELD.get(kind, "entity")))
    count = _count(raw.get("count"), format_path(path + ("count",)), doc, path + ("count",))
    return Claim(id=raw["id"], text=raw["claim"], kind=kind, slots=tuple(slots), entity=entity,
                 count=count, window=raw.get("window"), as_of=as_of, path=doc.path,
                 line=doc.line(path))


def load_claim_file(path: str | Path) -> tuple[ClaimFile | None, list[Problem]]:
    """Load and validate one claim file; return it, or None and every problem found."""
    shown = str(path)
    problem = not_a_file(path)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        return None, [Problem(shown, None, problem)]
    try:
        size = Path(path).stat().st_size
        if size > MAX_CLAIM_FILE_BYTES:
            return None, [Problem(shown, None, f"{size / 2**20:.1f} MB, larger than the "
                                               f"{MAX_CLAIM_FILE_BYTES // 2**20} MB limit for a "
                                               "claim file; split it into several files")]
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, None, "no such claim file; check the path")]
    except UnicodeDecodeError as err:
        return None, [Problem(shown, None, f"not UTF-8 text ({err.reason} at byte {err.start});"
                                           " save the claim file as UTF-8")]
    except OSError as err:
        return None, [Problem(shown, None, f"cannot read the claim file: {err.strerror}")]
    return parse_claim_file(text, shown)


def parse_claim_file(text: str, shown: str) -> tuple[ClaimFile | None, list[Problem]]:
    """Parse and validate the text of a claim file; `shown` is the path used in messages."""
    doc, problems = parse_yaml(text, shown)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__.replace("NoneType", "nothing")
        return None, problems + [Problem(shown, 1, f"the document is a {kind}, not a mapping; "
                                                   "write event, title, as_of and claims keys")]
    problems += validate(doc, "claims")
    if problems:
        return None, problems
    try:
        as_of = dt.date.fromisoformat(doc.data["as_of"])
    except ValueError:
        return None, [Problem(shown, doc.line(("as_of",)),
                              f"as_of: {quoted(doc.data['as_of'])} is not a date; write "
                              "YYYY-MM-DD")]
    anchors: tuple[str, ...] = ()
    if doc.data.get("anchors"):
        try:
            anchors = expand_terms(doc.data["anchors"], doc.path, doc.line(("anchors",)),
                                   "anchors")
        except ClaimFileError as err:
            return None, [Problem(err.path, err.line, err.message)]
    claims, seen = [], {}
    for n, raw in enumerate(doc.data["claims"]):
        line = doc.line(("claims", n, "id"))
        if raw["id"] in seen:
            problems.append(Problem(shown, line, f"claims[{n}].id: duplicate claim id "
                                                 f"{quoted(raw['id'])} (first at line "
                                                 f"{seen[raw['id']]}); give each claim its own id"))
            continue
        seen[raw["id"]] = line
        try:
            claims.append(_claim(doc, n, raw, as_of, anchors))
        except ClaimFileError as err:
            problems.append(Problem(err.path, err.line, err.message))
    if problems:
        return None, problems
    return ClaimFile(shown, doc.data["event"], doc.data["title"], as_of, tuple(claims)), []


def load_claim_files(paths: Iterable[str | Path]) -> tuple[list[ClaimFile], list[Problem]]:
    """Load every claim file named by paths; a bad file is reported and left out.

    Claim ids must be unique across files, since results are keyed by claim id.
    """
    files, problems, owner = [], [], {}
    paths = [Path(p) for p in paths]
    roots = [p for p in paths if p.is_dir()]
    for path in find_claim_files(paths):
        root = next((r for r in roots if path.is_relative_to(r)
                     and not path.resolve().is_relative_to(r.resolve())), None)
        if root is not None:
            problems.append(Problem(str(path), None, f"links outside {root}; refusing to read "
                                                     "it (copy the claim file into the folder)"))
            continue
        claim_file, found = load_claim_file(path)
        problems += found
        if claim_file is None:
            continue
        clashes = [c for c in claim_file.claims if c.id in owner]
        for claim in clashes:
            problems.append(Problem(claim_file.path, claim.line,
                                    f"duplicate claim id {quoted(claim.id)}, already in "
                                    f"{owner[claim.id]}; claim ids must be unique across files"))
        if clashes:
            continue
        owner.update({c.id: claim_file.path for c in claim_file.claims})
        files.append(claim_file)
    return files, problems
