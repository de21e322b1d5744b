"""Hand-built spaCy Docs for testing rules without the model, in the spirit of spaCy's own tests."""

from __future__ import annotations

from spacy.lang.ja import JapaneseDefaults
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# is_punct, like_num and the rest computed as they are for ja_ginza's tokens
_VOCAB = Vocab(lex_attr_getters={**LEX_ATTRS, **JapaneseDefaults.lex_attr_getters})


def make_doc(rows: str, ents: list[tuple[int, int, str, str]] = ()) -> Doc:
    """A parsed Doc from one token a line: ``text lemma POS tag head dep`` (head is a token index).

    ``ents`` are (start, end, label, id) token spans as the EntityRuler would set them (id = gazetteer id).
    """
    words, lemmas, pos, tags, heads, deps = [], [], [], [], [], []
    for line in rows.strip().splitlines():
        text, lemma, p, tag, head, dep = line.split()
        words.append(text)
        lemmas.append(lemma)
        pos.append(p)
        tags.append(tag)
        heads.append(int(head))
        deps.append(dep)
    doc = Doc(_VOCAB, words=words, spaces=[False] * len(words), lemmas=lemmas, pos=pos, tags=tags,
              heads=heads, deps=deps)
    doc.ents = [Span(doc, start, end, label=label, span_id=ent_id) for start, end, label, ent_id in ents]
    return doc
