"""Sentence sentiment with NLTK's VADER, and its aggregates by paragraph, article and position."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from tiktok_study import sentiment as st
from tiktok_study.schema import COLUMNS, SchemaError

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of the seed articles
CGTN, GEEKPARK, RIVALRY = "000_84ecfe4f6f97db33", "001_1da23138b7400f21", "002_3862a9654516b30a"


def _sentences(*articles: tuple[str, list[list[str]]]) -> pd.DataFrame:
    """Sentence rows for articles given as (article_id, [[sentences of paragraph 0], [paragraph 1], ...])."""
    rows = []
    for article_id, paragraphs in articles:
        n, offset = 0, 0
        for p, texts in enumerate(paragraphs):
            for text in texts:
                rows.append((article_id, p, n, text, offset, offset + len(text)))
                n, offset = n + 1, offset + len(text) + 1
    return pd.DataFrame(rows, columns=COLUMNS["sentences"])


def _scores(*compounds: float, article_id: str = "a", paragraph_ids=None) -> pd.DataFrame:
    """A sentiment table with given compound values (neg/neu/pos filled to something valid)."""
    n = len(compounds)
    return pd.DataFrame(
        {
            "article_id": [article_id] * n,
            "paragraph_id": paragraph_ids if paragraph_ids is not None else [0] * n,
            "sentence_id": list(range(n)),
            "neg": [0.0] * n,
            "neu": [1.0] * n,
            "pos": [0.0] * n,
            "compound": list(compounds),
        }
    )


# --- scoring -------------------------------------------------------------------------------------------------------

TEXTS = [
    "The talks were a great success.",
    "Officials fear a dangerous crisis.",
    "It is not bad at all!",
    "Users love it, but lawmakers hate it.",
    "The committee met on Tuesday.",
    "",
]


def test_scores_equal_nltk_vader_exactly():
    sentences = _sentences(("a", [TEXTS[:3], TEXTS[3:]]))
    scored = st.score_sentiment(sentences)
    fresh = SentimentIntensityAnalyzer()
    for row, text in zip(scored.itertuples(), TEXTS, strict=True):
        want = fresh.polarity_scores(text)
        assert (row.neg, row.neu, row.pos, row.compound) == (
            want["neg"],
            want["neu"],
            want["pos"],
            want["compound"],
        )
    assert scored["compound"].tolist() == [0.8316, -0.886, 0.484, -0.5346, 0.0, 0.0]
    assert scored["label"].tolist() == ["positive", "negative", "positive", "negative", "neutral", "neutral"]


@pytest.mark.parametrize("source", ["lines", "normalizer"])
def test_seed_sentence_scores_equal_nltk_vader_exactly(source, seed_sentences):
    sentences = seed_sentences(source)
    scored = st.score_sentiment(sentences)
    fresh = SentimentIntensityAnalyzer()
    want = [fresh.polarity_scores(t)["compound"] for t in sentences["text"]]
    assert len(scored) == len(sentences) > 100
    by_key = dict(
        zip(zip(scored["article_id"], scored["sentence_id"], strict=True), scored["compound"], strict=True)
    )
    keys = zip(sentences["article_id"], sentences["sentence_id"], strict=True)
    assert [by_key[k] for k in keys] == want


def test_the_table_has_the_contract_columns_and_keys():
    sentences = _sentences(("b", [["Bad news."]]), ("a", [["Good news."], ["Fine."]]))
    scored = st.score_sentiment(sentences)
    assert list(scored.columns) == [*COLUMNS["sentiment"], "label"]
    assert scored[["article_id", "paragraph_id", "sentence_id"]].values.tolist() == [
        ["a", 0, 0],
        ["a", 1, 1],
        ["b", 0, 0],
    ]


def test_one_cached_nltk_analyzer():
    assert st.analyzer() is st.analyzer()
    assert type(st.analyzer()).__module__ == "nltk.sentiment.vader"  # never the vaderSentiment package's


def test_score_uses_the_cached_scorer(monkeypatch):
    calls = []

    class Fake:
        def polarity_scores(self, text):
            calls.append(text)
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.25}

    monkeypatch.setattr(st, "scorer", lambda: Fake())
    scored = st.score_sentiment(_sentences(("a", [["One.", "Two."]])))
    assert calls == ["One.", "Two."]
    assert scored["compound"].tolist() == [0.25, 0.25]


def test_missing_text_scores_as_empty():
    sentences = _sentences(("a", [["x"]]))
    sentences.loc[0, "text"] = None
    assert st.score_sentiment(sentences)[["compound", "neu", "label"]].values.tolist() == [
        [0.0, 0.0, "neutral"]
    ]


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="score_sentiment: the sentences table lacks columns text"):
        st.score_sentiment(pd.DataFrame({c: [] for c in COLUMNS["sentences"] if c != "text"}))


def test_empty_input():
    scored = st.score_sentiment(pd.DataFrame(columns=COLUMNS["sentences"]))
    assert scored.empty
    assert list(scored.columns) == st.SENTIMENT_COLUMNS


@pytest.mark.parametrize(
    ("compound", "label"),
    [(1.0, "positive"), (0.05, "positive"), (0.0499, "neutral"), (0.0, "neutral"), (-0.0499, "neutral"),
     (-0.05, "negative"), (-1.0, "negative")],
)  # fmt: skip
def test_labels_use_the_vader_thresholds(compound, label):
    assert st.label_compound(compound) == label
    assert st.label_compound(np.array([compound])).tolist() == [label]


# --- aggregates ----------------------------------------------------------------------------------------------------


def test_by_article_means_shares_counts_and_sd():
    scores = pd.concat([_scores(0.5, 0.1, 0.0, -0.6), _scores(0.3, article_id="b")], ignore_index=True)
    out = st.by_article(scores).set_index("article_id")
    a = out.loc["a"]
    assert a["n_sentences"] == 4
    assert a["mean_compound"] == 0.0
    assert a["sd_compound"] == round(statistics.stdev([0.5, 0.1, 0.0, -0.6]), 4)
    assert (a["n_positive"], a["n_neutral"], a["n_negative"]) == (2, 1, 1)
    assert (a["share_positive"], a["share_neutral"], a["share_negative"]) == (0.5, 0.25, 0.25)
    b = out.loc["b"]
    assert b["n_sentences"] == 1 and b["mean_compound"] == 0.3 and math.isnan(b["sd_compound"])


def test_by_paragraph_groups_by_paragraph():
    scores = _scores(0.5, 0.1, -0.4, paragraph_ids=[0, 0, 1])
    out = st.by_paragraph(scores)
    assert out[
        ["article_id", "paragraph_id", "n_sentences", "mean_compound", "share_negative"]
    ].values.tolist() == [
        ["a", 0, 2, 0.3, 0.0],
        ["a", 1, 1, -0.4, 1.0],
    ]


def test_aggregates_do_not_need_the_label_column():
    scores = _scores(0.2, -0.2)
    assert "label" not in scores
    assert st.by_article(scores)["share_positive"].tolist() == [0.5]


def test_aggregates_name_missing_columns():
    with pytest.raises(SchemaError, match="by_article: the sentiment table lacks columns compound"):
        st.by_article(_scores(0.1).drop(columns="compound"))


# --- arc -----------------------------------------------------------------------------------------------------------


def test_arc_bins_sentences_by_relative_position():
    out = st.arc(_scores(0.1, 0.2, 0.3), bins=10)
    assert len(out) == 10
    # positions (i + 0.5) / 3 = 0.167, 0.5, 0.833 -> bins 1, 5, 8
    filled = out[out["n_sentences"] > 0]
    assert filled["bin"].tolist() == [1, 5, 8]
    assert filled["mean_compound"].tolist() == [0.1, 0.2, 0.3]
    empty = out[out["n_sentences"] == 0]
    assert empty["mean_compound"].isna().all()
    assert out["bin_start"].tolist()[:3] == [0.0, 0.1, 0.2]
    assert out["bin_end"].tolist()[-1] == 1.0


def test_arc_every_bin_is_filled_when_an_article_has_enough_sentences():
    for n in range(10, 41):
        out = st.arc(_scores(*([0.1] * n)), bins=10)
        assert (out["n_sentences"] > 0).all(), n
        assert out["n_sentences"].sum() == n


def test_arc_gives_every_article_all_bins_and_orders_by_sentence_id():
    a = _scores(-0.5, 0.5)
    a = a.iloc[::-1]  # rows out of order: the arc follows sentence_id, not row order
    b = _scores(0.9, article_id="b")
    out = st.arc(pd.concat([a, b]), bins=4)
    assert out["article_id"].tolist() == ["a"] * 4 + ["b"] * 4
    a_out = out[out["article_id"] == "a"]
    assert a_out["n_sentences"].tolist() == [0, 1, 0, 1]  # positions 0.25 and 0.75
    assert a_out["mean_compound"].tolist()[1::2] == [-0.5, 0.5]
    assert out[out["article_id"] == "b"]["n_sentences"].tolist() == [0, 0, 1, 0]  # position 0.5


@pytest.mark.parametrize("bins", [0, -1, 2.5, True])
def test_arc_refuses_bad_bins(bins):
    with pytest.raises(ValueError, match="bins must be a positive integer"):
        st.arc(_scores(0.1), bins=bins)


# --- the seeds -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["lines", "normalizer"])
def test_seed_article_means(source, seed_sentences):
    """The hawkish rivalry piece is lexically the most positive: VADER measures word tone, not stance."""
    means = st.by_article(st.score_sentiment(seed_sentences(source))).set_index("article_id")["mean_compound"]
    assert means[RIVALRY] > means[CGTN] > 0
    assert means[RIVALRY] > means[GEEKPARK]
