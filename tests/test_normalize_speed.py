"""normalize's shortcuts (issue #16) answer exactly as the plain rules did.

The boilerplate line rules skip a slow regex when a plain test shows it cannot match; these tests compare the
shortcut with the regex alone on real lines, synthetic lines made to match, and random text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import furniture as fu
from tiktok_study.normalize import lines, words

FIXTURES = Path(__file__).parent / "fixtures"

# the copyright rule as one alternation, as it was written before it was split in two
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|版权所有)|all rights reserved|alle rechte vorbehalten"
    r"|ICP[证备]\s*\d|公网安备|备案号\s*[:：]|举报(?:电话|邮箱|专线)\s*[:：]|版权(?:属于|归).{0,40}所有"
    r"|^本文(?:为|系|是).{0,40}(?:原创|独立观点|授权|转载)|转载请(?:联系|注明)|未经(?:授权|许可)[，,]?\s*(?:禁止|不得|严禁)转载",
    re.I,
)

LINES = [
    "© 2025 The Ledger. All rights reserved.",
    "Copyright 2024 Example News",
    "(c) Example News 2023",
    "ALL RIGHTS RESERVED",
    "Alle Rechte vorbehalten.",
    "ALLE RECHTE VORBEHALTEN",
    "京ICP备12345678号",
    "icp证 2024",
    "京公网安备 11010502030000号",
    "备案号：京ICP备1号",
    "举报电话：12345",
    "版权归某某公司所有",
    "本文为作者原创，转载请注明出处",
    "未经授权，禁止转载",
    "Protesters gather outside the court. REUTERS/Jane Doe",
    "The minister is pictured in Beijing on Monday (photo by Li Wei)",
    "Officials were seen at the site. AFP/Getty",
    "Photo: John Smith",
    "Foto： Agencia",
    "A crowd in Washington (Image courtesy of the White House)",
    "The summit opened on Monday [File photo]",
    "Flags fly in Brussels | Reuters",
    "Flags fly in Brussels / AP Photo via Getty",
    "盖蒂图片社 / 视觉中国",
    "Officials said the talks would continue next week.",
    "The company said it had all the rights it needed.",
    "He sees the right reserved for others: the hall remains.",
    "",
    " ",
    "x",
]


def _real_lines() -> list[str]:
    paths = [
        p
        for folder in ("seeds", "real")
        for p in (FIXTURES / folder).rglob("*")
        if p.suffix in {".txt", ".md"}
    ]
    return [line.strip() for p in sorted(paths) for line in p.read_text(encoding="utf-8").splitlines()]


def _same_rules(text: str) -> None:
    n = bp.word_count(text)
    assert bp._copyright(text, n) == (
        None if n > (60 if bp.CJK.search(text) else 40) else ("copyright" if COPYRIGHT.search(text) else None)
    )
    assert bp._caption_tail(text, n) == (
        "caption-credit" if bp.CAPTION_TAIL.search(text, max(0, len(text) - 200)) else None
    )
    pictured = bp.CAPTION_PICTURED.search(text)
    expected = "caption-credit" if pictured and bp.word_count(text[pictured.end() :]) <= 4 else None
    assert bp._pictured(text, n) == expected


@pytest.mark.parametrize("text", LINES)
def test_rules_on_written_lines(text: str) -> None:
    _same_rules(text)


def test_written_lines_set_the_rules_off() -> None:
    """The lines above do reach the regexes: every rule fires on some of them."""
    fired = {
        rule
        for text in LINES
        for rule in (bp._copyright(text, 5), bp._caption_tail(text, 5), bp._pictured(text, 5))
    }
    assert fired == {None, "copyright", "caption-credit"}
    assert sum(bp._copyright(t, 5) == "copyright" for t in LINES) >= 12
    assert sum(bp._caption_tail(t, 5) == "caption-credit" for t in LINES) >= 5


def test_rules_on_real_lines() -> None:
    lines = _real_lines()
    assert len(lines) > 1000
    for text in lines:
        _same_rules(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(LINES), st.text(max_size=40), st.sampled_from(["/", "|", ":", ")", "]", "ll r"])
        ),
        max_size=6,
    ).map(" ".join)
)
def test_rules_on_random_lines(text: str) -> None:
    _same_rules(text)


def test_hint_letters_have_no_other_case_partners() -> None:
    """COPYRIGHT_HINT spells its letters [Ll], [Rr] …: under re.I no other character matches them."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "lrechtv":
        assert set(re.findall(letter, everything, re.I)) == {letter, letter.upper()}


WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(["a", ".", "…", "x", " ", *WHITESPACE]), max_size=12))
def test_ends_in_ellipsis_is_the_regex(text: str) -> None:
    assert fu.ends_in_ellipsis(text) == bool(fu.ELLIPSIS_END.search(text))


@pytest.mark.parametrize(
    "text", ["Read more ...", "Read more…\n", "more... \u3000", "...", "…", "a. ..", "a .. .", ""]
)
def test_ends_in_ellipsis_written(text: str) -> None:
    assert fu.ends_in_ellipsis(text) == bool(fu.ELLIPSIS_END.search(text))
    assert all(fu.ends_in_ellipsis(line) == bool(fu.ELLIPSIS_END.search(line)) for line in _real_lines())


