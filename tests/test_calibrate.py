"""`calibrate`: per-frame rules learned on a coded sheet, reported out-of-fold; the calibrated codebook."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from tiktok_study import calibrate as cal
from tiktok_study import cli, metrics
from tiktok_study.codebook import PresenceRule, load_codebook
from tiktok_study.errors import UsageError
from tiktok_study.frames import frame_profile

CODEBOOK = {
    "name": "test",
    "frames": [
        {"id": "conflict", "label": "Conflict", "definition": "fights", "terms": ["war", "battle"]},
        {"id": "economic", "label": "Economic", "definition": "money", "terms": ["money", "trade"]},
        {"id": "morality", "label": "Morality", "definition": "right and wrong", "terms": ["sin"]},
    ],
}
FILLER = "the committee met on a calm morning and the members talked about the plans for next year".split()  # noqa: SIM905
KNOWN_PER_1K = 12.0  # the coders' conflict rule, unknown to the tool: present when war words >= 12 per 1,000


def _codebook(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(CODEBOOK, sort_keys=False), encoding="utf-8")
    return path


def _text(rng: np.random.Generator, words: int, war: int, money: int) -> str:
    body = [FILLER[k % len(FILLER)] for k in range(words)]
    places = rng.choice(words, size=war + money, replace=False)
    for n, place in enumerate(places):
        body[place] = "war" if n < war else "money"
    # four paragraphs, so share_paragraphs varies too
    quarter = max(1, words // 4)
    return "\n\n".join(" ".join(body[k : k + quarter]).capitalize() + "." for k in range(0, words, quarter))


def _sheet(tmp_path: Path, *, n: int = 60, seed: int = 3) -> tuple[Path, pd.DataFrame]:
    """A synthetic coded corpus where conflict's right rule is known: hits per 1,000 words >= 12."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        words = int(rng.integers(150, 600))
        war = int(rng.integers(0, 14))
        money = int(rng.integers(0, 4))
        per_1k = 1000 * war / words
        rows.append({"id": f"item-{i:03d}", "text": _text(rng, words, war, money),
                     "conflict": int(per_1k >= KNOWN_PER_1K), "economic": int(money >= 2), "morality": 0,
                     "_per_1k": per_1k})  # fmt: skip
    table = pd.DataFrame(rows)
    path = tmp_path / "coded.csv"
    table.drop(columns=["_per_1k"]).to_csv(path, index=False)
    return path, table


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    """One calibration of the synthetic sheet (normalizing 60 texts takes a while), shared by the tests."""
    tmp_path = tmp_path_factory.mktemp("calibrated")
    sheet, table = _sheet(tmp_path)
    result = cal.calibrate_file(sheet, out=tmp_path / "out", codebook=_codebook(tmp_path), folds=5, seed=1)
    return tmp_path, sheet, table, result


def test_known_threshold_is_learned_and_reported_out_of_fold(calibrated):
    _, _, table, result = calibrated
    conflict = result.report["frames"]["conflict"]
    rule = conflict["rule"]
    assert rule["family"] == "threshold"
    # the learned cut sits between the largest negative and the smallest positive per-1k value
    below = table.loc[table["_per_1k"] < KNOWN_PER_1K, "_per_1k"].max()
    above = table.loc[table["_per_1k"] >= KNOWN_PER_1K, "_per_1k"].min()
    assert below < rule["min_per_1k"] <= above
    assert conflict["f1_cv"] >= 0.9
    assert conflict["f1_cv"] > conflict["f1_all_positive"]
    assert conflict["f1_ci"][0] <= conflict["f1_cv"] <= conflict["f1_ci"][1]
    # morality is never coded: not calibratable, reported, the rest go on
    assert "not_calibratable" in result.report["frames"]["morality"]["rule"]
    assert result.report["frames"]["morality"]["f1_cv"] is None


def test_calibration_json_has_exactly_the_issue_schema(calibrated):
    tmp_path = calibrated[0]
    data = json.loads((tmp_path / "out" / "calibration.json").read_text(encoding="utf-8"))
    assert set(data) == {
        "n_items",
        "folds",
        "frames",
        "macro_f1_cv",
        "macro_f1_uncalibrated",
        "macro_f1_all_positive",
    }
    assert data["n_items"] == 60 and data["folds"] == 5
    for entry in data["frames"].values():
        assert set(entry) == {"prevalence", "f1_cv", "f1_ci", "precision_cv", "recall_cv", "f1_uncalibrated",
                              "f1_all_positive", "rule"}  # fmt: skip
        assert isinstance(entry["rule"], dict) and len(entry["f1_ci"]) == 2


