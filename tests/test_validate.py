"""`validate`: gold-file parsing and its errors, each kind's figures on hand-worked cases, the JSON report,
and (once the tool's modules are there) the run of the tool's own pipeline on the gold texts."""

from __future__ import annotations

import importlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tiktok_study import cli
from tiktok_study.errors import UsageError

v = importlib.import_module("tiktok_study.validation")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gold"
GOLD = ROOT / "data" / "gold"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------------
# malformed gold files: UsageError (exit 2), one line naming the file, the line and the column


@pytest.mark.parametrize(
    ("kind", "name", "content", "expected"),
    [
        ("sentiment", "s.csv", "text,value\nGood.,1\n", "line 1: missing column 'score' for --kind sentiment (the header has text, value); it looks like a statistics gold file"),
        ("sentiment", "s.csv", "text,score\nGood.,0.5\nBad.,very bad\n", "line 3, column score: 'very bad' is not a number"),
        ("sentiment", "s.csv", "text,score\nGood.,\n", "line 2, column score: empty; a number is required"),
        ("sentiment", "s.csv", "text,score\nGood.,nan\n", "line 2, column score: 'nan' is not a finite number"),
        ("sentiment", "s.csv", "text,score\n,0.3\n", "line 2, column text: empty"),
        ("sentiment", "s.csv", "", "is empty"),
        ("sentiment", "s.csv", "\n  \n", "is empty"),
        ("sentiment", "s.csv", "text,score\n", "has a header but no coded rows"),
        ("sentiment", "s.csv", "text,score\nGood, really.,0.5\n", "line 2: 3 fields but the header has 2"),
        ("sentiment", "s.csv", "text,score,score\nGood.,1,1\n", "line 1: column 'score' appears twice"),
        ("statistics", "st.csv", "text,score\nUp 5%.,0.2\n", "missing column 'value' for --kind statistics (the header has text, score); it looks like a sentiment gold file"),
        ("statistics", "st.csv", "text,value\n\"Up 1,300.\",\"1,300\"\n", "line 2, column value: '1,300' is not a number (write plain digits"),
        ("statistics", "st.csv", "text,value\nUp 5%.,5\nUp 5%.,\n", "line 3, column value: empty, yet the same text has numbers on other rows"),
        ("statistics", "st.csv", "text,value,high\nUp.,,9\n", "line 2, column value: empty but 'high' is filled"),
        ("frames", "f.csv", "text,score\nA.,1\n", "line 1: no frame column for --kind frames; expected one or more of conflict, human_interest"),
        ("frames", "f.csv", "id,conflict\nA.,1\n", "line 1: missing column 'article_id' or 'text' for --kind frames"),
        ("frames", "f.csv", "text,conflict\nA.,2\n", "line 2, column conflict: '2'; code 0 (absent) or 1 (present)"),
        ("frames", "f.csv", "text,conflict\nA.,\n", "line 2, column conflict: empty; code 0 (absent) or 1 (present)"),
        ("frames", "f.csv", "text,article_id,conflict\n,,1\n", "line 2: neither 'text' nor 'article_id' is filled in"),
        ("frames", "f.csv", "text,conflict\nA.,1\nB.,0\nA.,0\n", "line 4: the same text is coded twice by coder 'gold' (first on line 2)"),
        ("frames", "f.csv", "text,coder,conflict\nA.,x,1\nA.,,0\n", "line 3, column coder: empty"),
        ("quotes", "q.jsonl", "text,quotes\n", "line 1: not valid JSON (Expecting value, column 1); quotes gold is JSONL"),
        ("quotes", "q.jsonl", '{"text": "A \\"b\\" c", "quotes": []}\n{"text": "x", "quotes": [}\n', "line 2: not valid JSON"),
        ("quotes", "q.jsonl", '{"text": "He said \\"yes\\".", "quotes": [{"quote": "no", "speaker": "A"}]}\n', "line 1, quotes[0].quote: 'no' does not occur in the text"),
        ("quotes", "q.jsonl", '{"text": "He said."}\n', "line 1, key quotes: missing or not a list"),
        ("quotes", "q.jsonl", '{"quotes": []}\n', "line 1, key text: missing or empty"),
        ("quotes", "q.jsonl", '{"text": "\\"Hi\\"", "quotes": [{"quote": "Hi", "speaker": 3}]}\n', "line 1, quotes[0].speaker: must be a string or null"),
        ("quotes", "q.jsonl", "[1, 2]\n", "line 1: not a JSON object"),
        ("quotes", "q.jsonl", "\n\n", "is empty"),
    ],
)  # fmt: skip
def test_malformed_gold_names_file_line_and_column(tmp_path, kind, name, content, expected):
    path = _write(tmp_path, name, content)
    with pytest.raises(UsageError) as info:
        v.read_gold(kind, path)
    message = str(info.value)
    assert message.startswith(f"gold file {path}")
    assert expected in message
    assert "\n" not in message


