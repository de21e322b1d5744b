"""Dates resolved against the day a document appeared, on sentences written for them, without the model."""

from datetime import date

import pytest

from graph.extract import dates

ANCHOR = date(2012, 5, 16)  # a Wednesday


@pytest.mark.parametrize("text, expression, value, datatype", [
    ("2025年7月に発売した", "2025年7月", "2025-07", "gYearMonth"),
    ("2024年の売上高", "2024年", "2024", "gYear"),
    ("2023年12月1日に発表", "2023年12月1日", "2023-12-01", "date"),
    ("２０１２年２月２２日に発売", "２０１２年２月２２日", "2012-02-22", "date"),
    ("2012/5/24から", "2012/5/24", "2012-05-24", "date"),
    ("平成24年に改正", "平成24年", "2012", "gYear"),
    ("令和元年の春", "令和元年", "2019", "gYear"),
    ("明治16（1883）年7月2日の創刊号", "明治16（1883）年7月2日", "1883-07-02", "date"),
    ("2012年度の計画", "2012年度", "2012", "gYear"),
    ("2013年夏に開始", "2013年夏", "2013", "gYear"),
    ("7月17日に発売する", "7月17日", "2012-07-17", "date"),
    ("12月28日に発表した", "12月28日", "2011-12-28", "date"),  # nearer in the past than in the future
    ("5月に発売", "5月", "2012-05", "gYearMonth"),
    ("6月上旬に", "6月上旬", "2012-06", "gYearMonth"),
    ("8月末までに", "8月末", "2012-08", "gYearMonth"),
    ("同社は14日、発表した", "14日", "2012-05-14", "date"),
    ("2日に発売された", "2日", "2012-05-02", "date"),
    ("30日から予約を受け付ける", "30日", "2012-05-30", "date"),  # the nearest 30th
    ("1日に発売した", "1日", "2012-05-01", "date"),
    ("8/16からアップデート", "8/16", "2012-08-16", "date"),
    ("昨年の冬モデル", "昨年", "2011", "gYear"),
    ("今年9月以降", "今年9月", "2012-09", "gYearMonth"),
    ("来年3月に", "来年3月", "2013-03", "gYearMonth"),
    ("今年度の目標", "今年度", "2012", "gYear"),
    ("先月発売した", "先月", "2012-04", "gYearMonth"),
    ("来月から", "来月", "2012-06", "gYearMonth"),
    ("本日発表した", "本日", "2012-05-16", "date"),
    ("昨日の会見で", "昨日", "2012-05-15", "date"),
    ("明日発売", "明日", "2012-05-17", "date"),
    ("来春に投入", "来春", "2013", "gYear"),
    ("今夏モデル", "今夏", "2012", "gYear"),
    ("年内に発売", "年内", "2012", "gYear"),
    ("2年前に始まった", "2年前", "2010", "gYear"),
    ("3日前に", "3日前", "2012-05-13", "date"),
])
def test_dates_are_resolved_against_the_document_date(profile, text, expression, value, datatype):
    [mention] = dates.find(text, 10, profile, ANCHOR)
    assert (mention.text, mention.value) == (expression, {"date": value, "datatype": datatype})
    assert (mention.start, mention.end) == (10 + text.index(expression), 10 + text.index(expression) + len(expression))


def test_a_financial_year_starts_in_april(profile):
    [mention] = dates.find("今年度の計画", 0, profile, date(2012, 2, 1))
    assert mention.value == {"date": "2011", "datatype": "gYear"}


def test_a_month_without_a_year_is_the_nearest_one(profile):
    [mention] = dates.find("12月に発売された", 0, profile, date(2012, 1, 5))
    assert mention.value == {"date": "2011-12", "datatype": "gYearMonth"}


@pytest.mark.parametrize("text, expression, value", [
    ("2012年5月24日（木）午前10時から", "2012年5月24日（木）午前10時", "2012-05-24T10:00:00"),
    ("24日午後3時半に", "24日午後3時半", "2012-05-24T15:30:00"),
    ("7月1日 19:30開始", "7月1日 19:30", "2012-07-01T19:30:00"),
])
def test_a_time_after_a_day_makes_a_date_time(profile, text, expression, value):
    [mention] = dates.find(text, 0, profile, ANCHOR)
    assert (mention.text, mention.value) == (expression, {"date": value, "datatype": "dateTime"})


def test_the_day_before_and_the_same_day_follow_the_day_last_named(profile):
    resolver = dates.Resolver(profile, ANCHOR)
    found = resolver.find("14日に発売した。その前日となる13日には、同日の会見で", 0)
    assert [(m.text, m.value["date"]) for m in found] == [("14日", "2012-05-14"), ("前日", "2012-05-13"),
                                                          ("13日", "2012-05-13"), ("同日", "2012-05-13")]


@pytest.mark.parametrize("text, expression", [
    ("以前紹介した", "以前"), ("先日設立された", "先日"), ("7年くらい前に", "7年くらい前"), ("11:00〜", "11:00"),
])
def test_a_date_the_text_leaves_open_keeps_its_text_and_no_value(profile, text, expression):
    [mention] = dates.find(text, 0, profile, ANCHOR)
    assert (mention.text, mention.value) == (expression, None)


def test_without_the_document_date_only_absolute_dates_have_a_value(profile):
    found = dates.find("2012年5月に発表し、24日に発売、昨年より好調", 0, profile, None)
    assert [(m.text, m.value) for m in found] == [("2012年5月", {"date": "2012-05", "datatype": "gYearMonth"}),
                                                  ("24日", None), ("昨年", None)]


@pytest.mark.parametrize("text", ["3日間の展示", "10日ぶりに", "1日あたり", "2時間で", "3か月で", "第5回", "2013年13月",
                                  "iOS 5.1", "1日3回"])
def test_what_is_no_date_is_left_alone(profile, text):
    assert [m.text for m in dates.find(text, 0, profile, ANCHOR) if m.value] == []
