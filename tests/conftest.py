"""Shared fixtures: the default profile, the real ja_ginza pipeline (loaded once), hand-built Docs, one real
build of the project's seeds/ through the command line, and one headless Chromium for the browser tests.
Every graph a test builds is checked against the shipped SHACL shapes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session", autouse=True)
def every_graph_conforms():
    """Check each graph the pipeline assembles, in any test, against the shapes, as `seed-graph validate` does."""
    from graph import pipeline
    from graph.validate import validate

    assemble = pipeline.assemble

    def checked(*args, **kwargs):
        result = assemble(*args, **kwargs)
        report = validate(result.graph)
        assert report.conforms, report.violations
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "assemble", checked)
        yield


@pytest.fixture(scope="session")
def profile():
    from graph.profile import load_profile

    return load_profile()


@pytest.fixture(scope="session")
def extract_text(profile):
    """Extraction of a text with the real model: text -> Extraction (mentions resolved to entities)."""
    from graph import ingest, workers
    from graph.resolve import resolve

    def run(text: str, doc_id: str = "t", **meta):
        [(extraction, _)] = workers.process([ingest.from_text(text, doc_id, **meta)], profile)
        resolve([extraction], profile)
        return extraction

    return run


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed article built once through the real command line: (exports folder, CliRunner result)."""
    from click.testing import CliRunner

    from graph.cli import main

    out = tmp_path_factory.mktemp("exports")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    from graph import pipeline

    out, _ = seed_build
    return pipeline.load(out / "graph.ttl")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the whole run (Playwright's sync API allows one at a time)."""
    def unavailable(reason: str):
        if os.environ.get("SEED_GRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and SEED_GRAPH_REQUIRE_BROWSER=1 requires the browser tests")
        pytest.skip(reason)

    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} not found: the browser tests need Debian's chromium and fonts-noto-cjk")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield browser
        browser.close()


def facts(extraction) -> set[tuple[str, str, str]]:
    """(subject text, kind, object text) of an extraction's relations, for readable assertions."""
    m = extraction.mentions
    return {(m[r.subject].text, r.predicate, m[r.object].text) for r in extraction.relations}
