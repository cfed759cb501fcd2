"""Comparisons by outlet and over time: bootstrap intervals over articles, the n, and plain statements."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tiktok_study import compare
from tiktok_study.errors import UsageError
from tiktok_study.schema import COLUMNS

FRAMES = ("conflict", "economic", "morality")


def _articles(sources, dates=None):
    n = len(sources)
    return pd.DataFrame(
        {
            "article_id": [f"a{i:03d}" for i in range(n)],
            "source": sources,
            "published": dates if dates is not None else [None] * n,
            "title": [f"Story {i}" for i in range(n)],
        }
    )


def _article_frames(articles, present):
    """``present``: article index -> frames present (every frame of FRAMES gets a row)."""
    rows = []
    for i, article_id in enumerate(articles["article_id"]):
        for frame in FRAMES[:2]:  # like a table analyzed with an older codebook: morality has no rows
            on = frame in present.get(i, ())
            rows.append((article_id, frame, int(on), 1.0 * on, 0.1 * on, on, False))
    return pd.DataFrame(rows, columns=COLUMNS["article_frames"])


def _sentiment(articles, tone):
    rows = []
    for i, article_id in enumerate(articles["article_id"]):
        for s, value in enumerate(tone[i]):
            rows.append((article_id, 0, s, 0.0, 1.0, 0.0, value))
    return pd.DataFrame(rows, columns=COLUMNS["sentiment"])


def test_group_means_gives_the_mean_the_n_and_an_interval_around_it():
    values = pd.DataFrame({"article_id": list("abcdefg"), "measure": "x", "value": [1, 2, 3, 4, 10, 20, 30]})
    groups = pd.Series(list("AAAABBB"), index=list("abcdefg"))
    table = compare.group_means(values, groups, min_articles=4, resamples=500)
    assert table.columns.tolist() == compare.COMPARISON_COLUMNS
    a, b = table.iloc[0], table.iloc[1]
    assert (a["group"], a["n_articles"], a["mean"], a["comparable"]) == ("A", 4, 2.5, True)
    assert (b["group"], b["n_articles"], b["mean"], b["comparable"]) == ("B", 3, 20.0, False)
    assert 1 <= a["low"] < 2.5 < a["high"] <= 4
    assert 10 <= b["low"] < 20 < b["high"] <= 30


def test_intervals_are_deterministic_and_a_new_group_changes_no_other():
    values = pd.DataFrame(
        {"article_id": list("abcdef"), "measure": "x", "value": [0.1, 0.5, 0.2, 0.9, 0.4, 0.3]}
    )
    groups = pd.Series(list("AAABBB"), index=list("abcdef"))
    first = compare.group_means(values, groups, resamples=300)
    assert first.equals(compare.group_means(values, groups, resamples=300))
    more = pd.concat([values, pd.DataFrame({"article_id": ["g"], "measure": "x", "value": [0.7]})])
    second = compare.group_means(more, pd.concat([groups, pd.Series(["C"], index=["g"])]), resamples=300)
    assert second[second["group"] != "C"].reset_index(drop=True).equals(first)


def test_bootstrap_interval_edge_cases():
    low, high = compare.bootstrap_interval(np.array([0.4]))
    assert low[0] == high[0] == 0.4  # one article: no spread to resample; read n before the interval
    low, high = compare.bootstrap_interval(np.array([]))
    assert np.isnan(low[0]) and np.isnan(high[0])
    low, high = compare.bootstrap_interval(np.array([1.0, 2.0]), resamples=0)
    assert np.isnan(low[0])
    many = np.random.default_rng(1).normal(size=(5_000, 2))  # the chunked draw gives the textbook width
    low, high = compare.bootstrap_interval(many, resamples=400)
    assert np.allclose(high - low, 2 * 1.96 / np.sqrt(5_000), rtol=0.15)


def test_frame_shares_by_outlet_keep_every_codebook_frame_with_zeros():
    articles = _articles(["Wire"] * 5 + ["Daily"] * 5)
    af = _article_frames(
        articles, {0: ["conflict"], 1: ["conflict"], 5: ["economic"], 6: ["economic"], 7: ["conflict"]}
    )
    result = compare.frame_shares(af, articles, by="outlet", frame_ids=FRAMES, resamples=200)
    table = result.table.set_index(["group", "measure"])
    assert table.loc[("Wire", "conflict"), "mean"] == 0.4
    assert table.loc[("Daily", "economic"), "mean"] == 0.4
    assert table.loc[("Daily", "morality"), "mean"] == 0.0  # a codebook frame without rows shows as zero
    assert set(result.table["n_articles"]) == {5}
    assert result.possible
    assert (
        result.statement
        == "2 outlets with 5 or more articles are compared (95% bootstrap intervals over articles)."
    )


def test_a_single_outlet_corpus_says_there_is_nothing_to_compare():
    articles = _articles(["Wire"] * 3 + [None, ""])
    result = compare.tone(_sentiment(articles, [[0.1]] * 5), articles, by="outlet", resamples=50)
    assert not result.possible
    assert result.n_left_out == 2
    assert result.statement == (
        "Only one outlet (Wire, 3 articles): there is nothing to compare by outlet. "
        "2 articles state no outlet and are left out."
    )


def test_a_corpus_without_dates_says_so():
    articles = _articles(["Wire", "Daily"])
    result = compare.tone(_sentiment(articles, [[0.1], [0.2]]), articles, by="month", resamples=50)
    assert result.table.empty and not result.possible
    assert result.statement == "No article has a publication date: no comparison by month."


def test_small_groups_are_named_and_not_compared():
    articles = _articles(["Wire"] * 6 + ["Daily"] * 6 + ["Blog"] * 2)
    result = compare.tone(_sentiment(articles, [[0.1, 0.3]] * 14), articles, resamples=50, min_articles=5)
    assert result.possible
    assert "Under 5 articles, shown but not compared: Blog (n=2)." in result.statement
    assert not result.table.set_index("group").loc["Blog", "comparable"]
    too_few = compare.tone(_sentiment(articles, [[0.1]] * 14), articles, resamples=50, min_articles=7)
    assert not too_few.possible
    assert too_few.statement.startswith(
        "Too few articles to compare by outlet: no outlet has 7 or more articles."
    )


def test_tone_by_outlet_is_the_mean_of_article_means():
    articles = _articles(["Wire", "Wire", "Daily"])
    sentiment = _sentiment(articles, [[1.0, 0.0], [0.5], [-0.5, -0.3, -0.1]])  # article means 0.5, 0.5, -0.3
    table = compare.tone(sentiment, articles, resamples=100).table.set_index("group")
    assert table.loc["Wire", "mean"] == 0.5 and table.loc["Wire", "n_articles"] == 2
    assert table.loc["Daily", "mean"] == pytest.approx(-0.3)


def test_periods_and_the_time_unit_follow_how_many_articles_a_period_holds():
    dates = [
        "2024-01-05",
        "2024-01-20",
        "2024-02-02",
        "2024-04-30",
        "2024-05-01T08:00:00Z",
        "not a date",
        None,
        "2024-13-01",
    ]
    articles = _articles(["Wire"] * len(dates), dates)
    assert compare.periods(articles).tolist()[:5] == ["2024-01", "2024-01", "2024-02", "2024-04", "2024-05"]
    assert compare.periods(articles).isna().tolist()[5:] == [True, True, True]
    assert compare.periods(articles, "quarter").dropna().tolist() == ["2024-Q1"] * 3 + ["2024-Q2"] * 2
    assert compare.time_unit(articles, min_articles=1) == "month"
    assert compare.time_unit(articles, min_articles=2) == "quarter"
    assert compare.time_unit(articles, min_articles=5) == "year"
    assert sorted(["2024-10", "2023-12", "2024-02"], key=compare.period_order) == [
        "2023-12",
        "2024-02",
        "2024-10",
    ]
    assert compare.period_order("2024-03") - compare.period_order("2023-12") == 3
    with pytest.raises(UsageError, match="time unit must be one of month, quarter, year; got 'week'"):
        compare.periods(articles, "week")


def test_bad_options_are_refused():
    articles = _articles(["Wire"])
    sentiment = _sentiment(articles, [[0.1]])
    with pytest.raises(UsageError, match="compare by outlet, month, quarter, year; got 'author'"):
        compare.tone(sentiment, articles, by="author")
    with pytest.raises(UsageError, match="min_articles must be 1 or more"):
        compare.tone(sentiment, articles, min_articles=0)
    with pytest.raises(UsageError, match="resamples must be 0 or more"):
        compare.tone(sentiment, articles, resamples=-1)
