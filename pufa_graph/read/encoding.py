"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK and Big5, detected, never guessed blindly."""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError

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


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(sample)


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
            text, encoding = data.decode(enc, errors="strict"), enc
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                text, encoding = data[: exc.start].decode("utf-8"), "utf-8"
                warnings.append(f"{path}: truncated UTF-8 (file ends inside a character at byte {exc.start}); the partial character was dropped")
    if text is None and declared:
        try:
            text, encoding = data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    if text is None:
        text, encoding = _detect_legacy(path, data)
    if _control_ratio(text) > 0.01:
        raise ReadError(path, f"binary file (decoded as {encoding} it is mostly control characters)")
    return text, encoding, warnings


def _detect_legacy(path: Path, data: bytes) -> tuple[str, str]:
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
    # Not valid in any Chinese encoding: UTF-8 with a few broken bytes is still readable.
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken / max(len(text), 1) < 0.001:
        return text, "utf-8 (with replacement characters)"
    raise ReadError(path, "cannot decode: not valid UTF-8, GB18030/GBK or Big5 text")
