"""Corpus prevalence of frames with intervals that include the measure's error (for notebook 2.0)."""

from __future__ import annotations

import pandas as pd
import pytest

from tiktok_study.codebook import parse_codebook
from tiktok_study.errors import UsageError
from tiktok_study.prevalence import frame_prevalence, measure_error

BOOK = {"frames": [
    {"id": "conflict", "label": "C", "definition": "d", "terms": ["war"], "rule": {"min_hits": 1, "min_per_1k": 0}},
    {"id": "legal", "label": "L", "definition": "d", "terms": ["court"]},
]}  # fmt: skip
# the calibrated conflict rule finds half of the human positives and no false ones
CALIBRATION = {"n_items": 200, "folds": 5, "frames": {
    "conflict": {"prevalence": 0.5, "f1_cv": 0.667, "precision_cv": 1.0, "recall_cv": 0.5},
    "legal": {"prevalence": 0.01, "f1_cv": None, "precision_cv": None, "recall_cv": None},
}}  # fmt: skip


def _tables(n=100, present_share=0.3):
    ids = [f"a{k:03d}" for k in range(n)]
    articles = pd.DataFrame({"article_id": ids, "source": ["X"] * (n // 2) + ["Y"] * (n - n // 2),
                             "published": [f"2025-0{1 + k % 2}-15" for k in range(n)]})  # fmt: skip
    rows = []
    for k, a in enumerate(ids):
        rows.append({"article_id": a, "frame": "conflict", "present": k % 10 < present_share * 10})
        rows.append({"article_id": a, "frame": "legal", "present": k % 5 == 0})
    return pd.DataFrame(rows), articles


def test_sampling_only_without_a_calibration():
    af, articles = _tables()
    out = frame_prevalence(af, articles, by="source", codebook=parse_codebook(BOOK))
    row = out[(out["frame"] == "conflict") & (out["group"] == "X")].iloc[0]
    assert row["share"] == pytest.approx(0.3) and row["estimate"] == pytest.approx(0.3)
    assert row["low"] < 0.3 < row["high"]
    assert row["rule"] == "calibrated" and row["error_model"].startswith("sampling only")


def test_the_measures_error_corrects_and_widens():
    af, articles = _tables()
    book = parse_codebook(BOOK)
    plain = frame_prevalence(af, articles, by=None, codebook=book).set_index("frame")
    corrected = frame_prevalence(af, articles, by=None, codebook=book, calibration=CALIBRATION).set_index(
        "frame"
    )
    # recall 0.5, no false positives: a tool share of 0.3 means about 0.6 for a coder
    assert corrected.loc["conflict", "estimate"] == pytest.approx(0.6, abs=1e-9)
    assert corrected.loc["conflict", "low"] < 0.6 < corrected.loc["conflict", "high"]
    width = corrected["high"] - corrected["low"]
    assert width["conflict"] > (plain["high"] - plain["low"])["conflict"]
    assert "measure error (out-of-fold, 200 coded items)" in corrected.loc["conflict", "error_model"]
    # legal: default rule (no calibrated rule in the codebook): sampling only, said so
    assert corrected.loc["legal", "rule"] == "default"
    assert "default rule" in corrected.loc["legal", "error_model"]


def test_by_month_and_reproducible():
    af, articles = _tables()
    first = frame_prevalence(af, articles, by="month", calibration=CALIBRATION, codebook=parse_codebook(BOOK))
    again = frame_prevalence(af, articles, by="month", calibration=CALIBRATION, codebook=parse_codebook(BOOK))
    pd.testing.assert_frame_equal(first, again)
    assert sorted(set(first["group"])) == ["2025-01", "2025-02"]
    assert first.groupby("frame")["n_articles"].sum().tolist() == [100, 100]


def test_counts_from_calibration_json():
    assert measure_error(CALIBRATION) == {"conflict": {"tp": 50, "fp": 0, "fn": 50, "tn": 100}}


def test_bad_input():
    af, articles = _tables()
    with pytest.raises(UsageError, match="by must be source, month or None"):
        frame_prevalence(af, articles, by="week")
    with pytest.raises(UsageError, match="lacks present"):
        frame_prevalence(af.drop(columns=["present"]), articles)
    with pytest.raises(UsageError, match="a calibration needs n_items and frames"):
        frame_prevalence(af, articles, calibration={"frames": {}})
