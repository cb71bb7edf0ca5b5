"""Hostile and odd input: each bad file gives one ReadError naming the file and the cause, quickly and in
little memory; real report text is never lost to the page-chrome filter."""

from __future__ import annotations

import io
import logging
import os
import socket
import struct
import subprocess
import sys
import threading
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from pufa_graph.errors import ReadError
from pufa_graph.normalize import normalize
from pufa_graph.pipeline import read_document
from pufa_graph.read import MB, read_source

from .conftest import SEED

LINE = "县司法局组织开展宪法宣传进校园活动，发放资料3000份。"


def refusal(path: Path, **kwargs) -> str:
    with pytest.raises(ReadError) as caught:
        read_source(path, **kwargs)
    assert caught.value.path == str(path)
    return caught.value.cause


def refusal_and_peak(path: Path, **kwargs) -> tuple[str, int]:
    """The refusal, and the most memory Python held while reading up to it."""
    tracemalloc.start()
    try:
        cause = refusal(path, **kwargs)
        return cause, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- .docx: ZIP bombs ------------------------------------------------------------------------------

def docx_bytes(text: str = LINE) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_part(path: Path, name: str, zeros: int) -> Path:
    """A real .docx whose part ``name`` is ``zeros`` zero bytes, written in chunks (never one big bytes)."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as good, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for info in good.infolist():
            if info.filename != name:
                bomb.writestr(info, good.read(info))
        with bomb.open(name, "w") as part:
            chunk = bytes(MB)
            for start in range(0, zeros, MB):
                part.write(chunk[: min(MB, zeros - start)])
    return path


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The same archive with the uncompressed size its central directory declares for ``name`` changed."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", out, pos + 28)
        if out[pos + 46: pos + 46 + name_len].decode() == name:
            struct.pack_into("<I", out, pos + 24, size)
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 46 + name_len + extra_len + comment_len)
    raise AssertionError(f"{name} is not in the archive")


def test_docx_part_declared_at_1_gib_is_refused_unread(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(declare_size(docx_bytes(), "word/document.xml", 1024 * MB))
    cause, peak = refusal_and_peak(path)
    assert cause.startswith("word/document.xml would unpack to 1024.0 MiB (limit 200.0 MiB")
    assert peak < 20 * MB


def test_docx_part_of_zeros_past_the_unpack_limit(tmp_path):
    """A 64 MiB part of zeros is a 0.3 MB file; with --max-mb 1 a part may unpack to 10 MiB."""
    path = docx_with_part(tmp_path / "zeros.docx", "word/document.xml", 64 * MB)
    assert path.stat().st_size < MB
    cause, peak = refusal_and_peak(path, max_bytes=MB)
    assert cause == "word/document.xml would unpack to 64.0 MiB (limit 10.0 MiB, 10 × --max-mb)"
    assert peak < 20 * MB


def test_docx_part_that_unpacks_to_more_than_it_declares(tmp_path):
    path = docx_with_part(tmp_path / "liar.docx", "word/document.xml", 64 * MB)
    path.write_bytes(declare_size(path.read_bytes(), "word/document.xml", 1000))
    cause, peak = refusal_and_peak(path, max_bytes=MB)
    assert cause.startswith("not a valid .docx (damaged ZIP package")
    assert peak < 20 * MB


def test_docx_parts_past_the_limit_in_all(tmp_path):
    good = docx_bytes()
    path = tmp_path / "many-parts.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        for i in range(12):
            out.writestr(f"word/media/zeros{i}.bin", bytes(MB))
    cause = refusal(path, max_bytes=MB)
    assert cause.startswith("the .docx parts would unpack to 12.") and "MiB in all (limit 10.0 MiB" in cause


def test_docx_with_too_many_members(tmp_path):
    from pufa_graph.read.docx import MAX_MEMBERS

    path = tmp_path / "members.docx"
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        for i in range(MAX_MEMBERS):
            out.writestr(f"customXml/extra{i}.xml", b"")
    assert "members (limit 10000)" in refusal(path)


def test_docx_with_a_comment_inside_a_paragraph_is_read(tmp_path):
    data = docx_bytes("县司法局开展宪法宣传。")
    path = tmp_path / "comment.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:r>", b"<w:r><!-- a comment -->", 1)
                assert b"a comment" in body
            out.writestr(info, body)
    assert read_source(path).text == "县司法局开展宪法宣传。"


# --- .pdf: streams that inflate, text that runs on, pypdf's own log lines ---------------------------

def pdf_bytes(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, FlateDecode-compressed."""
    packer = zlib.compressobj(1)
    data = b"".join(packer.compress(content[i:i + MB]) for i in range(0, len(content), MB)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
         b" /Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HELLO = b"BT /F1 12 Tf 72 720 Td (County justice bureau report) Tj ET\n"


def test_pdf_stream_that_inflates_past_the_limit(tmp_path):
    import pypdf  # noqa: F401 - imported before memory is traced

    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bytes(HELLO + b" " * (16 * MB)))
    assert path.stat().st_size < MB
    cause, peak = refusal_and_peak(path, max_bytes=MB)
    assert cause == "a compressed stream would unpack past 10.0 MiB (the limit for one PDF stream); not decoded"
    assert peak < 40 * MB


