"""The spaCy side: ja_ginza and the profile's entity patterns, each loaded lazily and once per process.

Documents are cut into segments (lines, and long lines at sentence ends) before parsing: Sudachi refuses
inputs over about 49 KB, GiNZA does not split sentences at line breaks, and many short texts batch better
than one long one. Relations never cross a segment, so nothing is lost.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

from graph.model import Document, InputError
from graph.profile import Profile

log = logging.getLogger(__name__)

MODEL = "ja_ginza"
MAX_SEGMENT = 1500
# The entity tagger shipped in graph/models/ner (graph/ner.py) takes the place of ja_ginza's recogniser: it
# labels with our own types, scores far better on our benchmarks, and costs a fraction of its time.
ENTITY_MODEL = "models/ner"
ENTITY_COMPONENT = "entities"
# GiNZA's compound_splitter does nothing with ja_ginza's config (split_mode null). The bunsetu_recognizer
# stays: it is what turns the parser's "nmod_bunsetu" labels into plain UD labels.
UNUSED = ["compound_splitter", "ner"]
SENTENCE_ENDS = "。！？!?"
_SENTENCE_END = re.compile(f"(?<=[{SENTENCE_ENDS}])")
# A line's closing tag (…リリースへ【話題】, 「X」【Androidアプリ】) is a sentence of its own: parsed with the headline,
# it becomes its root, and the predicate before it loses its arguments.
_CLOSING_TAG = 12  # tokens, at most

_models: dict[str, object] = {}
_rulers: dict[str, object] = {}


def load_model():
    """ja_ginza without the components we do not use, with our entity tagger in place of its recogniser;
    loaded on first use and kept for the process.

    Its layers multiply matrices with numpy's BLAS rather than thinc's default, BLIS: the parses are the same, and
    on processors where BLIS is slow (an AVX-512 EPYC among them) parsing takes a third of the time.
    """
    if MODEL not in _models:
        import spacy
        from thinc.api import use_ops

        log.info("loading %s", MODEL)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(MODEL, exclude=UNUSED)
            add_entity_recognizer(nlp, entity_model_path())
        if not spacy.Language.has_factory("closing_tags"):
            spacy.Language.component("closing_tags", func=closing_tags)
        nlp.add_pipe("closing_tags", before="parser")
        _models[MODEL] = nlp
    return _models[MODEL]


def closing_tags(doc):
    """Start a sentence at the closing tag in 【】 that ends a segment (…を発表【売れ筋チェック】), before the parser,
    which keeps the boundary."""
    if len(doc) > 2 and doc[-1].text == "】":
        opening = next((t.i for t in reversed(doc[-_CLOSING_TAG:-1]) if t.text in "【】"), None)
        if opening and doc[opening].text == "【":
            doc[opening].is_sent_start = True
    return doc


def release() -> None:
    """Let go of the model and the rulers: a large build frees their memory before it builds the graph."""
    import gc

    _models.clear()
    _rulers.clear()
    gc.collect()


def load_ruler(profile: Profile):
    """The profile's gazetteer and patterns as a spaCy EntityRuler, run on parsed Docs after the model.

    It lives outside the model's pipeline so that a parse does not depend on the profile: a cached parse
    serves any profile, and changing the profile re-runs only this and the extraction.
    """
    if profile.digest not in _rulers:
        import spacy
        from spacy.pipeline import EntityRuler

        # the tokenizer of ja_ginza, configured as ja_ginza configures it, so phrase patterns are cut alike
        nlp = spacy.blank("ja", config={"nlp": {"tokenizer": _model_config()["nlp"]["tokenizer"]}})
        ruler = EntityRuler(nlp, "profile_ruler", overwrite_ents=True, phrase_matcher_attr="LOWER")
        for i, pattern in enumerate(profile["patterns"]):
            # Every ruler pattern carries an id: that is how extraction tells the ruler's entities from the tagger's.
            entry = {"label": pattern["label"], "pattern": pattern["pattern"], "id": pattern.get("id") or f"pattern:{i}"}
            try:
                ruler.add_patterns([entry])
            except Exception as exc:  # spaCy raises ValueError or its own errors for a malformed pattern
                where, line, own = profile.item("patterns", i, "pattern")
                raise InputError(f"{where}:{line}: patterns.{own}: spaCy rejects this pattern: {exc}") from exc
        ruler.add_patterns(list(gazetteer_patterns(profile)))
        _rulers[profile.digest] = ruler
    return _rulers[profile.digest]


def _model_config():
    """ja_ginza's config, read from its package without loading the model."""
    import spacy

    package = spacy.util.get_package_path(MODEL)
    [config] = package.glob("*/config.cfg")
    return spacy.util.load_config(config)


def annotate(segments: list[tuple[int, object]], profile: Profile) -> list[tuple[int, object]]:
    """Apply the profile's ruler to parsed segments: its entities win over the model's where they overlap."""
    ruler = load_ruler(profile)
    return [(offset, ruler(doc)) for offset, doc in segments]


def fingerprint() -> str:
    """What a parse depends on: the model and its version, the components run, the tagger's weights, and
    how text is segmented and written."""
    return (f"{model_version()} -{'-'.join(UNUSED)} +{entity_model_version()} segments<={MAX_SEGMENT} half-width"
            " +closing_tags")


