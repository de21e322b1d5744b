"""Mentions -> entities: one entity per real thing across spellings and documents, with a stable IRI.

Within a document first: a name part (a surname, a given name) joins the one full name of the document it
belongs to (安達 -> 安達祐実); a bare surname that joins none, and a name the profile lists as local (日本代表),
stays an entity of its document, so that the same surname in two articles is never taken for one person.
Abbreviations defined in the text (ワールド・ベースボール・クラシック（WBC）, 以下「マンU」) come tied to their long form
by graph.extract.mentions.

Then across documents a mention is matched, in order, by the gazetteer id the ruler gave it, and by any known
name of an entity (the profile's labels and aliases, then names seen in the text, but not a short name its
document tied to a longer one: ソフトバンク for ソフトバンクグループ in one article is not the group in the next)
compared after normalisation (NFKC, case, spaces and ・ ignored). Entities whose names are one name in two
scripts join: a katakana name and the Latin name it spells (ツイッター and Twitter, through cutlet's spellings of
loanwords). An organisation named as a company of the reference list (graph/reference: the EDINET code list) takes
its identifiers, and two names of one company join. What matches nothing founds a new entity. IRIs come from the
gazetteer id or the normalised name (and the document, for an entity of one document), so the same inputs give
the same IRIs on every run and machine.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graph import iri
from graph.model import Entity, Extraction, Mention
from graph.profile import Profile

_IGNORED = re.compile(r"[\s・･＝=·\-‐—–_.,、。'’\"“”「」『』()（）]+")
_PARTS = re.compile(r"[・＝=\s]+")
_KANA_OR_LATIN = re.compile(r"[\u30A0-\u30FFA-Za-z0-9Ａ-Ｚａ-ｚ]")
_KATAKANA = re.compile(r"^[\u30A0-\u30FF・＝]+$")
_KANJI = re.compile(r"^[\u4E00-\u9FFF々]+$")
_HIRAGANA = re.compile(r"^[\u3040-\u309F・\s]+$")
_LATIN = re.compile(r"^[A-Za-z0-9 .&'\-!]+$")
# how far a mention's type is trusted when the mentions of one entity disagree
_TRUST = {"gazetteer": 5, "pattern": 5, "version": 5, "category": 4, "tagger": 3, "ner": 1, "spread": 1}


def normalise(name: str) -> str:
    """The form names are compared in: テスラ == ﾃｽﾗ, イーロン・マスク == イーロンマスク, ARK Invest == ark invest."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold()) or name


@dataclass
class Resolution:
    """The entities by IRI, and each document's author (document id -> entity IRI) where its metadata names one."""

    entities: dict[str, Entity]
    authors: dict[str, str]