def test_pdf_stream_past_pypdfs_own_limit_is_a_read_error(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bytes(HELLO + b" " * (80 * MB)))
    assert "a compressed stream would unpack past" in refusal(path)


def test_pdf_text_past_the_limit_stops_extraction(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes(b"BT /F1 12 Tf 72 720 Td " + (b"(" + b"A" * 1000 + b") Tj T* ") * 100 + b"ET"))
    assert path.stat().st_size < 16 * 1024
    assert refusal(path, max_bytes=64 * 1024).startswith("the PDF's text runs past 65,536 characters by page 1")


def test_pdf_that_reads_normally_has_no_warning(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(pdf_bytes(HELLO))
    source = read_source(path)
    assert (source.text, source.warnings) == ("County justice bureau report", [])


def damaged_pdfs(folder: Path) -> tuple[Path, Path]:
    good = pdf_bytes(HELLO)
    repaired = folder / "bad-xref.pdf"
    repaired.write_bytes(good.replace(b"startxref\n", b"startxref\n9"))
    cut = folder / "cut.pdf"
    cut.write_bytes(good[:300])
    return repaired, cut


def test_pypdf_logs_nothing_of_its_own(tmp_path, caplog):
    repaired, cut = damaged_pdfs(tmp_path)
    with caplog.at_level(logging.DEBUG):
        source = read_source(repaired)
        cause = refusal(cut)
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []
    assert source.text == "County justice bureau report"
    assert len(source.warnings) == 1
    assert source.warnings[0].startswith(f"{repaired}: damaged PDF, read anyway (pypdf: incorrect startxref")
    assert cause.startswith("not a readable PDF")


def test_ingest_prints_one_line_per_bad_file_and_no_library_lines(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    repaired, _cut = damaged_pdfs(folder)
    docx_with_part(folder / "zeros.docx", "word/document.xml", 64 * MB)
    os.mkfifo(folder / "pipe.txt")
    env = dict(os.environ, PUFA_STORE=str(tmp_path / "store"))
    run = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "ingest", str(folder), "--max-mb", "1"],
                         check=False, capture_output=True, text=True, env=env, timeout=120)
    lines = (run.stdout + run.stderr).splitlines()
    assert "Traceback" not in run.stderr
    for name, cause in [("cut.pdf", "not a readable PDF"), ("zeros.docx", "would unpack to 64.0 MiB"),
                        ("pipe.txt", "not a regular file (a named pipe)")]:
        about = [line for line in lines if name in line]
        assert len(about) == 1 and about[0].startswith("error:") and cause in about[0], run.stderr
    assert [line for line in lines if "bad-xref.pdf" in line] == [
        f"warning: {repaired}: damaged PDF, read anyway (pypdf: incorrect startxref pointer(2) and 1 more)"]
    assert not [line for line in lines if "EOF marker" in line or "startxref" in line and "warning:" not in line]


