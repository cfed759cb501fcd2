"""The agreement metrics against numbers worked out by hand on tiny inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from tiktok_study import metrics


def test_prf_from_counts():
    # tp=3, fp=1, fn=2: P = 3/4, R = 3/5, F1 = 6/9
    p, r, f = metrics.prf(tp=3, fp=1, fn=2)
    assert (p, r) == (0.75, 0.6)
    assert f == pytest.approx(2 / 3)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_prf_four_items_half_right():
    gold = np.array([1, 1, 0, 0], dtype=bool)
    pred = np.array([1, 0, 1, 0], dtype=bool)
    tp, fp, fn = int((gold & pred).sum()), int((~gold & pred).sum()), int((gold & ~pred).sum())
    assert metrics.prf(tp=tp, fp=fp, fn=fn) == (0.5, 0.5, 0.5)


def test_prf_undefined_parts_are_nan():
    p, r, f = metrics.prf(tp=0, fp=0, fn=2)  # nothing predicted: precision undefined, F1 0
    assert math.isnan(p) and r == 0.0 and f == 0.0
    p, r, f = metrics.prf(tp=0, fp=2, fn=0)  # nothing to find: recall undefined
    assert p == 0.0 and math.isnan(r) and f == 0.0
    assert all(math.isnan(x) for x in metrics.prf(tp=0, fp=0, fn=0))


def test_all_positive_baseline_f1():
    assert metrics.all_positive_f1([True, False, False, False]) == pytest.approx(0.4)  # 2(.25)/(1.25)
    assert metrics.all_positive_f1([1, 1, 0, 0]) == pytest.approx(2 / 3)
    assert metrics.all_positive_f1([0, 0]) == 0.0
    assert math.isnan(metrics.all_positive_f1([]))


def test_sentiment_class_thresholds():
    assert metrics.sentiment_class([0.05, 0.0499, -0.0499, -0.05, 0.9]) == [
        "positive", "neutral", "neutral", "negative", "positive",
    ]  # fmt: skip
    # threshold 0: the sign decides, an exact 0 is neutral
    assert metrics.sentiment_class([0.01, 0.0, -0.01], threshold=0) == ["positive", "neutral", "negative"]
    assert metrics.sentiment_class([0.5, 1.0, -1.0], threshold=1.0) == ["neutral", "positive", "negative"]


def test_gold_class_band_is_exclusive():
    assert metrics.gold_class([0.5, -0.5, 0.0, 2.0, -0.01]) == [
        "positive", "negative", "neutral", "positive", "negative",
    ]  # fmt: skip
    assert metrics.gold_class([0.5, -0.5, 0.51, -0.51], band=0.5) == [
        "neutral",
        "neutral",
        "positive",
        "negative",
    ]


def test_class_scores_by_hand():
    gold = ["positive", "negative", "neutral", "positive"]
    pred = ["positive", "neutral", "neutral", "negative"]
    t = metrics.class_scores(gold, pred).set_index("group")
    # negative: tp 0 fp 1 fn 1; neutral: tp 1 fp 1 fn 0; positive: tp 1 fp 0 fn 1
    assert t.loc["negative", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert t.loc["neutral", ["precision", "recall"]].tolist() == [0.5, 1.0]
    assert t.loc["neutral", "f1"] == pytest.approx(2 / 3)
    assert t.loc["positive", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert t["support"].tolist() == [1, 1, 2, 4, 4]
    assert t.loc["macro", "precision"] == pytest.approx(0.5)
    assert t.loc["macro", "f1"] == pytest.approx((0 + 2 / 3 + 2 / 3) / 3)
    assert t.loc["weighted", "precision"] == pytest.approx((0 * 1 + 0.5 * 1 + 1.0 * 2) / 4)
    assert t.loc["weighted", "recall"] == pytest.approx(0.5)
    assert t.loc["weighted", "f1"] == pytest.approx((0 + 2 / 3 + 2 * 2 / 3) / 4)


def test_class_scores_averages_over_classes_that_occur():
    # neutral occurs nowhere: left out. negative is in the gold but never predicted: precision counts as 0.
    t = metrics.class_scores(["positive", "negative"], ["positive", "positive"]).set_index("group")
    assert math.isnan(t.loc["neutral", "precision"]) and math.isnan(t.loc["neutral", "f1"])
    assert math.isnan(t.loc["negative", "precision"]) and t.loc["negative", "recall"] == 0.0
    assert t.loc["macro", "precision"] == pytest.approx((0.0 + 0.5) / 2)
    assert t.loc["macro", "recall"] == pytest.approx((0.0 + 1.0) / 2)
    assert t.loc["macro", "f1"] == pytest.approx((0.0 + 2 / 3) / 2)
    assert t.loc["weighted", "precision"] == pytest.approx((0.0 * 1 + 0.5 * 1) / 2)


def test_average_classes_rowwise_matches_single():
    per_class = {
        "precision": np.array([[np.nan, 0.5, 1.0], [0.2, np.nan, np.nan]]),
        "recall": np.array([[0.0, 1.0, 0.5], [1.0, np.nan, 0.0]]),
        "f1": np.array([[0.0, 2 / 3, 2 / 3], [1 / 3, np.nan, 0.0]]),
    }
    support = np.array([[1, 1, 2], [1, 0, 3]])
    both = metrics.average_classes(per_class, support)
    for row in range(2):
        one = metrics.average_classes({m: v[row] for m, v in per_class.items()}, support[row])
        for name in ("macro", "weighted"):
            for m in per_class:
                assert both[name][m][row] == pytest.approx(float(one[name][m]))
    # row 1: classes 0 and 2 occur; precision (0.2 + 0) / 2, weighted recall (1*1 + 0*3) / 4
    assert both["macro"]["precision"][1] == pytest.approx(0.1)
    assert both["weighted"]["recall"][1] == pytest.approx(0.25)


def test_pearson_and_spearman_by_hand():
    # deviations (-1.5, -.5, .5, 1.5) and (-1.5, .5, -.5, 1.5): r = 4 / 5
    assert metrics.pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    # ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): r = 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10)
    assert metrics.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(3 / math.sqrt(10))
    assert metrics.spearman([1, 2, 3, 4], [10, 30, 20, 40]) == pytest.approx(0.8)


def test_correlations_undefined_for_constant_or_tiny_input():
    assert math.isnan(metrics.pearson([1, 1, 1], [1, 2, 3]))
    assert math.isnan(metrics.spearman([1, 2], [2, 1]))


def test_rowwise_correlations_equal_scipy():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 30))
    y = x + rng.normal(size=(5, 30))
    y[:, :5] = 0.0  # ties
    expected_r = [stats.pearsonr(a, b).statistic for a, b in zip(x, y, strict=True)]
    expected_rho = [stats.spearmanr(a, b).statistic for a, b in zip(x, y, strict=True)]
    np.testing.assert_allclose(metrics.rowwise_pearson(x, y), expected_r, rtol=1e-10)
    np.testing.assert_allclose(metrics.rowwise_spearman(x, y), expected_rho, rtol=1e-10)


def test_rank_average_equals_scipy_rankdata():
    rng = np.random.default_rng(5)
    x = rng.integers(0, 6, size=(4, 25)).astype(float)  # many ties
    np.testing.assert_array_equal(metrics.rank_average(x), stats.rankdata(x, axis=1))
    np.testing.assert_array_equal(metrics.rank_average(np.array([3.0, 1.0, 3.0])), [2.5, 1.0, 2.5])


def test_bootstrap_indices_are_fixed_by_the_seed():
    a = metrics.bootstrap_indices(50, resamples=20, seed=1)
    assert a.shape == (20, 50) and a.min() >= 0 and a.max() < 50
    assert np.array_equal(a, metrics.bootstrap_indices(50, resamples=20, seed=1))
    assert not np.array_equal(a, metrics.bootstrap_indices(50, resamples=20, seed=2))
    assert metrics.bootstrap_indices(0).shape == (0, 0)


def test_bootstrap_prf_by_hand():
    counts = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1]])
    # resample (0, 1, 2): tp 2 fp 1 fn 1; resample (0, 0, 2): tp 3 fp 0 fn 1
    boot = metrics.bootstrap_prf(counts, np.array([[0, 1, 2], [0, 0, 2]]))
    np.testing.assert_allclose(boot["precision"], [2 / 3, 1.0])
    np.testing.assert_allclose(boot["recall"], [2 / 3, 3 / 4])
    np.testing.assert_allclose(boot["f1"], [4 / 6, 6 / 7])
    # a resample of items with nothing predicted: precision NaN, recall 0
    boot = metrics.bootstrap_prf(np.array([[0, 0, 1], [1, 0, 0]]), np.array([[0, 0]]))
    assert math.isnan(boot["precision"][0]) and boot["recall"][0] == 0.0


def test_interval_percentiles_ignore_nan():
    low, high = metrics.interval(np.r_[np.arange(101.0), np.nan])
    assert (low, high) == pytest.approx((2.5, 97.5))
    assert metrics.interval(np.arange(11.0), level=0.8) == pytest.approx((1.0, 9.0))
    assert all(math.isnan(x) for x in metrics.interval(np.array([np.nan])))


def test_krippendorff_alpha_by_hand():
    # coincidences o11=4, o00=2, o01=o10=1 (n=8): Do = 2/8, De = 2*5*3/(8*7); alpha = 1 - 14/30
    assert metrics.krippendorff_alpha([[1, 0, 1, 1], [1, 0, 0, 1]]) == pytest.approx(8 / 15)
    # three coders with a missing code: o11=5, o00=4, o01=o10=1 (n=11): Do = 2/11, De = 6/11
    data = [[1, 1, 0, 0], [1, 1, 0, 1], [1, np.nan, 0, 0]]
    assert metrics.krippendorff_alpha(data) == pytest.approx(2 / 3)
    # agreement no better than chance
    assert metrics.krippendorff_alpha([[0, 0, 0, 1], [0, 0, 0, 0]]) == pytest.approx(0.0)
    assert metrics.krippendorff_alpha([[1, 1, 0, 0], [1, 0, 1, 0]]) == pytest.approx(0.125)


def test_krippendorff_alpha_undefined_cases():
    assert math.isnan(metrics.krippendorff_alpha([[0, 0, 0], [0, 0, 0]]))  # one value only
    assert math.isnan(metrics.krippendorff_alpha([[0, np.nan, 1], [0, 0, np.nan]]))  # one pairable value
    assert math.isnan(metrics.krippendorff_alpha([[1, 0, 1]]))  # one coder


def test_normalize_name():
    assert metrics.normalize_name("  Jensen\n  HUANG ") == "jensen huang"
    assert metrics.normalize_name(None) == ""
    assert metrics.normalize_name(float("nan")) == ""


def test_numbers_match_relative_tolerance():
    assert metrics.numbers_match([27_800_000_000.0], [27_800_000_001.0])  # 3.6e-11 relative
    assert not metrics.numbers_match([27.0], [27.1])
    assert metrics.numbers_match([1300.0], [1300.0 * (1 + 9e-7)])
    assert not metrics.numbers_match([1300.0], [1300.0 * (1 + 2e-6)])
    assert not metrics.numbers_match([0.0], [1e-12])  # relative only: 0 matches exactly 0
    assert metrics.numbers_match([0.0], [0.0])
    assert not metrics.numbers_match([float("nan")], [float("nan")])


def test_match_numbers_is_optimal_and_one_to_one():
    # greedy would give the range (60, 90) the gold 60 and leave the second prediction unmatched
    assert metrics.match_numbers([[60.0, 90.0], [60.0]], [[60.0], [90.0]]) == [(0, 1), (1, 0)]
    # one gold number cannot absorb two predictions
    assert metrics.match_numbers([[5.0], [5.0]], [[5.0]]) == [(0, 0)]
    assert metrics.match_numbers([], [[1.0]]) == []
    assert metrics.match_numbers([[2.0]], [[3.0]]) == []
