"""`validate --kind frames` with several coders: per-frame Krippendorff's alpha with intervals, flagged below
0.667, shown before any tool figure."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tiktok_study import metrics
from tiktok_study.validation import ALPHA_TENTATIVE, coder_reliability, evaluate, read_gold


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_binary_alpha_equals_the_krippendorff_package(seed):
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 2, size=(3, 40)).astype(float)
    data[rng.random(data.shape) < 0.2] = np.nan  # missing codes
    assert metrics.binary_alpha(data)[0] == pytest.approx(metrics.krippendorff_alpha(data), abs=1e-12)
    idx = metrics.bootstrap_indices(40, resamples=5, seed=seed)
    by_hand = [metrics.krippendorff_alpha(data[:, row]) for row in idx]
    np.testing.assert_allclose(metrics.binary_alpha(data, idx), by_hand, atol=1e-12)


def _sheet(tmp_path, n=60, seed=5):
    """Two coders: they agree on conflict always, on economic 70% of the time at random."""
    rng = np.random.default_rng(seed)
    conflict = rng.integers(0, 2, n)
    economic_a = rng.integers(0, 2, n)
    economic_b = np.where(rng.random(n) < 0.7, economic_a, 1 - economic_a)
    rows = []
    for coder, economic in (("ann", economic_a), ("bob", economic_b)):
        for i in range(n):
            rows.append(
                {
                    "text": f"Text number {i}.",
                    "coder": coder,
                    "conflict": conflict[i],
                    "economic": economic[i],
                }
            )
    path = tmp_path / "coded.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_reliability_per_frame_with_intervals_and_flags(tmp_path):
    gold = read_gold("frames", _sheet(tmp_path))
    idx = metrics.bootstrap_indices(len(gold.items), resamples=300, seed=1)
    table = coder_reliability(gold, idx).set_index("frame")
    assert table.loc["conflict", "alpha"] == pytest.approx(1.0)
    assert not table.loc["conflict", "below_threshold"]
    low, alpha, high = table.loc["economic", ["alpha_low", "alpha", "alpha_high"]]
    assert low < alpha < high and alpha < ALPHA_TENTATIVE
    assert table.loc["economic", "below_threshold"]
    assert table.loc["economic", "n_items"] == 60


def test_report_shows_reliability_before_the_tool_figures(tmp_path):
    gold = read_gold("frames", _sheet(tmp_path))
    pred = pd.DataFrame({"item": [0, 1], "frame": ["conflict", "economic"], "present": [True, True]})
    report = evaluate(gold, pred, resamples=200)
    text = str(report)
    assert text.index("reliability of the human coding") < text.index("precision")
    economic_line = next(line for line in text.splitlines() if line.strip().startswith("economic  alpha"))
    assert "BELOW 0.667" in economic_line
    assert "1 frame(s) below 0.667: economic" in text
    assert report.summary["frames_below_alpha"] == ["economic"]
    data = json.loads(report.to_json())
    assert [r["frame"] for r in data["reliability"]] == ["conflict", "economic"]
    assert data["reliability"][1]["below_threshold"] is True


def test_one_coder_has_no_reliability_table(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("text,conflict\nA.,1\nB.,0\n", encoding="utf-8")
    gold = read_gold("frames", path)
    assert coder_reliability(gold).empty
    assert "reliability of the human coding" not in str(
        evaluate(gold, pd.DataFrame({"item": [0], "frame": ["conflict"], "present": [True]}), resamples=0)
    )