def test_every_calibrated_frame_is_at_least_all_positive_out_of_fold(calibrated):
    result = calibrated[3]
    for frame, entry in result.report["frames"].items():
        if entry["f1_cv"] is not None:
            assert entry["f1_cv"] >= entry["f1_all_positive"] - 1e-9, frame


def test_calibrated_codebook_is_what_analyze_uses(calibrated):
    tmp_path, _, _, result = calibrated
    text = (tmp_path / "out" / "codebook.calibrated.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Calibrated by `tiktok-study calibrate` on coded.csv")
    assert str(tmp_path) not in text  # no machine paths
    book = load_codebook(tmp_path / "out" / "codebook.calibrated.yaml")
    assert book["conflict"].rule == result.rules["conflict"]
    assert book["morality"].rule is None  # not calibratable: keeps the default rule
    # the rule now decides `present` in frame_profile: 5 war words in 400 words (12.5 per 1k)
    words = ["war" if k % 80 == 0 else "calm" for k in range(400)]
    paragraphs = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "kind": ["body"],
                               "text": [" ".join(words)], "start": [0], "end": [len(" ".join(words))]})  # fmt: skip
    _, default_af = frame_profile(paragraphs, codebook=_codebook(tmp_path))
    _, calibrated_af = frame_profile(paragraphs, codebook=book)
    rule = book["conflict"].rule
    row = calibrated_af.set_index("frame").loc["conflict"]
    expected = bool(
        rule.decide(hits=[row["hits"]], per_1k=[row["hits_per_1k_words"]], share=[row["share_paragraphs"]])[0]
    )
    assert row["present"] == expected
    assert default_af.set_index("frame").loc["conflict", "present"]  # 5 hits, 12.5 per 1k under the default


def test_same_input_same_bytes(tmp_path):
    sheet, _ = _sheet(tmp_path)
    outputs = []
    for name in ("a", "b"):
        cal.calibrate_file(sheet, out=tmp_path / name, codebook=_codebook(tmp_path), folds=5, seed=1)
        outputs.append(
            [(tmp_path / name / f).read_bytes() for f in ("calibration.json", "codebook.calibrated.yaml")]
        )
    assert outputs[0] == outputs[1]


# --- no leakage -------------------------------------------------------------------------------------------------


def test_cross_validation_never_fits_on_the_test_fold():
    """Fails if a rule is fitted on the items it then predicts (the whole sheet, or the test fold)."""
    n = 40
    X = np.column_stack([np.arange(n, dtype=float), np.zeros(n), np.zeros(n)])  # hits = the item's own number
    y = np.arange(n) % 3 == 0
    log: list[tuple[set, set]] = []

    class Spy(PresenceRule):
        def decide(self, *, hits, per_1k, share):
            log[-1][1].update(np.asarray(hits, dtype=int).tolist())
            return np.zeros(len(hits), dtype=bool)

    def fit(X_train, y_train):
        log.append((set(X_train[:, 0].astype(int).tolist()), set()))
        return Spy()

    cal.cross_validate(X, y, folds=5, seed=7, fit=fit)
    assert len(log) == 5
    predicted = set()
    for trained_on, applied_to in log:
        assert not trained_on & applied_to  # never predicts an item it was fitted on
        assert trained_on | applied_to == set(range(n))
        predicted |= applied_to
    assert predicted == set(range(n))


def test_noise_labels_give_no_better_than_chance_out_of_fold():
    """Labels independent of the features: fitted on the items it scores, a rule looks better than chance;
    out of fold it does not (averaged over 8 noise sheets, so one lucky draw does not decide)."""
    in_sample, out_of_fold, chance = [], [], []
    for seed in range(8):
        rng = np.random.default_rng(seed)
        n = 150
        X = np.column_stack([rng.integers(0, 8, n), rng.random(n) * 20, rng.random(n)]).astype(float)
        y = rng.random(n) < 0.3
        in_sample.append(cal._f1(y, cal._decide(cal.fit_threshold(X, y), X)))
        oof, _ = cal.cross_validate(
            X, y, folds=5, seed=seed, fit=lambda a, b: cal.select_rule(a, b, folds=5, seed=0)
        )
        out_of_fold.append(cal._f1(y, oof))
        chance.append(metrics.all_positive_f1(y))
    assert np.mean(out_of_fold) < np.mean(in_sample)
    assert np.mean(out_of_fold) <= np.mean(chance) + 0.02