def resolve(extractions: Iterable[Extraction], profile: Profile) -> Resolution:
    """Set ``mention.entity`` on every entity mention, drop the relations whose two ends became one entity;
    return the entities and the documents' authors."""
    extractions = sorted(extractions, key=lambda e: e.document.id)
    gazetteer = {e["id"]: e for e in profile["entities"]}
    legal_forms = profile["names"].get("legal_forms", [])
    local_names = {normalise(n) for n in profile["names"].get("local", [])}
    names: dict[str, str] = {}  # normalised name -> entity key
    for entry in gazetteer.values():
        for name in (entry["ja"], entry.get("en"), *entry.get("aliases", [])):
            if name:
                names.setdefault(normalise(name), entry["id"])

    mentions = [m for e in extractions for m in e.mentions if not m.is_value]
    for m in mentions:  # テスラ社 is テスラ
        if m.type == "Organization" and not m.key and bare(m.text, legal_forms) != m.text:
            m.key = bare(m.text, legal_forms)
    suffixes = {normalise(s) for s in profile["names"].get("organization_suffixes", [])}
    parts = {id(m) for extraction in extractions for m in _within_document(extraction, local_names, suffixes)}
    authors = [_author(e) for e in extractions]
    types: dict[str, Counter] = defaultdict(Counter)
    for m in sorted(mentions, key=lambda m: -len(_PARTS.split(m.text.strip()))):  # full names before their parts
        key = m.key if m.key in gazetteer or (m.key or "").startswith("@") else \
            names.get(normalise(m.key or m.text)) or names.get(normalise(m.text)) or normalise(m.key or m.text)
        if not key.startswith("@"):
            names.setdefault(normalise(m.key or m.text), key)
            if id(m) not in parts:  # ソフトバンク, tied to ソフトバンクグループ in its document, ties nothing elsewhere
                names.setdefault(normalise(m.text), key)
        m.entity = key
        types[key][m.type] += _TRUST.get(m.source, 2)
    for author in filter(None, authors):
        key = names.get(normalise(author.text)) or normalise(author.text)
        names.setdefault(normalise(author.text), key)
        author.entity = key
        types[key]["Person"] += 2

    everyone = mentions + [a for a in authors if a]
    surfaces: dict[str, Counter] = defaultdict(Counter)
    standalone: dict[str, Counter] = defaultdict(Counter)  # without the parts a document tied to a whole
    for m in everyone:
        surface = bare(m.text.strip(), legal_forms) if m.type == "Organization" else m.text.strip()
        surfaces[m.entity][surface] += 1
        if id(m) not in parts:
            standalone[m.entity][surface] += 1
    kinds = {key: _vote(votes) for key, votes in types.items()}
    same = _Joins()
    _join_scripts(standalone, kinds, gazetteer, same)
    identifiers = _join_companies(surfaces, kinds, gazetteer, same)

    merged_types, merged_surfaces = _merged(types, surfaces, same)
    by_label: dict[str, str] = {}  # one label never stands for two entities (local ones aside)
    for key, seen in sorted(merged_surfaces.items()):
        if not key.startswith("@"):
            label = normalise(_labels(seen, _vote(merged_types[key]), gazetteer.get(key))["ja"])
            if label in by_label:
                same.join(key, by_label[label], gazetteer)
            by_label.setdefault(label, key)
    merged_types, merged_surfaces = _merged(types, surfaces, same)
    roles: dict[str, set] = defaultdict(set)
    for m in everyone:
        m.entity = same.find(m.entity)
        if m.role:
            roles[m.entity].add(m.role)
    entities: dict[str, Entity] = {}
    for key, seen in sorted(merged_surfaces.items()):
        entry = gazetteer.get(key)
        type_ = entry["type"] if entry else _vote(merged_types[key])
        labels = _labels(seen, type_, entry)
        aliases = set(seen) | ({*entry.get("aliases", []), entry["ja"], entry.get("en") or ""} if entry else set())
        aliases -= {labels["ja"], labels.get("en"), ""}
        ids = {**identifiers.get(key, {}), **{k: str(v) for k, v in (entry or {}).items() if k in _IDENTIFIERS}}
        if ids.get("name_en") and "en" not in labels:
            labels["en"] = ids["name_en"]
        ids.pop("name_en", None)
        entity = Entity(iri.entity(key), type_, labels, aliases, entry.get("wikidata") if entry else None,
                        roles[key], sum(seen.values()), ids)
        entities[entity.iri] = entity
    for m in everyone:
        m.entity = iri.entity(m.entity)
    for extraction in extractions:  # a relation whose ends became one entity says nothing (SoundCloud develops itself)
        extraction.relations = [r for r in extraction.relations if extraction.mentions[r.object].is_value
                                or extraction.mentions[r.subject].entity != extraction.mentions[r.object].entity]
    return Resolution(entities, {e.document.id: a.entity for e, a in zip(extractions, authors) if a})


_IDENTIFIERS = ("corporate_number", "securities_code", "edinet_code")


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