def test_needs_ftfy_start_holds_every_first_character() -> None:
    """Every character NEEDS_FTFY can start a match with (its class under re.I, and "&") is in NEEDS_FTFY_START."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1))
    starts = set(lines.NEEDS_FTFY.findall(everything)) | {"&"}
    assert all(len(c) == 1 for c in starts)
    assert {c for c in starts if not lines.NEEDS_FTFY_START.match(c)} == set()
    assert lines.NEEDS_FTFY.search("caf&eacute;") and lines.NEEDS_FTFY_START.search("caf&eacute;")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from(["a", "&", "#", "x", "1", ";", "Ÿ", "µ", "é", "\x1b", "ﬁ", "Å", " "]), max_size=20
    )
)
def test_clean_text_shortcut(text: str) -> None:
    assert lines._needs_ftfy(text) == bool(lines.NEEDS_FTFY.search(text))


def test_composites_of_ascii_letters_are_not_spaces() -> None:
    """has_text's argument: NFC turns an ASCII letter and its marks into a character that is no space."""
    for c in range(sys.maxunicode + 1):
        char = chr(c)
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalnum():
            assert not char.isspace() and not lines.SPACES.match(char) and not lines.INVISIBLE.match(char)


# pieces of text: characters each rule of clean_text acts on, and entities or bare "&" that ftfy does or does not see
HAS_TEXT_BITS = [
    "a", "Z", "7", " ", "\n", "\t", "\u200b", "\u0301", "\u00a0", "&", "é", "“", "\x00", "\u3000",
    "#", ";", "x", "amp", "&nbsp;", "&#8203;", "&#x41;", "&shy;", "R&D",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HAS_TEXT_BITS), max_size=16).map("".join))
def test_has_text_is_clean_text(text: str) -> None:
    assert lines.has_text(text) == bool(lines.clean_text(text))


HAS_TEXT_WRITTEN = [
    "", " ", "\u200b\n", "&nbsp;", "&nbsp; a", "e\u0301", "\ufeffA", "“”", "ﬁ", "R&D", "&#8203;", "AT&T &shy;",
]  # fmt: skip


@pytest.mark.parametrize("text", HAS_TEXT_WRITTEN)
def test_has_text_written(text: str) -> None:
    assert lines.has_text(text) == bool(lines.clean_text(text))


# furniture's sentence split as it was written before: a lookbehind for the stop
LOOKBEHIND_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z\u4e00-\u9fff])")


def _split_before(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in LOOKBEHIND_SENTENCE_END.finditer(text):
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


SENTENCE_BITS = [
    ".",
    "!",
    "?",
    "…",
    "。",
    "？",
    '"',
    "'",
    "”",
    "’",
    ")",
    "]",
    "“",
    "(",
    " ",
    "\n",
    "A",
    "a",
    "中",
    "1",
]


@settings(max_examples=800, deadline=None)
@given(st.text(st.sampled_from(SENTENCE_BITS), max_size=24))
def test_split_sentences_as_before(text: str) -> None:
    assert fu.split_sentences(text) == _split_before(text)


def test_split_sentences_as_before_on_real_lines() -> None:
    real = _real_lines()
    assert sum(len(fu.split_sentences(t)) > 1 for t in real) > 100
    assert all(fu.split_sentences(t) == _split_before(t) for t in real)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(["a", " ", "\t", "\u00a0", "\u3000", "#"]), max_size=12))
def test_three_spaces_in_every_flattened_join(text: str) -> None:
    if lines.FLATTENED_JOIN.search(text):
        assert lines.THREE_SPACES.search(text)


def _line_rule_before(text: str) -> str | None:
    """line_rule as written before: every rule of LINE_RULES tried in order, skipped above its word limit."""
    if not any(ch.isalnum() for ch in text):
        return "separator"
    n = bp.word_count(text)
    if len(text) > 600 or n > 60:
        return None
    if bp.BARE_URL.match(text):
        return "bare-url"
    for most, test in bp.LINE_RULES:
        if n <= most:
            rule = test(text, n)
            if rule:
                return rule
    return None


def test_line_rule_as_before() -> None:
    texts = [*_real_lines(), *LINES, *(" ".join(["word"] * n) + " | Reuters" for n in range(70))]
    rules = [bp.line_rule(t) for t in texts]
    assert rules == [_line_rule_before(t) for t in texts]
    assert len(set(rules)) > 10  # the real lines set off many rules


def _title_key_before(text: str) -> str:
    return bp.KEY_CHARS.sub("", text.casefold())


def test_title_key_drops_only_key_chars() -> None:
    """What title_key drops without the regex is what the regex drops: ASCII's [\\W_] and some marks."""
    assert {chr(c) for c in words.ASCII_NON_KEY} == {chr(c) for c in range(128) if bp.KEY_CHARS.match(chr(c))}
    assert all(bp.KEY_CHARS.fullmatch(mark) for mark in words.COMMON_NON_KEY)


