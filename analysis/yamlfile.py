"""Reading the project's YAML data files (topic dictionaries, marker families, actor lists) with
messages that name the file and the line: one set of rules for every loader.

The files are composed into nodes (``yaml.compose`` with the safe loader) rather than loaded into
Python objects, so that every error can point at its line, repeated keys are refused (plain PyYAML
keeps the last one silently), and scalars stay the strings that were written (``no`` or ``1.0`` are not
turned into a boolean or a number).
"""

from __future__ import annotations

import yaml

from .errors import DiscourseError

NULL_TAG = "tag:yaml.org,2002:null"
Fields = dict[str, tuple[yaml.Node, yaml.Node]]


def compose(text: str, source: str) -> yaml.Node:
    """The document's root node; DiscourseError for invalid YAML or a file of only comments."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise DiscourseError(f"{where}: not valid YAML ({problem}).") from e
    if root is None:
        raise DiscourseError(f"{source}: the file is empty (only comments or blank lines).")
    return root


def line(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def is_null(node: yaml.ScalarNode) -> bool:
    return node.tag == NULL_TAG


def mapping(node: yaml.Node, source: str, what: str) -> Fields:
    """A mapping node as key -> (key node, value node); refuses non-mappings and repeated keys."""
    if not isinstance(node, yaml.MappingNode):
        raise DiscourseError(f"{source}, line {line(node)}: {what} must be a mapping (key: value lines).")
    out: Fields = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise DiscourseError(f"{source}, line {line(key_node)}: {what}: keys must be plain strings.")
        key = key_node.value
        if key in out:
            raise DiscourseError(
                f"{source}, line {line(key_node)}: {what}: {key!r} is repeated (first on line {line(out[key][0])})."
            )
        out[key] = (key_node, value_node)
    return out


def reject_unknown_keys(fields: Fields, allowed: frozenset[str], source: str, where: str) -> None:
    """A key outside ``allowed`` is an error naming the file, its line and the keys expected."""
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise DiscourseError(
            f"{source}, line {line(fields[unknown[0]][0])}: {where}unknown key {unknown[0]!r}; "
            f"expected {', '.join(sorted(allowed))}."
        )


def scalar(fields: Fields, key: str, source: str, owner: str = "") -> str:
    """The string under ``key`` with white space collapsed ("" when absent or null); ``owner`` (e.g.
    "topic 'trade': ") prefixes the error for a non-string value."""
    if key not in fields:
        return ""
    node = fields[key][1]
    if not isinstance(node, yaml.ScalarNode):
        raise DiscourseError(f"{source}, line {line(node)}: {owner}{key!r} must be a string.")
    return "" if is_null(node) else " ".join(node.value.split())
