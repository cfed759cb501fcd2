"""The frame codebook: the shipped file, the term syntax, and errors that name the frame and field."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from tiktok_study.codebook import (
    FRAME_IDS,
    Codebook,
    CodebookError,
    as_codebook,
    default_codebook_path,
    load_codebook,
    parse_codebook,
    term_regex,
)
from tiktok_study.errors import UsageError

GENERIC = ("conflict", "human_interest", "economic", "morality", "responsibility")


def _frame(**over):
    frame = {"id": "f", "label": "F", "definition": "a frame", "terms": ["word"]}
    frame.update(over)
    return {k: v for k, v in frame.items() if v is not None}


def _error(data) -> CodebookError:
    with pytest.raises(CodebookError) as info:
        parse_codebook(data, source="book.yaml")
    return info.value


# --- the shipped codebook --------------------------------------------------------------------------------------


def test_shipped_codebook_has_the_contract_frames_in_order():
    cb = load_codebook()
    assert cb.frame_ids == FRAME_IDS
    assert FRAME_IDS == (
        "conflict", "human_interest", "economic", "morality", "responsibility",
        "security", "tech_rivalry", "legal", "cooperation",
    )  # fmt: skip
    assert cb.path == str(default_codebook_path())
    assert cb.name == "tiktok-us-china"
    assert len(cb.references) == 3


def test_shipped_frames_have_definitions_and_cite_their_source():
    cb = load_codebook()
    for frame in cb:
        assert len(frame.definition) > 80, frame.id
        assert frame.label and frame.label[0].isupper(), frame.id
        assert len(frame.indicators) >= 15, frame.id
    for frame_id in GENERIC:
        assert cb[frame_id].kind == "generic"
        assert "Semetko & Valkenburg (2000)" in cb[frame_id].source
        assert "Semetko & Valkenburg 2000" in cb[frame_id].definition
    for frame_id in ("security", "tech_rivalry", "legal", "cooperation"):
        assert cb[frame_id].kind == "topic"


def test_shipped_codebook_leaves_topic_words_out():
    """The topic's own words would mark every article; they are no frame's indicator."""
    cb = load_codebook()
    every_form = {form.lower() for frame in cb for ind in frame.indicators for form in ind.forms}
    for word in ("tiktok", "ban", "bans", "banned", "app", "china", "users", "sale", "divest*", "deal"):
        assert word not in every_form, word


def test_describe_lists_every_frame():
    rows = load_codebook().describe()
    assert [r["id"] for r in rows] == list(FRAME_IDS)
    conflict = rows[0]
    assert conflict["n_terms"] == len(conflict["terms"]) - conflict["n_patterns"]
    assert "sanction*" in conflict["terms"]


def test_unknown_frame_lookup_names_the_known_ones():
    with pytest.raises(KeyError, match=r"no frame 'framing'.*conflict, human_interest"):
        load_codebook()["framing"]


def test_as_codebook_passes_a_codebook_through_and_loads_paths(tmp_path):
    cb = load_codebook()
    assert as_codebook(cb) is cb
    assert as_codebook(None) == cb
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"frames": [_frame(id="populism", terms=["elite*", "the people"])]}))
    mine = as_codebook(str(path))
    assert mine.frame_ids == ("populism",)
    assert mine.path == str(path)
    assert [i.forms for i in mine["populism"].indicators] == [("elite*",), ("the people",)]


# --- term syntax ---------------------------------------------------------------------------------------------------


def _find(term: str, text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"(?<!\w)" + term_regex(term), text, re.IGNORECASE)]


def test_star_matches_any_ending_of_the_word():
    assert _find("sanction*", "Sanctions, sanctioned and sanctioning; a sanction.") == [
        "Sanctions", "sanctioned", "sanctioning", "sanction",
    ]  # fmt: skip
    assert _find("sanction*", "unsanctioned") == []


def test_whole_words_only():
    assert _find("war", "software award warn war-torn wars war.") == ["war", "war"]


def test_phrases_take_any_spacing_or_a_hyphen():
    text = "trade war, trade-war, trade  war, trade\nwar, trade - war, tradewar"
    assert _find("trade war", text) == ["trade war", "trade-war", "trade  war", "trade\nwar", "trade - war"]
    assert _find("people-to-people", "people to people, people-to-people") == [
        "people to people",
        "people-to-people",
    ]


def test_apostrophe_matches_straight_and_curly():
    assert _find("users' data", "users' data and users’ data") == ["users' data", "users’ data"]


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("", "an empty term"),
        ("  ", "an empty term"),
        ("-war", "must start with a letter or digit"),
        ("wa*", r"a \* may only end a word of at least 3 letters"),
        ("tr*de", r"a \* may only end a word"),
        ("*", "must start with a letter or digit"),
    ],
)
def test_bad_terms_are_refused(term, problem):
    with pytest.raises(ValueError, match=problem):
        term_regex(term)


# --- errors name the frame and the field --------------------------------------------------------------------


def test_missing_label_names_frame_and_field():
    err = _error({"frames": [_frame(label=None)]})
    assert (err.frame, err.field) == ("f", "label")
    assert str(err) == "book.yaml: frame 'f', field 'label': missing (a non-empty text is required)"


def test_missing_definition_names_frame_and_field():
    err = _error({"frames": [_frame(), _frame(id="g", definition="  ")]})
    assert (err.frame, err.field) == ("g", "definition")


def test_a_frame_needs_terms_or_patterns():
    err = _error({"frames": [_frame(terms=None)]})
    assert (err.frame, err.field) == ("f", "terms")
    assert "needs terms or patterns" in str(err)
    assert _error({"frames": [_frame(terms=[], patterns=[])]}).field == "terms"
    only_patterns = parse_codebook({"frames": [_frame(terms=None, patterns=[r"\d+ jobs"])]})
    assert only_patterns["f"].indicators[0].kind == "pattern"


def test_bad_regex_names_frame_field_and_regex():
    err = _error({"frames": [_frame(patterns=["fine", {"name": "broken", "regex": "(unclosed"}])]})
    assert (err.frame, err.field) == ("f", "patterns[1]")
    assert "bad regex '(unclosed'" in str(err)
    assert "missing )" in str(err)


def test_bad_exclude_regex_is_caught_too():
    err = _error({"frames": [_frame(exclude_patterns=["[a-"])]})
    assert (err.frame, err.field) == ("f", "exclude_patterns[0]")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (r"(a)\1", "backreferences are not supported"),
        (r"(?P<x>a)", "named groups and backreferences"),
        (r"(?i)abc", "inline flags must be scoped"),
        (r"a*", "matches the empty text"),
        (r"(?:x)?", "matches the empty text"),
    ],
)
def test_patterns_that_cannot_join_the_combined_regex_are_refused(pattern, problem):
    err = _error({"frames": [_frame(patterns=[pattern])]})
    assert err.field == "patterns[0]"
    assert problem in str(err)


def test_unknown_key_in_a_frame_is_named():
    err = _error({"frames": [_frame(term=["typo: singular key"])]})
    assert (err.frame, err.field) == ("f", "term")
    assert "unknown key" in str(err)


def test_unknown_top_level_key_is_named():
    err = _error({"frames": [_frame()], "frame": []})
    assert err.field == "frame"
    assert err.frame is None
    assert str(err).startswith("book.yaml: field 'frame': unknown key")


def test_unknown_key_in_a_term_entry_is_named():
    err = _error({"frames": [_frame(terms=[{"term": "ban", "form": ["ban"]}])]})
    assert (err.frame, err.field) == ("f", "terms[0]")
    assert "unknown key 'form'" in str(err)


def test_bad_term_names_frame_and_index():
    err = _error({"frames": [_frame(terms=["fine", "wa*"])]})
    assert (err.frame, err.field) == ("f", "terms[1]")
    err = _error({"frames": [_frame(terms=[{"term": "x", "forms": ["ok", ["nested"]]}])]})
    assert err.field == "terms[0]"
    assert "must be a text" in str(err)
    err = _error({"frames": [_frame(terms=[{"forms": ["ok"]}])]})
    assert err.field == "terms[0].term"


def test_a_term_listed_twice_is_refused():
    err = _error({"frames": [_frame(terms=["Tariff*", "tariff*"])]})
    assert (err.frame, err.field) == ("f", "terms[1]")
    assert "listed twice" in str(err)


def test_frame_ids_must_be_identifiers_and_unique():
    err = _error({"frames": [_frame(id="Tech Rivalry")]})
    assert err.field == "frames[0].id"
    assert "'Tech Rivalry' is not a frame id" in str(err)
    err = _error({"frames": [_frame(), _frame()]})
    assert (err.frame, err.field) == ("f", "id")
    assert "used twice" in str(err)


def test_missing_or_empty_frames_list():
    assert _error({}).field == "frames"
    assert _error({"frames": []}).field == "frames"
    assert _error({"frames": ["conflict"]}).field == "frames[0]"
    with pytest.raises(CodebookError, match="a codebook is a mapping"):
        parse_codebook(["conflict"])


def test_wrong_types_are_named():
    err = _error({"frames": [_frame(terms="war")]})
    assert (err.frame, err.field) == ("f", "terms")
    assert "must be a list, not str" in str(err)
    err = _error({"frames": [_frame(label=["x"])]})
    assert err.field == "label"


def test_user_codebooks_may_use_their_own_frame_ids():
    cb = parse_codebook({"frames": [_frame(id="populism"), _frame(id="horse_race", terms=["poll*"])]})
    assert cb.frame_ids == ("populism", "horse_race")


def test_codebook_error_is_a_usage_error_and_a_value_error():
    assert issubclass(CodebookError, UsageError)
    assert issubclass(CodebookError, ValueError)


# --- files ---------------------------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(CodebookError, match=r"nope\.yaml: file not found"):
        load_codebook(tmp_path / "nope.yaml")


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("frames: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"bad\.yaml: not valid YAML"):
        load_codebook(path)


def test_a_key_given_twice_in_yaml_is_refused(tmp_path):
    """PyYAML would keep the second `terms:` silently and drop the first list."""
    path = tmp_path / "twice.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            frames:
              - id: f
                label: F
                definition: d
                terms: [war]
                terms: [peace]
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match="the key 'terms' is given twice"):
        load_codebook(path)


def test_error_from_a_file_names_the_file_frame_and_field(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"frames": [_frame(id="blame", patterns=["(x"])]}), encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert str(info.value).startswith(f"{path}: frame 'blame', field 'patterns[0]': bad regex")


def test_shipped_file_is_the_one_in_the_package():
    path = default_codebook_path()
    assert path.name == "codebook.yaml"
    assert path.parent.name == "data"
    assert Path(path).is_file()
    assert isinstance(load_codebook(path), Codebook)
