"""Documents as they come, built with the real model: a news article's header, link lists, credits, shop
advertisements and a site's repeated footers give no entity and no fact; its title does; facts carry the date
their sentence gives them; a PDF report builds into the facts of the same text."""

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph import pipeline
from graph.vocab import SG
from test_ingest import REPORT, japanese_pdf

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parent / "data"
NEWS = DATA / "news-article.txt"


def facts(result):
    out = set()
    for extraction in result.extractions:
        m = extraction.mentions
        out |= {(m[r.subject].text, r.predicate, m[r.object].text, (r.date or {}).get("date")) for r in extraction.relations}
    return out


@pytest.fixture(scope="module")
def news():
    return pipeline.build([NEWS])


def test_nothing_is_extracted_from_the_header_links_credits_or_advertisement(news):
    [extraction] = news.extractions
    document = extraction.document
    kinds = {document.text[s:e].splitlines()[0]: kind for s, e, kind in document.boilerplate}
    assert kinds == {"http://news.example.jp/article/detail/6001/": "url", "2012-05-16T12:55:00+0900": "date",
                     "■関連記事": "links", "富士通 ARROWS Tab 充電スタンド": "advert", "記事執筆：山田太郎": "credit",
                     "Copyright 2012 Example News. All rights reserved.": "credit"}
    for mention in extraction.mentions:
        assert not any(s <= mention.start < e for s, e, _ in document.boilerplate), mention
    names = {m.text for m in extraction.mentions}
    assert not names & {"パナソニック", "VIERA", "シャープ", "堺市", "富士通", "山田太郎", "Example News", "livedoor"}
    assert {"ソニー", "Xperia Tablet S", "トヨタ自動車", "デンソー", "豊田章男"} <= names


def test_facts_carry_the_date_their_sentence_gives_resolved_against_the_article(news, tmp_path):
    assert {("ソニー", "releases", "Xperia Tablet S", "2012-06"), ("トヨタ自動車", "partnersWith", "デンソー", "2011-12")} \
        <= facts(news)
    pipeline.export(news, tmp_path)
    [record] = [json.loads(line) for line in (tmp_path / "extractions.jsonl").read_text("utf-8").splitlines()]
    assert record["meta"]["date"] == "2012-05-16T12:55:00+09:00" and record["meta"]["title"].startswith("ソニー、")
    assert {r["date"] for r in record["relations"] if r["predicate"] == "partnersWith"} == {"2011-12"}
    graph = pipeline.load(tmp_path / "graph.ttl")
    dates = {str(graph.value(s, SG.date)) for s in graph.subjects(SG.rule, None) if graph.value(s, SG.date)}
    assert {"2012-06", "2011-12"} <= dates
    gyearmonth = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
    assert Literal("2011-12", datatype=gyearmonth) in set(graph.objects(None, SG.date))
    document = URIRef("https://w3id.org/seed-graph/doc/news-article")
    assert str(graph.value(document, URIRef("http://purl.org/dc/terms/title"))).startswith("ソニー、")
    assert str(graph.value(document, URIRef("https://schema.org/url"))) == "http://news.example.jp/article/detail/6001/"


def test_a_line_repeated_under_many_articles_is_a_footer(tmp_path):
    footer = "なら1000人が受講したイーグル英会話が運営する東京校が一番！"
    bodies = ["ソニーは新型テレビを発表した。", "トヨタ自動車は新型車を発売した。", "日産自動車は新工場を建設した。",
              "ホンダは新型バイクを発売した。", "パナソニックは電池を増産した。"]
    for i, body in enumerate(bodies):
        (tmp_path / f"a{i}.txt").write_text(f"{body}\n\n{footer}\n", encoding="utf-8")
    result = pipeline.build([tmp_path])
    assert all(kind == "repeated" for e in result.extractions for *_, kind in e.document.boilerplate)
    assert all(len(e.document.boilerplate) == 1 for e in result.extractions)
    assert "イーグル英会話" not in {m.text for e in result.extractions for m in e.mentions}
    few = pipeline.build([tmp_path / "a0.txt", tmp_path / "a1.txt"])  # in two articles it is nothing special
    assert not any(e.document.boilerplate for e in few.extractions)


