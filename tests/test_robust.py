"""Bad input, interruption and hostile text: the build goes on with the rest, says what it skipped and why,
never corrupts what it built before, and never lets an article's text act."""

import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from graph import ingest, nlp, pipeline, workers
from graph.cli import main
from graph.export import atomic
from graph.model import InputError
from graph.vocab import SG

ARTICLE = "トヨタ自動車は新型ロボット「テスト」を発売した。"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def exports(folder):
    return {name: (folder / name).read_bytes() for name in pipeline.OUTPUTS}


def skipped(folder):
    return {Path(s.source).name: s.reason for s in ingest.read([folder]) if isinstance(s, ingest.Skipped)}


# -- inputs -----------------------------------------------------------------------------------------------

def test_empty_and_whitespace_only_files_are_documents_without_facts(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    result = pipeline.build([tmp_path])
    assert sorted(e.document.id for e in result.extractions) == ["blank", "empty"]
    assert all(not e.mentions and not e.relations for e in result.extractions)


def test_a_20_mb_file_is_skipped_with_the_reason_and_the_rest_is_read(tmp_path):
    (tmp_path / "dump.txt").write_text("あ" * 7_000_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    assert (tmp_path / "dump.txt").stat().st_size > 20_000_000
    assert skipped(tmp_path) == {"dump.txt": "7,000,000 characters, over the limit of 1,000,000 for one document"}
    assert [d.id for d in ingest.read([tmp_path]) if isinstance(d, ingest.Document)] == ["good"]


def test_a_paragraph_of_200000_characters_without_a_full_stop_is_cut_into_parsable_segments():
    text = ("テスラとサムスンは次世代チップの量産で協力し" * 10_000)[:200_000]
    pieces = nlp.segments(text)
    assert all(len(piece) <= nlp.MAX_SEGMENT and len(piece.encode()) < 49_149 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


@pytest.mark.model
def test_a_paragraph_of_200000_characters_builds(tmp_path):
    (tmp_path / "long.txt").write_text("Ａ" * 200_000 + "\n" + ARTICLE, encoding="utf-8")
    result = pipeline.build([tmp_path])
    assert ("トヨタ自動車", "releases", "テスト") in {
        (e.mentions[r.subject].text, r.predicate, e.mentions[r.object].text)
        for e in result.extractions for r in e.relations}


def test_a_file_mixing_encodings_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "mixed.txt").write_bytes(ARTICLE.encode("utf-8") + "\nソニーは発表した。".encode("shift_jis"))
    assert "may mix encodings" in skipped(tmp_path)["mixed.txt"]


def test_an_unreadable_file_and_folder_are_named(tmp_path, monkeypatch):
    (tmp_path / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() != 0:  # a real permission error where permissions bind
        (tmp_path / "secret.txt").chmod(0)
        (tmp_path / "locked").chmod(0)
    else:  # root reads everything: make the operating system's refusal happen where it would
        real_read, real_scandir = Path.read_bytes, os.scandir

        def read_bytes(path):
            if path.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real_read(path)

        def scandir(path="."):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        assert skipped(tmp_path) == {"secret.txt": "cannot read: Permission denied",
                                     "locked": "cannot read folder: Permission denied"}
    finally:
        (tmp_path / "secret.txt").chmod(0o644)
        (tmp_path / "locked").chmod(0o755)


def test_symlink_loops_end_and_each_file_is_read_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "back").symlink_to(tmp_path)  # a folder loop
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")  # a file loop
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    items = list(ingest.read([tmp_path]))
    assert [d.id for d in items if isinstance(d, ingest.Document)] == ["a/one"]
    assert {Path(s.source).name for s in items if isinstance(s, ingest.Skipped)} == {"x.txt", "y.txt"}


@pytest.mark.model
def test_names_in_japanese_and_with_spaces(tmp_path):
    (tmp_path / "記事 第1回.txt").write_text(ARTICLE, encoding="utf-8")
    result = invoke("build", tmp_path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    documents = {str(d) for d in pipeline.load(tmp_path / "out" / "graph.ttl").subjects(
        predicate=None, object=None) if "/doc/" in str(d) and str(d).count("/") == 5}
    assert documents == {"https://w3id.org/seed-graph/doc/記事%20第1回"}  # readable, and safe


def test_an_unpaired_surrogate_in_jsonl_becomes_a_replacement_character(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "s", "text": "テスラ\\ud800は発表した。"}', encoding="utf-8")
    [document] = list(ingest.read([tmp_path]))
    assert document.text == "テスラ\ufffdは発表した。"


def test_the_same_article_under_two_names_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    items = list(ingest.read([tmp_path]))
    assert [d.id for d in items if isinstance(d, ingest.Document)] == ["a"]
    assert skipped(tmp_path) == {"b.md": "same text as document 'a'"}


def test_a_pattern_spacy_rejects_stops_the_build_before_any_work(tmp_path, monkeypatch):
    profile = tmp_path / "profile.yaml"
    profile.write_text("extends: default\npatterns:\n  - label: Organization\n    pattern: [{NOT_AN_ATTRIBUTE: x}]\n",
                       encoding="utf-8")
    monkeypatch.setattr(workers, "process", lambda *a, **k: pytest.fail("the build started"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{profile}:4: patterns.0: spaCy rejects this pattern"):
        pipeline.build([tmp_path / "a.txt"], profile=profile)


# -- nothing lost -----------------------------------------------------------------------------------------

def test_a_second_build_into_the_same_folder_at_once_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pipeline.locked(tmp_path / "out"):
        result = invoke("build", tmp_path / "a.txt", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"another build (pid {os.getpid()}) is writing here" in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.model
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_build_leaves_the_previous_exports_and_a_valid_cache(tmp_path, how, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "first.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("build", corpus, "--out", out).exit_code == 0
    before = exports(out)
    for i in range(40):  # enough work to be interrupted half-way
        (corpus / f"more-{i:02d}.txt").write_text(f"ソニーグループはロボット「アイボ{i}」を開発した。" * 20, encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # Ctrl-C acts even if ignored here
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    cache = out / ".cache"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache.rglob("*.json"))) < 5:  # caching is under way
        time.sleep(0.05)
    build.send_signal(how)
    build.wait(timeout=60)
    assert build.returncode != 0
    assert exports(out) == before
    if how != signal.SIGKILL:  # a clean unwind leaves no temporary file behind
        assert not [p for p in out.rglob("*.tmp")]
    finished = pipeline.build([corpus], cache=cache)  # every cache entry verifies, and is used
    assert len(finished.extractions) == 41 and finished.cached >= 5 and finished.parsed <= 41 - finished.cached
    assert not [r for r in caplog.records if "corrupt" in r.getMessage()]


@pytest.mark.parametrize("binary", [False, True])
def test_an_interrupt_at_any_line_of_an_atomic_write_leaves_the_old_or_the_new_file_and_nothing_else(tmp_path, binary):
    """A signal handler raises between any two lines of Python: raise KeyboardInterrupt at the first line the
    write runs, then the second, and so on (the standard library's lines included) until one write completes."""
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    for line in range(1, 10_000):
        seen = 0

        def interrupt(frame, event, arg):
            nonlocal seen
            if event == "line":
                seen += 1
                if seen == line:
                    raise KeyboardInterrupt  # raised from a tracer: tracing stops and the frame unwinds
            return interrupt

        sys.settrace(interrupt)
        try:
            with atomic(target, binary=binary) as file:
                file.write(b"new" if binary else "new")
            completed = True
        except KeyboardInterrupt:
            completed = False
        finally:
            sys.settrace(None)
        assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"], f"interrupted at line event {line}"
        assert target.read_text(encoding="utf-8") in ({"new"} if completed else {"old", "new"})
        if completed:
            break
    assert completed and line > 10 and target.read_text(encoding="utf-8") == "new"


# -- hostile text -----------------------------------------------------------------------------------------

def test_document_ids_cannot_reach_outside_the_output_folder(tmp_path):
    records = [{"id": "../../etc/passwd", "text": ARTICLE}, {"id": "/abs/path", "text": "二つ目の記事。"}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    before = {p for p in tmp_path.parent.rglob("*")}
    result = invoke("build", tmp_path / "in.jsonl", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.parent.rglob("*")} - before
    assert all(p.is_relative_to(tmp_path / "out") for p in created)
    subjects = {str(s) for s in pipeline.load(tmp_path / "out" / "graph.ttl").subjects()}
    assert {"https://w3id.org/seed-graph/doc/..%2F..%2Fetc%2Fpasswd", "https://w3id.org/seed-graph/doc/%2Fabs%2Fpath"} <= subjects


FRAGMENTS = ["テスラはサムスンと契約した。", "「AI6」", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
             "\u202eevil\u202c", "\u200b", "\x00", "\x1b[31m", "\r\n", '"quoted"', "\\", "👩‍🔬", "米テキサス州",
             "約165億ドル", "　", "\ufeff", "]]>", "@prefix x: <y> .", "氏", "・", "(株)"]


@pytest.mark.model
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(FRAGMENTS)), max_size=12).map("".join))
def test_hostile_text_never_breaks_the_pipeline_and_the_turtle_always_parses(text):
    import pyoxigraph
    from rdflib import Graph
    from rdflib.compare import isomorphic

    result = pipeline.build(texts={"hostile <doc> \"1\"": text})
    turtle = result.graph.serialize(format="turtle")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), result.graph)
    assert len(list(pyoxigraph.parse(turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))) == len(result.graph)


# -- a build that fails cleanly ---------------------------------------------------------------------------

def test_links_out_of_the_input_folder_are_named_and_not_followed(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (outside / "secret.txt").write_text("社外秘の記事。", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "etc").symlink_to(outside, target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "article.txt")  # a link that stays inside is no problem
    reasons = skipped(corpus)
    assert set(reasons) == {"passwd.txt", "etc"}
    assert all("outside" in reason and "--follow-links" in reason for reason in reasons.values())
    result = invoke("build", corpus, "--out", tmp_path / "out")
    assert result.exit_code == 1 and "passwd.txt: a link to" in result.output
    sources = {str(s) for s in pipeline.load(tmp_path / "out" / "graph.ttl").objects(None, SG.source)}
    assert {Path(s).name for s in sources} == {"article.txt"}  # inside.txt is the same text, read once
    followed = invoke("build", corpus, "--out", tmp_path / "out", "--follow-links")
    assert followed.exit_code == 0, followed.output
    sources = {str(s) for s in pipeline.load(tmp_path / "out" / "graph.ttl").objects(None, SG.source)}
    assert {Path(s).name for s in sources} == {"article.txt", "passwd.txt"}  # etc/secret.txt is the same file


def test_a_build_never_reads_its_own_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("build", tmp_path, "--out", tmp_path / "exports").exit_code == 0  # the output inside the input
    again = invoke("build", tmp_path, "--out", tmp_path / "exports", "--title", "again")
    assert again.exit_code == 0 and again.output.startswith("1 documents")  # not its own graph.html
    for given in (tmp_path / "exports", tmp_path / "exports" / "graph.html"):
        result = invoke("build", given, "--out", tmp_path / "exports")
        assert result.exit_code == 2 and "inside the output folder" in result.output


class _Failing:
    """A file whose writes fail with an OSError."""

    def __init__(self, file, error):
        self.file, self.error = file, error

    def write(self, data):
        raise self.error

    def __getattr__(self, name):
        return getattr(self.file, name)


@pytest.mark.model
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_full_or_failing_disk_at_any_step_of_the_export_replaces_nothing(tmp_path, monkeypatch, code):
    """ENOSPC and EIO at the opening, the writing, the flushing to disk and the putting in place of each export:
    exit status 2, one line on stderr, every previous export as it was, no temporary file left."""
    import graph.export

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("build", corpus, "--out", out).exit_code == 0
    before = exports(out)
    error = OSError(code, os.strerror(code))
    real_open, real_fsync, real_replace = open, os.fsync, os.replace
    steps = [(step, name) for name in pipeline.OUTPUTS for step in ("open", "write", "fsync", "replace")]
    for n, (step, name) in enumerate(steps):
        def fail_open(path, *args, **kwargs):
            file = real_open(path, *args, **kwargs)
            if Path(path).name.startswith(f".{name}."):
                if step == "open":
                    file.close()
                    raise error
                if step == "write":
                    return _Failing(file, error)
            return file

        def fail_fsync(fd):
            if step == "fsync" and os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1].startswith(f".{name}."):
                raise error
            return real_fsync(fd)

        def fail_replace(source, target):
            if step == "replace" and Path(target).name == name:
                raise error
            return real_replace(source, target)

        with monkeypatch.context() as patch:
            patch.setattr(graph.export, "open", fail_open, raising=False)
            patch.setattr(os, "fsync", fail_fsync)
            patch.setattr(os, "replace", fail_replace)
            result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out),
                                                               "--title", f"attempt {n}"])
        assert result.exit_code == 2, (step, name, result.output, result.stderr)
        assert result.stderr.count("\n") == 1 and os.strerror(code) in result.stderr, (step, name, result.stderr)
        assert "the previous ones are kept" in result.stderr
        assert exports(out) == before, (step, name)
        assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".old"))], (step, name)
    assert invoke("build", corpus, "--out", out, "--title", "after").exit_code == 0


