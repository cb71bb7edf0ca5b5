"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK and Big5, detected, never guessed blindly."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError, shown

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF (give it a .pdf extension)",
    b"PK\x03\x04": "a ZIP archive (a .docx needs the .docx extension)",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office (.doc/.xls) file; save it as .docx",
}
#: Chinese legacy encodings tried when a file is not UTF-8, in the order charset detection prefers ties
_LEGACY = ["gb18030", "big5hkscs"]


#: control characters that no text file holds (tabs, line and page breaks are text)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def sniff_binary(path: Path, data: bytes) -> None:
    """Raise ReadError if the bytes are plainly not a text file."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(path, f"binary file: looks like {what}")
    head = data[:8192]
    if b"\x00" in head and not any(data.startswith(bom) for bom, enc in _BOMS if enc == "utf-16"):
        raise ReadError(path, "binary file (contains NUL bytes), not a text report")


def decode_bytes(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode report bytes; returns (text, encoding, warnings).

    Order: BOM, strict UTF-8 (a cut-off final character is dropped with a warning),
    a declared charset (from HTML), then charset detection limited to GB18030/Big5.
    """
    if not data.strip():
        raise ReadError(path, "empty file (only white space)")
    sniff_binary(path, data)
    warnings: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc, errors="strict"), enc
            except UnicodeDecodeError as exc:
                if enc != "utf-8-sig":
                    raise ReadError(path, f"cannot decode: broken {enc.upper()} at byte {exc.start}") from None
                text, encoding, warning = _utf8_with_replacements(path, data, skip=len(bom))
                warnings.append(warning)
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                text, encoding = data[: exc.start].decode("utf-8"), "utf-8"
                warnings.append(f"{shown(path)}: truncated UTF-8 (file ends inside a character at byte {exc.start}); "
                                "the partial character was dropped")
    if text is None and declared:
        try:
            text, encoding = data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    if text is None:
        legacy = _detect_legacy(data)
        if legacy is not None:
            text, encoding = legacy
    if text is None:
        text, encoding, warning = _utf8_with_replacements(path, data)
        warnings.append(warning)
    if _control_ratio(text) > 0.01:
        raise ReadError(path, f"binary file (decoded as {encoding} it is mostly control characters)")
    return text, encoding, warnings


def _detect_legacy(data: bytes) -> tuple[str, str] | None:
    """The text in GB18030 or Big5 if it decodes in either; None if it is neither."""
    from charset_normalizer import from_bytes

    decodable = []
    for enc in _LEGACY:
        try:
            decodable.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            continue
    if len(decodable) == 1:
        return decodable[0][1], decodable[0][0]
    if decodable:
        best = from_bytes(data, cp_isolation=[enc for enc, _ in decodable]).best()
        if best is not None:
            chosen = best.encoding.replace("_", "")
            for enc, text in decodable:
                if enc.replace("_", "") == chosen:
                    return text, enc
        return decodable[0][1], decodable[0][0]
    return None


#: more broken characters than this share of the text, and the file is not taken for UTF-8 at all
_MAX_BROKEN = 0.001
#: what ``surrogateescape`` makes of each byte that is not valid UTF-8
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _utf8_with_replacements(path: Path, data: bytes, skip: int = 0) -> tuple[str, str, str]:
    """UTF-8 with a few broken bytes is still readable: each broken sequence becomes U+FFFD, and the
    warning says how many bytes were lost and where (as a byte offset in the file) the first one was."""
    body = data[skip:]
    text = body.decode("utf-8", errors="replace")
    escaped = body.decode("utf-8", errors="surrogateescape")
    broken = _ESCAPED_BYTE.findall(escaped)
    first = _ESCAPED_BYTE.search(escaped)
    offset = skip + len(escaped[: first.start()].encode("utf-8", errors="surrogateescape")) if first else skip
    where = f"{len(broken)} byte{'' if len(broken) == 1 else 's'} of invalid UTF-8, the first at byte {offset}"
    if text.count("\ufffd") / max(len(text), 1) >= _MAX_BROKEN:
        raise ReadError(path, f"cannot decode: not valid UTF-8 ({where}), GB18030/GBK or Big5 text")
    return text, "utf-8 (with replacement characters)", f"{shown(path)}: {where}; replaced with U+FFFD"
