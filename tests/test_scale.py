"""Incremental builds, removal, and the same output from one process, several, and a Dask cluster."""

import logging

import pytest

from graph import pipeline, workers

pytestmark = pytest.mark.model

ARTICLES = {
    "toyota.txt": "トヨタ自動車は新型ロボット「テスト」を発売した。同社は米テキサス州に新工場を建設する予定だ。",
    "sony.txt": "ソニーグループはロボット「アイボ」を開発した。アイボはソニーの主力製品だ。",
    "honda.txt": "本田技研工業はロボット「アシモ」を発売した。ホンダは米カリフォルニア州で生産する。",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def parsed(monkeypatch):
    """Counts the documents the model parses."""
    seen = []
    real = workers.process

    def counting(documents, profile, pack=False):
        seen.extend(d.id for d in documents)
        return real(documents, profile, pack)

    monkeypatch.setattr(workers, "process", counting)
    return seen


def turtle(result, folder):
    pipeline.export(result, folder)
    return (folder / "graph.ttl").read_bytes()


def values(graph):
    """The graph's triples with literals compared by value."""
    from rdflib import Literal

    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in graph}


def labels(result):
    return {e.labels["ja"] for e in result.entities.values()}


def test_a_rebuild_reads_unchanged_documents_from_the_cache(corpus, tmp_path, parsed):
    cache = tmp_path / "cache"
    first = pipeline.build([corpus], cache=cache)
    assert sorted(parsed) == ["honda", "sony", "toyota"] and first.cached == 0
    parsed.clear()
    second = pipeline.build([corpus], cache=cache)
    assert parsed == [] and second.cached == 3
    assert turtle(first, tmp_path / "a") == turtle(second, tmp_path / "b")


def test_a_changed_article_is_the_only_one_parsed_again(corpus, tmp_path, parsed):
    cache = tmp_path / "cache"
    pipeline.build([corpus], cache=cache)
    parsed.clear()
    (corpus / "sony.txt").write_text("ソニーグループはロボット「アイボ2」を開発した。", encoding="utf-8")
    result = pipeline.build([corpus], cache=cache)
    assert parsed == ["sony"]
    assert "アイボ2" in labels(result) and "アイボ" not in labels(result)


def test_a_profile_change_re_extracts_from_cached_parses_without_parsing(corpus, tmp_path, parsed):
    cache = tmp_path / "cache"
    before = pipeline.build([corpus], cache=cache)
    assert "アイボ" in labels(before)
    profile = tmp_path / "profile.yaml"
    profile.write_text("extends: default\nentities:\n"
                       "  - {id: Aibo, type: Product, ja: アイボ, en: aibo, wikidata: Q12345}\n", encoding="utf-8")
    parsed.clear()
    after = pipeline.build([corpus], cache=cache, profile=profile)
    assert parsed == []
    aibo = next(e for e in after.entities.values() if e.labels["ja"] == "アイボ")
    assert aibo.iri.endswith("/Aibo") and aibo.wikidata == "Q12345" and aibo.labels["en"] == "aibo"


def test_a_corrupt_cache_entry_is_reported_and_rebuilt(corpus, tmp_path, caplog):
    cache = tmp_path / "cache"
    first = pipeline.build([corpus], cache=cache)
    for entry in cache.rglob("*.json"):
        entry.write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING, logger="graph.cache"):
        second = pipeline.build([corpus], cache=cache)
    assert sum("is corrupt" in r.message for r in caplog.records) == 3
    assert turtle(first, tmp_path / "a") == turtle(second, tmp_path / "b")


def test_removing_an_article_removes_its_facts_and_its_own_entities(corpus, tmp_path):
    cache = tmp_path / "cache"
    with_honda = pipeline.build([corpus], cache=cache)
    assert {"本田技研工業", "アシモ", "カリフォルニア州"} <= labels(with_honda)
    (corpus / "honda.txt").unlink()
    without = pipeline.build([corpus], cache=cache)
    assert not {"本田技研工業", "アシモ", "カリフォルニア州"} & labels(without)
    assert "アメリカ" in labels(without)  # still said by the Toyota article
    graph = without.graph.serialize(format="nt")
    assert "アシモ" not in graph and "honda" not in graph


def test_jobs_give_the_same_graph_as_one_process(corpus, tmp_path):
    one = pipeline.build([corpus])
    two = pipeline.build([corpus], jobs=2)
    assert turtle(one, tmp_path / "one") == turtle(two, tmp_path / "two")


def test_the_parser_multiplies_with_numpys_blas_and_a_pool_worker_on_one_thread():
    from threadpoolctl import threadpool_info

    from graph import nlp

    layers = [pipe.model for _, pipe in nlp.load_model().pipeline if hasattr(pipe, "model")]
    assert layers and not any(layer.ops.use_blis for layer in layers)
    pool = workers.Pool(1)
    try:
        libraries = pool.executor.submit(threadpool_info).result()
    finally:
        pool.close()
    blas = [library for library in libraries if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)


def test_a_dask_cluster_gives_the_same_graph_as_one_process(corpus, tmp_path):
    from distributed import LocalCluster

    one = pipeline.build([corpus])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = pipeline.build([corpus], scheduler=cluster.scheduler_address)
    assert turtle(one, tmp_path / "one") == turtle(remote, tmp_path / "remote")


def test_a_store_on_disk_holds_the_graph_that_query_serve_and_validate_read(corpus, tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    store, out = tmp_path / "store", tmp_path / "out"
    for _ in range(2):  # the second build replaces the first store
        result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--store", str(store)])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out", "store"]
    # the same facts as a build in memory (Oxigraph writes decimals in their XSD 1.1 form: 40, not 40.0)
    assert values(pipeline.load(out / "graph.ttl")) == values(pipeline.build([corpus]).graph)
    for args in (["query", str(store), "entities", "--format", "csv"], ["validate", str(store)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    from_file = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), "entities", "--format", "csv"]).output
    assert CliRunner().invoke(main, ["query", str(store), "entities", "--format", "csv"]).output == from_file


def test_a_store_is_never_put_in_place_of_a_folder_of_something_else(corpus, tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"),
                                       "--store", str(tmp_path / "precious")])
    assert result.exit_code == 2 and "is not an Oxigraph store" in result.output
    assert (tmp_path / "precious" / "notes.txt").read_text() == "keep me"


def test_a_build_with_nothing_changed_does_nothing_and_says_so(corpus, tmp_path, parsed, monkeypatch):
    from click.testing import CliRunner

    from graph.cli import main

    out = tmp_path / "out"

    def build(*extra):
        return CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), *extra])

    assert build().exit_code == 0
    before = {name: (out / name).read_bytes() for name in pipeline.OUTPUTS}
    monkeypatch.setattr(pipeline, "export", lambda *a, **k: pytest.fail("exported again"))
    parsed.clear()
    again = build()
    assert again.exit_code == 0 and again.output.startswith("nothing changed: 3 documents, ")
    assert parsed == [] and {name: (out / name).read_bytes() for name in pipeline.OUTPUTS} == before
    monkeypatch.undo()
    (out / "graph.html").unlink()  # an export gone: built again
    assert not build().output.startswith("nothing changed")
    assert not build("--title", "news").output.startswith("nothing changed")  # another option: built again
    (corpus / "bad.txt").write_bytes(bytes(range(256)))
    assert build("--title", "news").exit_code == 1
    again = build("--title", "news")  # nothing changed, and the skipped input is still named
    assert again.exit_code == 1 and "skipped" in again.output and "nothing changed" in again.output