def test_what_a_killed_build_left_is_removed_by_the_next(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out.mkdir()
    left = [out / ".graph.ttl.0123456789ab.tmp", out / ".graph.html.ba9876543210.old",
            out / "..manifest.json.aaaaaaaaaaaa.tmp"]
    for path in left:
        path.write_bytes(b"")
    (out / ".cache" / "ab").mkdir(parents=True)
    stale = out / ".cache" / "ab" / ".abcdef.spacy.0123456789ab.tmp"
    stale.write_bytes(b"")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    (out / "notes.tmp").write_text("mine")  # not ours: kept
    assert invoke("build", corpus, "--out", out).exit_code == 0
    assert not any(path.exists() for path in left + [stale]) and (out / "notes.tmp").exists()


@pytest.mark.model
def test_a_cache_entry_with_a_valid_checksum_but_wrong_content_is_rebuilt(tmp_path, caplog):
    import hashlib
    import zlib

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    first = pipeline.build([tmp_path / "a.txt"], cache=cache)
    for entry in cache.rglob("*.*"):
        data = b'{"not": "an extraction"}' if entry.suffix == ".json" else b"not a DocBin"
        entry.write_bytes(hashlib.sha256(data).hexdigest().encode() + b"\n" + zlib.compress(data))
    again = pipeline.build([tmp_path / "a.txt"], cache=cache)
    assert "does not decode: rebuilding it" in caplog.text
    assert again.parsed == 1 and {(m.start, m.end) for m in again.extractions[0].mentions} == \
        {(m.start, m.end) for m in first.extractions[0].mentions}


@pytest.mark.parametrize("arguments, error, message", [
    ({"texts": {"a": None}}, TypeError, "texts['a']: expected a str, got NoneType"),
    ({"texts": {"a": b"bytes"}}, TypeError, "texts['a']: expected a str, got bytes"),
    ({"texts": ["a"]}, TypeError, "texts: expected a dict"),
    ({"texts": {"big": "あ" * 1_000_001}}, ValueError, "texts['big']: 1,000,001 characters, over the limit"),
    ({"texts": {"seed": "同じid。"}, "inputs": "seeds"}, ValueError, "texts['seed']: a file has the same document id"),
    ({"texts": {"a": "x"}, "jobs": 0}, ValueError, "jobs: 0: give at least 1 process"),
    ({"texts": {"a": "x"}, "jobs": "2"}, TypeError, "jobs: expected an int"),
    ({"inputs": [42]}, TypeError, "inputs: 42: expected a path"),
])
def test_the_api_checks_its_arguments_and_names_them(tmp_path, arguments, error, message):
    import graph.api as sg

    if arguments.get("inputs") == "seeds":
        (tmp_path / "seed.txt").write_text(ARTICLE, encoding="utf-8")
        arguments = {**arguments, "inputs": tmp_path}
    with pytest.raises(error, match=re.escape(message)):
        sg.build(**arguments)


def test_the_api_refuses_to_bind_nothing(tmp_path):
    import graph.api as sg
    from rdflib import Graph

    with pytest.raises(TypeError, match="subject: None is not a value to bind"):
        sg.query(Graph(), "evidence", subject=None)