def test_unknown_kind_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(UsageError, match=r"unknown validation kind 'tone'; choose one of sentiment, frames"):
        v.read_gold("tone", FIXTURES / "sentiment.csv")
    with pytest.raises(UsageError, match=r"gold file .*nope\.csv: not found"):
        v.read_gold("sentiment", tmp_path / "nope.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"text,score\nGood.,1\nCaf\xe9 awful.,-1\n")
    with pytest.raises(UsageError, match=r"latin1\.csv line 3: not UTF-8 text"):
        v.read_gold("sentiment", path)


def test_cli_exits_2_with_one_line_naming_file_and_column(tmp_path, capsys):
    path = _write(tmp_path, "bad.csv", "text,score\nGood.,high\n")
    code = cli.main(["validate", "--kind", "sentiment", "--gold", str(path), "--out", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == (
        f"tiktok-study validate: error: gold file {path} line 2, column score: 'high' is not a number "
        "(write plain digits: 1300, 0.27)"
    )
    assert not (tmp_path / "validation-sentiment.json").exists()


def test_cli_exits_2_for_a_file_of_the_wrong_kind(capsys):
    code = cli.main(["validate", "--kind", "sentiment", "--gold", str(FIXTURES / "statistics.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert "missing column 'score'" in err and "it looks like a statistics gold file" in err


# ---------------------------------------------------------------------------------------------------------------
# parsing well-formed gold files


def test_read_gold_sentiment_fixture():
    gold = v.read_gold("sentiment", FIXTURES / "sentiment.csv")
    assert gold.items["score"].tolist() == [0.8, -0.6, 0.0, 0.5]
    assert gold.items["line"].tolist() == [2, 3, 4, 5]
    assert gold.items["item"].tolist() == [0, 1, 2, 3]


def test_read_gold_frames_fixture_ignores_unknown_columns():
    gold = v.read_gold("frames", FIXTURES / "frames.csv")
    assert gold.frames == ("conflict", "economic")
    assert gold.coders == ("gold",)
    assert gold.ignored_columns == ("note",)
    assert gold.codes["conflict"].tolist() == [1, 1, 0, 0]
    assert gold.items["key"].tolist() == ["text"] * 4
    # a codebook's frame ids replace the CONTRACT's
    gold = v.read_gold("frames", FIXTURES / "frames.csv", frames=["economic"])
    assert gold.frames == ("economic",) and gold.ignored_columns == ("conflict", "note")


def test_read_gold_frames_by_article_and_coder(tmp_path):
    path = _write(tmp_path, "f.csv", "article_id,coder,legal\na1,X,1\na1,Y,0\na2,X,0\n")
    gold = v.read_gold("frames", path)
    assert gold.items[["item", "key", "article_id", "line"]].values.tolist() == [
        [0, "article_id", "a1", 2], [1, "article_id", "a2", 4],
    ]  # fmt: skip
    assert gold.coders == ("X", "Y")
    assert gold.codes[["item", "coder", "legal"]].values.tolist() == [[0, "X", 1], [0, "Y", 0], [1, "X", 0]]


def test_read_gold_statistics_groups_rows_by_text():
    gold = v.read_gold("statistics", FIXTURES / "statistics.csv")
    assert gold.items["text"].tolist()[2] == "No numbers are quoted here."
    assert len(gold.items) == 4 and len(gold.codes) == 5
    assert gold.codes["item"].tolist() == [0, 0, 1, 3, 3]
    assert gold.codes["high"].isna().tolist() == [True, True, False, True, True]
    assert gold.codes["qualifier"].tolist() == ["about", "", "", "more than", ""]
    assert gold.has_qualifier


def test_read_gold_quotes_locates_spans():
    gold = v.read_gold("quotes", FIXTURES / "quotes.jsonl")
    text = gold.items.loc[0, "text"]
    first, second = gold.codes.iloc[0], gold.codes.iloc[1]
    assert text[first["start"] : first["end"]] == "We will fight this in court."
    assert text[second["start"] : second["end"]] == "It is over."
    assert gold.codes["speaker"].tolist() == ["John Smith", "Jane Roe", ""]


def test_read_gold_quotes_repeated_quote_takes_the_next_occurrence(tmp_path):
    doc = {"text": '"No." he said. "No." she said.', "quotes": [{"quote": "No.", "speaker": "he"},
                                                                   {"quote": "No.", "speaker": "she"}]}  # fmt: skip
    path = _write(tmp_path, "q.jsonl", json.dumps(doc) + "\n")
    gold = v.read_gold("quotes", path)
    assert gold.codes["start"].tolist() == [1, 16]


# ---------------------------------------------------------------------------------------------------------------
# figures on hand-worked cases (predictions given, so no tool module is needed)


def test_sentiment_figures_by_hand():
    gold = v.read_gold("sentiment", FIXTURES / "sentiment.csv")
    # gold classes pos, neg, neu, pos; tool classes pos, neg, pos, neu
    pred = pd.DataFrame({"item": [0, 1, 2, 3], "compound": [0.6, -0.2, 0.3, 0.02]})
    report = v.evaluate(gold, pred, resamples=200)
    s = report.scores.set_index("group")
    assert s.loc["negative", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert s.loc["neutral", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert s.loc["positive", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert s.loc["macro", ["precision", "recall", "f1"]].tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert s.loc["weighted", ["precision", "recall", "f1"]].tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert s["support"].tolist() == [1, 1, 2, 4, 4]
    # means .18 and .175; sum of cross-deviations .484, squares .3608 and 1.1275
    assert report.summary["pearson"] == pytest.approx(0.484 / math.sqrt(0.3608 * 1.1275))
    # ranks (4, 1, 3, 2) against (4, 1, 2, 3): 1 - 6 * 2 / (4 * 15)
    assert report.summary["spearman"] == pytest.approx(0.8)
    assert report.summary["accuracy"] == 0.5
    # misses: two misclassified, the larger error first (|.02 - .5| before |.3 - 0|)
    assert report.misses["line"].tolist() == [5, 4]
    assert report.misses["group"].tolist() == ["positive→neutral", "neutral→positive"]
    corr = report.details["correlation"].set_index("metric")
    assert corr.loc["pearson", "low"] <= corr.loc["pearson", "r"] <= corr.loc["pearson", "high"]


def test_sentiment_gold_neutral_band(tmp_path):
    path = _write(tmp_path, "s.csv", "text,score\nA.,0.5\nB.,-0.5\nC.,1\nD.,-3\n")
    gold = v.read_gold("sentiment", path)
    pred = pd.DataFrame({"item": [0, 1, 2, 3], "compound": [0.0, 0.0, 0.9, -0.9]})
    assert v.evaluate(gold, pred, resamples=0).summary["accuracy"] == 0.5  # sign decides: A, B wrong
    report = v.evaluate(gold, pred, resamples=0, gold_neutral=0.5)  # |score| <= .5 neutral
    assert report.summary["accuracy"] == 1.0
    assert report.settings["gold_neutral"] == 0.5
    # a gold scale wider than -1..1 is rescaled by its largest magnitude for the calibration scatter
    assert report.details["pairs"]["gold_scaled"].tolist() == pytest.approx([0.5 / 3, -0.5 / 3, 1 / 3, -1.0])


def test_sentiment_opposite_polarity_misses_come_first(tmp_path):
    path = _write(tmp_path, "s.csv", "text,score\nA.,0.1\nB.,0.9\nC.,-0.2\n")
    gold = v.read_gold("sentiment", path)
    pred = pd.DataFrame({"item": [0, 1, 2], "compound": [-0.3, 0.0, 0.5]})
    misses = v.evaluate(gold, pred, resamples=0).misses
    # C (error .7) and A (.4) flip polarity; B (.9, to neutral) does not, so it comes last
    assert misses["line"].tolist() == [4, 2, 3]
    assert misses["detail"].tolist() == ["opposite polarity", "opposite polarity", ""]


def test_frames_figures_by_hand():
    gold = v.read_gold("frames", FIXTURES / "frames.csv")
    pred = pd.DataFrame(
        {"item": [0, 1, 2, 3, 0, 1, 2, 3], "frame": ["conflict"] * 4 + ["economic"] * 4,
         "present": [True, False, True, False, False, False, False, False],
         "hits": [2, 0, 1, 0, 0, 0, 0, 0], "terms": ["clash, ban", "", "crowd", "", "", "", "", ""]}
    )  # fmt: skip
    report = v.evaluate(gold, pred, resamples=200)
    s = report.scores.set_index("group")
    # conflict: gold 1100, tool 1010 -> tp 1 fp 1 fn 1
    assert s.loc["conflict", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert s.loc["conflict", "prevalence"] == 0.5
    assert s.loc["conflict", "baseline_f1"] == pytest.approx(2 / 3)
    assert s.loc["conflict", "alpha"] == pytest.approx(0.125)  # Do .5, De 4/7
    # economic: gold 0001, tool never -> precision undefined, recall and F1 0, alpha 0 (Do = De = .25)
    assert math.isnan(s.loc["economic", "precision"])
    assert s.loc["economic", ["recall", "f1", "prevalence", "baseline_f1"]].tolist() == pytest.approx(
        [0.0, 0.0, 0.25, 0.4]
    )
    assert s.loc["economic", "alpha"] == pytest.approx(0.0)
    assert s["alpha_coders"].isna().all()
    assert report.summary["micro_f1"] == pytest.approx(2 * 1 / (2 * 1 + 1 + 2))
    m = report.misses
    assert m["type"].tolist() == ["false_negative", "false_negative", "false_positive"]
    assert m["group"].tolist() == ["conflict", "economic", "conflict"]
    assert m.iloc[2]["text"] == "A cheerful crowd gathered in the square."
    assert m.iloc[2]["detail"] == "1 hit(s): crowd"
    items = report.details["items"]
    assert len(items) == 8 and items["gold"].sum() == 3 and items["tool"].sum() == 2


def test_frames_several_coders_give_the_ceiling():
    gold = v.read_gold("frames", FIXTURES / "frames-coders.csv")
    assert gold.coders == ("A", "B")
    pred = pd.DataFrame({"item": [0, 1, 2, 3], "frame": "conflict", "present": [True, True, False, False]})
    s = v.evaluate(gold, pred, resamples=0).scores.set_index("group")
    # coders A 1100, B 1000: consensus (at least half) 1100 = the tool
    assert s.loc["conflict", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert s.loc["conflict", "alpha"] == pytest.approx(1.0)
    # between coders: o11 2, o01 = o10 1, o00 4 (n 8): Do 2/8, De 30/56
    assert s.loc["conflict", "alpha_coders"] == pytest.approx(1 - (2 / 8) / (30 / 56))
    assert math.isnan(s.loc["conflict", "precision_low"])  # resamples=0: no interval


def test_statistics_figures_by_hand():
    gold = v.read_gold("statistics", FIXTURES / "statistics.csv")
    pred = pd.DataFrame(
        {"item": [0, 0, 0, 1, 3, 3],
         "value": [27.0, 27.8e9, 2025.0, 60.0, 1300.000001, 6100.0],
         "low": [np.nan, np.nan, np.nan, 60.0, np.nan, np.nan],
         "high": [np.nan, np.nan, np.nan, 90.0, np.nan, np.nan],
         "qualifier": ["", None, "", "", "More  than", ""],
         "kind": ["percent", "money", "count", "duration", "count", "count"],
         "span": ["27%", "$27.8 billion", "2025", "60 to 90 days", "1,300", "6,000"]}
    )  # fmt: skip
    report = v.evaluate(gold, pred, resamples=200)
    s = report.scores.set_index("group")
    # values: tp 4 (27, 27.8e9, the range, 1300 within 1e-6), fp 2 (2025, 6100), fn 1 (6000)
    assert s.loc["value", ["tp", "fp", "fn"]].tolist() == [4, 2, 1]
    assert s.loc["value", ["precision", "recall", "f1"]].tolist() == pytest.approx([4 / 6, 4 / 5, 8 / 11])
    # with qualifier: 27 is "about" in the gold but unqualified in the tool -> tp 3 fp 3 fn 2
    assert s.loc["value+qualifier", ["tp", "fp", "fn"]].tolist() == [3, 3, 2]
    assert s.loc["value+qualifier", "f1"] == pytest.approx(6 / 11)
    assert report.summary["f1_with_qualifier"] == pytest.approx(6 / 11)
    m = report.misses
    assert m[["type", "gold", "tool"]].values.tolist() == [
        ["false_negative", "6000", ""], ["false_positive", "", "2025"], ["false_positive", "", "6100"],
    ]  # fmt: skip
    assert m.iloc[1]["detail"] == "'2025' (count)"
    matches = report.details["matches"]
    assert matches["status"].value_counts().to_dict() == {"match": 4, "spurious": 2, "missed": 1}


def test_statistics_range_matches_either_end_of_two_gold_rows(tmp_path):
    path = _write(tmp_path, "st.csv", "text,value\nDelay of 60 to 90 days.,60\nDelay of 60 to 90 days.,90\n")
    gold = v.read_gold("statistics", path)
    pred = pd.DataFrame({"item": [0], "value": [60.0], "low": [60.0], "high": [90.0]})
    s = v.evaluate(gold, pred, resamples=0).scores.set_index("group")
    assert s.loc["value", ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert "value+qualifier" not in s.index  # the gold has no qualifier column


def test_quotes_figures_by_hand():
    gold = v.read_gold("quotes", FIXTURES / "quotes.jsonl")
    text = gold.items.loc[0, "text"]

    def span(s: str) -> tuple[int, int]:
        start = text.index(s)
        return start, start + len(s)

    rows = [
        ("We will fight this in court", "john  SMITH", "speech"),  # exact after trimming, speaker ok
        ("It is", "Jane Doe", "speech"),  # overlaps, not exact, wrong speaker
        ("refugees", None, "speech"),  # spurious
    ]
    pred = pd.DataFrame(
        [{"item": 0, "text": q, "speaker": sp, "kind": k, "start": span(q)[0], "end": span(q)[1]}
         for q, sp, k in rows]
    )  # fmt: skip
    report = v.evaluate(gold, pred, resamples=200)
    s = report.scores.set_index("group")
    # 3 gold quotes, 3 predictions: overlap tp 2; exact tp 1; quote + speaker tp 1
    assert s.loc["span_overlap", ["tp", "fp", "fn"]].tolist() == [2, 1, 1]
    assert s.loc["span_overlap", "f1"] == pytest.approx(2 / 3)
    assert s.loc["span_exact", ["precision", "recall", "f1"]].tolist() == pytest.approx([1 / 3] * 3)
    assert s.loc["quote_speaker", ["tp", "fp", "fn"]].tolist() == [1, 2, 2]
    m = report.misses
    assert m[["type", "text"]].values.tolist() == [
        ["false_negative", "Nothing has changed,"], ["false_positive", "refugees"],
        ["wrong_speaker", "It is over."],
    ]  # fmt: skip
    assert m.iloc[2][["gold", "tool"]].tolist() == ["Jane Roe", "Jane Doe"]
    statuses = report.details["matches"]["status"].tolist()
    assert statuses == ["exact", "overlap", "spurious", "missed"]


def test_evaluate_checks_prediction_columns():
    gold = v.read_gold("sentiment", FIXTURES / "sentiment.csv")
    with pytest.raises(ValueError, match=r"evaluate\(sentiment\): the predictions lack columns compound"):
        v.evaluate(gold, pd.DataFrame({"item": [0]}))


# ---------------------------------------------------------------------------------------------------------------
# the report: intervals, JSON, printing, tables


def _statistics_report(resamples: int = 300) -> v.ValidationReport:
    gold = v.read_gold("statistics", FIXTURES / "statistics.csv")
    pred = pd.DataFrame({"item": [0, 3], "value": [27.0, 6000.0], "low": [np.nan] * 2, "high": [np.nan] * 2})
    return v.evaluate(gold, pred, resamples=resamples)


def test_intervals_bracket_the_figure_and_are_reproducible():
    a, b = _statistics_report(), _statistics_report()
    s = a.scores.set_index("group").loc["value"]
    for m in ("precision", "recall", "f1"):
        assert s[f"{m}_low"] <= s[m] <= s[f"{m}_high"]
    assert s["recall_low"] < s["recall_high"]
    pd.testing.assert_frame_equal(a.scores, b.scores)
    none = _statistics_report(resamples=0).scores.set_index("group").loc["value"]
    assert none["f1"] == s["f1"] and math.isnan(none["f1_low"]) and math.isnan(none["f1_high"])


def test_json_is_deterministic_sorted_and_rounded(tmp_path):
    report = _statistics_report()
    path = report.write(tmp_path / "out")
    assert path == tmp_path / "out" / "validation-statistics.json"
    first = path.read_bytes()
    assert _statistics_report().write(tmp_path / "out").read_bytes() == first
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert data["kind"] == "statistics"
    assert data["gold"]["sha256"] == report.gold_sha256 and len(report.gold_sha256) == 64
    value = next(r for r in data["scores"] if r["group"] == "value")
    assert value["precision"] == 1.0 and value["recall"] == 0.4 and value["f1"] == 0.571429  # 4/7 rounded
    assert value["tp"] == 2
    assert data["misses"]["counts"] == {"false_negative": 3}
    assert data["settings"]["seed"] == v.metrics.BOOTSTRAP_SEED
    assert "NaN" not in first.decode()


def test_report_prints_figures_and_misses():
    text = str(_statistics_report())
    assert text.splitlines()[0].startswith("validation of statistics against ")
    assert "(4 items)" in text.splitlines()[0]
    assert "value" in text and "1.000 [" in text and "0.400 [" in text and "0.571 [" in text
    assert "misses: false_negative 3" in text
    assert "gold 27800000000 · tool" in text


def test_tables_are_copies_with_plot_columns():
    report = _statistics_report()
    tables = report.tables()
    assert set(tables) == {"scores", "misses", "matches"}
    assert {"group", "f1", "f1_low", "f1_high", "support"} <= set(tables["scores"].columns)
    tables["scores"].loc[0, "f1"] = -1.0
    assert report.scores.loc[0, "f1"] != -1.0


def test_validate_rejects_bad_options():
    with pytest.raises(UsageError, match="unknown validation kind"):
        v.validate("tone", FIXTURES / "sentiment.csv")
    with pytest.raises(UsageError, match="gold_neutral must be 0 or more"):
        v.validate("sentiment", FIXTURES / "sentiment.csv", gold_neutral=-1)
    with pytest.raises(UsageError, match="resamples must be 0 or more"):
        v.validate("sentiment", FIXTURES / "sentiment.csv", resamples=-5)


# ---------------------------------------------------------------------------------------------------------------
# the shipped gold set (data/gold): parses, and its seed texts are verbatim paragraphs of the seeds


@pytest.mark.parametrize(
    ("kind", "name", "n_items"),
    [("frames", "frames.csv", 76), ("statistics", "statistics.csv", 74), ("quotes", "quotes.jsonl", 74),
     ("sentiment", "sentiment.csv", 42)],
)  # fmt: skip
def test_shipped_gold_files_parse(kind, name, n_items):
    gold = v.read_gold(kind, GOLD / name)
    assert len(gold.items) == n_items
    assert gold.ignored_columns == ()
    if kind == "frames":
        assert gold.frames == v.FRAME_IDS  # every frame of the contract is coded
        assert gold.coders == ("gold",)
    if kind == "statistics":
        assert gold.has_qualifier and len(gold.codes) == 45
    if kind == "quotes":
        assert len(gold.codes) == 15


def test_shipped_gold_seed_texts_are_verbatim_paragraphs_of_the_raw_articles():
    folder = Path(__file__).resolve().parent / "fixtures" / "seeds"
    raw = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    for kind, name in (
        ("frames", "frames.csv"),
        ("statistics", "statistics.csv"),
        ("quotes", "quotes.jsonl"),
    ):
        items = v.read_gold(kind, GOLD / name).items
        seeds = items[~items["source"].str.startswith("synthetic")]
        assert len(seeds) == 62, name
        for source, text in zip(seeds["source"], seeds["text"], strict=True):
            article_id = source.split(" #")[0]
            assert text in raw[article_id], (name, source)


# ---------------------------------------------------------------------------------------------------------------
# the tool's own pipeline on gold texts


def test_validate_sentiment_runs_vader_and_averages_sentences(tmp_path):
    path = _write(
        tmp_path, "s.csv",
        "text,score\nThe talks were a great success.,0.8\n"
        "The talks were a great success. Officials fear a dangerous crisis.,-0.1\n"
        "The hearing is scheduled for Monday.,0\n",
    )  # fmt: skip
    report = v.validate("sentiment", path, resamples=50)
    pairs = report.details["pairs"]
    assert pairs["n_sentences"].tolist() == [1, 2, 1]
    # VADER: .8316 and -.886 for the two sentences; the two-sentence text scores their mean, -.0272
    assert pairs["compound"].tolist() == pytest.approx([0.8316, (0.8316 - 0.886) / 2, 0.0], abs=1e-4)
    assert pairs["tool_class"].tolist() == ["positive", "neutral", "neutral"]
    assert pairs["gold_class"].tolist() == ["positive", "negative", "neutral"]
    assert report.summary["accuracy"] == pytest.approx(2 / 3)
    assert report.settings["tool"] == "VADER compound, mean over the sentences of a text"


def test_validate_statistics_runs_the_extractor(tmp_path):
    path = _write(
        tmp_path, "st.csv",
        "text,value,high,qualifier\n"
        '"Over 1,300 firms and 6,000 ventures took part.",1300,,more than\n'
        '"Over 1,300 firms and 6,000 ventures took part.",6000,,about\n'
        "Enforcement may be delayed by 60 to 90 days.,60,90,\n"
        "No numbers are quoted here.,,,\n"
        "The company paid $92 million in 2021.,92000000,,\n",
    )  # fmt: skip
    report = v.validate("statistics", path, resamples=50)
    s = report.scores.set_index("group")
    # the four numbers are found (2021 is a year, not a statistic) ...
    assert s.loc["value", ["tp", "fp", "fn"]].tolist() == [4, 0, 0]
    # ... and "Over" = "more than", but the gold's "about" before 6,000 is not in the text
    assert s.loc["value+qualifier", ["tp", "fp", "fn"]].tolist() == [3, 1, 1]


def test_validate_quotes_runs_the_extractor():
    report = v.validate("quotes", FIXTURES / "quotes.jsonl", resamples=50)
    s = report.scores.set_index("group")
    # three speech quotes found exactly; the scare-quoted "refugees" is a term and not scored
    assert s.loc["span_overlap", ["tp", "fp", "fn"]].tolist() == [3, 0, 0]
    assert s.loc["span_exact", ["tp", "fp", "fn"]].tolist() == [3, 0, 0]
    # the speakers differ: "He"/"She" have no name to resolve to, and the gold leaves the spokesperson unnamed
    assert s.loc["quote_speaker", ["tp", "fp", "fn"]].tolist() == [0, 3, 3]
    assert report.misses["type"].tolist() == ["wrong_speaker"] * 3


def test_validate_frames_by_article_reads_the_processed_paragraphs(tmp_path):
    from tiktok_study.io import write_table

    processed = tmp_path / "processed"
    texts = {
        "a1": [
            "Lawmakers clashed over the ban and traded accusations.",
            "The dispute escalated into a feud.",
        ],
        "a2": ["The weather was mild.", "A parade opened the festival."],
    }
    rows, offset = [], 0
    for article, paragraphs in texts.items():
        for n, text in enumerate(paragraphs):
            rows.append({"article_id": article, "paragraph_id": n, "kind": "body", "text": text,
                         "start": offset, "end": offset + len(text)})  # fmt: skip
            offset += len(text) + 2
    write_table(pd.DataFrame(rows), processed / "paragraphs.parquet")
    gold = _write(tmp_path, "f.csv", "article_id,conflict,cooperation\na1,1,0\na2,0,0\n")
    report = v.validate("frames", gold, processed=processed, resamples=50)
    items = report.details["items"].set_index(["article_id", "frame"])
    assert bool(items.loc[("a1", "conflict"), "tool"]) is True  # article rule: frame_profile's `present`
    assert items.loc[("a1", "conflict"), "hits"] >= 2
    assert bool(items.loc[("a2", "conflict"), "tool"]) is False
    s = report.scores.set_index("group")
    assert s.loc["conflict", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert report.settings["presence"] == "auto"
    # an article the processed folder does not have
    bad = _write(tmp_path, "g.csv", "article_id,conflict\nzz,1\n")
    with pytest.raises(
        UsageError, match=r"article_id 'zz' of the frames gold file \(line 2\) is not in .*known: a1, a2"
    ):
        v.validate("frames", bad, processed=processed)
    with pytest.raises(UsageError, match=r"no paragraphs table in .*run `tiktok-study normalize` first"):
        v.validate("frames", gold, processed=tmp_path / "empty")


def test_validate_frames_by_text_normalizes_and_counts_one_hit():
    from tiktok_study.codebook import parse_codebook

    # a codebook of our own, so the figures do not move when the shipped one is tuned
    codebook = parse_codebook(
        {"frames": [
            {"id": "conflict", "label": "Conflict", "definition": "d", "terms": ["clash*", "accusation*"]},
            {"id": "economic", "label": "Economic", "definition": "d", "terms": ["trade*", "revenue", "investor*"]},
        ]}
    )  # fmt: skip
    report = v.validate("frames", FIXTURES / "frames.csv", codebook=codebook, resamples=50)
    items = report.details["items"]
    # text rule: one hit is enough for a paragraph-sized text
    assert ((items["hits"] > 0) == items["tool"]).all()
    assert len(items) == 8 and set(items["frame"]) == {"conflict", "economic"}
    assert items["tool"].tolist() == [True, True, False, False, False, True, False, True]
    # "traded accusations": a conflict hit, and an economic one on "traded" — a false positive, with its evidence
    s = report.scores.set_index("group")
    assert s.loc["conflict", ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    assert s.loc["economic", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]
    fp = report.misses[report.misses["type"] == "false_positive"].iloc[0]
    assert (fp["group"], fp["line"], fp["detail"]) == ("economic", 3, "1 hit(s): traded")
    tp = items[(items["frame"] == "economic") & items["gold"]].iloc[0]
    assert (tp["hits"], tp["terms"]) == (2, "investors, revenue")
    assert report.settings["codebook"]["path"] == "<in memory>"


def test_validate_file_writes_json_and_cli_prints_it(tmp_path, capsys):
    gold = _write(
        tmp_path, "st.csv", "text,value\nUp 12% this year.,12\nNothing here.,\nMore than 300 users.,300\n"
    )
    code = cli.main(["validate", "--kind", "statistics", "--gold", str(gold), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    path = tmp_path / "validation-statistics.json"
    assert code == 0 and path.is_file()
    assert out.startswith("validation of statistics against ") and f"wrote {path}" in out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["summary"]["f1"] == 1.0 and data["summary"]["n_items"] == 3
    assert data["gold"]["path"] == str(gold)


def test_validate_quotes_scores_partial_quotations_only_with_the_option(tmp_path, capsys):
    from tiktok_study.cli import main

    text = "Warren said the plan was “a giveaway to the banks”. “No,” she said."
    doc = {"text": text, "quotes": [{"quote": "a giveaway to the banks", "speaker": "Warren"},
                                    {"quote": "No,", "speaker": "Warren"}]}  # fmt: skip
    gold = _write(tmp_path, "q.jsonl", json.dumps(doc) + "\n")
    direct = v.validate("quotes", gold, resamples=0)
    both = v.validate("quotes", gold, resamples=0, partial=True)
    tp_fn = ["tp", "fn"]
    assert direct.scores.set_index("group").loc["span_overlap", tp_fn].tolist() == [1, 1]
    assert both.scores.set_index("group").loc["span_overlap", tp_fn].tolist() == [2, 0]
    assert "direct quotations only" in direct.settings["scored"]
    assert "partial quotations included" in both.settings["scored"]
    args = ["validate", "--kind", "quotes", "--gold", str(gold), "--out", str(tmp_path), "--resamples", "0"]
    assert main([*args, "--partial"]) == 0
    report = json.loads((tmp_path / "validation-quotes.json").read_text(encoding="utf-8"))
    assert "partial quotations included" in json.dumps(report)
