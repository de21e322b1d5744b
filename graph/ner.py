"""The entity tagger shipped in graph/models/ner: small networks that tag each token B/I/L/U-type or O and read
entities off the best valid tag sequence. It takes the place of ja_ginza's own recogniser.

Its features cost next to nothing, because ja_ginza computes or holds them anyway: the tensor of ja_ginza's
tok2vec and ja_ginza's static word vectors, of the token and averaged over its sentence (what the sentence is
about: a name among software words is more likely a product than a company), and Sudachi's part-of-speech tag
(固有名詞-人名-姓, 地名-国 ...), with the token's text, first and last one and two characters, character classes, length,
and the bracket it stands in (a name in 「」 is often a title) hashed into small embeddings. A few such networks,
trained from different seeds, vote by averaging their probabilities. With our coarse types as labels it needs
no label mapping, and it costs about two thirds of what the transition-based recogniser it replaces costs.
bench/train_ner.py trains it on the stockmark corpus (CC BY-SA 3.0; see the NOTICE beside the weights).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy

from graph.nlp import SENTENCE_ENDS

FACTORY = "seed_graph_entities"
SPANS_KEY = "entities"
TENSOR = 256  # ja_ginza's tok2vec width
VECTORS = 300  # ja_ginza's static vectors
WIDTH = 2 * (TENSOR + VECTORS)  # a token's own, then its sentence's average
# Hashed token features: (name, rows); each is embedded in EMBED dimensions.
ATTRIBUTES = (("tag", 2000), ("first", 4000), ("last", 4000), ("classes", 1000), ("text", 8000),
              ("bracket", 50), ("prefix", 4000), ("suffix", 4000), ("length", 20))
EMBED = 24
# The brackets a token can stand in, by opening and closing character.
_OPENING = {"「": "「」", "『": "『』", "(": "()", "（": "()", "【": "【】", "“": "“”"}
_CLOSING = {"」": "「」", "』": "『』", ")": "()", "）": "()", "】": "【】", "”": "“”"}


def build_model(n_tags: int, hidden: int = 192, depth: int = 2, dropout: float = 0.2, members: int = 1):
    """[(features, hashed attributes)] a doc -> tag probabilities, one row a token: the average of ``members``
    networks (trained apart, see bench/train_ner.py), each of them a network from ``build_network``."""
    from thinc.api import Model

    if members == 1:
        return build_network(n_tags, hidden, depth, dropout)

    def forward(model, X, is_train):
        if is_train:
            raise NotImplementedError("the members of an ensemble are trained one by one")
        outputs = [member.predict(X) for member in model.layers]
        return [sum(rows) / len(rows) for rows in zip(*outputs)], lambda dY: []

    def init(model, X=None, Y=None):
        for member in model.layers:
            member.initialize(X=X, Y=Y)

    return Model("average", forward, init=init,
                 layers=[build_network(n_tags, hidden, depth, dropout) for _ in range(members)])


def build_network(n_tags: int, hidden: int = 192, depth: int = 2, dropout: float = 0.2):
    """[(features, hashed attributes)] a doc -> tag probabilities, one row a token: the features mixed by a Maxout
    layer, then ``depth`` residual convolutions over a window of one token each side (so a token sees
    ``depth`` tokens around it on top of what the tensor already saw), then a softmax."""
    from thinc.api import HashEmbed, Maxout, Model, Softmax, chain, clone, expand_window, residual, with_array
    from thinc.types import Ragged

    embeds = [HashEmbed(nO=EMBED, nV=rows, seed=i + 1, dropout=0.0) for i, (_, rows) in enumerate(ATTRIBUTES)]
    width = WIDTH + EMBED * len(ATTRIBUTES)

    def forward(model, X, is_train):
        lengths = model.ops.asarray1i([len(t) for t, _ in X])
        tensor = model.ops.xp.concatenate([t for t, _ in X]) if X else model.ops.alloc2f(0, WIDTH)
        ids = model.ops.xp.concatenate([i for _, i in X]) if X else model.ops.alloc2i(0, len(ATTRIBUTES))
        outs, backs = zip(*[embed(model.ops.as_contig(ids[:, k]), is_train) for k, embed in enumerate(embeds)])
        joined = model.ops.xp.hstack([tensor, *outs])

        def backprop(d_out: Ragged):
            column = WIDTH
            for back in backs:
                back(d_out.data[:, column:column + EMBED])
                column += EMBED
            return []

        return Ragged(joined, lengths), backprop

    def init(model, X=None, Y=None):
        for embed in embeds:
            embed.initialize()

    def unragged(model, X, is_train):
        return list(model.ops.unflatten(X.data, X.lengths)), lambda dY: Ragged(model.ops.flatten(dY), X.lengths)

    features = Model("token_features", forward, init=init, layers=embeds, dims={"nO": width})
    convolution = residual(chain(expand_window(window_size=1),
                                 with_array(Maxout(nO=hidden, nI=hidden * 3, nP=2, dropout=dropout, normalize=True))))
    return chain(features,
                 with_array(Maxout(nO=hidden, nI=width, nP=2, dropout=dropout, normalize=True)),
                 clone(convolution, depth),
                 with_array(Softmax(nO=n_tags, nI=hidden)),
                 Model("unragged", unragged))


def tag_names(labels: list[str]) -> list[str]:
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in "BILU"]


def features(doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """A doc's (tensor and static vectors, of each token and of its sentence; hashed attributes) as the tagger
    reads them."""
    tensor = doc.tensor
    if tensor is None or getattr(tensor, "size", 0) == 0 or tensor.shape != (len(doc), TENSOR):
        tensor = numpy.zeros((len(doc), TENSOR), dtype="float32")
    dense = numpy.hstack([numpy.asarray(tensor, dtype="float32"), static_vectors(doc)])
    return numpy.hstack([dense, sentence_means(doc, dense)]), hashed(token_attributes(doc))


def sentence_means(doc, rows: numpy.ndarray) -> numpy.ndarray:
    """Each token's sentence's average of ``rows``. A sentence ends at 。！？!? (as nlp.py cuts long lines): the
    same rule on the tagger's training sentences and on parsed text (ja_ginza's own sentence boundaries fall
    mid-sentence, often inside a name: アリアン|スペース社)."""
    out = numpy.empty_like(rows)
    start = 0
    for i, token in enumerate(doc):
        if token.text in SENTENCE_ENDS or i == len(doc) - 1:
            out[start:i + 1] = rows[start:i + 1].mean(axis=0)
            start = i + 1
    return out


def static_vectors(doc) -> numpy.ndarray:
    """Each token's row of the vocabulary's static vectors (zeros for a word without one)."""
    vectors = doc.vocab.vectors
    out = numpy.zeros((len(doc), VECTORS), dtype="float32")
    if len(doc) and vectors.shape[1] == VECTORS:
        rows = numpy.asarray(vectors.find(keys=numpy.asarray([t.orth for t in doc], dtype="uint64")))
        known = rows >= 0
        out[known] = numpy.asarray(vectors.data)[rows[known]]
    return out


def token_attributes(doc) -> list[tuple[str, str]]:
    """What the hashed features are made of: each token's text and Sudachi tag."""
    return [(t.text, t.tag_) for t in doc]