def test_title_key_as_before() -> None:
    texts = [
        *_real_lines(),
        *LINES,
        "U.S. “Ban” — Café_1",
        "ẞtraße ΣΑΣ",
        "İstanbul’s «ﬁne» day…",
        "a\u00a0b_c",
    ]
    keys = [bp.title_key(t) for t in texts]
    assert keys == [_title_key_before(t) for t in texts]
    assert sum(t.isascii() for t in texts) > 100 and sum(not t.isascii() for t in texts) > 100


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from([*"aZ9 _-.,'’“”—«»…\u00a0éßẞİΣς\u0301\u3000中", "ﬁ"]), max_size=20))
def test_title_key_as_before_on_random_text(text: str) -> None:
    assert bp.title_key(text) == _title_key_before(text)


@pytest.mark.parametrize(
    "text",
    ["ALL RIGHTS RESERVED", "All Rights reserved", "alL R", "Alle Rechte Vorbehalten", "RECHTE V", "ll  r"],
)
def test_copyright_on_ascii_lines_and_word_limits(text: str) -> None:
    """The ASCII path (substrings of the lowered line) and the word limits (40, or 60 with CJK) as the regex says."""
    for n in (5, 40, 41, 60, 61):
        assert bp._copyright(text, n) == (
            None if n > 40 else ("copyright" if COPYRIGHT.search(text) else None)
        )
        cjk = text + " 中"
        assert bp._copyright(cjk, n) == (None if n > 60 else ("copyright" if COPYRIGHT.search(cjk) else None))
    assert any(bp._copyright(t, 5) for t in (text, text + " 中")) == bool(COPYRIGHT.search(text))


def _word_count_before(text: str) -> int:
    cjk = len(bp.CJK.findall(text))
    return cjk + len(bp.WORD.findall(bp.CJK.sub(" ", text))) if cjk else len(bp.WORD.findall(text))


def test_word_ascii_is_word_on_ascii() -> None:
    """On ASCII characters WORD's classes are WORD_ASCII's: [^\\W_] is [A-Za-z0-9], and ’ is not ASCII."""
    ascii_chars = [chr(c) for c in range(128)]
    assert [c for c in ascii_chars if re.fullmatch(r"[^\W_]", c)] == [c for c in ascii_chars if c.isalnum()]
    assert all(re.fullmatch(r"[\W_]", m) and m not in "'’.-" for m in words.SEPARATING_MARKS)
    texts = [*_real_lines(), *LINES, "a.b..c -d- e'f' 3.5% U.S._x", "".join(ascii_chars)]
    texts += ["It’s “big”—a…b «x» c‘d’", "美国’s 国会—ok", "Café’s d’é"]
    assert [bp.word_count(t) for t in texts] == [_word_count_before(t) for t in texts]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from([*"aZ9 _-.,'’\t", "é", "中", "\u0301", *words.SEPARATING_MARKS]), max_size=20))
def test_word_count_as_before(text: str) -> None:
    assert bp.word_count(text) == _word_count_before(text)


def test_cjk_rules_need_a_non_ascii_character() -> None:
    """The ASCII guards of the CJK rules: no ASCII character is CJK or can be matched by CJK_CALL_TO_ACTION."""
    ascii_text = "".join(chr(c) for c in range(128))
    assert not bp.CJK.search(ascii_text)
    assert not any(bp.CJK_CALL_TO_ACTION.search(ascii_text[:k] + " ") for k in range(128))
    for text in ("点击这里", "赞 ，轻点两下取消赞 在看", "关注公众号 “x”"):
        n = bp.word_count(text)
        assert bp._cjk_call_to_action(text, n) or bp._cjk_interface(text, n) or "“" in text


# joiners, separators, word characters and the marks the shortcuts replace, in texts long enough for _ascii_words
COUNTED = st.text(
    st.sampled_from([*"aZ9 _-.,'’‐‑\t\n%$", "é", "中", "\u0301", *words.SEPARATING_MARKS]),
    min_size=20,
    max_size=120,
)


@settings(max_examples=800, deadline=None)
@given(COUNTED)
def test_long_word_count_as_before(text: str) -> None:
    assert bp.word_count(text) == _word_count_before(text)


@settings(max_examples=800, deadline=None)
@given(COUNTED)
def test_body_word_count_is_frames_count_words(text: str) -> None:
    from tiktok_study.frames import count_words

    assert words.body_word_count(text) == count_words(text)


def test_ascii_words_on_real_lines() -> None:
    """The counts of _ascii_words are findall's on every real line and paragraph of the fixtures."""
    from tiktok_study.frames import count_words

    texts = [*_real_lines(), *LINES, "a.b..c -d- e'f' 3.5% U.S._x", "".join(chr(c) for c in range(128))]
    texts += [
        "..a .a. a..b -a- 'x' 1,300 27.8 people-to-people " * 3,
        "It’s “big”—a…b «x» c‘d’ co‑op x‐y " * 2,
    ]
    for text in texts:
        if text.isascii():
            assert words._ascii_words(text, words.WORD_RUNS) == len(words.WORD_ASCII.findall(text)), text
        assert words.body_word_count(text) == count_words(text), text
        assert bp.word_count(text) == _word_count_before(text), text