def test_a_table_heading_repeated_under_many_articles_stays_content(tmp_path):
    for i, model in enumerate(["AT830", "AT700", "AT500", "AT570", "AT300"]):
        (tmp_path / f"a{i}.txt").write_text(f"東芝、タブレット「{model}」を発表\n\n■主な仕様\nOS Android 4.0\n",
                                            encoding="utf-8")
    result = pipeline.build([tmp_path])
    assert not any(e.document.boilerplate for e in result.extractions)
    assert all(any(r.predicate == "installedIn" and r.rule == "table-row" for r in e.relations)
               for e in result.extractions)


def test_a_name_recognised_only_in_a_link_list_is_found_where_the_article_says_it():
    body = "家でノバルスを使う。"  # the tagger does not read ノバルス as a name here
    assert not pipeline.build(texts={"a": body}).extractions[0].mentions
    [extraction] = pipeline.build(texts={"a": f"{body}\n\n■関連記事\n・ノバルス、新型乾電池を発売\n"}).extractions
    assert [(m.start, m.text) for m in extraction.mentions] == [(2, "ノバルス")]


def test_names_in_a_link_list_teach_the_article_no_name_parts():
    text = ("24日、明石家さんまが光井愛佳の顔を評した。\n\n番組中、さんまが光井に対し「ひどい」と振った。\n\n【関連情報】\n"
            "・ヤングタウン土曜日〜さんま・村上・道重・高橋・光井・120324\n")
    [extraction] = pipeline.build(texts={"a": text}).extractions
    entities = {m.text: m.entity.rsplit("/", 1)[-1] for m in extraction.mentions if not m.is_value}
    assert entities["光井"] == entities["光井愛佳"] == "光井愛佳" and entities["さんま"] == "明石家さんま"


def test_a_pdf_builds_into_the_facts_of_the_same_text_with_its_pages(tmp_path):
    pdf = japanese_pdf(tmp_path / "report.pdf", REPORT)
    from_pdf = pipeline.build([pdf])
    [document] = [e.document for e in from_pdf.extractions]
    (tmp_path / "report.txt").write_text(document.text, encoding="utf-8")
    from_text = pipeline.build([tmp_path / "report.txt"])
    assert {f[:3] for f in facts(from_pdf)} == {f[:3] for f in facts(from_text)}  # dates: the PDF has a date of its own
    assert {("シャープ", "develops", "AQUOS"), ("トヨタ自動車", "partnersWith", "デンソー")} <= {f[:3] for f in facts(from_pdf)}
    year = int(document.meta["date"][:4])  # its creation date, against which 昨年12月 resolves
    assert ("トヨタ自動車", "partnersWith", "デンソー", f"{year - 1}-12") in facts(from_pdf)
    pipeline.export(from_pdf, tmp_path / "out")
    graph = pipeline.load(tmp_path / "out" / "graph.ttl")
    pages = {str(graph.value(s, SG.text))[:5]: int(graph.value(s, SG.page)) for s in graph.subjects(SG.page, None)}
    assert pages and set(pages.values()) == {1, 2} and pages["シャープは"] == 2


def test_a_folder_of_news_with_a_pdf_builds_through_the_command_line(tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(NEWS, corpus)
    japanese_pdf(corpus / "report.pdf", REPORT)
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and result.output.startswith("2 documents"), result.output


def test_a_line_that_links_to_an_account_or_a_site_is_not_the_article():
    text = "孫社長の投稿に様々な意見が寄せられている。\n\n■孫正義 (masason) on Twitter\n\n■ITライフハックTwitter\n\n" \
           "■Twitterで話題の投稿について\nツイッターでは賛否が分かれている。\n"
    [extraction] = pipeline.build(texts={"a": text}).extractions
    kinds = {text[s:e]: kind for s, e, kind in extraction.document.boilerplate}
    assert kinds == {"■孫正義 (masason) on Twitter": "links", "■ITライフハックTwitter": "links"}
    assert not {"masason", "on Twitter", "ITライフハックTwitter"} & {m.text for m in extraction.mentions}
