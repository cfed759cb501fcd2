"""Acceptance of issue #3 on the three seed articles (tests/fixtures/seeds; what a careful reader sees)."""

from __future__ import annotations

import pytest

from tiktok_study.io import read_table, sha256_file
from tiktok_study.normalize import normalize_folder

from .conftest import RAW

CGTN = "000_84ecfe4f6f97db33"
GEEKPARK = "001_1da23138b7400f21"
RIVALRY = "002_3862a9654516b30a"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    summary = normalize_folder(RAW, out)
    tables = {
        n: read_table(out / f"{n}.parquet")
        for n in ("articles", "paragraphs", "sentences", "removed", "skipped")
    }
    tables["summary"] = summary
    return tables


def _article(seeds, aid):
    rows = seeds["articles"][seeds["articles"]["article_id"] == aid]
    assert len(rows) == 1
    return rows.iloc[0]


def _paragraphs(seeds, aid, kind=None):
    p = seeds["paragraphs"][seeds["paragraphs"]["article_id"] == aid]
    return p if kind is None else p[p["kind"] == kind]


def _removed(seeds, aid):
    return seeds["removed"][seeds["removed"]["article_id"] == aid]


def test_three_articles_nothing_skipped(seeds):
    assert seeds["articles"]["article_id"].tolist() == [CGTN, GEEKPARK, RIVALRY]
    assert seeds["summary"].n_articles == 3 and seeds["summary"].n_skipped == 0
    assert seeds["skipped"].empty
    assert seeds["articles"]["language"].tolist() == ["en", "en", "en"]


def test_provenance_is_relative_path_and_file_hash(seeds):
    a = _article(seeds, CGTN)
    assert a["source_path"] == f"{CGTN}.txt"
    assert a["raw_sha256"] == sha256_file(RAW / f"{CGTN}.txt")
    assert a["format"] == "txt" and a["encoding"] == "utf-8"


def test_cgtn_author_from_line_and_bio_footer_cut(seeds):
    a = _article(seeds, CGTN)
    assert a["title"] == "How TikTok’s Fate Sparks Unexpected U.S.-China Cultural Exchange"
    assert list(a["authors"]) == ["Jiang Tao"]
    body = _paragraphs(seeds, CGTN, "body")
    assert len(body) == 8 and a["n_paragraphs"] == 8
    assert body["text"].iloc[0].startswith("On January 20th, U.S. President Donald Trump signed")
    last = body["text"].iloc[-1]
    assert last.endswith("generate more structural tensions, and ultimately lead to regression.")
    assert "Author" not in a["text"] and "Jiang Tao" not in a["text"]
    cuts = _removed(seeds, CGTN)[["line_no", "text", "rule"]].values.tolist()
    assert cuts == [
        [1, "How TikTok’s Fate Sparks Unexpected U.S.-China Cultural Exchange", "metadata:title"],
        [3, "From Jiang Tao", "metadata:byline"],
        [19, "–The Author is also a Reporter for CGTN Radio", "author-bio"],
    ]


def test_geekpark_header_metadata(seeds):
    a = _article(seeds, GEEKPARK)
    assert a["title"] == "The turning point has arrived amid TikTok's head-on confrontation"
    assert (
        a["subtitle"]
        == "Whether TikTok survives or not, it will bring significant changes to the global internet."
    )
    assert list(a["authors"]) == ["Lian Ran"]
    assert list(a["editors"]) == ["Zheng Xuan"]
    assert a["source"] == "GeekPark"
    assert a["text"].startswith("This could be the first time in human business history")


def test_geekpark_title_once_and_headings_without_numbers(seeds):
    a = _article(seeds, GEEKPARK)
    rules = dict(zip(_removed(seeds, GEEKPARK)["line_no"], _removed(seeds, GEEKPARK)["rule"], strict=True))
    assert rules[2] == "metadata:title" and rules[5] == "title-repeat"
    assert a["text"].count("The turning point has arrived") == 0
    headings = _paragraphs(seeds, GEEKPARK, "heading")["text"].tolist()
    assert headings == [
        "TikTok Has Nowhere Else to Retreat",
        "Could a Window Open Between Chinese and American Internet Worlds?",
    ]
    assert a["n_headings"] == 2


def test_geekpark_no_image_promo_or_social_lines(seeds):
    text = _article(seeds, GEEKPARK)["text"]
    for absent in ("Image source", "Selected", "Join TechFlow", "Telegram", "https://", "x.com", "Twitter"):
        assert absent not in text, absent
    rules = _removed(seeds, GEEKPARK).set_index("line_no")["rule"]
    assert rules[3] == "promo-label"
    assert [rules[n] for n in (16, 34, 46)] == ["caption-credit"] * 3
    assert [rules[n] for n in (60, 61, 62, 63)] == [
        "call-to-action",
        "social-link",
        "social-link",
        "social-link",
    ]
    assert (
        _paragraphs(seeds, GEEKPARK, "body")["text"]
        .iloc[-1]
        .startswith("Regardless, the far-reaching impact")
    )


def test_rivalry_section_paragraphs_and_no_related_list(seeds):
    a = _article(seeds, RIVALRY)
    assert a["section"] == "Politics"
    assert a["title"] == "US-China Tech Rivalry Intensifies Over TikTok Sale Deal"
    body = _paragraphs(seeds, RIVALRY, "body")
    assert len(body) == 12
    assert body["text"].iloc[-1].endswith("global influence have never been higher.")
    for absent in ("months ago", "Humanism Camp", "Stablecoin", "Singapore", "Lifestyle", "\n-\n"):
        assert absent not in a["text"], absent
    rules = _removed(seeds, RIVALRY)["rule"].value_counts().to_dict()
    assert rules == {
        "separator": 12, "related:label-time": 12, "related:headline": 12, "metadata:section": 1, "metadata:title": 1,
    }  # fmt: skip


def test_offsets_slice_the_text(seeds):
    texts = dict(zip(seeds["articles"]["article_id"], seeds["articles"]["text"], strict=True))
    for table in ("paragraphs", "sentences"):
        for row in seeds[table].itertuples():
            assert texts[row.article_id][row.start : row.end] == row.text
    counts = seeds["sentences"].groupby("article_id").size().to_dict()
    assert counts == dict(zip(seeds["articles"]["article_id"], seeds["articles"]["n_sentences"], strict=True))


def test_typographic_quotes_and_dashes_kept(seeds):
    text = _article(seeds, CGTN)["text"]
    assert "“ban-or-sell TikTok”" in text and "today’s world" in text
    assert "pivotal moment—from continuous resistance" in _article(seeds, GEEKPARK)["text"]
