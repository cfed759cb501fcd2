"""Typed notebook parameters: declaration parsing, command-line coercion, in-notebook checks."""

from __future__ import annotations

import pytest

from tiktok_study.params import ParameterError, check_parameters, coerce, parse_parameters_source

SOURCE = """\
processed_dir: str | None = None  # folder of tables, None = data/processed
articles: list[str] | None = None  # article ids, None = all
top_n: int = 10  # rows shown
threshold: float = 0.05  # VADER neutral band
show_code: bool = False  # show the code in HTML
fmt: str = "png"  # figure format
"""


@pytest.fixture
def spec():
    return parse_parameters_source(SOURCE)


def test_declarations_are_read_with_type_default_and_help(spec):
    assert list(spec) == ["processed_dir", "articles", "top_n", "threshold", "show_code", "fmt"]
    assert spec["articles"].annotation == "list[str] | None"
    assert spec["top_n"].default == 10
    assert spec["processed_dir"].help == "folder of tables, None = data/processed"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("fmt", "2021", "2021"),  # a str parameter stays a string (papermill -p would make an int)
        ("processed_dir", "none", None),
        ("processed_dir", "data/x", "data/x"),
        ("articles", "a,b", ["a", "b"]),
        ("articles", "[a, b]", ["a", "b"]),
        ("articles", "a", ["a"]),
        ("top_n", "25", 25),
        ("threshold", "1", 1.0),
        ("show_code", "true", True),
    ],
)
def test_coerce_follows_the_annotation(spec, name, text, expected):
    value = coerce(spec[name], text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(("name", "text"), [("top_n", "ten"), ("top_n", "2.5"), ("show_code", "maybe")])
def test_coerce_rejects_the_wrong_type_naming_the_parameter(spec, name, text):
    with pytest.raises(ParameterError, match=rf"parameter '{name}' expects"):
        coerce(spec[name], text)


def test_an_unannotated_parameter_is_refused():
    with pytest.raises(ParameterError, match="without a type annotation"):
        parse_parameters_source("x = 1")


def _namespace(**values):
    ns = {"__annotations__": {"top_n": int, "articles": list[str] | None}, "top_n": 10, "articles": None}
    ns.update(values)
    return ns


def test_check_parameters_accepts_declared_values():
    assert check_parameters(_namespace(articles=["a"])) == {"top_n": 10, "articles": ["a"]}


def test_check_parameters_names_a_misspelled_parameter():
    with pytest.raises(
        ParameterError, match="unknown parameter\\(s\\) top_m; this notebook declares articles, top_n"
    ):
        check_parameters(_namespace(top_m=5))


def test_check_parameters_names_the_wrong_type():
    with pytest.raises(ParameterError, match="parameter 'top_n' expects int, got str '5'"):
        check_parameters(_namespace(top_n="5"))
