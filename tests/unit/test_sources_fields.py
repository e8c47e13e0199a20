"""Metadata fields: synonyms, safe source ids, dates."""

import datetime as dt

import pytest

from verifier.sources.fields import first_of, normal_key, parse_date, source_id, text_value


@pytest.mark.parametrize("name,expected", [
    ("reuters", "reuters"),
    ("Daily Mail (12 Sept)", "daily-mail-12-sept"),
    ("Радио Свобода", "radio-svoboda"),
    ("../etc/passwd", "etc-passwd"),
    ("((()))", "article"),
    ("REUTERS", "REUTERS"),
])
def test_fields_source_id(name, expected):
    assert source_id(name) == expected


@pytest.mark.parametrize("value,expected", [
    ("2025-09-11", "2025-09-11"),
    ("2025-09-11T23:30:00-05:00", "2025-09-11"),  # the date as written, no time-zone shift
    ("2025-09-11T08:00:00Z", "2025-09-11"),
    ("2025-09-11 07:15:00", "2025-09-11"),
    ("Thu, 11 Sep 2025 08:00:00 +0000", "2025-09-11"),
    (dt.date(2025, 9, 11), "2025-09-11"),
])
def test_fields_parse_date(value, expected):
    assert str(parse_date(value)) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", 2025, "", None, "11/09/2025"])
def test_fields_parse_date_refuses(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_fields_keys_synonyms_and_precedence():
    assert normal_key("publishedAt") == normal_key("Published-At") == "published_at"
    record = {"Headline": "H", "title": "T", "link": "", "URL": "https://x.example/"}
    assert first_of(record, ("title", "headline")) == ("title", "T")
    assert first_of(record, ("url", "link")) == ("URL", "https://x.example/")
    assert first_of(record, ("link",)) is None  # empty values do not count
    assert text_value({"id": None, "name": "Lake News"}) == "Lake News"
    assert text_value("  ") is None