def hashed(tokens: list[tuple[str, str]]) -> numpy.ndarray:
    from spacy.strings import hash_string

    rows = []
    for (text, tag, *_), bracket in zip(tokens, brackets([text for text, *_ in tokens])):
        values = (tag, text[0], text[-1], _classes(text), text, bracket, text[:2], text[-2:], min(len(text), 8))
        rows.append([hash_string(f"{name}={value}") for (name, _), value in zip(ATTRIBUTES, values)])
    return numpy.asarray(rows, dtype="uint64").reshape(len(tokens), len(ATTRIBUTES))


def brackets(texts: list[str]) -> list[str]:
    """The innermost bracket each token stands in ("" outside any), or "open 「」" / "close 「」" for the bracket
    itself: 「 タイムマシン に 気をつけろ ! 」 -> open 「」, 「」, 「」, 「」, 「」, close 「」."""
    stack: list[str] = []
    out = []
    for text in texts:
        if text in _CLOSING and _CLOSING[text] in stack:
            while stack.pop() != _CLOSING[text]:
                pass
            out.append(f"close {_CLOSING[text]}")
        elif text in _OPENING:
            out.append(f"open {_OPENING[text]}")
            stack.append(_OPENING[text])
        else:
            out.append(stack[-1] if stack else "")
    return out


