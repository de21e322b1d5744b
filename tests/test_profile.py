"""Profiles load, extend the default, and stop the build with the file, line and problem when broken."""

import pytest

from graph.model import InputError
from graph.profile import load_profile
from graph.vocab import ATTRIBUTES, RELATION_KINDS, SG


def test_default_profile_uses_only_terms_of_the_namespace(profile):
    for kind in profile["relation_kinds"]:
        assert kind in RELATION_KINDS and SG[kind]
    for prop in profile["attributes"].values():
        assert prop in ATTRIBUTES and SG[prop]


def test_a_profile_can_extend_the_default(tmp_path, profile):
    path = tmp_path / "mine.yaml"
    path.write_text("extends: default\nentities:\n  - {id: Acme, type: Organization, ja: アクメ, en: Acme}\n",
                    encoding="utf-8")
    mine = load_profile(path)
    assert len(mine["entities"]) == len(profile["entities"]) + 1
    assert mine["predicates"] == profile["predicates"]
    assert mine.digest != profile.digest


@pytest.mark.parametrize("text, message", [
    ("entities: [\n  {id: x\n", ":3: not valid YAML"),
    ("predicates:\n  開発: {kind: invents}\n", ":2: predicates.開発.kind: unknown relation kind 'invents'"),
    ("entities:\n  - {id: a, type: Company, ja: エー}\n", ":2: entities.0.type: unknown entity type 'Company'"),
    ("colours: {}\n", ":1: colours: unknown section"),
])
def test_a_broken_profile_names_file_line_and_problem(tmp_path, text, message):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_profile(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)