def _within_document(extraction: Extraction, local_names: set[str], suffixes: set[str]) -> list[Mention]:
    """Key each name part of a person (a surname, a given name) to the one longer name of the document it is part
    of (堀 -> 堀潤, 岡村 -> 岡村隆史), and an organisation's name to the one that adds only a suffix of company names
    to it (読売 -> 読売新聞, トヨタ -> トヨタ自動車); key a bare surname that is part of none, and a local name (日本代表),
    to the document alone ("@doc/name"). Returns the parts keyed to a whole."""
    parts = []
    people, organizations = {}, {}
    for m in extraction.mentions:
        if m.type == "Person":
            people.setdefault(normalise(m.text), m.key or m.text)
        elif m.type == "Organization":
            organizations.setdefault(normalise(m.text), m.key or m.text)
    for m in extraction.mentions:
        name = normalise(m.text)
        if m.is_value or m.key:
            continue
        if m.type == "Person":
            wholes = {key for whole, key in people.items()
                      if len(whole) > len(name) and (whole.startswith(name) or whole.endswith(name))}
            is_whole = any(len(part) < len(name) and (name.startswith(part) or name.endswith(part)) for part in people)
            if len(wholes) == 1:
                m.key = wholes.pop()
                parts.append(m)
            elif not is_whole and _KANJI.match(name) and len(name) <= 2:
                m.key = f"@{extraction.document.id}/{name}"
        elif m.type == "Organization" and name not in local_names:
            wholes = {key for whole, key in organizations.items() if whole.startswith(name) and whole[len(name):]
                      in suffixes}
            if len(wholes) == 1:
                m.key = wholes.pop()
                parts.append(m)
        elif name in local_names:
            m.key = f"@{extraction.document.id}/{name}"
    return parts


def _merged(types: dict[str, Counter], surfaces: dict[str, Counter], same: _Joins):
    """The type votes and spellings of each entity once the joined keys are one."""
    merged_types: dict[str, Counter] = defaultdict(Counter)
    merged_surfaces: dict[str, Counter] = defaultdict(Counter)
    for key in types:
        merged_types[same.find(key)].update(types[key])
        merged_surfaces[same.find(key)].update(surfaces[key])
    return merged_types, merged_surfaces


