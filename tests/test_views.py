"""The notebooks' cross-table views, called directly on small tables whose answers are known."""

from __future__ import annotations

import pandas as pd
import pytest

from tiktok_study import views
from tiktok_study.schema import COLUMNS, SchemaError

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a", "b", "c"],
        "title": ["Ban upheld", "Deal talks", "Creators move"],
        "source": ["Wire", None, " "],
        "text": ["One. Two.", "Three.", "Four."],
    }
)
AF = pd.DataFrame(
    [
        ("a", "conflict", 3, 6.0, 0.5, True, True),
        ("a", "economic", 1, 2.0, 0.2, True, False),
        ("b", "conflict", 0, 0.0, 0.0, False, False),
        ("b", "economic", 2, 4.0, 0.5, True, True),
        ("c", "conflict", 0, 0.0, 0.0, False, False),
        ("c", "economic", 0, 0.0, 0.0, False, False),
    ],
    columns=COLUMNS["article_frames"],
)


def test_outlet_of_names_unstated_outlets():
    assert views.outlet_of(ARTICLES).to_dict() == {"a": "Wire", "b": "(unknown)", "c": "(unknown)"}


def test_dominant_frames_and_the_frame_table():
    assert views.dominant_frames(AF) == {"a": "conflict", "b": "economic", "c": None}
    table = views.frame_table(AF, ARTICLES)
    assert table.columns.tolist() == [
        "article_id",
        "title",
        "dominant",
        "present (hits per 1k words)",
        "hits",
    ]
    assert table.set_index("article_id").loc["a"].tolist() == [
        "Ban upheld", "conflict", "conflict (6.0), economic (2.0)", 4,
    ]  # fmt: skip
    assert table.set_index("article_id").loc["c", "present (hits per 1k words)"] == ""


def test_views_name_the_missing_columns():
    with pytest.raises(SchemaError, match="dominant_frames: the article_frames table lacks columns"):
        views.dominant_frames(AF.drop(columns=["dominant"]))


def test_top_terms_counts_hits_per_frame():
    frames = pd.DataFrame(
        {
            "article_id": ["a"] * 5,
            "paragraph_id": [0, 0, 1, 1, 2],
            "frame": ["conflict", "conflict", "conflict", "economic", "conflict"],
            "term": ["war", "fight", "war", "deal", "war"],
            "start": range(5),
            "end": range(1, 6),
        }
    )
    assert views.top_terms(frames, n=1).to_dict("list") == {
        "frame": ["conflict", "economic"],
        "top terms (hits)": ["war (3)", "deal (1)"],
    }


def test_tone_ranking_orders_by_mean_compound_with_titles_and_frames():
    by_article = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "n_sentences": [2, 1, 1],
            "mean_compound": [-0.2, 0.4, 0.4],
            "share_positive": [0.0, 1.0, 1.0],
            "share_neutral": [0.5, 0.0, 0.0],
            "share_negative": [0.5, 0.0, 0.0],
        }
    )
    ranking = views.tone_ranking(by_article, ARTICLES, AF)
    assert ranking["article_id"].tolist() == ["b", "c", "a"]  # ties broken by id
    assert ranking["dominant_frame"].fillna("(none)").tolist() == ["economic", "(none)", "conflict"]
    assert "dominant_frame" not in views.tone_ranking(by_article, ARTICLES).columns


def test_article_text_with_cuts():
    removed = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "line_no": [9, 2, 1],
            "text": ["Share", "Menu", "x"],
            "rule": ["social", "nav", "nav"],
        }
    )
    text, cuts = views.article_text_with_cuts("a", ARTICLES, removed)
    assert text == "One. Two."
    assert cuts.to_dict("list") == {"line_no": [2, 9], "rule": ["nav", "social"], "text": ["Menu", "Share"]}
    with pytest.raises(KeyError, match="no article 'z'"):
        views.article_text_with_cuts("z", ARTICLES, removed)
