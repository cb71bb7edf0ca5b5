"""HTML report pages: a real parser (BeautifulSoup over lxml), scripts and page chrome removed.

Block elements become line breaks and inline elements join, so a sentence split
over ``<span>``s stays one sentence and a page gives the same lines as the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..knowledge import portal_rules
from ..model import SourceText
from .encoding import decode_bytes

#: elements whose content is never report text
_DROP_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "iframe", "svg", "button", "select", "input", "textarea", "head", "object", "canvas"]
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "main", "blockquote", "pre", "hr", "dd", "dt", "dl", "center",
          "tbody", "thead", "figure", "figcaption", "body", "html", "td", "th"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}.get(name, name)


def _is_chrome(tag) -> bool:
    if tag.attrs is None:
        return False
    words = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    return bool(words and portal_rules().chrome_class.search(words))


def _lines(root) -> list[str]:
    """The text of ``root`` as lines: each block element starts and ends one. A loop over an explicit
    stack, not recursion, so that a page nested thousands of elements deep is read like any other."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    out = [""]
    stack = [(iter(root.children), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                out.append("")
        elif isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        elif isinstance(child, NavigableString):
            out[-1] += re.sub(r"[ \t\r\n]+", " ", str(child))
        elif isinstance(child, Tag):
            if child.name in _BLOCK:
                out.append("")
            stack.append((iter(child.children), child.name in _BLOCK))
    return out


def html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed:
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    return "\n".join(line.strip() for line in _lines(root) if line.strip())


def read_html_file(path: Path, data: bytes, max_bytes: int | None = None) -> SourceText:
    text, encoding, warnings = decode_bytes(path, data, declared=_declared_charset(data))
    body = html_to_text(text)
    if not body.strip():
        raise ReadError(path, "HTML page holds no visible text")
    return SourceText(path=str(path), format="html", text=body, encoding=encoding, warnings=warnings)
