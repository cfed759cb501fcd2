"""Typed notebook parameters: declaration parsing, command-line coercion, in-notebook checks."""

from __future__ import annotations

import pytest

from tiktok_study.params import ParameterError, check_parameters, coerce, parse_parameters_source

SOURCE = """\
from typing import Optional

processed_dir: Optional[str] = None  # folder of tables; None: data/processed
articles: Optional[list[str]] = None  # article ids; None: all
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
    assert spec["articles"].annotation == "Optional[list[str]]"
    assert spec["top_n"].default == 10
    assert spec["processed_dir"].help == "folder of tables; None: data/processed"


def test_the_pep604_spelling_is_still_read():
    legacy = parse_parameters_source("name: str | None = None  # a name")
    assert coerce(legacy["name"], "none") is None and coerce(legacy["name"], "7") == "7"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("fmt", "2021", "2021"),  # a str parameter stays a string (papermill -p would make an int)
        ("processed_dir", "2021", "2021"),
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


# --- check_parameters, as the notebook's second cell calls it with globals() --------------------------------

PARAMETERS_CELL = (
    "from typing import Optional\n\ntop_n: int = 10  # rows\narticles: Optional[list[str]] = None  # ids"
)
CHECK_CELL = "params = ts.check_parameters(globals())"


def _kernel(*cells: str, **values):
    """A kernel namespace as IPython leaves it after running ``cells`` (the last one is the current cell)."""
    namespace = {
        "In": ["", *cells],
        "__annotations__": {"top_n": int, "articles": list[str] | None},
        "top_n": 10,
        "articles": None,
    }
    namespace.update(values)
    return namespace


def test_check_parameters_accepts_declared_values():
    ns = _kernel(PARAMETERS_CELL, "# Parameters\narticles = ['a']\n", CHECK_CELL, articles=["a"])
    assert check_parameters(ns) == {"top_n": 10, "articles": ["a"]}


def test_check_parameters_names_a_misspelled_injected_parameter():
    ns = _kernel(PARAMETERS_CELL, "# Parameters\ntop_m = 5\n", CHECK_CELL, top_m=5)
    with pytest.raises(
        ParameterError, match="unknown parameter\\(s\\) top_m; this notebook declares articles, top_n"
    ):
        check_parameters(ns)


def test_a_live_kernel_runs_the_notebook_twice():
    """Run All twice: the kernel holds every variable of the first run (the old check called them unknown)."""
    first = [PARAMETERS_CELL, CHECK_CELL, "corpus = 1", "book = {}", "NOTEBOOK = 'x'"]
    ns = _kernel(*first, *first[:2], corpus=1, book={}, NOTEBOOK="x", figures=object())
    assert check_parameters(ns) == {"top_n": 10, "articles": None}


def test_a_value_changed_in_the_parameters_cell_is_checked():
    edited = PARAMETERS_CELL.replace("top_n: int = 10", "top_n: int = 'ten'")
    ns = _kernel(PARAMETERS_CELL, CHECK_CELL, "x = 1", edited, CHECK_CELL, top_n="ten")
    with pytest.raises(ParameterError, match="parameter 'top_n' expects int, got str 'ten'"):
        check_parameters(ns)


def test_an_injected_cell_of_an_earlier_run_does_not_count():
    """papermill's cell of the first run sits before the parameters cell run again: only the latest run counts."""
    ns = _kernel(
        PARAMETERS_CELL, "# Parameters\ntop_m = 5\n", CHECK_CELL, PARAMETERS_CELL, CHECK_CELL, top_m=5
    )
    assert check_parameters(ns) == {"top_n": 10, "articles": None}


def test_check_parameters_names_the_wrong_type_and_says_how_to_pass_text():
    ns = _kernel(
        PARAMETERS_CELL.replace("top_n: int = 10", "label: str = 'x'"),
        "# Parameters\nlabel = 2021\n",
        CHECK_CELL,
        label=2021,
    )
    with pytest.raises(ParameterError, match=r"parameter 'label' expects str, got int 2021 .*-r NAME VALUE"):
        check_parameters(ns)


def test_without_a_history_the_annotations_and_the_given_names_are_used():
    ns = {"__annotations__": {"top_n": int}, "top_n": 3, "unrelated": 1}
    assert check_parameters(ns) == {"top_n": 3}
    with pytest.raises(ParameterError, match="unknown parameter\\(s\\) top_m"):
        check_parameters(ns, injected=["top_m"])
    with pytest.raises(ParameterError, match="run the parameters cell first"):
        check_parameters({"unrelated": 1})


# --- path parameters: read from the project root whatever the working directory --------------------------------


def test_path_parameters_resolve_from_the_project_root(tmp_path, monkeypatch):
    from tiktok_study import config, notebook

    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "tiktok_study"\n', encoding="utf-8")
    monkeypatch.delenv(config.ENV_ROOT, raising=False)
    monkeypatch.chdir(root / "notebooks")  # where a JupyterLab kernel starts
    assert config.project_root() == root
    assert notebook.project_path("data/gold") == root / "data" / "gold"
    assert notebook.processed_path(None) == root / "data" / "processed"
    assert notebook.processed_path("elsewhere/tables") == root / "elsewhere" / "tables"
    assert notebook.reports_path(None) == root / "reports"
    assert notebook.project_path(None) is None
    assert notebook.project_path(tmp_path / "abs") == tmp_path / "abs"
    assert config.relative(root / "data" / "gold" / "frames.csv") == "data/gold/frames.csv"
    assert config.relative(tmp_path / "outside" / "codebook.yaml") == "codebook.yaml"  # never a machine path
    assert config.relative("data/gold") == "data/gold"


def test_count_parameters_are_checked():
    from tiktok_study.notebook import check_positive

    check_positive(top_n=1, resamples=0)
    with pytest.raises(ParameterError, match="parameter 'resamples' must be 0 or more, got -1"):
        check_positive(resamples=-1)