@lru_cache(maxsize=1)
def entity_model_version() -> str:
    """The entity tagger, named by a hash of its shipped weights and configuration."""
    from graph.cache import files_digest

    folder = entity_model_path()
    return f"seed-graph-entities {files_digest(folder, [p.name for p in folder.iterdir() if p.is_file()])[:12]}"


def pack(segments: list[tuple[int, object]]) -> bytes:
    """Parsed segments as bytes (a DocBin, with their offsets), for the cache."""
    import json

    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=False)
    for _, doc in segments:
        docs.add(doc)
    offsets = json.dumps([offset for offset, _ in segments]).encode()
    return offsets + b"\n" + docs.to_bytes()


def unpack(data: bytes, profile: Profile) -> list[tuple[int, object]]:
    """The segments ``pack`` wrote, as Docs in the ruler's vocabulary."""
    import json

    from spacy.tokens import DocBin

    header, _, body = data.partition(b"\n")
    vocab = load_ruler(profile).nlp.vocab
    return list(zip(json.loads(header), DocBin().from_bytes(body).get_docs(vocab)))


def entity_model_path():
    """The folder of the entity tagger's weights, shipped inside the package."""
    from importlib import resources

    return resources.files("graph") / ENTITY_MODEL


def add_entity_recognizer(nlp, path=None):
    """Add the entity tagger (graph/ner.py) before the morphologizer; load its weights from ``path``."""
    from graph import ner

    ner.register()
    component = nlp.add_pipe(ner.FACTORY, name=ENTITY_COMPONENT, before="morphologizer")
    if path is not None:
        component.from_disk(path)
    return component


def model_version() -> str:
    """The model's name and version, read from its package metadata without loading it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{MODEL} {version(MODEL.replace('_', '-'))}"
    except PackageNotFoundError:
        return MODEL


_FULL_WIDTH = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {0x20: 0x3000}
_HALF_WIDTH = {ord(wide): c for c, wide in _FULL_WIDTH.items() if chr(c).isalnum()}  # letters and digits back
_WIDE = "Ａ-Ｚａ-ｚ０-９"
_WIDE_JOINS = re.compile(f"(?<=[{_WIDE}])[\u3000－−](?=[{_WIDE}])")


def half_width(text: str) -> str:
    """Letters and digits written full-width as ASCII, and the space or the hyphen between them (ＣＯＯＬＰＩＸ
    Ｓ８００ｃ, ＮＷ−Ｓ７６４): the tagger and the rules know names as they are mostly written. Character for
    character, so offsets hold; punctuation (（）「」：) stays Japanese."""
    return _WIDE_JOINS.sub(lambda m: " " if m.group() == "\u3000" else "-", text).translate(_HALF_WIDTH)


def gazetteer_patterns(profile: Profile) -> Iterator[dict]:
    """One phrase pattern per label and alias of every gazetteer entity, carrying the entity's id; a name with
    Latin letters or digits also as Japanese text writes them full-width (Ａｎｄｒｏｉｄ, ＮＴＴドコモ)."""
    for entity in profile["entities"]:
        names = {entity["ja"], entity.get("en"), *entity.get("aliases", [])} - {None, ""}
        names |= {name.translate(_FULL_WIDTH) for name in names if any(c.isascii() and c.isalnum() for c in name)}
        for name in sorted(names):
            yield {"label": entity["type"], "pattern": name, "id": entity["id"]}


def segments(text: str, limit: int = MAX_SEGMENT) -> list[tuple[int, str]]:
    """(offset, text) pieces of a document: its non-blank lines, long ones cut at sentence ends or at ``limit``."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        pieces = [line] if len(line) <= limit else _cut(line, limit)
        for piece in pieces:
            stripped = piece.strip()
            if stripped:
                out.append((offset + piece.index(stripped[0]), stripped))
            offset += len(piece)
    return out


def _cut(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > limit:
            pieces.append(current + sentence[: limit - len(current)])
            sentence = sentence[limit - len(current):]
            current = ""
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return pieces


def parse(nlp, documents: Iterable[Document], batch_size: int = 64):
    """(document, [(offset, Doc), ...]) for each document, in order, parsing all segments in one stream.

    The Docs carry the model's analysis only; ``annotate`` adds the profile's entities.
    """
    queue: deque[tuple[Document, list[tuple[int, str]]]] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            pieces = segments(document.text) or [(0, "")]  # an empty document still passes through
            queue.append((document, pieces))
            for _, text in pieces:
                yield half_width(text)

    current, parsed = None, []
    for doc in nlp.pipe(texts(), batch_size=batch_size):
        if current is None:
            current, parsed = queue.popleft(), []
        document, pieces = current
        parsed.append((pieces[len(parsed)][0], doc))
        if len(parsed) == len(pieces):
            yield document, [(offset, doc) for offset, doc in parsed if len(doc)]
            current = None


def sentence_span(offset: int, sent) -> tuple[int, int] | None:
    """A sentence's (start, end) in the document, without surrounding whitespace; None if it is blank."""
    text = sent.text
    start = offset + sent.start_char + len(text) - len(text.lstrip())
    end = offset + sent.end_char - (len(text) - len(text.rstrip()))
    return (start, end) if start < end else None
