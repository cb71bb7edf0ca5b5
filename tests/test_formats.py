"""One report, many containers: GBK, Big5, BOM, HTML with scripts and navigation, .docx and PDF
all give the same normalized text and the same document id as the UTF-8 original."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from pufa_graph.pipeline import read_document

from .conftest import SEED


def write_html(text: str, path: Path, charset: str = "utf-8") -> Path:
    body = "\n".join(f"<p><span>{html.escape(line)}</span></p>" for line in text.splitlines())
    page = f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>门户网站</title>
<style>p {{ color: red }}</style><script>var x = "首页 导航 <p>不是正文</p>"; alert(1);</script></head>
<body><nav class="navbar"><a href="/">首页</a> | <a href="/x">机构概况</a> | <a>政务公开</a></nav>
<div class="breadcrumb">您当前的位置：首页 &gt; 工作动态</div>
<div id="content">{body}</div>
<footer>版权所有：某某司法局 ICP备12345号</footer><script src="stats.js"></script></body></html>"""
    path.write_bytes(page.encode("gb18030" if charset in ("gbk", "gb2312") else charset))
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def originals():
    return {key: read_document(path) for key, path in SEED.items()}


@pytest.mark.parametrize("key", sorted(SEED))
def test_gbk_bytes(tmp_path, originals, key):
    text = SEED[key].read_text(encoding="utf-8")
    path = tmp_path / f"{key}.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert (doc.text, doc.id) == (originals[key].text, originals[key].id)


@pytest.mark.parametrize("key", ["000", "003"])  # the traditional-script seeds
def test_big5_bytes(tmp_path, originals, key):
    text = SEED[key].read_text(encoding="utf-8").replace("\u2002", " ")  # Big5 has no en space
    path = tmp_path / f"{key}.txt"
    path.write_bytes(text.encode("big5hkscs"))  # HKSCS also encodes the pinyin tone letters of 003
    doc = read_document(path)
    assert doc.encoding.startswith("big5")
    assert (doc.text, doc.id) == (originals[key].text, originals[key].id)


def test_utf8_with_bom(tmp_path, originals):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED["002"].read_bytes())
    assert read_document(path).id == originals["002"].id


@pytest.mark.parametrize("key", sorted(SEED))
def test_html_page_with_scripts_and_navigation(tmp_path, originals, key):
    path = write_html(SEED[key].read_text(encoding="utf-8"), tmp_path / f"{key}.html")
    doc = read_document(path)
    assert "alert" not in doc.text and "机构概况" not in doc.text and "版权所有" not in doc.text
    assert (doc.text, doc.id) == (originals[key].text, originals[key].id)


def test_gbk_html_page_declared_by_meta_charset(tmp_path, originals):
    path = write_html(SEED["004"].read_text(encoding="utf-8"), tmp_path / "page.htm", charset="gbk")
    assert read_document(path).id == originals["004"].id


@pytest.mark.parametrize("key", sorted(SEED))
def test_docx(tmp_path, originals, key):
    path = write_docx(SEED[key].read_text(encoding="utf-8"), tmp_path / f"{key}.docx")
    doc = read_document(path)
    assert doc.format == "docx"
    assert (doc.text, doc.id) == (originals[key].text, originals[key].id)


def test_pdf_with_wrapped_lines(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    lines = ["一、工作开展情况", "巴州司法局组织各类资深法律服务团深入社区、农村、学校、", "企业等基层一线,向群众解读民法典。",
             "巴音郭楞蒙古自治州司法局", "2025年4月15日"]
    for i, line in enumerate(lines):
        c.drawString(40, 800 - 20 * i, line)
    c.save()
    doc = read_document(path)
    assert doc.format == "pdf"
    assert "深入社区、农村、学校、企业等基层一线,向群众解读民法典。" in doc.text  # the wrapped line is joined
    assert (doc.metadata.issuer, doc.metadata.date) == ("巴音郭楞蒙古自治州司法局", "2025-04-15")


def test_every_chrome_word_of_the_portal_catalogue_drops_its_element():
    """ontology/portal.csv lists the class and id words of page chrome; each one drops its element."""
    from pufa_graph.knowledge import read_csv
    from pufa_graph.read.html import html_to_text

    words = [row["pattern"] for row in read_csv("portal.csv") if row["kind"] == "chrome_class"]
    assert len(words) >= 10
    for word in words:
        for attrs in (f'class="site-{word}"', f'id="{word.upper()}_1"'):
            page = f'<html><body><div {attrs}>页面杂项文字</div><p>县司法局开展宪法宣传。</p></body></html>'
            assert html_to_text(page) == "县司法局开展宪法宣传。", (word, attrs)
    kept = '<html><body><div class="navigation-free content">正文内容</div></body></html>'
    assert html_to_text(kept) == "正文内容"  # a word inside a longer one is no chrome word