def _classes(text: str) -> str:
    """The character classes of a word, repeats collapsed: テスラ社 -> KC, SF2 -> LD."""
    out = []
    for ch in text:
        name = unicodedata.name(ch, "")
        c = ("K" if "KATAKANA" in name else "H" if "HIRAGANA" in name else "C" if "CJK" in name
             else "D" if ch.isdigit() else "L" if ch.isalpha() else "P")
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:5])


def decode(scores: numpy.ndarray, tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of the best BILUO-valid tag sequence (Viterbi on log-probabilities)."""
    n, k = scores.shape
    if n == 0:
        return []
    logp = numpy.log(numpy.clip(scores, 1e-9, 1.0))
    allowed = _transitions(tags)
    start_ok = numpy.array([t == "O" or t[0] in "BU" for t in tags])
    end_ok = numpy.array([t == "O" or t[0] in "LU" for t in tags])
    best = numpy.where(start_ok, logp[0], -numpy.inf)
    back = numpy.zeros((n, k), dtype=int)
    for i in range(1, n):
        total = best[:, None] + numpy.where(allowed, 0.0, -numpy.inf)
        back[i] = total.argmax(axis=0)
        best = total.max(axis=0) + logp[i]
    best = numpy.where(end_ok, best, -numpy.inf)
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    spans, start = [], None
    for i, t in enumerate(tags[j] for j in path):
        if t[0] == "U":
            spans.append((i, i + 1, t[2:]))
        elif t[0] == "B":
            start = i
        elif t[0] == "L" and start is not None:
            spans.append((start, i + 1, t[2:]))
            start = None
    return spans


def _transitions(tags: list[str]) -> numpy.ndarray:
    """allowed[a, b]: tag b may follow tag a."""
    allowed = numpy.zeros((len(tags), len(tags)), dtype=bool)
    for a, x in enumerate(tags):
        for b, y in enumerate(tags):
            if x == "O" or x[0] in "LU":
                allowed[a, b] = y == "O" or y[0] in "BU"
            else:  # inside an entity: go on with the same label
                allowed[a, b] = y[0] in "IL" and y[2:] == x[2:]
    return allowed


class EntityTagger:
    """The spaCy component: sets ``doc.ents`` from the tagger's best tag sequence."""

    def __init__(self, nlp, name: str = FACTORY, labels: list[str] | None = None, hidden: int = 192,
                 depth: int = 2, dropout: float = 0.2, members: int = 1) -> None:
        self.name = name
        self.labels = list(labels or [])
        self.cfg = {"hidden": hidden, "depth": depth, "dropout": dropout, "members": members}
        self.model = build_model(len(tag_names(self.labels)), **self.cfg) if self.labels else None

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 64):
        """Tag docs a batch at a time: one pass of the network for the whole batch."""
        from spacy.tokens import Span
        from spacy.util import minibatch

        tags = tag_names(self.labels)
        for batch in minibatch(docs, size=batch_size):
            todo = [doc for doc in batch if len(doc)] if self.model is not None else []
            for doc, scores in zip(todo, self.model.predict([features(doc) for doc in todo]) if todo else []):
                spans = [Span(doc, s, e, label=label) for s, e, label in decode(numpy.asarray(scores), tags)]
                doc.set_ents(spans, default="outside")
                doc.spans[SPANS_KEY] = spans  # kept apart: an entity ruler after this may overwrite doc.ents
            yield from batch

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"labels": self.labels, **self.cfg}), encoding="utf-8")
        (path / "model.bin").write_bytes(self.model.to_bytes())

    def from_disk(self, path, exclude=()):
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        self.labels = cfg.pop("labels")
        self.cfg = cfg
        self.model = build_model(len(tag_names(self.labels)), **cfg)
        self.model.initialize(X=[(numpy.zeros((2, WIDTH), dtype="float32"),
                                  numpy.zeros((2, len(ATTRIBUTES)), dtype="uint64"))])
        self.model.from_bytes((path / "model.bin").read_bytes())
        return self


def register() -> None:
    """Make the component known to spaCy as ``seed_graph_entities`` (once per process)."""
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        defaults = {"labels": [], "hidden": 192, "depth": 2, "dropout": 0.2, "members": 1}
        Language.factory(FACTORY, default_config=defaults)(
            lambda nlp, name, labels, hidden, depth, dropout, members:
            EntityTagger(nlp, name, labels, hidden, depth, dropout, members))
