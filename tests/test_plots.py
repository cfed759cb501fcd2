"""The notebooks' figures, drawn directly: what they show, and that they stay readable at 3 and at 500 articles."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from tiktok_study import compare, plots
from tiktok_study.notebook import save_figure
from tiktok_study.schema import COLUMNS

FRAMES = ("conflict", "economic", "legal", "morality")
OUTLETS = [f"Outlet {k}" for k in range(12)]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def corpus(n: int, *, seed: int = 3) -> dict[str, pd.DataFrame]:
    """A synthetic analysed corpus of ``n`` articles over 12 outlets and 24 months (only the tables plots need)."""
    rng = np.random.default_rng(seed)
    ids = [f"{i:04d}_{rng.integers(16**6):06x}" for i in range(n)]
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "title": [f"Story number {i} about the app and the ban" for i in range(n)],
            "source": [OUTLETS[i % len(OUTLETS)] for i in range(n)],
            "published": [f"{2023 + (i % 24) // 12}-{i % 12 + 1:02d}-15" for i in range(n)],
        }
    )
    af_rows, s_rows = [], []
    for a in ids:
        for f in FRAMES[:3]:
            hits = int(rng.poisson(2))
            af_rows.append((a, f, hits, hits * 2.5, 0.2, hits > 1, False))
        for s in range(int(rng.integers(5, 30))):
            s_rows.append((a, s // 3, s, 0.0, 1.0, 0.0, float(np.tanh(rng.normal(0.1, 0.5)))))
    af = pd.DataFrame(af_rows, columns=COLUMNS["article_frames"])
    first = af.groupby("article_id")["hits"].idxmax()
    af.loc[first, "dominant"] = True
    sentiment = pd.DataFrame(s_rows, columns=COLUMNS["sentiment"])
    return {"articles": articles, "article_frames": af, "sentiment": sentiment}


def _saved_height(fig, tmp_path, name="figure") -> int:
    path = save_figure(fig, name, notebook="test", reports_dir=tmp_path)
    return Image.open(path).size[1]


def _ticks(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_article_labels_are_titles_unique_per_article():
    articles = pd.DataFrame(
        {
            "article_id": ["001_a", "002_b", "003_c", "004_d"],
            "title": ["TikTok ban upheld", "Same headline", "Same headline", None],
        }
    )
    labels = plots.article_labels(articles, width=20)
    assert labels == {
        "001_a": "TikTok ban upheld",
        "002_b": "Same headline 002_b",
        "003_c": "Same headline 003_c",
        "004_d": "(no title) 004_d",
    }
    long = plots.article_labels(pd.DataFrame({"article_id": ["x"], "title": ["word " * 30]}), width=20)
    assert len(long["x"]) == 20 and long["x"].endswith("…")


def test_horizontal_bars_show_the_top_n_and_count_the_rest(tmp_path):
    values = pd.Series(range(500), index=[f"article {i}" for i in range(500)], dtype=float)
    fig = plots.horizontal_bars(values, title="t", xlabel="x", top_n=30, noun="articles")
    ticks = _ticks(fig.axes[0])
    assert len(ticks) == 31
    assert ticks[0] == "… and 470 more articles" and ticks[-1] == "article 499"  # largest at the top
    assert _saved_height(fig, tmp_path) <= 2000
    few = plots.horizontal_bars(values.iloc[:3], title="t", xlabel="x")
    assert _ticks(few.axes[0]) == ["article 0", "article 1", "article 2"]  # bottom to top: largest on top


@pytest.mark.parametrize("n", [3, 500])
def test_frame_heatmap_rows_are_bounded(n, tmp_path):
    data = corpus(n)
    labels = plots.article_labels(data["articles"])
    fig = plots.frame_heatmap(data["article_frames"], labels, top_n=30)
    ax = fig.axes[0]
    assert len(_ticks(ax)) == min(n, 30)
    assert set(_ticks(ax)) <= set(labels.values())
    assert ("470 more articles" in ax.get_title()) is (n == 500)
    assert _saved_height(fig, tmp_path) <= 2000


def test_frames_along_honours_frame_ids_zeros_included():
    paragraphs = pd.DataFrame(
        {"article_id": ["a"] * 4, "paragraph_id": [0, 1, 2, 3], "kind": ["body"] * 4, "text": ["x"] * 4,
         "start": [0] * 4, "end": [1] * 4}
    )  # fmt: skip
    frames = pd.DataFrame(
        {"article_id": ["a", "a"], "paragraph_id": [0, 3], "frame": ["legal", "conflict"], "term": ["court", "war"],
         "start": [0, 0], "end": [1, 1]}
    )  # fmt: skip
    fig = plots.frames_along(frames, paragraphs, bins=4, frame_ids=FRAMES)
    ax = fig.axes[0]
    assert _ticks(ax) == list(FRAMES)
    grid = ax.images[0].get_array()
    assert grid.tolist() == [[0, 0, 0, 1], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]
    without = plots.frames_along(frames, paragraphs, bins=4)
    assert _ticks(without.axes[0]) == ["conflict", "legal"]


def test_sentence_tone_groups_by_outlet_at_scale(tmp_path):
    data = corpus(500)
    outlets = compare.outlets(data["articles"])
    fig = plots.sentiment_distribution(data["sentiment"], groups=outlets, top_n=30)
    ticks = _ticks(fig.axes[0])
    assert len(ticks) == 12 and all(t.startswith("Outlet ") and "(n=" in t for t in ticks)
    assert _saved_height(fig, tmp_path) <= 2000
    small = corpus(3)
    labels = plots.article_labels(small["articles"])
    per_article = plots.sentiment_distribution(small["sentiment"], labels, groups=outlets, top_n=30)
    assert sorted(_ticks(per_article.axes[0])) == sorted(labels.values())


def test_sentiment_arcs_pool_many_articles_into_one_line_with_an_interval():
    rows = []
    for a in range(40):
        for b in range(5):
            rows.append((f"a{a}", b, b / 5, (b + 1) / 5, 3, 0.1 * b, 3))
    arc = pd.DataFrame(
        rows, columns=["article_id", "bin", "bin_start", "bin_end", "n_sentences", "mean_compound", "x"]
    )
    pooled = plots.sentiment_arcs(arc, max_lines=8, resamples=100)
    ax = pooled.axes[0]
    assert len(ax.lines) == 2  # the mean and the zero line
    assert np.allclose(ax.lines[0].get_ydata(), [0.0, 0.1, 0.2, 0.3, 0.4])
    assert "mean of 40 articles" in ax.get_title()
    few = plots.sentiment_arcs(arc[arc["article_id"].isin(["a1", "a2"])], {"a1": "One", "a2": "Two"})
    assert [t.get_text() for t in few.axes[0].get_legend().get_texts()] == ["One", "Two"]


def test_comparison_figures_show_n_and_mark_small_groups(tmp_path):
    data = corpus(500)
    by_outlet = compare.frame_shares(
        data["article_frames"], data["articles"], frame_ids=FRAMES, resamples=100
    )
    heat = plots.frame_shares_heatmap(by_outlet, top_n=10)
    ax = heat.axes[0]
    assert ax.get_xticklabels()[0].get_text() == "Outlet 0\nn=42"
    assert "… and 2 more outlets (fewer articles) not shown" in ax.get_title()
    assert _ticks(ax) == list(FRAMES)
    assert _saved_height(heat, tmp_path, "heat") <= 2000

    articles = data["articles"].copy()
    articles.loc[[0, 1, 2, 3], "source"] = "Tiny"
    tone = compare.tone(data["sentiment"], articles, resamples=100)
    fig = plots.group_intervals(tone, title="tone", xlabel="compound", top_n=30)
    ax = fig.axes[0]
    assert "Tiny (n=4)" in _ticks(ax)
    colors = [tuple(np.round(c.get_color(), 2)) if not isinstance(c.get_color(), str) else c.get_color()
              for c in ax.lines]  # fmt: skip
    assert "0.65" in colors  # the small outlet in grey
    assert _saved_height(fig, tmp_path, "tone") <= 2000


def test_over_time_places_periods_on_a_time_axis():
    articles = pd.DataFrame(
        {"article_id": list("abcdef"), "source": "W", "title": "t",
         "published": ["2024-01-02", "2024-01-09", "2024-04-01", "2024-04-03", "2024-04-05", "2024-05-01"]}
    )  # fmt: skip
    sentiment = pd.DataFrame(
        [(a, 0, 0, 0.0, 1.0, 0.0, v) for a, v in zip("abcdef", [0.1, 0.3, -0.2, 0.0, 0.2, 0.5], strict=True)],
        columns=COLUMNS["sentiment"],
    )
    tone = compare.tone(sentiment, articles, by="month", resamples=50, min_articles=2)
    fig = plots.over_time(tone, title="tone", ylabel="compound", ylim=(-1, 1))
    ax = fig.axes[0]
    xs = ax.lines[0].get_xdata()
    assert list(xs) == [0, 1, 2, 3, 4]  # January … May: February and March are gaps, not neighbours
    assert np.isnan(ax.lines[0].get_ydata()[1:3]).all()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-01", "2024-04", "2024-05"]
