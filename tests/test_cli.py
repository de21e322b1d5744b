"""The command line: what it writes, its exit codes, its one-line errors, and atomic exports."""

import shutil

import pytest
from click.testing import CliRunner

from graph.cli import main

pytestmark = pytest.mark.model


def exports(folder):
    from graph.pipeline import OUTPUTS

    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_build_writes_the_three_exports_and_a_summary(seed_build):
    out, result = seed_build
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        "graph.ttl", "graph.html", "extractions.jsonl", "ontology.ttl"}
    assert result.output.splitlines()[0].startswith("1 documents, ")
    assert "statements, " in result.output and " facts in " in result.output
    assert (out / "graph.html").resolve().as_uri() in result.output


def test_extractions_follow_the_documented_schema(seed_build):
    import json

    out, _ = seed_build
    [record] = [json.loads(line) for line in (out / "extractions.jsonl").read_text("utf-8").splitlines()]
    assert {"doc", "source", "sha256", "mentions", "relations"} <= set(record)
    assert record["doc"] == "evcafe-23-tesla-samsung-ai-chips"
    for mention in record["mentions"]:
        assert {"start", "end", "text", "type", "entity"} <= set(mention)
    for relation in record["relations"]:
        assert {"subject", "predicate", "object", "start", "end", "rule", "confidence", "modality"} <= set(relation)
        assert relation["subject"].startswith("https://w3id.org/seed-graph/id/")


def test_html_is_self_contained(seed_build):
    import re

    out, _ = seed_build
    page = (out / "graph.html").read_text("utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "vis.Network" in page and "テスラ" in page


def test_stats_counts_the_graph(seed_build):
    out, _ = seed_build
    result = invoke("stats", out / "graph.ttl")
    assert result.exit_code == 0
    assert "documents    1" in result.output and "contractsWith 1" in result.output.replace("  ", " ")


@pytest.mark.parametrize("args, message", [
    (["build", "no/such/folder"], "no/such/folder: no such file or folder"),
    (["build", "seeds", "--profile", "no/such.yaml"], "no/such.yaml: cannot read profile"),
    (["stats", "no/such.ttl"], "no/such.ttl: no such file"),
])
def test_bad_input_exits_2_with_one_line(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith(f"seed-graph: error: {message}")


def test_unwritable_output_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = invoke("build", "seeds", "--out", blocker / "exports")
    assert result.exit_code == 2
    assert "cannot write the output folder" in result.output


def test_skipped_input_is_named_and_exit_status_is_1(tmp_path):
    (tmp_path / "good.txt").write_text("トヨタ自動車は新型ロボット「テスト」を発売した。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    result = invoke("build", tmp_path, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"seed-graph: skipped {(tmp_path / 'bad.txt').resolve()}: binary data" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_a_failed_build_leaves_previous_exports_untouched(tmp_path, seed_build):
    out, _ = seed_build
    previous = tmp_path / "exports"
    shutil.copytree(out, previous)
    before = exports(previous)
    broken = tmp_path / "broken.yaml"
    broken.write_text("predicates: [", encoding="utf-8")
    result = invoke("build", "seeds", "--out", previous, "--profile", broken)
    assert result.exit_code == 2
    assert exports(previous) == before


def test_a_build_failing_while_writing_leaves_every_previous_export(tmp_path, seed_build, monkeypatch):
    from graph import pipeline
    from graph.export import html

    out, _ = seed_build
    previous = tmp_path / "exports"
    shutil.copytree(out, previous)
    before = exports(previous)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(html, "write_html", broken)
    with pytest.raises(RuntimeError):
        pipeline.export(pipeline.build(texts={"x": "ソニーはロボット「アイボ」を開発した。"}), previous)
    assert exports(previous) == before


def test_same_inputs_in_any_order_give_byte_identical_turtle(tmp_path):
    articles = {"a.txt": "トヨタ自動車は新型ロボット「テスト」を発売した。", "b.txt": "ソニーはロボット「アイボ」を開発した。"}
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = invoke("build", tmp_path / "a.txt", tmp_path / "b.txt", "--out", tmp_path / "one")
    second = invoke("build", tmp_path / "b.txt", tmp_path / "a.txt", "--out", tmp_path / "two")
    assert first.exit_code == second.exit_code == 0
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
