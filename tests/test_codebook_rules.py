"""Codebook patterns from users (issue 17, item 4) and per-frame presence rules (issue 13, calibrate)."""

from __future__ import annotations

import logging
import time

import pandas as pd
import pytest

from tiktok_study import frames as frames_module
from tiktok_study.codebook import CodebookError, PresenceRule, parse_codebook
from tiktok_study.frames import frame_profile, match_text
from tiktok_study.user_regex import catastrophic_repeat


def _book(*frames: dict) -> object:
    return parse_codebook({"frames": [{"label": f["id"].title(), "definition": "d", **f} for f in frames]})


def _paragraphs(*texts: str) -> pd.DataFrame:
    rows, start = [], 0
    for n, text in enumerate(texts):
        rows.append({"article_id": f"a{n}", "paragraph_id": 0, "kind": "body", "text": text, "start": 0,
                     "end": len(text)})  # fmt: skip
        start += len(text)
    return pd.DataFrame(rows)


def test_a_frame_with_only_patterns_works():
    # reproduced first: KeyError: None from the matcher when no frame had terms
    book = _book({"id": "money", "patterns": [{"name": "dollars", "regex": r"\$\d+"}]})
    hits = match_text("It cost $40 and then $7.", codebook=book)
    assert hits[["frame", "term", "match", "start"]].values.tolist() == [
        ["money", "dollars", "$40", 8],
        ["money", "dollars", "$7", 21],
    ]


def test_pattern_only_frame_beside_term_frames():
    book = _book({"id": "war", "terms": ["war"]}, {"id": "money", "patterns": [r"\$\d+"]})
    hits = match_text("A war over $40.", codebook=book)
    assert hits["frame"].tolist() == ["war", "money"]


@pytest.mark.parametrize(
    ("pattern", "part"),
    [(r"(?:\w+\s?)+;", r"\w+"), (r"(a+)*x", "a+"), (r"(?:a|b+)+c", "b+"), (r"(?:\s*)+x", r"\s*")],
)
def test_catastrophic_patterns_are_refused_on_load(pattern, part):
    assert catastrophic_repeat(pattern) == part
    with pytest.raises(CodebookError, match=r"frame 'slow', field 'patterns\[0\]': bad regex .* backtrack"):
        _book({"id": "slow", "patterns": [pattern]})


@pytest.mark.parametrize(
    "pattern", [r"(?:\s+\w+)*", r"\d[\d,.]*", r"(?:his|her)\s+(?:own\s+)?story", r"\w+(?:-\w+)+"]
)
def test_safe_repeats_are_accepted(pattern):
    assert catastrophic_repeat(pattern) is None


def test_the_issue_pattern_no_longer_takes_minutes():
    # `(?:\w+\s?)+;` made `analyze` of three articles run for minutes with `re`: it is refused on load now
    with pytest.raises(CodebookError, match="backtrack"):
        _book({"id": "x", "terms": ["war"], "patterns": [r"(?:\w+\s?)+;"]})


def test_a_pattern_that_times_out_is_reported_and_the_rest_goes_on(monkeypatch, caplog):
    # bounded repeats pass the load check, yet backtrack for seconds on a run of words
    monkeypatch.setattr(frames_module, "PATTERN_TIMEOUT", 0.2)
    book = _book(
        {"id": "slow", "terms": ["fox"], "patterns": [r"(?:\w{1,9}\s?){1,60};"]},
        {"id": "money", "patterns": [r"\$\d+"]},
    )
    text = "The quick brown fox jumps over the lazy dog and keeps running across the field " * 5 + "for $40."
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="tiktok_study.frames"):
        _, article_frames = frame_profile(_paragraphs(text), codebook=book)
        hits = match_text(text, codebook=book)
    assert time.perf_counter() - started < 20
    assert any("frame slow" in r.getMessage() and "switched off" in r.getMessage() for r in caplog.records)
    assert (hits["frame"] == "money").sum() == 1  # the other frame's pattern still counts
    assert (hits["frame"] == "slow").sum() == 5  # the slow frame keeps its term hits
    assert article_frames.set_index("frame").loc["slow", "hits"] == 5


def test_rule_of_a_frame_decides_present():
    book = _book(
        {"id": "war", "terms": ["war"], "rule": {"min_hits": 1, "min_per_1k": 0}},
        {"id": "peace", "terms": ["peace"]},
        {"id": "always", "terms": ["zzz"], "rule": {"min_hits": 0, "min_per_1k": 0, "min_share": 0}},
    )
    _, af = frame_profile(_paragraphs("One war and peace."), codebook=book)
    present = af.set_index("frame")["present"].to_dict()
    assert present == {"war": True, "peace": False, "always": True}


def test_logistic_rule():
    rule = PresenceRule(kind="logistic", intercept=-2.0, weights=(("log_hits", 2.0),), cutoff=0.5)
    # log1p(hits) >= 1  <=>  hits >= e - 1
    assert rule.decide(hits=[0, 1, 2, 5], per_1k=[0] * 4, share=[0] * 4).tolist() == [
        False,
        False,
        True,
        True,
    ]
    book = _book({"id": "war", "terms": ["war"], "rule": rule.as_dict()})
    assert book["war"].rule == rule


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"min_hits": -1}, r"field 'rule.min_hits': -1; a number from 0"),
        ({"min_hits": 1.5}, r"rule.min_hits': 1.5; a whole number"),
        ({"min_share": 2}, r"rule.min_share': 2; a number from 0 to 1"),
        ({"kind": "magic"}, r"rule.kind': 'magic'; choose threshold or logistic"),
        ({"threshold": 3}, r"rule.threshold': unknown key"),
        ({"kind": "logistic", "weights": {"length": 1}}, r"rule.weights': a mapping of log_hits"),
        ({"kind": "logistic", "cutoff": 1}, r"rule.cutoff': 1; a number from"),
        ("high", r"field 'rule': must be a mapping"),
    ],
)
def test_bad_rules_are_named(rule, problem):
    with pytest.raises(CodebookError, match=problem):
        _book({"id": "war", "terms": ["war"], "rule": rule})
