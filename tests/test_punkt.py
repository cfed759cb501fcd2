"""ExactPunkt splits sentences exactly as NLTK's Punkt (English), without importing NLTK (issue #16)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktok_study import punkt, text
from tiktok_study.punkt import ExactPunkt, find_params, read_params

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def nltk_punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    return PunktTokenizer("english")


@pytest.fixture(scope="module")
def exact():
    folder = find_params()
    assert folder is not None, "the punkt_tab parameters were not found as NLTK finds them"
    return ExactPunkt(read_params(folder))


def _same(nltk_punkt, exact, s: str) -> None:
    assert exact.span_tokenize(s) == list(nltk_punkt.span_tokenize(s)), repr(s)


def _pieces(s: str) -> list[str]:
    """A text, each of its lines and each of its blank-line separated paragraphs."""
    return [s, *s.split("\n"), *re.split(r"\n\s*\n", s)]


# --- the parameters and the expressions are NLTK's -----------------------------------------------------------


def test_params_are_the_files_nltk_loads(nltk_punkt):
    from nltk.data import find

    folder = find_params()
    assert folder is not None
    assert os.path.realpath(folder) == os.path.realpath(str(find("tokenizers/punkt_tab/english/")))
    params, theirs = read_params(folder), nltk_punkt._params
    assert params.abbrev_types == theirs.abbrev_types
    assert params.collocations == theirs.collocations
    assert params.sent_starters == theirs.sent_starters
    assert params.ortho_context == dict(theirs.ortho_context)
    assert len(params.abbrev_types) > 100 and len(params.ortho_context) > 10_000


def test_the_splitter_built_from_nltk_has_the_same_parameters(nltk_punkt, exact):
    ours = ExactPunkt.from_nltk(nltk_punkt)
    for name in ExactPunkt.__slots__:
        if name not in ("_words", "_decisions"):
            assert getattr(ours, name) == getattr(exact, name), name
    sample = (FIXTURES / "seeds" / "001_1da23138b7400f21.txt").read_text(encoding="utf-8")
    assert ours.span_tokenize(sample) == exact.span_tokenize(sample) == list(nltk_punkt.span_tokenize(sample))


def test_expressions_are_nltks_own():
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

    lang = PunktLanguageVars()
    # NLTK writes "?!" from a set, so its order varies between processes; the class is the same either way.
    for ours, theirs in [
        (punkt._PUNKT_WORD, lang._word_tokenizer_re()),
        (punkt._SENTENCE_END_CONTEXT, lang.period_context_re()),
    ]:
        assert ours.pattern == theirs.pattern.replace(r"!\?]", r"\?!]")
        assert ours.flags == theirs.flags
    for ours, theirs in [
        (punkt._CLOSING_PUNCTUATION, lang.re_boundary_realignment),
        (punkt._ELLIPSIS, PunktToken._RE_ELLIPSIS),
        (punkt._NUMERIC, PunktToken._RE_NUMERIC),
        (punkt._INITIAL, PunktToken._RE_INITIAL),
    ]:
        assert (ours.pattern, ours.flags) == (theirs.pattern, theirs.flags)
    # the shortcut before the realignment expression: exactly the characters it can start with
    for c in map(chr, range(0x3000)):
        assert (punkt._CLOSING_PUNCTUATION.match(c + " ") is not None) == (c in punkt._CLOSING_FIRST), repr(c)


# --- real text ------------------------------------------------------------------------------------------------


def test_seed_articles_split_as_nltk(nltk_punkt, exact):
    files = sorted((FIXTURES / "seeds").glob("*.txt"))
    assert len(files) == 3
    for path in files:
        for s in _pieces(path.read_text(encoding="utf-8")):
            _same(nltk_punkt, exact, s)


def test_real_articles_split_as_nltk(nltk_punkt, exact):
    files = sorted(p for p in (FIXTURES / "real").glob("*/raw/*") if p.is_file())
    assert len(files) > 40
    for path in files:
        for s in _pieces(path.read_text(encoding="utf-8", errors="replace")):
            _same(nltk_punkt, exact, s)


def test_normalized_paragraphs_split_as_nltk(nltk_punkt, exact):
    from tiktok_study.normalize import normalize_text

    n = 0
    for path in sorted(p for p in (FIXTURES / "real" / "corpus-dev" / "raw").iterdir() if p.is_file()):
        tables = normalize_text(path.read_text(encoding="utf-8", errors="replace"), article_id=path.stem)
        for paragraph in tables.paragraphs["text"]:
            _same(nltk_punkt, exact, str(paragraph))
            n += 1
    assert n > 300


def test_benchmark_articles_split_as_nltk(nltk_punkt, exact):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pool = bench._pool(FIXTURES / "seeds")
    for index in range(300):
        article = bench.synthetic_article(index, pool, seed=8)
        for s in [article["title"], *_pieces(article["text"])]:
            _same(nltk_punkt, exact, s)


# --- generated strings of the tokens that decide Punkt's breaks -------------------------------------------------


def _tricky_tokens() -> list[str]:
    params = read_params(find_params())
    abbrevs = sorted(params.abbrev_types)[::3]
    starters = sorted(params.sent_starters)
    colloc = sorted({w for pair in params.collocations for w in pair})[::2]
    words = [
        "J.", "U.S.", "u.s.", "No.", "no.", "5", "3.5", "3.5.", "1,000.", "-2.", ".5", "1st.", "2nd", "...", "..",
        ". . .", "?", "!", "?!", "!!", "!?", ".", "'", '"', ")", "(", "]", "[", "}", "{", "\u2018", "\u2019",
        "\u201c", "\u201d", "\xab", "\xbb", "--", "-", ",", ";", ":", "the", "The", "THE", "he", "He", "said",
        "Apple", "apple", "i", "I.", "a.", "A.", "e.g.", "i.e.", "etc.", "Inc.", "Mr.", "Dr.", "St.", "Jan.",
        "vs.", "Ph.D.", "x.y.z.", "end.", "End.", "\xc9mile", "\xe9.", "\xdf.", "\u0130stanbul", "\u4e2d\u6587\u3002",
        "\u0661\u0662.", "\u00bd.", "word.\u201d", "(see.", "it.)", "#", "@", "*", "&", "%", "1.", "A", "b",
    ]  # fmt: skip
    return [
        *words,
        *(a + "." for a in abbrevs),
        *(a.capitalize() + "." for a in abbrevs[::4]),
        *(s.capitalize() for s in starters),
        *starters[::3],
        *(w.capitalize() for w in colloc),
        *colloc,
    ]


_SEPARATORS = [" ", " ", " ", "  ", "", "\n", "\n\n", "\t", "\xa0", "\u2009", "\r\n", "\x85", "\u2028", "\x1c",
               " \n ", "\x0b"]  # fmt: skip


@st.composite
def _tricky_text(draw) -> str:
    tokens = draw(st.lists(st.sampled_from(_TRICKY), min_size=0, max_size=25))
    gaps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(tokens) + 1, max_size=len(tokens) + 1))
    return "".join(g + t for g, t in zip(gaps, [*tokens, ""], strict=True))


_TRICKY = _tricky_tokens()


@settings(max_examples=2000, deadline=None)
@given(_tricky_text())
def test_generated_texts_split_as_nltk(nltk_punkt, exact, s):
    _same(nltk_punkt, exact, s)


@settings(max_examples=1000, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aA. ?!\"')(]\n\xa0\u201d\u2019,;:-1\xe9\u0130\x1c\t")), max_size=40
    )
)
def test_arbitrary_strings_split_as_nltk(nltk_punkt, exact, s):
    _same(nltk_punkt, exact, s)


# --- without NLTK ---------------------------------------------------------------------------------------------


def test_a_fresh_process_splits_without_importing_nltk(nltk_punkt):
    sample = (FIXTURES / "seeds" / "000_84ecfe4f6f97db33.txt").read_text(encoding="utf-8")
    code = (
        "import sys\n"
        "from tiktok_study.text import sentence_spans, _punkt\n"
        "spans = sentence_spans(sys.stdin.read())\n"
        "assert 'nltk' not in sys.modules, sorted(m for m in sys.modules if m.startswith('nltk'))\n"
        "print(repr(spans))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=sample, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == repr(list(nltk_punkt.span_tokenize(sample)))


def _copy_params(root: Path) -> Path:
    folder = root / "tokenizers" / "punkt_tab" / "english"
    shutil.copytree(find_params(), folder)
    for path in [root, *folder.parents, folder, *folder.iterdir()]:
        if root in (path, *path.parents):
            path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


@pytest.mark.skipif(os.name != "posix", reason="NLTK's trust test on data folders is POSIX only")
def test_params_are_found_first_on_nltk_data_and_untrusted_folders_are_left_to_nltk(tmp_path, monkeypatch):
    root = tmp_path / "data"
    folder = _copy_params(root)
    (folder / "abbrev_types.txt").write_text("zzq\n", encoding="utf-8")
    monkeypatch.setenv("NLTK_DATA", str(root))
    assert find_params() == folder
    assert read_params(find_params()).abbrev_types == frozenset({"zzq"})
    (folder / "abbrev_types.txt").chmod(0o664)  # group-writable: NLTK would refuse the folder
    assert find_params() is None
    (folder / "abbrev_types.txt").chmod(0o644)
    folder.chmod(0o775)
    assert find_params() is None
    folder.chmod(0o755)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder, elsewhere)
    (folder / "collocations.tab").unlink()
    (folder / "collocations.tab").symlink_to(elsewhere / "collocations.tab")  # outside the data folder
    assert find_params() is None
    (folder / "collocations.tab").unlink()
    shutil.copy(elsewhere / "collocations.tab", folder / "collocations.tab")
    assert find_params() == folder
    (folder / "sent_starters.txt").unlink()  # incomplete: NLTK would raise its own error
    assert find_params() is None


def test_missing_parameters_raise_the_project_error(monkeypatch, tmp_path):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    text._punkt.cache_clear()
    try:
        with pytest.raises(text.NLTKResourceMissing, match="tiktok-study setup"):
            text.sentence_spans("One. Two.")
    finally:
        monkeypatch.undo()
        text._punkt.cache_clear()
    assert text.sentence_spans("One. Two.") == [(0, 4), (5, 9)]


def test_a_bad_parameter_file_names_file_and_line(tmp_path):
    folder = _copy_params(tmp_path / "data")
    (folder / "ortho_context.tab").write_text("word\t12\nbroken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ortho_context\.tab: line 2"):
        read_params(folder)


def test_full_caches_are_cleared_and_spans_stay_the_same(nltk_punkt, monkeypatch):
    monkeypatch.setattr(punkt, "_CACHE_LIMIT", 3)
    small = ExactPunkt(read_params(find_params()))
    sample = (FIXTURES / "seeds" / "002_3862a9654516b30a.txt").read_text(encoding="utf-8")
    assert small.span_tokenize(sample) == list(nltk_punkt.span_tokenize(sample))
    assert len(small._words) <= 3 and len(small._decisions) <= 3
