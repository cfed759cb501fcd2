"""Quotations on hostile input: linear time (a ratio, not an absolute time), no exception, offsets that slice."""

from __future__ import annotations

import random
import time

import pytest

from tiktok_study.quotes import extract_quotes

# One "sentence" of mixed quotation marks, speech verbs and names, of any length (issue 17: 100 KB took 18 s).
MIXED_TOKENS = ["“", "”", '"', "'", "''", "‘", "’", "said", "he", "Smith", "word", ",", ":", "the", "called",
                "John", "according to", "«", "»", "„", "``", "Mr.", "told", "reporters"]  # fmt: skip


def _mixed(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n:
        token = rng.choice(MIXED_TOKENS)
        out.append(token)
        size += len(token) + 1
    return " ".join(out)[:n]


def _best_time(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract_quotes(text)
        best = min(best, time.perf_counter() - start)
    return best


HOSTILE = {
    "mixed marks": _mixed,
    "sentences with quotes": lambda n: ("Smith said: “We win.” Then he left. " * (n // 36 + 1))[:n],
    "marks only": lambda n: ("“”\"'‘’«»„''``" * (n // 13 + 1))[:n],
    "unicode digits": lambda n: ("٣٤٥ “١٢٣” ๑๒๓ said ꧑꧒ ".replace(" ", " ") * (n // 20 + 1))[:n],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_extraction_time_grows_linearly(name):
    make = HOSTILE[name]
    extract_quotes("He said: “We will win today.”")  # load the sentence splitter first
    small, large = _best_time(make(10_000)), _best_time(make(100_000), repeat=2)
    # 10 times the text: about 10 times the time (a quadratic scan gives 100); 25 leaves room for noise.
    assert large / max(small, 1e-3) < 25, f"{name}: 10 KB {small:.3f} s, 100 KB {large:.3f} s"


@pytest.mark.parametrize(
    "text",
    [
        "“" * 5000 + "word" + "”" * 3000,  # unbalanced, nested
        "“A ‘b “c” d’ e” ‘f “g’ h” said Mr. Smith.",  # crossed nesting
        "\n\n".join([f"“Paragraph {i} goes on" for i in range(20)]) + " and ends,” he said.",
        "قال المتحدث “نحن نرفض القرار” في بيان.",  # RTL with typographic marks
        "‏“مرحبا” ‎said‎ ‫Smith‬.",  # bidi controls
        "The vote was ٣٥٢ to ٦٥, “a ௧௨ win,” said Smith.",  # Arabic-Indic and Tamil digits
        "’" * 1000 + "'" * 1000 + '"' * 1001,
        "He said \u201c\u0000 nul \u201d and “\ud800 lone surrogate” done.",
        "",
        "\n\n\n",
    ],
)
def test_bad_input_gives_rows_whose_offsets_slice_the_text(text):
    df = extract_quotes(text)
    for row in df.itertuples():
        assert 0 <= row.start <= row.end <= len(text)
        span = text[row.start : row.end]
        if row.n_paragraphs == 1:
            assert span == row.text
        else:  # the parts of a quotation across paragraphs, in order, inside its span
            at = 0
            for part in row.text.split("\n"):
                at = span.index(part, at) + len(part)


def test_quotation_spanning_twenty_paragraphs_is_one_quotation():
    paragraphs = ["Smith said: “This is the first part."] + [f"“Part {i} goes on." for i in range(2, 20)]
    paragraphs.append("“And this is the end.”")
    text = "\n\n".join(paragraphs)
    df = extract_quotes(text)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["n_paragraphs"], row["speaker"], row["kind"]) == (20, "Smith", "speech")
    assert text[row["start"] : row["end"]].startswith("This is the first part.")
    assert text[row["start"] : row["end"]].endswith("And this is the end.")


def test_mark_spans_are_those_of_the_mark_regex():
    """The one-class scan of the marks finds exactly what ``QUOTE_MARK_RE`` finds, bounds included (doubled
    ASCII marks, runs of three, a lone backtick, a doubled mark cut by the bound)."""
    from tiktok_study.quotes.lexicon import QUOTE_MARK_RE
    from tiktok_study.quotes.marks import _mark_spans

    rng = random.Random(16)
    texts = ["'''", "```", "`a`", "''x''", "He said ``yes'' — 5'10\" “a” ‘b’ «c» „d“"]
    texts += ["".join(rng.choice("''``\"a “”‘’«»„") for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        for a, b in ((0, len(text)), (lo, hi)):
            assert _mark_spans(text, a, b) == [m.span() for m in QUOTE_MARK_RE.finditer(text, a, b)], (
                text,
                a,
                b,
            )


def _tail_start_by_characters(pre: str, tokens: int, punctuation: str) -> int:
    """The definition of ``_tail_start``, character by character."""
    end = len(pre.rstrip())
    if punctuation and end and pre[end - 1] in punctuation:
        end = len(pre[: end - 1].rstrip())
    i = end
    for k in range(tokens):
        while i > 0 and not pre[i - 1].isspace():
            i -= 1
        if k < tokens - 1:
            while i > 0 and pre[i - 1].isspace():
                i -= 1
    return i


def test_tail_start_is_where_the_last_tokens_begin():
    """``_tail_start`` (str.rsplit) agrees with its character-by-character definition, on all kinds of blanks
    (newline, tab, no-break and em spaces), leading blanks, fewer tokens than asked, trailing punctuation."""
    from tiktok_study.quotes.attribution import _tail_start

    rng = random.Random(16)
    pres = ["", " ", "said:", " a ,", "  a b", "he once called , "]
    pres += [
        "".join(rng.choice("ab ,:\n\t\u00a0\u2003") for _ in range(rng.randint(0, 14))) for _ in range(20000)
    ]
    for pre in pres:
        for tokens in (1, 2, 6):
            for punctuation in ("", ":", ",:"):
                got = _tail_start(pre, tokens, punctuation=punctuation)
                assert got == _tail_start_by_characters(pre, tokens, punctuation), (pre, tokens, punctuation)