def test_all_positive_is_a_candidate():
    X = np.array([[0, 0, 0], [1, 1, 1], [0, 0, 0], [2, 2, 1]] * 3, dtype=float)
    y = np.array([True] * 11 + [False])
    family, rule = cal.select_rule(X, y, folds=5, seed=0)
    assert rule == cal.ALWAYS and family in ("always", "threshold")


# --- bad input ---------------------------------------------------------------------------------------------------


def test_unknown_frame_column_is_named_and_ignored(tmp_path, caplog):
    sheet, table = _sheet(tmp_path, n=20)
    table = pd.read_csv(sheet).assign(populism=[0, 1] * 10)
    table.to_csv(sheet, index=False)
    result = cal.calibrate(sheet, codebook=_codebook(tmp_path), folds=4, seed=1)
    assert "populism" not in result.report["frames"]
    assert any("'populism' is not a frame of the codebook; ignored" in n for n in result.notes)
    assert "populism" in caplog.text


def test_non_binary_value_exits_2_naming_row_and_column(tmp_path, capsys):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("text,conflict\nA war.,1\nPeace.,yes\n", encoding="utf-8")
    code = cli.main(["calibrate", "--gold", str(sheet), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "line 3, column conflict: 'yes'; code 0 (absent) or 1 (present)" in capsys.readouterr().err


def test_fewer_items_than_folds(tmp_path):
    sheet = tmp_path / "few.csv"
    sheet.write_text("text,conflict\nA war.,1\nPeace.,0\nWar again.,1\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"3 coded item\(s\), fewer than the 5 folds"):
        cal.calibrate(sheet, folds=5)


def test_duplicate_ids_are_refused(tmp_path):
    sheet = tmp_path / "dup.csv"
    sheet.write_text("id,text,conflict\na1,A war.,1\na2,Peace.,0\na1,War again.,1\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"line 4, column id: the id 'a1' is used twice \(first on line 2\)"):
        cal.calibrate(sheet, folds=2)


def test_xlsx_with_merged_cells_or_extra_sheets_is_refused(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["text", "conflict"])
    sheet.append(["A war.", 1])
    sheet.append(["Peace.", 0])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    with pytest.raises(UsageError, match=r"merged.xlsx sheet 'Sheet': has merged cells \(A2:A3\)"):
        cal.calibrate(tmp_path / "merged.xlsx", folds=2)
    book = Workbook()
    book.active.append(["text", "conflict"])
    book.create_sheet("notes")
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(UsageError, match=r"has 2 sheets \('Sheet', 'notes'\); keep the coding on one sheet"):
        cal.calibrate(tmp_path / "two.xlsx", folds=2)


def test_xlsx_sheet_gives_the_same_figures_as_csv(tmp_path):
    sheet, _ = _sheet(tmp_path, n=30)
    table = pd.read_csv(sheet)
    table.to_excel(tmp_path / "coded.xlsx", index=False)
    from_csv = cal.calibrate(sheet, codebook=_codebook(tmp_path), folds=3, seed=1)
    from_xlsx = cal.calibrate(tmp_path / "coded.xlsx", codebook=_codebook(tmp_path), folds=3, seed=1)
    assert from_csv.to_json() == from_xlsx.to_json()


def test_rows_not_coded_yet_are_left_out(tmp_path):
    sheet, _ = _sheet(tmp_path, n=20)
    table = pd.read_csv(sheet)
    table.loc[15:, ["conflict", "economic", "morality"]] = np.nan
    table.to_csv(sheet, index=False)
    assert cal.calibrate(sheet, codebook=_codebook(tmp_path), folds=3, seed=1).report["n_items"] == 15


def test_cli_calibrate_writes_both_files(tmp_path, capsys):
    sheet, _ = _sheet(tmp_path, n=30)
    code = cli.main(["calibrate", "--gold", str(sheet), "--codebook", str(_codebook(tmp_path)), "--folds", "3",
                     "--seed", "2", "--out", str(tmp_path / "out")])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "conflict" in out and "out-of-fold" in out
    assert (tmp_path / "out" / "calibration.json").is_file()
    assert (tmp_path / "out" / "codebook.calibrated.yaml").is_file()


# --- the optional classifier -------------------------------------------------------------------------------------


def _classifier_data(seed: int, *, signal_in_text: bool):
    rng = np.random.default_rng(seed)
    n = 80
    y = rng.random(n) < 0.4
    words = ["committee", "morning", "members", "plans", "year", "report", "city", "council"]
    texts, X = [], []
    for label in y:
        body = list(rng.choice(words, size=30))
        if signal_in_text and label:
            body[rng.integers(30)] = "tariff"  # a word the dictionary does not know decides the code
        texts.append(" ".join(body))
        hits = (3 if label else 0) if not signal_in_text else int(rng.integers(0, 3))
        X.append([hits, 1000 * hits / 30, min(1.0, hits / 2)])
    return texts, np.array(X, dtype=float), y


@pytest.mark.parametrize(("signal_in_text", "chosen"), [(True, True), (False, False)])
def test_classifier_is_chosen_only_when_nested_cv_shows_it_wins(signal_in_text, chosen):
    from tiktok_study.classifier import compare_with_dictionary

    texts, X, y = _classifier_data(4, signal_in_text=signal_in_text)
    oof, _ = cal.cross_validate(
        X, y, folds=4, seed=1, fit=lambda a, b: cal.select_rule(a, b, folds=4, seed=1)
    )
    found = compare_with_dictionary(
        texts, X, y, folds=4, seed=1, dictionary_oof=oof, current=cal.DEFAULT_RULE
    )
    assert found["chosen"] is chosen
    if chosen:
        assert found["f1_cv_nested"] > cal._f1(y, oof)
        assert found["top_terms"][0] == "tariff"  # the evidence
    else:
        assert cal._f1(y, oof) == 1.0  # the dictionary is exact here; nothing can beat it


def test_calibrate_reports_only_out_of_fold_predictions(tmp_path, monkeypatch):
    """Through `calibrate` itself: every prediction behind f1_cv comes from a rule fitted without that item, and
    the codebook's rule is the one fitted on all items. Fails if f1_cv is ever computed in sample."""
    n = 30
    sheet = tmp_path / "sheet.csv"
    pd.DataFrame(
        {"text": [f"Item {k}." for k in range(n)], "conflict": [k % 3 == 0 for k in range(n)]}
    ).astype({"conflict": int}).to_csv(sheet, index=False)

    def measure(gold, *, codebook, processed=None):  # the item's number as its hits: rows tell who is who
        rows = [{"item": i, "frame": f, "hits": float(i), "hits_per_1k_words": 0.0, "share_paragraphs": 0.0}
                for i in gold.items["item"] for f in codebook.frame_ids]  # fmt: skip
        return pd.DataFrame(rows), [""] * len(gold.items)

    fitted_on: list[set] = []
    decided: list[tuple[int, set]] = []

    class Spy(PresenceRule):
        def decide(self, *, hits, per_1k, share):
            decided.append((self.min_hits, set(np.asarray(hits, dtype=int).tolist())))
            return np.asarray(hits) % 3 == 0

    def spy_select(X, y, **_):
        fitted_on.append(set(X[:, 0].astype(int).tolist()))
        return "threshold", Spy(min_hits=len(fitted_on))  # min_hits tags which fit made the rule

    monkeypatch.setattr(cal, "_measure", measure)
    monkeypatch.setattr(cal, "select_rule", spy_select)
    result = cal.calibrate(sheet, codebook=_codebook(tmp_path), folds=5, seed=3, resamples=10)
    assert len(fitted_on) == 6 and fitted_on[-1] == set(range(n))  # 5 folds, then all items for the codebook
    assert sorted(i for _, items in decided for i in items) == list(range(n))  # each item predicted once
    for tag, items in decided:
        assert not items & fitted_on[tag - 1], "an item was predicted by a rule fitted on it"
    assert result.report["frames"]["conflict"]["f1_cv"] == 1.0
