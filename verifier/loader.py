"""Load YAML documents safely, with the line of every value, and validate them.

Only plain YAML is accepted: tags such as ``!!python/object`` are refused, never
constructed. Dates stay strings until the schema has checked them, so a bad date
is reported with its line like any other problem. Valid YAML that no file of ours can
use is refused with its line before anything is constructed: a mapping or list as a
key, a number too long to be a count, a lone surrogate. Messages quote at most a short
prefix of a value (`errors.quoted`), so a value of megabytes gives a short line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import best_match, relevance

from .errors import QUOTED_LIMIT, quoted, shortened
from .model import Problem

Path = tuple[str | int, ...]
MAX_NODES = 200_000  # values in one document, aliases expanded: stops "billion laughs"
# Claim files nest about six levels deep. The limit is ours, measured before any parser
# runs, so the message does not depend on which YAML parser (or release) is installed.
MAX_DEPTH = 64
# Digits of a number (counts, windows, years): more is a mistake, and past 4,300 digits
# Python refuses to read the number at all.
MAX_DIGITS = 30
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FLOW_CHARS = re.compile(r"[\"'#\[\]{}]")  # what can change a flow depth


class _TooLarge(Exception):
    pass


class _Unusable(Exception):
    """A value valid in YAML that no file of ours can use: the document is refused."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# libyaml's parser when PyYAML was built with it (the wheels are), else the pure one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """A safe loader that leaves timestamps as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document and the 1-based line of every value in it."""

    path: str
    data: Any
    lines: dict[Path, int]

    def line(self, path: Path) -> int:
        """Return the line of a value, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def format_path(path: Path) -> str:
    """Return a document path as the user reads it: ``claims[3].count``.

    A key that is not a short printable word is quoted, cut to a prefix:
    ``expected.freed-52['ok\\n']``.
    """
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        elif isinstance(part, str) and _PLAIN_KEY.fullmatch(part) and part.isprintable():
            out += f".{part}" if out else part
        else:
            out += f"[{quoted(part, 40)}]"
    return out or "(document)"


_PLAIN_KEY = re.compile(r"[^\s\[\].'\"]{1,60}")


