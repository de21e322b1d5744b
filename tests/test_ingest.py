"""Reading articles from real files in each format and encoding."""

import json

import pytest

from graph import ingest
from graph.model import Document, InputError

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
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = read(tmp_path)
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "b/second"]
    [duplicate] = [i for i in items if isinstance(i, ingest.Skipped)]
    assert "same text as document 'a'" in duplicate.reason


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read(tmp_path / "missing")