# --- text: invalid UTF-8 in the middle --------------------------------------------------------------

def with_bad_bytes(bad: bytes, bom: bytes = b"") -> tuple[bytes, int]:
    data = SEED["004"].read_bytes()
    middle = data.index("。".encode()) + 3  # after a full stop: a character boundary
    return bom + data[:middle] + bad + data[middle:], len(bom) + middle


@pytest.mark.parametrize("bad,count", [(b"\xff", "1 byte"), (b"\xe6\xb3", "2 bytes"), (b"\x80\x80\x80", "3 bytes")])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_invalid_utf8_mid_file_is_replaced_with_a_warning(tmp_path, bad, count, bom):
    data, offset = with_bad_bytes(bad, bom)
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert "\ufffd" in doc.text and doc.encoding.startswith("utf-8")
    assert doc.warnings == [f"{path}: {count} of invalid UTF-8, the first at byte {offset}; replaced with U+FFFD"]


def test_too_much_invalid_utf8_names_where(tmp_path):
    data, offset = with_bad_bytes(b"\xff" * 200)
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    assert refusal(path) == (f"cannot decode: not valid UTF-8 (200 bytes of invalid UTF-8, the first at byte {offset}),"
                             " GB18030/GBK or Big5 text")


# --- size limits in the user's unit ----------------------------------------------------------------

def test_size_limit_is_stated_in_the_unit_of_max_mb(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * int(1.5 * MB))
    assert refusal(path, max_bytes=MB) == "file too large (1.5 MB > limit 1 MB; raise it with --max-mb)"
    path.write_bytes(b"a" * (MB + 1))
    assert refusal(path, max_bytes=MB).startswith("file too large (1.000001 MB > limit 1 MB")


