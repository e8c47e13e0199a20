"""Ingest: site furniture goes, prose stays; the seed fixtures are reproducible."""

from pathlib import Path

import pytest
import yaml

from verifier.errors import ArticleError
from verifier.ingest import extract, is_prose, read_scrape, render_fixture

ROOT = Path(__file__).resolve().parents[2]

PAGE = """ date 2025-03-02 Main Menu
Home | World | Sport
Ministers Agree New Fishing Quotas After Long Talks | Europe News
Ministers agreed new fishing quotas on Sunday after talks that ran through the night.
Jane Roe | Updated: 02-03-2025 10:00 GMT
Boats moored at the harbour (Image: Reuters)
The deal cuts the cod catch by a tenth, officials said.
(With inputs from agencies.)
Fishing groups called the cuts painful but necessary. – AP
We bring you the news that matters, every day, without fear or favour.
TRENDING
Celebrity chef opens a restaurant on the moon, fans say it is great fun.
"""


def test_ingest_keeps_prose_and_drops_furniture():
    extracted = extract(PAGE)
    assert extracted.title == "Ministers Agree New Fishing Quotas After Long Talks"
    assert str(extracted.date) == "2025-03-02"
    assert extracted.paragraphs == (
        "Ministers agreed new fishing quotas on Sunday after talks that ran through the night.",
        "The deal cuts the cod catch by a tenth, officials said.",
        "Fishing groups called the cuts painful but necessary.",
    )


def test_ingest_author_box_ends_the_article():
    page = ("Officials confirmed the new budget figures on Monday morning.\n"
            "Petrov Ivan\n"
            "Ivan Petrov is a senior editor covering markets and the economy.\n")
    assert extract(page).paragraphs == (
        "Officials confirmed the new budget figures on Monday morning.",)


def test_ingest_repeated_standfirst_is_kept_once_in_the_body():
    page = ("The minister resigned on Friday evening.\n"
            "Other text that is the article body starts here today.\n"
            "The minister resigned on Friday evening. He gave no reason.\n")
    assert extract(page).paragraphs == (
        "Other text that is the article body starts here today.",
        "The minister resigned on Friday evening. He gave no reason.")


def test_ingest_prose_test():
    assert is_prose("The deal cuts the cod catch by a tenth, officials said.")
    assert not is_prose("Ministers Agree New Fishing Quotas After Long Talks Today.")
    assert not is_prose("Read more")


def test_ingest_seed_fixtures_are_reproducible():
    manifest = yaml.safe_load((ROOT / "fixtures" / "seeds.yaml").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        raw = (ROOT / entry["seed"]).read_text(encoding="utf-8")
        text = render_fixture(extract(raw), entry["source"], entry["outlet"], None, entry["date"])
        committed = ROOT / manifest["output"] / f"{entry['source']}.txt"
        assert text == committed.read_text(encoding="utf-8"), entry["source"]


FURNITURE = ["TRENDING", "Related Article", "Recent Comments", "Disclaimer:", "Copyright",
             "AI-generated", "(Image:", "Photograph:", "Source link", "Continue Reading",
             "Senior Editor", "Our Editorial team", "Last Updated", "– Reuters"]


def test_ingest_seed_fixtures_hold_no_site_furniture():
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        for cue in FURNITURE:
            assert cue not in body, (path.name, cue)


INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"


def test_ingest_reads_a_web_page_with_its_metadata():
    extracted, warnings = read_scrape(INPUTS / "mixed" / "lakeside-gazette.html")
    assert warnings == []
    assert (extracted.title, str(extracted.date), extracted.url, extracted.outlet) == (
        "Minsk frees 52 prisoners after US talks", "2025-09-11",
        "https://gazette.example/world/minsk-frees-prisoners", "Lakeside Gazette")
    fixture = render_fixture(extracted, "lg", outlet="Given Outlet")
    assert "outlet: Given Outlet\nurl: https://gazette.example/" in fixture


def test_ingest_reads_other_encodings_with_a_warning(tmp_path: Path):
    raw = tmp_path / "scrape.txt"
    raw.write_bytes("Минск освободил 52 заключённых в четверг, сообщили официальные лица.\n"
                    .encode("koi8-r"))
    extracted, (warning,) = read_scrape(raw)
    assert extracted.paragraphs[0].startswith("Минск освободил")
    assert "read as koi8-r (Cyrillic)" in warning.message


@pytest.mark.parametrize("name,message", [
    ("missing.txt", "no such file; check the path"),
    ("no-text.html", "no article text in the page"),
])
def test_ingest_unreadable_scrapes_are_one_line(name, message):
    with pytest.raises(ArticleError, match=message):
        read_scrape(INPUTS / name)
