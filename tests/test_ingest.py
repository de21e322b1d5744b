"""Reading articles from real files in each format and encoding."""

import json
from pathlib import Path

import pytest

from graph import ingest
from graph.model import Document, InputError

DATA = Path(__file__).resolve().parent / "data"

TEXT = "テスラはサムスンとAI6の量産で合意した。\n生産は米テキサス州で行われる。"


def read(path):
    return list(ingest.read([path]))


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("shift_jis", b""), ("cp932", b""), ("euc_jp", b""),
    ("iso2022_jp", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
])
def test_japanese_encodings_are_decoded(tmp_path, encoding, bom):
    path = tmp_path / "article.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    [document] = read(path)
    assert document.text == TEXT
    assert document.id == "article"


def test_binary_file_is_skipped_with_its_name(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    [skipped] = read(path)
    assert isinstance(skipped, ingest.Skipped)
    assert skipped.source == str(path.resolve())
    assert "binary" in skipped.reason


def test_empty_file_is_a_document_without_text(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    [document] = read(tmp_path)
    assert isinstance(document, Document) and document.text == ""


def test_markdown_front_matter_becomes_metadata_and_offsets_point_into_the_body(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 見出し\nauthor: 山田 太郎\nlanguage: ja\n---\n" + TEXT, encoding="utf-8")
    [document] = read(path)
    assert document.meta == {"title": "見出し", "author": "山田 太郎", "language": "ja"}
    assert document.text == TEXT


def test_html_keeps_only_visible_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html lang="ja"><head><title>記事</title><meta name="author" content="記者A">'
        "<style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><!-- comment --><h1>見出し</h1><p>テスラ&amp;サムスン&lt;合意&gt;</p>"
        "<noscript>no</noscript><p>二段落目</p></body></html>", encoding="utf-8")
    [document] = read(path)
    assert document.text == "見出し\nテスラ&サムスン<合意>\n二段落目"
    assert document.meta == {"language": "ja", "author": "記者A", "title": "記事"}


def test_jsonl_records_are_documents_and_bad_lines_are_named(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "n1", "text": TEXT, "title": "t", "url": "https://example.org/1"}, ensure_ascii=False),
             "{broken", json.dumps({"id": "n2"}), json.dumps({"id": "n1", "text": "別の本文"}, ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    documents = [i for i in items if isinstance(i, Document)]
    skipped = [str(i) for i in items if isinstance(i, ingest.Skipped)]
    assert [d.id for d in documents] == ["n1"]
    assert documents[0].meta == {"title": "t", "url": "https://example.org/1", "line": 1}
    assert any(s.startswith(f"{path.resolve()}:2: not valid JSON") for s in skipped)
    assert any(":3: record has no `text`" in s for s in skipped)
    assert any(":4: a document with id 'n1'" in s for s in skipped)


def test_folders_are_read_recursively_in_a_stable_order_and_duplicates_dropped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.txt").write_text("二つ目", encoding="utf-8")
    (tmp_path / "a.txt").write_text("一つ目", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("一つ目", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    items = read(tmp_path)
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "b/second"]
    [duplicate] = [i for i in items if isinstance(i, ingest.Skipped)]
    assert "same text as document 'a'" in duplicate.reason


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read(tmp_path / "missing")


# -- documents as they come: headers, metadata, PDF -------------------------------------------------------

NEWS = DATA / "news-article.txt"


def test_a_text_that_opens_with_a_url_and_a_date_gives_them_and_its_title_as_metadata():
    [document] = read(NEWS)
    assert document.meta == {"url": "http://news.example.jp/article/detail/6001/", "date": "2012-05-16T12:55:00+09:00",
                             "title": "ソニー、新型タブレット「Xperia Tablet S」を発売"}
    header = [(document.text[s:e], kind) for s, e, kind in document.boilerplate]
    assert header == [("http://news.example.jp/article/detail/6001/", "url"), ("2012-05-16T12:55:00+0900", "date")]
    assert document.text.startswith("http://")  # offsets still index the whole file


@pytest.mark.parametrize("head", ["2012年5月16日 12時55分\nhttp://example.jp/a/1\n", "2012/05/16\n", "https://example.jp/x\n"])
def test_a_header_is_a_url_and_or_a_date_in_either_order(tmp_path, head):
    (tmp_path / "a.txt").write_text(head + "見出しの行\n本文です。", encoding="utf-8")
    [document] = read(tmp_path / "a.txt")
    assert document.meta["title"] == "見出しの行" and len(document.boilerplate) == head.count("\n")


def test_a_text_that_opens_with_prose_has_no_header(tmp_path):
    (tmp_path / "a.txt").write_text("トヨタは2012年5月16日に発表した。\nhttp://example.jp/\n", encoding="utf-8")
    [document] = read(tmp_path / "a.txt")
    assert document.meta == {} and document.boilerplate == ()


def test_html_gives_its_open_graph_article_and_json_ld_metadata(tmp_path):
    page = """<html lang="ja"><head><title>見出し | サイト名</title>
      <meta property="og:title" content="OGの見出し"><meta property="og:url" content="https://example.jp/a/1">
      <meta property="article:published_time" content="2012-05-16T12:55:00+09:00">
      <link rel="canonical" href="https://example.jp/canonical">
      <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"},
        {"@type": "NewsArticle", "headline": "JSON-LDの見出し", "datePublished": "2012-05-17",
         "author": [{"@type": "Person", "name": "山田太郎"}]}]}</script></head>
      <body><h1>本文の見出し</h1><p>ソニーは発表した。</p></body></html>"""
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    [document] = read(tmp_path / "a.html")
    assert document.meta == {"title": "JSON-LDの見出し", "date": "2012-05-17", "url": "https://example.jp/a/1",
                             "author": "山田太郎", "language": "ja"}
    assert document.text == "本文の見出し\nソニーは発表した。"


def japanese_pdf(path: Path, paragraphs: list[list[str]], **info) -> Path:
    """A PDF of Japanese paragraphs, a list of them a page, in one of reportlab's built-in CID fonts."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    style = ParagraphStyle("ja", fontName="HeiseiKakuGo-W5", fontSize=10.5, leading=16, wordWrap="CJK")
    flow = []
    for page in paragraphs:
        flow += [Paragraph(text, style) for text in page] + [PageBreak()]
    SimpleDocTemplate(str(path), pagesize=A5, **info).build(flow[:-1])
    return path


REPORT = [["ソニーグループは15日、新型タブレット「Xperia Tablet S」を6月に発売すると発表した。"
           "トヨタ自動車は昨年12月、デンソーと提携した。同社の豊田章男社長は会見で「提携の効果は大きい」と述べた。"
           "パナソニックは米テキサス州の新工場で電池を生産する。"],
          ["シャープは液晶テレビ「AQUOS」を開発した。キヤノンはミラーレスカメラ「EOS M」を9月に発売する。"]]


def test_a_japanese_pdf_is_read_page_by_page_in_reading_order(tmp_path):
    [document] = read(japanese_pdf(tmp_path / "report.pdf", REPORT, title="半期報告", author="調査部"))
    assert document.text == "".join(p + "\n\n" for [p] in REPORT)  # lines of a paragraph joined, pages apart
    assert document.meta["pages"] == [0, len(REPORT[0][0]) + 2]
    assert document.meta["title"] == "半期報告" and document.meta["author"] == "調査部"


@pytest.mark.parametrize("make, reason", [
    (lambda path: path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF"), "a broken PDF"),
    (lambda path: path.write_bytes(b"not a pdf at all"), "a broken PDF"),
    ("image", "no text in it"),
    ("encrypted", "an encrypted PDF"),
])
def test_a_pdf_that_gives_no_text_is_skipped_with_the_reason(tmp_path, make, reason):
    path = tmp_path / "bad.pdf"
    if make == "image":
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(path))
        page.rect(50, 50, 200, 200, fill=1)  # a page of drawing only, as a scan is of images
        page.save()
    elif make == "encrypted":
        from reportlab.lib import pdfencrypt

        japanese_pdf(path, REPORT, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    else:
        make(path)
    [skipped] = read(path)
    assert isinstance(skipped, ingest.Skipped) and reason in skipped.reason
