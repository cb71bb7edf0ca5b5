"""Building SPARQL safely: user strings become escaped literals, never pasted text."""

from __future__ import annotations

import re


def literal(value: str) -> str:
    """A SPARQL string literal for any user string: quotes, backslashes and newlines escaped."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def iri(value: str) -> str:
    """An IRI reference; refuses characters that could close it."""
    if re.search(r'[<>"{}|^`\\\s]', value):
        raise ValueError(f"not a safe IRI: {value!r}")
    return f"<{value}>"
