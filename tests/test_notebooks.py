"""The notebooks: committed clean, calling the package and defining nothing of their own, and run top to bottom
in a real Jupyter kernel (nbclient) on a fresh build, where an error in any cell fails the test.

A notebook's parameters are overridden as papermill does it: a cell of new values right after the cell tagged
``parameters``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_explore.ipynb", "02_your_articles.ipynb"]
CONTRACT = "2025年7月、テスラはAI6の量産をサムスンと約165億ドル(約2.4兆円)の契約で合意しました。"


def read(name: str):
    import nbformat

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    return notebook


def run(name: str, **parameters):
    """The notebook executed in a fresh kernel, in its own folder, with ``parameters`` overriding its own."""
    import nbformat
    from nbclient import NotebookClient

    notebook = read(name)
    [at] = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    overrides = "\n".join(f"{key} = {value!r}" for key, value in parameters.items())
    notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(overrides, metadata={"tags": ["injected-parameters"]}))
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook


def outputs(notebook) -> list[dict]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def shown(notebook) -> str:
    """Everything the notebook printed or displayed, as text, Markdown and HTML."""
    parts = []
    for output in outputs(notebook):
        parts.append(output.get("text", ""))
        parts.extend(output.get("data", {}).get(kind, "") for kind in ("text/plain", "text/markdown", "text/html"))
    return "\n".join(parts)


def test_both_notebooks_are_there_and_nothing_else():
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_committed_without_outputs(name):
    for cell in read(name).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_call_the_package_and_define_no_logic(name):
    cells = [cell for cell in read(name).cells if cell.cell_type == "code"]
    assert sum("parameters" in cell.metadata.get("tags", []) for cell in cells) == 1
    code = "\n".join(cell.source for cell in cells)
    assert "import graph.api as sg" in code
    for node in ast.walk(ast.parse(code)):
        assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), \
            f"{name} defines {type(node).__name__} at line {node.lineno}: logic belongs in the graph package"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [node.module] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            assert all(m == "graph.api" or not m.startswith("graph") for m in modules), modules


@pytest.mark.model
def test_the_explore_notebook_runs_on_a_fresh_build(seed_build):
    import graph.api as sg

    out, _ = seed_build
    notebook = run("01_explore.ipynb", GRAPH=str(out / "graph.ttl"), SOURCES=str(ROOT))
    text = shown(notebook)
    assert all(f"### `{name}`" in text for name in sg.queries())
    assert "サムスン" in text and "テイラー工場" in text  # the supply chain's table
    assert "betweenness" in text
    communities = [line for line in text.splitlines() if " / " in line and "サムスン" in line and "AI6" in line]
    assert communities  # the contract's parties and its subject fall in one community
    frames = [o.data["text/html"] for o in outputs(notebook) if "<iframe" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1 and 'sandbox="allow-scripts"' in frames[0] and "seedGraph" in frames[0]
    last = notebook.cells[-1].outputs
    assert "".join(o.get("text", "") for o in last).splitlines()[-1] == CONTRACT


def test_the_explore_notebook_stops_at_the_first_error(tmp_path):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="missing.ttl: no such file"):
        run("01_explore.ipynb", GRAPH=str(tmp_path / "missing.ttl"))


@pytest.mark.model
def test_the_your_articles_notebook_builds_the_seeds_by_default(tmp_path, seed_graph):
    from rdflib.compare import isomorphic

    import graph.api as sg

    notebook = run("02_your_articles.ipynb", OUT=str(tmp_path))  # ARTICLES left as it is: the project's seeds/
    text = shown(notebook)
    assert "1 documents, " in text and "evcafe-23-tesla-samsung-ai-chips" in text
    assert "partnersWith" in text  # the facts of the text given in memory
    built = sg.load(tmp_path / "graph.ttl")
    assert len(built) == len(seed_graph)
    assert isomorphic(sg.query(built, "CONSTRUCT { ?a ?r ?b } WHERE { ?a ?r ?b ; a sg:Organization }"),
                      sg.query(seed_graph, "CONSTRUCT { ?a ?r ?b } WHERE { ?a ?r ?b ; a sg:Organization }"))
    assert any("<iframe" in o.get("data", {}).get("text/html", "") for o in outputs(notebook))
