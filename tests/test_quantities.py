"""Values normalised from text, without the model."""

import pytest

from graph.extract import quantities


@pytest.mark.parametrize("text, type_, value", [
    ("約165億ドル", "Money", {"amount": 16500000000, "currency": "USD", "approximate": True}),
    ("約2.4兆円", "Money", {"amount": 2400000000000, "currency": "JPY", "approximate": True}),
    ("1兆2000億円", "Money", {"amount": 1200000000000, "currency": "JPY"}),
    ("$16.5 billion", "Money", {"amount": 16500000000, "currency": "USD"}),
    ("3,000万ユーロ", "Money", {"amount": 30000000, "currency": "EUR"}),
    ("40〜45%", "Percent", {"min": 40, "max": 45, "unit": "percent"}),
    ("70%以上", "Percent", {"min": 70, "unit": "percent"}),
    ("5.5%", "Percent", {"value": 5.5, "unit": "percent"}),
    ("12～15パーセント", "Percent", {"min": 12, "max": 15, "unit": "percent"}),
    ("2nm", "Quantity", {"value": 2, "unit": "nanometre"}),
    ("240万人", "Quantity", {"value": 2400000, "unit": "person"}),
    ("11.7Mバイト", "Quantity", {"value": 11.7, "unit": "megabyte"}),
    ("1602万画素", "Quantity", {"value": 16020000, "unit": "pixel"}),
    ("1.2Mピクセル", "Quantity", {"value": 1.2, "unit": "megapixel"}),
    ("53dB", "Quantity", {"value": 53, "unit": "decibel"}),
])
def test_values_are_normalised(profile, text, type_, value):
    [mention] = quantities.find(f"これは{text}です", 100, profile)
    assert (mention.text, mention.type, mention.value) == (text, type_, value)
    assert (mention.start, mention.end) == (103, 103 + len(text))


def test_several_values_in_one_sentence_keep_their_offsets(profile):
    text = "2025年7月、テスラはAI6の量産をサムスンと約165億ドル(約2.4兆円)の契約で合意した"
    found = [(m.type, text[m.start:m.end]) for m in quantities.find(text, 0, profile, taken=[(0, 7)])]
    assert found == [("Money", "約165億ドル"), ("Money", "約2.4兆円")]


@pytest.mark.parametrize("text", ["第23回", "数千億円", "AI6"])
def test_what_is_not_a_value_is_left_alone(profile, text):
    assert [m for m in quantities.find(text, 0, profile) if m.type == "Money"] == []
