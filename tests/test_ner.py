"""The entity tagger (graph/ner.py): its features, its decoding, its members' vote, and the shipped weights."""

from __future__ import annotations

import numpy
import pytest

from graph import ner


def test_brackets_mark_the_tokens_inside_and_the_brackets_themselves():
    texts = ["曲", "「", "夜", "(", "A", ")", "」", "を", "『", "本", "」"]
    assert ner.brackets(texts) == ["", "open 「」", "「」", "open ()", "()", "close ()", "close 「」", "",
                                   "open 『』", "『』", "『』"]  # an unmatched closing bracket is a word


def test_a_closing_bracket_closes_the_brackets_left_open_inside_it():
    assert ner.brackets(["「", "(", "x", "」", "y"]) == ["open 「」", "open ()", "()", "close 「」", ""]


def test_decode_reads_only_valid_tag_sequences():
    tags = ner.tag_names(["Person", "Place"])
    index = {t: i for i, t in enumerate(tags)}
    scores = numpy.full((4, len(tags)), 0.01, dtype="float32")
    # the best tag of each token alone is B-Person, L-Place, O, I-Place: no valid sequence
    for i, tag in enumerate(["B-Person", "L-Place", "O", "I-Place"]):
        scores[i, index[tag]] = 0.9
    scores[1, index["L-Person"]] = 0.5
    assert ner.decode(scores, tags) == [(0, 2, "Person")]


def test_features_are_the_tensor_the_static_vectors_their_sentence_average_and_the_hashed_attributes():
    from graph import nlp

    doc = nlp.load_model()("トヨタ自動車の「プリウス」。ソニーが発売した。")
    dense, hashed = ner.features(doc)
    assert dense.shape == (len(doc), ner.WIDTH) and hashed.shape == (len(doc), len(ner.ATTRIBUTES))
    own = ner.TENSOR + ner.VECTORS
    assert numpy.allclose(dense[:, :ner.TENSOR], doc.tensor)
    known = [i for i, t in enumerate(doc) if t.has_vector]
    assert known and all(numpy.allclose(dense[i, ner.TENSOR:own], doc[i].vector) for i in known)
    end = [t.text for t in doc].index("。") + 1
    first, second = doc[:end], doc[end:]
    for sentence in (first, second):
        rows = dense[sentence.start:sentence.end]
        assert numpy.allclose(rows[:, own:], rows[:, :own].mean(axis=0))
    assert not numpy.allclose(dense[first.start, own:], dense[second.start, own:])
    # the same word in and out of quotes is told apart
    text, bracket = (next(i for i, (name, _) in enumerate(ner.ATTRIBUTES) if name == n) for n in ("text", "bracket"))
    inside, outside = ner.hashed([("x", "名詞"), ("「", "補助記号"), ("x", "名詞"), ("」", "補助記号")])[[2, 0]]
    assert inside[text] == outside[text] and inside[bracket] != outside[bracket]


def test_a_sentence_ends_at_its_full_stop_whatever_the_parse():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    rows = numpy.arange(10, dtype="float32").reshape(5, 2)
    doc = Doc(Vocab(), words=["a", "b", "。", "c", "d"], sent_starts=[True, False, True, False, False])
    assert numpy.allclose(ner.sentence_means(doc, rows), [[2, 3]] * 3 + [[7, 8]] * 2)


def test_an_ensemble_predicts_the_average_of_its_members():
    tags = ner.tag_names(["Person"])
    ensemble = ner.build_model(len(tags), hidden=16, depth=1, members=2)
    X = [(numpy.random.default_rng(0).random((3, ner.WIDTH), dtype="float32"),
          ner.hashed([("a", "名詞"), ("b", "名詞"), ("c", "名詞")]))]
    ensemble.initialize(X=X)
    rng = numpy.random.default_rng(1)
    for node in ensemble.walk():  # an initialised softmax is uniform: make each member say something of its own
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, rng.normal(size=node.get_param(name).shape).astype("float32"))
    first, second = (member.predict(X)[0] for member in ensemble.layers)
    assert not numpy.allclose(first, second)
    assert numpy.allclose(ensemble.predict(X)[0], (first + second) / 2)
    with pytest.raises(NotImplementedError):
        ensemble.begin_update(X)


def test_the_shipped_tagger_finds_names_in_text_it_was_not_trained_on():
    from graph import nlp

    doc = nlp.load_model()("昨年、ソニーグループの吉田憲一郎会長は大阪市で新型ゲーム機を発表した。")
    found = {(s.text, s.label_) for s in doc.spans[ner.SPANS_KEY]}
    assert {("ソニーグループ", "Organization"), ("吉田憲一郎", "Person"), ("大阪市", "Place")} <= found