def _check_scalar(node: yaml.Node, path: Path, where: str) -> None:
    """Refuse a scalar no file of ours can use (see the module docstring)."""
    if not isinstance(node, yaml.ScalarNode):
        return
    line = node.start_mark.line + 1
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_DIGITS:
        digits = sum(c.isdigit() for c in node.value)
        raise _Unusable(Problem(where, line, f"{format_path(path)}: a number {digits:,} digits "
                                             f"long; write at most {MAX_DIGITS} digits (or "
                                             "quote it if it is text)"))
    surrogate = _SURROGATE.search(node.value)
    if surrogate:
        raise _Unusable(Problem(where, line, f"{format_path(path)}: {quoted(node.value)} holds "
                                             f"\\u{ord(surrogate.group()):04x}, half of a "
                                             "surrogate pair and not a character; remove the "
                                             "escape"))


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[Problem],
          where: str, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _TooLarge
    lines[path] = node.start_mark.line + 1
    _check_scalar(node, path, where)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "mapping" if isinstance(key_node, yaml.MappingNode) else "list"
                at = f"{format_path(path)}: " if path else ""
                raise _Unusable(Problem(where, line, f"{at}a {kind} as a key "
                                                     "('? ...' or '[a, b]: ...'); keys are "
                                                     "plain words, write one"))
            key = key_node.value
            _check_scalar(key_node, path + (key,), where)
            if key in seen:
                problems.append(Problem(where, line, f"{format_path(path + (key,))}: duplicate "
                                        f"key {quoted(key)} (first at line {seen[key]}); keep "
                                        "one"))
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, problems, where, count)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, problems, where, count)


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """Return an upper estimate of how deeply a YAML text nests, stopping past ``limit``.

    Block nesting is counted from indentation and ``- `` entries, flow nesting from
    brackets outside quotes and comments. It over-counts rather than under-counts: its
    only use is to refuse a document before a parser recurses on it.
    """
    flow = deepest = 0
    indents: list[int] = []
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = 0
            while (stripped.startswith("- ") or stripped == "-") and dashes <= limit:
                dashes += 1
                stripped = stripped[2:].lstrip(" ")
            block = len(indents) + dashes
        else:
            block = len(indents)
        # Only quotes, '#' and brackets can change the depth: jump from one to the next,
        # so a line of megabytes costs one regular-expression scan, not a Python loop.
        quote, seen = "", 0
        for match in _FLOW_CHARS.finditer(stripped):
            char, i = match.group(), match.start()
            if i > seen:  # characters in between: the depth as it stands
                deepest = max(deepest, block + flow)
            seen = i + 1
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"":
                before = i - 1
                while before >= 0 and stripped[before].isspace():
                    before -= 1
                if before < 0 or stripped[before] in "[{,:-":
                    quote = char
            elif char == "#" and (i == 0 or stripped[i - 1] == " "):
                seen = len(stripped)
                break
            elif char in "[{":
                flow += 1
            elif char in "]}":
                flow = max(flow - 1, 0)
            deepest = max(deepest, block + flow)
        if seen < len(stripped):
            deepest = max(deepest, block + flow)
        deepest = max(deepest, block)
        if deepest > limit:
            break
    return deepest


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; return it with its lines, or the problems that stop it."""
    if nesting_depth(text) > MAX_DEPTH:
        return None, [Problem(path, None, f"nested more than {MAX_DEPTH} levels deep; "
                                          "flatten the document")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        problems: list[Problem] = []
        if node is not None:
            _walk(node, (), lines, problems, path, [0])
        data = loader.construct_document(node) if node is not None else None
    except _Unusable as err:
        return None, [err.problem]
    except _TooLarge:
        return None, [Problem(path, None, f"more than {MAX_NODES:,} values once aliases are "
                                          "expanded; write the document out without "
                                          "nested aliases")]
    except RecursionError:  # the estimate above should have caught it first
        return None, [Problem(path, None, f"nested more than {MAX_DEPTH} levels deep; "
                                          "flatten the document")]
    except yaml.constructor.ConstructorError as err:
        mark = err.problem_mark or err.context_mark
        tag = (err.problem or "").rsplit("tag ", 1)[-1].replace("tag:yaml.org,2002:", "!!")
        return None, [Problem(path, mark.line + 1 if mark else None,
                              f"YAML tag {shortened(tag, QUOTED_LIMIT)} is not allowed "
                              "(nothing is ever constructed from tags); write a plain YAML "
                              "value")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        what = err.problem or err.context or "invalid YAML"
        return None, [Problem(path, line, f"YAML syntax error{column}: {_cut(what)}")]
    except yaml.YAMLError as err:
        return None, [Problem(path, None, f"YAML error: {_cut(str(err))}")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(path, None, "the file is empty; write a YAML mapping")]
    return YamlDocument(path, data, lines), problems


def _cut(text: str) -> str:
    """Return a parser's description on one line, cut to a short prefix (it may quote the
    value: an undefined alias, a tag)."""
    return shortened(" ".join(text[:1000].split()), 120)


@cache
def load_schema(name: str) -> dict:
    """Return a JSON Schema shipped in the package's schema/ folder."""
    text = (resources.files("verifier") / "schema" / f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _anchored(pattern: str) -> re.Pattern[str]:
    # In a JSON Schema (ECMA-262) pattern `$` is the end of the text; Python's `$` also
    # matches before a final line break, which would let 'freed-52\n' pass as a slug.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$")
                      and not pattern.endswith("\\$") else pattern)


def _pattern(validator, pattern: str, instance: Any, schema: dict):
    if validator.is_type(instance, "string") and not _anchored(pattern).search(instance):
        yield jsonschema.ValidationError("does not match the pattern")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                          {"pattern": _pattern})


def validate(document: YamlDocument, schema_name: str) -> list[Problem]:
    """Return every schema problem of a document, the most relevant first."""
    validator = _Validator(load_schema(schema_name))
    try:
        errors = sorted(validator.iter_errors(document.data), key=relevance, reverse=True)
    except RecursionError:
        return [Problem(document.path, None, f"nested more than {MAX_DEPTH} levels deep; "
                                             "flatten the document")]
    problems: list[Problem] = []
    scalars_seen: set[tuple] = set()
    for error in errors:
        leaf = _leaf(error)
        path = tuple(leaf.absolute_path)
        if "propertyNames" in leaf.absolute_schema_path:
            path += (leaf.instance,)  # a key: point at it, not at its mapping
        if not isinstance(leaf.instance, dict | list):
            if path in scalars_seen:
                continue  # one problem per value: "" is both too short and blank
            scalars_seen.add(path)
        problem = Problem(document.path, document.line(path),
                          f"{format_path(path)}: {_message(leaf)}")
        if problem not in problems:
            problems.append(problem)
    return problems


