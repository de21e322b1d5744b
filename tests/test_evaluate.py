"""Scoring against gold: hand-made predictions (no model), the CLI, and the seed article's gold with the model."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import evaluate
from graph.cli import main
from graph.model import InputError

DATA = Path(__file__).resolve().parent / "data"
TEXT = "トヨタはデンソーと提携した。"


def gold_file(tmp_path, records) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


GOLD = {"id": "a", "text": TEXT,
        "entities": [{"span": [0, 3], "type": "Organization"}, {"span": [4, 8], "type": "Organization"}],
        "relations": [{"subject": "トヨタ自動車", "predicate": "partnersWith", "object": "Denso", "modality": "planned"}]}
PRED = {"doc": "a", "mentions": [
    {"start": 0, "end": 3, "text": "トヨタ", "type": "Organization", "entity": "https://w3id.org/seed-graph/id/Toyota"},
    {"start": 4, "end": 7, "text": "デンソ", "type": "Organization", "entity": "https://w3id.org/seed-graph/id/Denso"},
    {"start": 9, "end": 11, "text": "提携", "type": "Product", "entity": "https://w3id.org/seed-graph/id/x"}],
    "relations": [
        {"subject": "https://w3id.org/seed-graph/id/Toyota", "predicate": "partnersWith",
         "object": "https://w3id.org/seed-graph/id/Denso", "confidence": 0.9, "modality": "asserted"},
        {"subject": "https://w3id.org/seed-graph/id/Toyota", "predicate": "partnersWith",
         "object": "https://w3id.org/seed-graph/id/Denso", "confidence": 0.7, "modality": "planned"},
        {"subject": "https://w3id.org/seed-graph/id/Toyota", "predicate": "https://w3id.org/seed-graph/ns#acquires",
         "object": "https://w3id.org/seed-graph/id/Denso", "confidence": 0.5}],
    "names": {"https://w3id.org/seed-graph/id/Toyota": ["トヨタ自動車", "Toyota"]}}


def test_exact_and_lenient_mentions_and_facts_by_alias(tmp_path):
    gold = evaluate.read_gold(gold_file(tmp_path, [GOLD]))
    report = evaluate.evaluate(gold, {"a": PRED})
    org = report.exact["Organization"]
    assert (org.tp, org.pred, org.found, org.gold) == (1, 2, 1, 2)
    assert report.lenient["Organization"].f1 == 1.0
    assert report.exact["Product"].precision == 0.0 and report.exact["Product"].gold == 0
    # トヨタ自動車 names the Toyota entity through its labels, Denso through its IRI's local name
    assert report.relations["partnersWith"].f1 == 1.0
    assert (report.relations["acquires"].tp, report.relations["acquires"].pred) == (0, 1)
    assert report.bands[0.8].precision == 1.0 and report.bands[0.0].precision == 0.0
    assert (report.modality.tp, report.modality.pred) == (1, 1)  # one of the two statements says it is planned
    table = evaluate.format_table(report)
    assert "partnersWith" in table and "all" in table
    assert report.to_dict()["relations"]["all"]["precision"] == 0.5


def test_type_mapping_and_scope(tmp_path):
    record = {"id": 1, "text": TEXT, "entities": [{"span": [0, 3], "type": "法人名"}]}
    types = tmp_path / "types.yaml"
    types.write_text("法人名: Organization\n", encoding="utf-8")
    mapping = evaluate.read_types(types)
    gold = evaluate.read_gold(gold_file(tmp_path, [record]), mapping)
    report = evaluate.evaluate(gold, {"1": PRED}, set(mapping.values()))
    assert set(report.exact) == {"Organization"}  # a Product prediction is outside what this gold annotates
    assert not report.scores_relations  # no `relations` key: facts are not scored


@pytest.mark.parametrize("line, problem", [
    ("{not json", "gold.jsonl:2: not valid JSON"),
    ('{"id": "b"}', "gold.jsonl:2: a gold record is an object with a `text` string"),
    ('{"id": "b", "text": "abc", "entities": [{"span": [2, 9], "type": "Person"}]}', "within the text"),
    ('{"id": "b", "text": "abc", "entities": [{"span": [0, 1], "type": "人名"}]}', "map it with --types"),
])
def test_bad_gold_is_named_with_its_line(tmp_path, line, problem):
    path = gold_file(tmp_path, [GOLD])
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        evaluate.read_gold(path)


def test_cli_scores_given_predictions_as_json(tmp_path):
    pred = tmp_path / "extractions.jsonl"
    pred.write_text(json.dumps(PRED, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold_file(tmp_path, [GOLD])), "--pred", str(pred),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["entities"]["exact"]["all"] == {"precision": 0.3333, "recall": 0.5, "f1": 0.4, "gold": 2,
                                                   "predicted": 3}


def test_cli_bad_gold_exits_2_with_one_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("[1, 2", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"seed-graph: error: {path}:1: not valid JSON: Expecting ',' delimiter"]


@pytest.mark.model
def test_seed_article_gold(tmp_path):
    """The seed article, extracted through the command line, against its hand-made gold."""
    result = CliRunner().invoke(main, ["eval", str(DATA / "seed_gold.jsonl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    entities, facts = scores["entities"]["exact"]["all"], scores["relations"]["all"]
    assert entities["gold"] > 80 and entities["f1"] >= 0.9, entities
    assert facts["gold"] >= 20 and facts["recall"] >= 0.9 and facts["precision"] >= 0.9, facts
    assert scores["confidence"][">=0.8"]["precision"] >= 0.9