class _Joins:
    """Union-find over entity keys; the smallest key of a set stands for it (a gazetteer id before a name)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, a: str, b: str, gazetteer: dict) -> None:
        a, b = self.find(a), self.find(b)
        if a == b or (a in gazetteer and b in gazetteer):
            return  # one already, or two entities the profile keeps apart
        keep, drop = sorted((a, b), key=lambda k: (k not in gazetteer, k))
        self.parent[drop] = keep


def _join_scripts(surfaces: dict[str, Counter], kinds: dict[str, str], gazetteer: dict, same: _Joins) -> None:
    """ツイッター and Twitter: a katakana name joins the entity of the same type named by the Latin name it spells."""
    latin = {}
    for key, seen in surfaces.items():
        for surface in seen:
            if _LATIN.match(surface) and not key.startswith("@"):
                latin.setdefault((normalise(surface), kinds.get(key)), key)
    if not latin:
        return
    for key, seen in sorted(surfaces.items()):
        if key.startswith("@"):
            continue
        for surface in seen:
            if _KATAKANA.match(surface) and len(surface) >= 3:
                other = latin.get((normalise(spelled(surface)), kinds.get(key)))
                if other is not None and other != key:
                    same.join(key, other, gazetteer)


@lru_cache(maxsize=4096)
def spelled(katakana: str) -> str:
    """The Latin spelling of a katakana name where it is a loanword cutlet knows (ツイッター -> Twitter), else its
    romanisation."""
    return _romaniser().romaji(katakana.replace("・", " ")).replace(" ", "")


@lru_cache(maxsize=1)
def _romaniser():
    import cutlet

    romaniser = cutlet.Cutlet()
    romaniser.use_foreign_spelling = True
    return romaniser


_AMBIGUOUS = re.compile(r"^(?:.{1,2}|[a-z0-9]{3})$")


def _join_companies(surfaces: dict[str, Counter], kinds: dict[str, str], gazetteer: dict,
                    same: _Joins) -> dict[str, dict[str, str]]:
    """Organisations named as a company of the reference list: their identifiers, by entity key; two entities
    named as one company join. A gazetteer entity with identifiers of its own keeps them; one without is the
    company its own Japanese name, else one of its aliases, names (ホンダ is 本田技研工業); any other is the company
    its fullest name names (サントリー食品インターナショナル, which the article calls サントリー), but not by two
    characters or three letters, which name many things (フジ, ABC)."""
    companies = reference_companies()
    found: dict[str, dict[str, str]] = {}
    by_number: dict[str, str] = {}
    for key, seen in sorted(surfaces.items()):
        if kinds.get(key) != "Organization" or key.startswith("@"):
            continue
        entry = gazetteer.get(key, {})
        names = [entry["ja"], *entry.get("aliases", [])] if entry else sorted(
            (s for s in seen if not _AMBIGUOUS.match(normalise(s))), key=lambda s: (-len(s), s))
        match = next((companies[normalise(name)] for name in names if normalise(name) in companies), None)
        number = entry.get("corporate_number") or (match or {}).get("corporate_number")
        if number is None:
            continue
        if not entry.get("corporate_number"):
            found[key] = {k: v for k, v in match.items() if v}
        if number in by_number:
            same.join(key, by_number[number], gazetteer)
        else:
            by_number[number] = key
    return {same.find(key): ids for key, ids in found.items()}


def reference_text(name: str) -> str:
    """The text of a gzipped file of graph/reference (see its NOTICE)."""
    return gzip.decompress((resources.files("graph") / "reference" / name).read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def reference_companies() -> dict[str, dict[str, str]]:
    """The reference list of companies by normalised name (without its legal form), names two companies share
    left out: normalised name -> corporate_number, securities_code, edinet_code, name_en."""
    from graph.profile import load_profile

    legal_forms = load_profile()["names"].get("legal_forms", [])
    raw = reference_text("companies.tsv.gz")
    out: dict[str, dict] = {}
    shared: set[str] = set()
    for row in csv.DictReader(io.StringIO(raw), delimiter="\t"):
        name = normalise(bare(unicodedata.normalize("NFKC", row["name"]).replace(" ", ""), legal_forms))
        if not row["corporate_number"] or len(name) < 2:
            continue
        if name in out and out[name]["corporate_number"] != row["corporate_number"]:
            shared.add(name)
        out[name] = {"corporate_number": row["corporate_number"], "securities_code": row["securities_code"],
                     "edinet_code": row["edinet_code"], "name_en": row["name_en"]}
    return {name: row for name, row in out.items() if name not in shared}


def _author(extraction: Extraction) -> Mention | None:
    """The document's author from its metadata, as a mention without a place in the text."""
    author = extraction.document.meta.get("author")
    if not isinstance(author, str) or not author.strip():
        return None
    return Mention(-1, -1, author.strip(), "Person", "metadata")


def _vote(types: Counter) -> str:
    return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _labels(seen: Counter, type_: str, entry: dict | None) -> dict[str, str]:
    """The names the documents use: a person's fullest (not a reading in hiragana), any other's most frequent
    spelling. A gazetteer entity keeps its own names where its documents write one of them, and a place always (米
    and 米国 are アメリカ, as queries expect); otherwise they are only aliases (a 2012 article's ソニー is not the
    ソニーグループ of 2021)."""
    own = entry and (type_ == "Place" or not seen or
                     {normalise(entry["ja"]), normalise(entry.get("en") or "")} & {normalise(s) for s in seen})
    labels = {}
    if own:
        labels["ja"] = entry["ja"]
    elif type_ == "Person":
        labels["ja"] = min(seen, key=lambda s: (bool(_HIRAGANA.match(s)), -len(_PARTS.split(s)), -len(s), s))
    else:
        labels["ja"] = min(seen, key=lambda s: (-seen[s], -len(s), s))
    latin = min((s for s in seen if s.isascii()), key=lambda s: (-seen[s], -len(s), s), default=None)
    if own and entry.get("en"):
        labels["en"] = entry["en"]
    elif latin:
        labels["en"] = latin
    return labels
