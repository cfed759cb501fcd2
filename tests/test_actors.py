"""Actors: the list as data, mentions with case and overlap rules, and the tone of the sentences naming them."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tiktok_study import actors as ac
from tiktok_study.errors import UsageError
from tiktok_study.schema import COLUMNS, SchemaError
from tiktok_study.sentiment import score_sentiment

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of the seed articles
CGTN, GEEKPARK, RIVALRY = "000_84ecfe4f6f97db33", "001_1da23138b7400f21", "002_3862a9654516b30a"


def _mentions(text: str, actors=None) -> list[tuple[str, str, str]]:
    sentences = pd.DataFrame([("a", 0, 0, text, 0, len(text))], columns=COLUMNS["sentences"])
    found = ac.find_actors(sentences, actors=actors).sort_values("start", kind="mergesort")
    return list(zip(found["actor"], found["alias"], found["match"], strict=True))


# --- the shipped list -----------------------------------------------------------------------------------------------


def test_shipped_list_has_the_actors_of_the_issue():
    names = [a.name for a in ac.load_actors()]
    for name in (
        "US government", "Congress", "courts", "Donald Trump", "Joe Biden", "United States", "China", "Xi Jinping",
        "TikTok", "ByteDance", "Xiaohongshu", "Douyin", "users", "Oracle", "Nvidia",
    ):  # fmt: skip
        assert name in names
    assert len(names) == len(set(names))


def test_load_actors_returns_a_fresh_list():
    first = ac.load_actors()
    first.clear()
    assert len(ac.load_actors()) > 15


# --- matching: case -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Let us see what the US does.", [("United States", "US", "US")]),
        ("Users flocked to RedNote; users stayed.", [
            ("users", "users", "Users"), ("Xiaohongshu", "rednote", "RedNote"), ("users", "users", "users")]),
        ("An oracle spoke; Oracle bid.", [("Oracle", "Oracle", "Oracle")]),
        ("A trump card. Trump spoke.", [("Donald Trump", "Trump", "Trump")]),
        ("TIKTOK and Tiktok and TikTok.", [("TikTok", "tiktok", "TIKTOK"), ("TikTok", "tiktok", "Tiktok"),
                                           ("TikTok", "tiktok", "TikTok")]),
        ("china plates from China.", [("China", "China", "China")]),
    ],
)  # fmt: skip
def test_capitalized_aliases_match_as_written_lowercase_ones_in_any_case(text, want):
    assert _mentions(text) == want


# --- matching: boundaries and overlaps --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Xinhua reported it.", "Chinatown was busy.", "The metadata leaked.", "USAID helped.", "Trumpeter swans.",
     "The Courtney case."],
)  # fmt: skip
def test_whole_words_only(text):
    assert _mentions(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The U.S. government acted.", [("US government", "U.S. government")]),
        ("Chinese President Xi Jinping arrived.", [("Xi Jinping", "Chinese President Xi Jinping")]),
        ("China’s President Xi Jinping arrived.", [("Xi Jinping", "China's President Xi Jinping")]),
        ("U.S. President Donald Trump spoke.", [("Donald Trump", "U.S. President Donald Trump")]),
        ("TikTok users protested.", [("users", "TikTok users")]),
        ("The Biden administration appealed.", [("US government", "Biden administration")]),
        ("US-China ties frayed.", [("United States", "US"), ("China", "China")]),
        ("The U.S. Supreme Court ruled.", [("courts", "U.S. Supreme Court")]),
        ("The National People's Congress met; Congress did not.", [
            ("China", "National People's Congress"), ("Congress", "Congress")]),
        ("Beijing and the CCP replied.", [("China", "Beijing"), ("China", "CCP")]),
        ("Trump and Xi spoke about ByteDance and Oracle.", [
            ("Donald Trump", "Trump"), ("Xi Jinping", "Xi"), ("ByteDance", "bytedance"), ("Oracle", "Oracle")]),
    ],
)  # fmt: skip
def test_the_longest_mention_wins_and_is_counted_once(text, want):
    assert [(a, alias) for a, alias, _ in _mentions(text)] == want


def test_exclusions_drop_a_mention_inside_them():
    assert _mentions("The Washington Post reported that Washington objected.") == [
        ("US government", "Washington", "Washington")
    ]
    assert _mentions("At the 20th Party Congress, Beijing signalled it; Congress noticed.") == [
        ("China", "Beijing", "Beijing"),
        ("Congress", "Congress", "Congress"),
    ]
    assert _mentions("Apple Daily closed; Apple stayed in the Big Apple.") == [("Apple", "Apple", "Apple")]


def test_whitespace_and_apostrophes_are_flexible():
    assert _mentions("The Chinese  Communist\nParty and the People’s Republic of China.") == [
        ("China", "Chinese Communist Party", "Chinese  Communist\nParty"),
        ("China", "People's Republic of China", "People’s Republic of China"),
    ]


def test_table_columns_offsets_and_order():
    sentences = pd.DataFrame(
        [
            ("b", 0, 0, "Nvidia and Oracle.", 0, 18),
            ("a", 2, 5, "Douyin grew; TikTok shrank, and Douyin again.", 40, 86),
        ],
        columns=COLUMNS["sentences"],
    )
    found = ac.find_actors(sentences)
    assert (
        list(found.columns)
        == ac.ACTOR_COLUMNS
        == [*COLUMNS["actors"], "paragraph_id", "start", "end", "match"]
    )
    assert found[["article_id", "sentence_id", "actor", "start", "end", "paragraph_id"]].values.tolist() == [
        ["a", 5, "Douyin", 0, 6, 2],
        ["a", 5, "Douyin", 32, 38, 2],
        ["a", 5, "TikTok", 13, 19, 2],
        ["b", 0, "Nvidia", 0, 6, 0],
        ["b", 0, "Oracle", 11, 17, 0],
    ]
    texts = dict(
        zip(
            zip(sentences["article_id"], sentences["sentence_id"], strict=True),
            sentences["text"],
            strict=True,
        )
    )
    for r in found.itertuples():
        assert texts[(r.article_id, r.sentence_id)][r.start : r.end] == r.match


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="find_actors: the sentences table lacks columns text"):
        ac.find_actors(pd.DataFrame({c: [] for c in COLUMNS["sentences"] if c != "text"}))


def test_empty_input():
    found = ac.find_actors(pd.DataFrame(columns=COLUMNS["sentences"]))
    assert found.empty and list(found.columns) == ac.ACTOR_COLUMNS


# --- user lists and errors ------------------------------------------------------------------------------------------


def _write(tmp_path, data) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_user_list_from_a_path(tmp_path):
    path = _write(
        tmp_path,
        {
            "actors": [
                {
                    "name": "EU",
                    "kind": "state",
                    "aliases": ["European Union", "Brussels", {"alias": "eu", "case": "sensitive"}],
                },
                {"name": "teens", "aliases": ["teenagers", {"alias": "Gen Z", "case": "insensitive"}]},
            ]
        },
    )
    actors = ac.load_actors(path)
    assert [a.name for a in actors] == ["EU", "teens"]
    assert actors[0].aliases[2] == ac.Alias("eu", True)
    assert _mentions("Brussels, the EU (not eu) and GEN Z teenagers.", actors=str(path)) == [
        ("EU", "Brussels", "Brussels"),
        ("EU", "eu", "eu"),
        ("teens", "Gen Z", "GEN Z"),
        ("teens", "teenagers", "teenagers"),
    ]


def _error(data) -> ac.ActorsError:
    with pytest.raises(ac.ActorsError) as info:
        ac.parse_actors(data, source="actors.yaml")
    return info.value


def test_missing_aliases_names_actor_and_field():
    err = _error({"actors": [{"name": "Oracle"}]})
    assert (err.actor, err.field) == ("Oracle", "aliases")
    assert (
        str(err)
        == "actors.yaml: actor 'Oracle', field 'aliases': missing (a list of at least one alias is required)"
    )


def test_missing_name_names_the_position():
    err = _error({"actors": [{"name": "A", "aliases": ["a"]}, {"aliases": ["b"]}]})
    assert err.field == "actors[1].name"


@pytest.mark.parametrize(
    ("actor", "field", "problem"),
    [
        ({"name": "X", "aliases": ["x"], "alias": ["y"]}, "alias", "unknown key"),
        ({"name": "X", "aliases": "x"}, "aliases", "non-empty list"),
        ({"name": "X", "aliases": []}, "aliases", "non-empty list"),
        ({"name": "X", "aliases": [["x"]]}, "aliases[0]", "must be a text"),
        ({"name": "X", "aliases": ["-x"]}, "aliases[0]", "must start with a letter or digit"),
        ({"name": "X", "aliases": [{"alias": "x", "case": "upper"}]}, "aliases[0].case", "'upper' is not"),
        (
            {"name": "X", "aliases": [{"alias": "x", "cases": "sensitive"}]},
            "aliases[0]",
            "unknown key 'cases'",
        ),
        ({"name": "X", "aliases": ["x", "x"]}, "aliases", "listed twice"),
        ({"name": "X", "aliases": ["x"], "exclude": "y"}, "exclude", "non-empty list"),
        ({"name": "X", "aliases": ["x"], "kind": ["a"]}, "kind", "must be a text"),
    ],
)
def test_malformed_actor_names_actor_and_field(actor, field, problem):
    err = _error({"actors": [actor]})
    assert (err.actor, err.field) == ("X", field)
    assert problem in str(err)


def test_an_alias_of_two_actors_is_refused():
    err = _error({"actors": [{"name": "A", "aliases": ["Beijing"]}, {"name": "B", "aliases": ["beijing"]}]})
    assert (err.actor, err.field) == ("B", "aliases")
    assert "the alias 'beijing' is also an alias of 'A'" in str(err)


def test_two_actors_with_one_name_are_refused():
    err = _error({"actors": [{"name": "A", "aliases": ["a"]}, {"name": "A", "aliases": ["b"]}]})
    assert (err.actor, err.field) == ("A", "name")


def test_top_level_errors(tmp_path):
    assert _error({"actor": []}).field == "actor"
    assert _error({"actors": []}).field == "actors"
    assert _error({"actors": ["China"]}).field == "actors[0]"
    with pytest.raises(ac.ActorsError, match="file not found"):
        ac.load_actors(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: A\n    name: B\n    aliases: [a]\n", encoding="utf-8")
    with pytest.raises(ac.ActorsError, match="the key 'name' is given twice"):
        ac.load_actors(bad)


def test_actors_error_is_a_value_error():
    assert issubclass(ac.ActorsError, ValueError) and issubclass(ac.ActorsError, UsageError)


# --- tone -----------------------------------------------------------------------------------------------------------


def _sentiment(compounds: dict[tuple[str, int], float]) -> pd.DataFrame:
    rows = [(a, 0, s, 0.0, 1.0, 0.0, c) for (a, s), c in compounds.items()]
    return pd.DataFrame(rows, columns=COLUMNS["sentiment"])


def _actor_rows(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame([(a, s, actor, actor) for a, s, actor in rows], columns=COLUMNS["actors"])


def test_actor_tone_per_actor():
    mentions = _actor_rows([("a", 0, "China"), ("a", 0, "China"), ("a", 1, "China"), ("b", 0, "China"),
                            ("a", 1, "TikTok"), ("a", 9, "TikTok")])  # fmt: skip
    scores = _sentiment({("a", 0): 0.6, ("a", 1): -0.4, ("b", 0): 0.02})
    out = ac.actor_tone(mentions, scores).set_index("actor")
    china = out.loc["China"]
    assert (china["n_sentences"], china["n_mentions"], china["n_articles"]) == (3, 4, 2)
    assert china["mean_compound"] == round((0.6 - 0.4 + 0.02) / 3, 4)
    assert china["sd_compound"] == round(statistics.stdev([0.6, -0.4, 0.02]), 4)
    assert china["se_compound"] == round(statistics.stdev([0.6, -0.4, 0.02]) / math.sqrt(3), 4)
    assert (china["share_positive"], china["share_neutral"], china["share_negative"]) == (
        0.3333,
        0.3333,
        0.3333,
    )
    tiktok = out.loc["TikTok"]  # sentence 9 is not scored: left out
    assert (tiktok["n_sentences"], tiktok["n_mentions"], tiktok["mean_compound"]) == (1, 1, -0.4)
    assert math.isnan(tiktok["sd_compound"])
    assert list(out.index) == ["China", "TikTok"]


def test_actor_tone_per_article():
    mentions = _actor_rows([("a", 0, "China"), ("a", 1, "China"), ("b", 0, "China")])
    scores = _sentiment({("a", 0): 0.6, ("a", 1): -0.4, ("b", 0): 0.02})
    out = ac.actor_tone(mentions, scores, by="article")
    assert out[["actor", "article_id", "n_sentences", "mean_compound"]].values.tolist() == [
        ["China", "a", 2, 0.1],
        ["China", "b", 1, 0.02],
    ]
    assert "n_articles" not in out
    with pytest.raises(ValueError, match="by must be"):
        ac.actor_tone(mentions, scores, by="sentence")


# --- the seeds -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["lines", "normalizer"])
def test_seed_mentions(source, seed_sentences):
    sentences = seed_sentences(source)
    found = ac.find_actors(sentences)
    counts = found.groupby(["article_id", "actor"]).size()
    assert counts[(RIVALRY, "Nvidia")] == 5
    assert counts[(RIVALRY, "Xi Jinping")] == 2
    assert counts[(CGTN, "Xiaohongshu")] == 3
    assert counts[(GEEKPARK, "ByteDance")] == 8
    assert (CGTN, "China") in counts and (GEEKPARK, "Congress") in counts
    tone = ac.actor_tone(found, score_sentiment(sentences))
    assert (tone["n_sentences"] >= 1).all()
    assert tone.set_index("actor").loc["TikTok", "n_articles"] == 3
