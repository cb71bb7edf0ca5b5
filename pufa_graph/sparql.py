"""Building SPARQL safely: user strings become escaped literals, never pasted text."""

from __future__ import annotations

import re

from .errors import PufaError


def literal(value: str) -> str:
    """A SPARQL string literal for any user string: quotes, backslashes and newlines escaped."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def label(value: str) -> str:
    """A label as the graph writes it: Chinese, tagged @zh."""
    return literal(value) + "@zh"


def iri(value: str) -> str:
    """An IRI reference; refuses characters that could close it."""
    if re.search(r'[<>"{}|^`\\\s\x00-\x20]', value):
        raise PufaError(f"not a safe IRI: {value!r}")
    return f"<{value}>"


def concept(scheme: str, code: str) -> str:
    """The IRI of an ontology concept (``venue``, ``kind`` …) by its code; a code is a plain word or nothing."""
    from .vocab import PUFA

    if not re.fullmatch(r"[A-Za-z0-9_@-]+", code or ""):
        raise PufaError(f"not a {scheme} code: {code!r}")
    return iri(f"{PUFA.iri}{scheme}_{code}")


#: what may hide the word SERVICE without it being the keyword: strings, IRIs, comments, names with it inside
_NOT_KEYWORDS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                           r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$:][\w-]+|[\w-]+:[\w.-]*")
_SERVICE = re.compile(r"(?<![\w:?$-])SERVICE(?![\w:-])", re.I)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _codepoint(match: re.Match) -> str:
    number = int(match.group(1) or match.group(2), 16)
    return chr(number) if number < 0x110000 else " "


def calls_other_endpoints(query: str) -> bool:
    """Does the query use ``SERVICE`` (federation: the store fetching from another endpoint)?"""
    unescaped = _CODEPOINT.sub(_codepoint, query)  # SPARQL reads these before anything else
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", unescaped)))


def as_the_user_wrote_it(message: str, prologue: str) -> str:
    """An error about a query we sent with our prefixes declared before it, placed in the user's own lines:
    ``error at 11:26`` of a one-line query is at 1:26 of what the user typed."""
    above = prologue.count("\n")

    def moved(match: re.Match) -> str:
        line = int(match.group(2)) - above
        return f"{match.group(1)}{line}" if line >= 1 else match.group(0)

    return re.sub(r"(\bat |\bline )(\d+)(?=[:,\s)]|$)", moved, message)
