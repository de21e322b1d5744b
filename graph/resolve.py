"""Mentions -> entities: one entity per real thing across spellings and documents, with a stable IRI.

A mention is matched, in order, by the gazetteer id the ruler gave it, by any known name of an entity (the
profile's labels and aliases, then names seen in the text) compared after normalisation (NFKC, case, spaces
and ・ ignored), and, for a single-part person name (マスク), by the parts of the full names seen. What
matches nothing founds a new entity. IRIs come from the gazetteer id or the normalised name, so the same
name gives the same IRI on every run and machine, whatever order the documents come in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph import iri
from graph.model import Entity, Extraction, Mention
from graph.profile import Profile

_IGNORED = re.compile(r"[\s・･＝=·\-‐—–_.,、。'’\"“”「」『』()（）]+")
_PARTS = re.compile(r"[・＝=\s]+")
_KANA_OR_LATIN = re.compile(r"[\u30A0-\u30FFA-Za-z0-9Ａ-Ｚａ-ｚ]")


def normalise(name: str) -> str:
    """The form names are compared in: テスラ == ﾃｽﾗ, イーロン・マスク == イーロンマスク, ARK Invest == ark invest."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold()) or name


@dataclass
class Resolution:
    """The entities by IRI, and each document's author (document id -> entity IRI) where its metadata names one."""

    entities: dict[str, Entity]
    authors: dict[str, str]


def resolve(extractions: Iterable[Extraction], profile: Profile) -> Resolution:
    """Set ``mention.entity`` on every entity mention; return the entities and the documents' authors."""
    extractions = sorted(extractions, key=lambda e: e.document.id)
    gazetteer = {e["id"]: e for e in profile["entities"]}
    names: dict[str, str] = {}  # normalised name -> entity key
    types: dict[str, Counter] = defaultdict(Counter)
    for entry in gazetteer.values():
        for name in (entry["ja"], entry.get("en"), *entry.get("aliases", [])):
            if name:
                names.setdefault(normalise(name), entry["id"])

    mentions = [m for e in extractions for m in e.mentions if not m.is_value]
    authors = [_author(e) for e in extractions]
    # First the names themselves (full names before their parts), so that a part can find its whole.
    parts: dict[str, set[str]] = defaultdict(set)
    legal_forms = profile["names"].get("legal_forms", [])
    for m in mentions:  # テスラ社 is テスラ
        if m.type == "Organization" and not m.key and bare(m.text, legal_forms) != m.text:
            m.key = bare(m.text, legal_forms)
    for m in sorted(mentions, key=lambda m: -len(_PARTS.split(m.text.strip()))):
        key = _match(m, gazetteer, names, parts)
        names.setdefault(normalise(m.key or m.text), key)
        names.setdefault(normalise(m.text), key)
        if m.type == "Person" and len(_PARTS.split(m.text.strip())) > 1:
            for part in _PARTS.split(m.text.strip()):
                if len(part) >= 2:
                    parts[normalise(part)].add(key)
        m.entity = key
        types[key][m.type] += 1
    for author in filter(None, authors):
        key = _match(author, gazetteer, names, parts)
        names.setdefault(normalise(author.text), key)
        author.entity = key
        types[key]["Person"] += 1

    entities: dict[str, Entity] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, set] = defaultdict(set)
    for m in mentions + [a for a in authors if a]:
        surfaces[m.entity][bare(m.text.strip(), legal_forms) if m.type == "Organization" else m.text.strip()] += 1
        if m.role:
            roles[m.entity].add(m.role)
    for key, seen in sorted(surfaces.items()):
        entry = gazetteer.get(key)
        type_ = entry["type"] if entry else _vote(types[key])
        labels = {"ja": entry["ja"]} if entry else {"ja": _label(seen, type_)}
        if entry and entry.get("en"):
            labels["en"] = entry["en"]
        elif labels["ja"].isascii():
            labels["en"] = labels["ja"]
        aliases = set(seen) | ({*entry.get("aliases", []), entry.get("en") or ""} if entry else set())
        aliases -= {labels["ja"], labels.get("en"), ""}
        entity = Entity(iri.entity(key), type_, labels, aliases, entry.get("wikidata") if entry else None,
                        roles[key], sum(seen.values()))
        entities[entity.iri] = entity
    for m in mentions + [a for a in authors if a]:
        m.entity = iri.entity(m.entity)
    return Resolution(entities, {e.document.id: a.entity for e, a in zip(extractions, authors) if a})


def bare(name: str, legal_forms: Iterable[str]) -> str:
    """An organisation's name without the legal form written before or after it: (株)ファミリーマート -> ファミリーマート,
    テスラ社 -> テスラ; but a 社 ending a name in kanji is part of it (講談社)."""
    for form in sorted(legal_forms, key=len, reverse=True):
        if name.startswith(form) and len(name) > len(form):
            return name[len(form):].strip()
        if name.endswith(form) and len(name) > len(form):
            rest = name[:-len(form)].strip()
            if len(form) > 1 or _KANA_OR_LATIN.search(rest[-1:]):
                return rest
    return name


def _match(m: Mention, gazetteer: dict, names: dict[str, str], parts: dict[str, set[str]]) -> str:
    if m.key in gazetteer:
        return m.key
    for name in (m.key, m.text):
        if name and normalise(name) in names:
            return names[normalise(name)]
    if m.type == "Person" and len(parts.get(normalise(m.text), ())) == 1:
        return next(iter(parts[normalise(m.text)]))
    return normalise(m.key or m.text)


def _author(extraction: Extraction) -> Mention | None:
    """The document's author from its metadata, as a mention without a place in the text."""
    author = extraction.document.meta.get("author")
    if not isinstance(author, str) or not author.strip():
        return None
    return Mention(-1, -1, author.strip(), "Person", "metadata")


def _vote(types: Counter) -> str:
    return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _label(seen: Counter, type_: str) -> str:
    """A person by their fullest name seen; anything else by its most frequent spelling."""
    if type_ == "Person":
        return sorted(seen, key=lambda s: (-len(_PARTS.split(s)), -len(s), s))[0]
    return sorted(seen, key=lambda s: (-seen[s], -len(s), s))[0]
