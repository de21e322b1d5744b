"""A small corpus of made-up news, as extraction records: several documents with titles, dates and sources, facts
said with every modality and a range of confidences, some dated by their sentence, one sentence said twice, an agreement with a price,
entities mentioned without any fact (isolated), one company in most of the facts (a hub), and one the profile
knows whose Japanese and English names are the same (TSMC).

It is built through the real resolve, rdflib build and networkx view, without the language model, so the
explorer and the export formats can be tested on a multi-document graph in a second.
"""

from __future__ import annotations

import hashlib

# document -> (meta, facts, names mentioned without any fact)
# a fact: (subject, type, kind, object, type, modality, confidence, the date its sentence gives or None)
CORPUS = {
    "news-001": ({"title": "アルファ工業とベータ電機が提携", "date": "2024-03-01", "url": "https://example.com/news/1"},
                 [("アルファ工業", "Organization", "partnersWith", "ベータ電機", "Organization", "asserted", 0.9, None),
                  ("アルファ工業", "Organization", "develops", "ガンマX", "Product", "planned", 0.6, "2024-06"),
                  ("ベータ電機", "Organization", "locatedIn", "大阪府", "Place", "asserted", 0.8, None)],
                 [("イプシロン市", "Place"), ("カッパ技術", "Technology")]),
    "news-002": ({"title": "ベータ電機、ガンマXを量産へ", "date": "2024-05-10", "url": "https://example.com/news/2"},
                 [("ベータ電機", "Organization", "manufactures", "ガンマX", "Product", "asserted", 0.8, "2024-05"),
                  ("ベータ電機", "Organization", "manufactures", "ガンマX", "Product", "asserted", 0.8, "2024-05"),
                  ("アルファ工業", "Organization", "acquires", "デルタ社", "Organization", "speculative", 0.5, None),
                  ("山田太郎", "Person", "worksFor", "アルファ工業", "Organization", "past", 0.9, "2024-04"),
                  ("アルファ工業", "Organization", "investsIn", "シグマ研究所", "Organization", "reported", 0.7, None),
                  ("TSMC", "Organization", "supplies", "ベータ電機", "Organization", "asserted", 0.75, None)],
                 [("オメガ展", "Event")]),
    "news-003": ({"title": "ラムダ工業はアルファ工業と競合せず", "date": "2023-11-20"},
                 [("ラムダ工業", "Organization", "competesWith", "アルファ工業", "Organization", "negated", 0.7, None),
                  ("ラムダ工業", "Organization", "develops", "ミューOS", "Product", "asserted", 0.95, "2023-11-01"),
                  ("デルタ社", "Organization", "locatedIn", "福岡県", "Place", "asserted", 0.85, None)],
                 [("ニュー氏", "Person")]),
}
# an agreement in news-003: parties, what it is about, its price and its date
AGREEMENT = ("アルファ工業", "ラムダ工業", "ミューOS", ("約10億円", {"amount": 1_000_000_000, "currency": "JPY"}),
             ("2023年11月", {"date": "2023-11", "datatype": "gYearMonth"}))


def extractions() -> list:
    from graph.model import Document, Extraction, Mention, Relation

    out = []
    for doc_id, (meta, facts, alone) in CORPUS.items():
        text, mentions, relations = meta["title"] + "\n", [], []

        def mention(name: str, type_: str, value: dict | None = None) -> int:
            nonlocal text
            mentions.append(Mention(len(text), len(text) + len(name), name, type_, "test", value=value))
            text += name
            return len(mentions) - 1

        for subject, subject_type, kind, obj, object_type, modality, confidence, date in facts:
            start = len(text)
            s = mention(subject, subject_type)
            text += "は"
            o = mention(obj, object_type)
            text += f"と{kind}。"
            relations.append(Relation(s, kind, o, start, len(text), "test", confidence, modality,
                                      date={"date": date, "datatype": {4: "gYear", 7: "gYearMonth"}.get(len(date), "date")}
                                      if date else None))
        if doc_id == "news-003":
            start = len(text)
            a = mention(AGREEMENT[0], "Organization")
            text += "は"
            b = mention(AGREEMENT[1], "Organization")
            text += "と"
            about = mention(AGREEMENT[2], "Product")
            text += "について"
            price = mention(*AGREEMENT[3][:1], "Money", AGREEMENT[3][1])
            text += "で"
            when = mention(AGREEMENT[4][0], "Date", AGREEMENT[4][1])
            text += "に契約した。"
            relations.append(Relation(a, "contractsWith", b, start, len(text), "test", 0.9, "past",
                                      qualifiers={"about": [about], "value": [price], "date": [when]}))
        for name, type_ in alone:
            text += "また、"
            mention(name, type_)
            text += "もある。"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        out.append(Extraction(Document(doc_id, text, f"news/{doc_id}.txt", sha, meta), mentions, relations))
    return out


def build():
    """The corpus built: a pipeline Result (its ``graph`` is the rdflib Graph)."""
    from graph import pipeline
    from graph.profile import load_profile

    return pipeline.assemble(extractions(), load_profile())
