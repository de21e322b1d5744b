"""Profiles: everything a field knows (gazetteer, patterns, verb lexicon, label mapping) as one YAML file.

The default profile ships in ``graph/profiles/default.yaml``. A user profile replaces it, or adds to it with
``extends: default`` (mappings are merged key by key, lists are appended). A profile is checked completely
when loaded, so a mistake stops the build before any work, with the file, the line and the problem.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from graph.model import ENTITY_TYPES, InputError

LIST_SECTIONS = frozenset(("entities", "patterns", "possessives", "light_verbs", "means_verbs", "organization_parts"))
ROLES = ("agent", "theme", "partner", "target", "source", "place", "modifier")
SECTIONS = (
    "name", "language", "extends", "ner_labels", "entities", "patterns", "names", "categories",
    "relation_kinds", "predicates", "light_verbs", "means_verbs", "organization_parts", "possessives",
    "attributes", "unit_attributes", "modality", "quantities", "dates", "boilerplate", "appositions", "tables",
)


@dataclass(frozen=True, eq=False)
class Profile:
    """A loaded, validated profile. ``digest`` identifies its content (for caches and build metadata)."""

    path: str
    data: dict[str, Any]
    digest: str
    lines: dict[tuple, int] = field(default_factory=dict, repr=False, compare=False)
    inherited: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # list items from the default

    def item(self, section: str, i: int, *rest) -> tuple[str, int, int]:
        """(file, line, index in that file) of item ``i`` of a list section (or of a key of it, ``rest``), whether
        the profile wrote it or took it from the default it extends."""
        base = self.inherited.get(section, 0)
        where = str(default_path()) if i < base else self.path
        return where, self.line(section, i, *rest), i if i < base else i - base

    def __getitem__(self, section: str) -> Any:
        return self.data.get(section) or ([] if section in LIST_SECTIONS else {})

    def line(self, *where) -> int:
        """The line of the profile that holds ``where`` (a path of keys and indices), or its nearest part."""
        if where in self.lines:
            return self.lines[where]
        inside = [line for path, line in self.lines.items() if path[:len(where)] == where]
        if inside:
            return min(inside)
        return next((self.lines[where[:n]] for n in range(len(where) - 1, 0, -1) if where[:n] in self.lines), 1)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and other.digest == self.digest

    @property
    def name(self) -> str:
        return self.data.get("name", Path(self.path).stem)


def default_path() -> Path:
    return Path(str(resources.files("graph") / "profiles" / "default.yaml"))


def load_profile(path: str | Path | None = None) -> Profile:
    """Load and check a profile; the shipped default when ``path`` is None. Raises InputError on any problem."""
    path = Path(path) if path else default_path()
    data, lines = _read(path)
    if data.get("extends"):
        if data["extends"] != "default":
            raise InputError(f"{path}:{lines.get(('extends',), 1)}: `extends` can only name 'default'")
        base, base_lines = _read(default_path())
        data = _merge(base, {k: v for k, v in data.items() if k != "extends"})
        # a list the profile extends follows the default's: its items' lines move along with them
        shift = {key: len(value) for key, value in base.items() if isinstance(value, list)}
        lines = {**base_lines, **{(path[0], path[1] + shift[path[0]], *path[2:])
                                  if len(path) > 1 and path[0] in shift and isinstance(path[1], int) else path: line
                                  for path, line in lines.items()}}
    else:
        shift = {}
    _check(path, data, lines)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Profile(str(path), data, hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16], lines, shift)


def _read(path: Path) -> tuple[dict[str, Any], dict[tuple, int]]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read profile: {exc.strerror if isinstance(exc, OSError) else exc}")
    lines: dict[tuple, int] = {}

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        loader.flatten_mapping(node)
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            out[key] = loader.construct_object(value_node, deep=True)
            lines[(id(out), key)] = key_node.start_mark.line + 1
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: a profile is a mapping of sections, not {type(data).__name__}")
    # Re-key line numbers by path into the data (ids are only valid while the objects live).
    return data, _paths(data, lines)


def _paths(data: Any, lines: dict, prefix: tuple = ()) -> dict[tuple, int]:
    out = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if (id(data), key) in lines:
                out[prefix + (key,)] = lines[(id(data), key)]
            out.update(_paths(value, lines, prefix + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.update(_paths(value, lines, prefix + (i,)))
    return out


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        return {**base, **{k: _merge(base[k], v) if k in base else v for k, v in override.items()}}
    if isinstance(base, list) and isinstance(override, list):
        return base + override
    return override


def _check(path: Path, data: dict[str, Any], lines: dict[tuple, int]) -> None:
    from graph.vocab import ATTRIBUTES, RELATION_KINDS

    def fail(where: tuple, problem: str) -> None:
        line = next((lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in lines), 1)
        raise InputError(f"{path}:{line}: {'.'.join(map(str, where))}: {problem}")

    def expect(where: tuple, value: Any, kind: type) -> None:
        if not isinstance(value, kind):
            fail(where, f"expected a {'mapping' if kind is dict else kind.__name__}, got {type(value).__name__}")

    def entity_type(where: tuple, value: Any) -> None:
        if value not in ENTITY_TYPES:
            fail(where, f"unknown entity type {value!r} (known: {', '.join(ENTITY_TYPES)})")

    for key in data:
        if key not in SECTIONS:
            fail((key,), f"unknown section (known: {', '.join(SECTIONS)})")
    for label, type_ in (data.get("ner_labels") or {}).items():
        entity_type(("ner_labels", label), type_)
    ids = set()
    for i, ent in enumerate(data.get("entities") or []):
        expect(("entities", i), ent, dict)
        for required in ("id", "type", "ja"):
            if not ent.get(required):
                fail(("entities", i), f"an entity needs `{required}`")
        if ent["id"] in ids:
            fail(("entities", i), f"duplicate entity id {ent['id']!r}")
        ids.add(ent["id"])
        entity_type(("entities", i, "type"), ent["type"])
        expect(("entities", i, "aliases"), ent.get("aliases", []), list)
    for i, pattern in enumerate(data.get("patterns") or []):
        expect(("patterns", i), pattern, dict)
        entity_type(("patterns", i, "label"), pattern.get("label"))
        if not isinstance(pattern.get("pattern"), (str, list)):
            fail(("patterns", i), "a pattern needs `pattern`: a phrase or a list of token patterns")
    for noun, type_ in (data.get("categories") or {}).items():
        entity_type(("categories", noun), type_)
    kinds = data.get("relation_kinds") or {}
    for kind, signature in kinds.items():
        if kind not in RELATION_KINDS:
            fail(("relation_kinds", kind), f"unknown relation kind (known: {', '.join(sorted(RELATION_KINDS))})")
        expect(("relation_kinds", kind), signature, dict)
        for side in ("subject", "object"):
            for type_ in signature.get(side, []):
                entity_type(("relation_kinds", kind, side), type_)

    def kind(where: tuple, value: Any) -> None:
        if value not in kinds:
            fail(where, f"unknown relation kind {value!r} (declare it under relation_kinds)")

    def predicate(where: tuple, frame: Any) -> None:
        expect(where, frame, dict)
        kind(where + ("kind",), frame.get("kind"))
        for extra in ("place", "means"):
            if extra in frame:
                kind(where + (extra,), frame[extra])
        for role_key in ("subject", "object", "delegate"):
            roles = frame.get(role_key, [])
            for role in roles if isinstance(roles, list) and role_key != "delegate" else [roles] if roles else []:
                if role not in ROLES:
                    fail(where + (role_key,), f"unknown role {role!r} (known: {', '.join(ROLES)})")
        for i, alternative in enumerate(frame.get("or", [])):
            predicate(where + ("or", i), alternative)

    for lemma, frame in (data.get("predicates") or {}).items():
        predicate(("predicates", lemma), frame)
    appositions = data.get("appositions") or {}
    for mark, made in (appositions.get("makers") or {}).items():
        kind(("appositions", "makers", mark), made)
    for noun, entry in (appositions.get("relational_nouns") or {}).items():
        expect(("appositions", "relational_nouns", noun), entry, dict)
        kind(("appositions", "relational_nouns", noun, "kind"), entry.get("kind"))
    for i, rule in enumerate(data.get("possessives") or []):
        expect(("possessives", i), rule, dict)
        entity_type(("possessives", i, "owner"), rule.get("owner"))
        entity_type(("possessives", i, "owned"), rule.get("owned"))
        kind(("possessives", i, "kind"), rule.get("kind"))
    for section in ("attributes", "unit_attributes"):
        for noun, prop in (data.get(section) or {}).items():
            if prop not in ATTRIBUTES:
                fail((section, noun), f"unknown attribute {prop!r} (known: {', '.join(sorted(ATTRIBUTES))})")
    for i, pattern in enumerate((data.get("boilerplate") or {}).get("credits") or []):
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            fail(("boilerplate", "credits", i), f"not a regular expression: {exc}")
    for modality in data.get("modality") or {}:
        if modality not in ("negated", "speculative", "planned", "reported", "conditional"):
            fail(("modality", modality),
                 "unknown modality (known: negated, speculative, planned, reported, conditional)")