def test_max_mb_on_the_command_line(pufa, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(LINE.encode() * (int(20.5 * MB) // len(LINE.encode()) + 1))
    result = pufa("read", str(path), "--max-mb", "20", expect=None)
    assert result.exit_code != 0
    assert "file too large (20.5 MB > limit 20 MB; raise it with --max-mb)" in result.output


def test_a_file_exactly_at_the_limit_is_read(tmp_path):
    path = tmp_path / "exact.txt"
    body = LINE.encode()
    path.write_bytes(body * (MB // len(body)) + b"a" * (MB % len(body)))
    assert path.stat().st_size == MB
    assert read_source(path, max_bytes=MB).text.startswith(LINE)


# --- what is not a regular file, and what cannot be opened ------------------------------------------

def refuses_without_blocking(path: Path) -> str:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(refusal(path)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # release the blocked open before failing
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"reading {path} blocked")
    return found[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert refuses_without_blocking(path) == "not a regular file (a named pipe)"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets here")
def test_socket_is_refused(tmp_path):
    path = tmp_path / "sock.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert refusal(path) == "not a regular file (a socket)"
    finally:
        server.close()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_device_is_refused(tmp_path):
    path = tmp_path / "device.txt"
    path.symlink_to("/dev/null")
    assert refusal(path) == "not a regular file (a character device)"
    assert refusal(Path("/dev/null")) == "not a regular file (a character device)"


def test_permission_denied(tmp_path, monkeypatch):
    from pufa_graph import read

    path = tmp_path / "locked.txt"
    path.write_text(LINE, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(read.os, "open", denied)
    assert refusal(path) == "permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_says_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(LINE, encoding="utf-8")
    path.chmod(0)
    try:
        assert refusal(path) == "permission denied"
    finally:
        path.chmod(0o644)


# --- page chrome: only lines that are nothing but chrome go -----------------------------------------

REPORT_LINES = [
    "扫一扫关注“普法XX”公众号，全年推送普法信息120条。",
    "时间：2024年5月，来源：县司法局组织开展宪法宣传进校园活动，发放资料3000份。",
    "时间：2024年5月，县司法局组织开展宪法宣传进校园活动",
    "群众可通过扫一扫二维码，在线申请法律援助",
    "各单位对照当前所在的位置，查找差距，明确努力方向。",
    "编印宣传资料时注明打印本页的方法，方便群众取用。",
]
CHROME_LINES = [
    "【打印本页】【关闭窗口】",
    "【打印本页】 【关闭窗口】",
    "扫一扫在手机打开当前页",
    "当前所在的位置：首页 > 普法动态",
    "您当前的位置：首页 > 政务公开 > 通知公告",
    "发布时间：2024-05-13 来源：县司法局 浏览次数：",
    "发布时间：2024-05-13，来源：县司法局，浏览次数：12",
    "主办单位：鼓楼区人民政府办公室，承办单位：鼓楼区融媒体中心",
]


@pytest.mark.parametrize("line", REPORT_LINES)
def test_report_line_with_chrome_words_is_kept(line):
    norm = normalize(f"县司法局普法工作简报\n{line}\n县司法局\n2024年5月20日")
    assert line in norm.text.split("\n")
    assert norm.dropped == []


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_line_still_goes(line):
    norm = normalize(f"{line}\n{LINE}")
    assert norm.text == LINE
    assert [dropped for dropped, _ in norm.dropped] == [line]


@pytest.mark.parametrize("line", REPORT_LINES[:2])
def test_one_line_report_keeps_its_line(tmp_path, line):
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    assert read_document(path).text == line


# --- HTML: scripts, styles, comments ----------------------------------------------------------------

TEXT = "县司法局开展宪法宣传。"
PAGES = {
    "script in a paragraph": f'<p>{TEXT}<script>document.write("脚本文字")</script></p>',
    "script holding tags": f'<script>var s = "</p><p>脚本里的段落</p>"; if (a < b) {{}}</script><p>{TEXT}</p>',
    "json-ld script": f'<script type="application/ld+json">{{"name": "结构化数据"}}</script><p>{TEXT}</p>',
    "style in a paragraph": f'<p>{TEXT}<style>.x {{ content: "样式文字" }}</style></p>',
    "noscript": f"<p>{TEXT}</p><noscript>请启用脚本</noscript>",
    "comment inside a sentence": "<p>县司法局<!-- 注释文字 -->开展宪法宣传。</p>",
    "conditional comment": f"<!--[if lt IE 9]><p>请升级浏览器</p><![endif]--><p>{TEXT}</p>",
    "bogus comment and processing instruction": f'<p>{TEXT}</p><! 奇怪注释 ><?php echo "处理指令"; ?>',
    "upper-case tags": f"<P>{TEXT}</P><SCRIPT>大写脚本</SCRIPT><STYLE>大写样式</STYLE>",
    "template": f"<template><p>模板文字</p></template><p>{TEXT}</p>",
    "unclosed script": f'<p>{TEXT}</p><script>var x = "未闭合脚本";',
    "unclosed comment": f"<p>{TEXT}</p><!-- 未闭合注释",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_script_style_and_comments_never_become_text(tmp_path, name):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><script>头部脚本</script><style>b {{}}</style></head><body>{PAGES[name]}</body>"
                    "</html><script>正文后脚本</script><!-- 正文后注释 -->", encoding="utf-8")
    assert read_document(path).text == TEXT


def test_deeply_nested_page_is_read(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div><span>" * 2000 + TEXT + "</span></div>" * 2000 + "</body></html>",
                    encoding="utf-8")
    assert read_document(path).text == TEXT