def _leaf(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Return the error that says what is wrong, inside a oneOf/anyOf.

    Of the alternatives, those that fail only on the value's type are the ones the
    author did not mean ({name: ...} was meant as a mapping, not a string).
    """
    while error.context:
        if all(e.validator == "required" for e in error.context):
            return error  # "needs one of these keys": said by _message
        # A mapping or list was meant as the branch that takes one: drop the branches
        # that fail on its type or want a plain value ("supported" vs {verdict: ...}).
        plain = ("type", "enum", "const") if isinstance(error.instance, dict | list) else (
            "type",)
        meant = [e for e in error.context if e.validator not in plain] or list(error.context)
        error = best_match(meant)
    return error


_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number",
               "array": "a list", "object": "a mapping", "boolean": "true or false",
               "null": "null"}


_KEYS_SHOWN = 3  # unknown keys named in one message


def _message(error: jsonschema.ValidationError) -> str:
    """Say what is wrong in the project's words (not jsonschema's, which change by release)."""
    hint = error.schema.get("description") if isinstance(error.schema, dict) else None
    value, rule = error.instance, error.validator_value
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        given = value if isinstance(value, dict) else {}
        unknown = sorted(str(k) for k in given if k not in allowed)
        keys = ", ".join(quoted(k) for k in unknown[:_KEYS_SHOWN])
        if len(unknown) > _KEYS_SHOWN:
            keys += f" and {len(unknown) - _KEYS_SHOWN:,} more"
        return (f"unknown key{'s' if len(unknown) > 1 else ''} {keys}; "
                f"allowed keys here: {', '.join(allowed)}")
    if error.validator == "required":
        missing = [k for k in rule if not isinstance(value, dict) or k not in value]
        return f"missing key {quoted(missing[0] if missing else rule[0])}; add it"
    if error.validator in ("anyOf", "oneOf") and error.context:
        keys = sorted({repr(e.validator_value[0]) for e in error.context})
        return f"needs one of the keys {', '.join(keys)}; add one"
    if error.validator == "type" and isinstance(value, bool) and "string" in (
            [rule] if isinstance(rule, str) else rule):
        word = "yes/no/on/off/true/false"
        return f"{str(value).lower()} is not a string: YAML reads {word} as true or false; quote it"
    if error.validator == "type" and isinstance(value, list) and len(value) == 2 and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return (f"{quoted(value)} is a list; for a range write {{min: {value[0]}, "
                f"max: {value[1]}}}")
    if error.validator == "type":
        wanted = [rule] if isinstance(rule, str) else list(rule)
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        return f"{quoted(value)} is not {names}" + (f" ({hint})" if hint else f"; write {names}")
    if error.validator == "minItems" and rule == 1:
        return f"{quoted(value)} is empty; give at least one item"
    if error.validator == "minLength" and rule == 1:
        return f"{quoted(value)} is empty; write a value"
    if error.validator in ("minimum", "exclusiveMinimum"):
        return f"{quoted(value)} is below the minimum of {rule}"
    if error.validator in ("maximum", "exclusiveMaximum"):
        return f"{quoted(value)} is above the maximum of {rule}"
    if error.validator in ("maxLength", "maxItems"):
        return f"{quoted(value)} is longer than {rule}; shorten it"
    if error.validator in ("enum", "const"):
        allowed = rule if error.validator == "enum" else [rule]
        return f"{quoted(value)} is not one of {', '.join(map(str, allowed))}"
    if error.validator in ("pattern", "format"):
        spaced = isinstance(value, str) and value != value.strip()
        return f"{quoted(value)} is not valid here" + (f" ({hint})" if hint else "") + (
            "; remove the line break or space at its start or end (a '|' or '>' block keeps "
            "its last line break)" if spaced else "")
    # jsonschema's own message quotes the whole value: say it in a line of our own
    return f"{quoted(value)} is not valid here ({hint or error.validator})"
