"""Speed changes of issue #16 that must not change a result: the shipped patterns on ``re``."""

from __future__ import annotations

import re
from pathlib import Path

from tiktok_study import frames as frames_module
from tiktok_study.codebook import as_codebook, parse_codebook
from tiktok_study.frames import WORD_START
from tiktok_study.user_regex import first_char_class, pattern_pass, scan_pattern_pass

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"

# Texts that set off every pattern of the shipped codebook (and near misses), beside the seed paragraphs.
TRIGGERS = [
    "A 12-year-old and a 7 years old boy told her own story; their lives and my dream, his job.",
    "It cost $5 billion, US$ 3m, U.S. $40, €2.5bn, £7 and ¥900 k; 5,000 dollars and 3 million yuan, 9 RMB.",
    "Lawmakers should act. Congress must respond; regulators need to step in and has to take action.",
    "The tech race, AI supremacy, chip war, semiconductor self-reliance and technology capabilities grew.",
    "The TikTok Act passed; the act of reading. Section § 230 and §12 apply. ACT now, Acting, Act.",
    "Washington should, Beijing must, parents need to, companies have to: platform should not.",
]


def _paragraphs() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out + TRIGGERS


def test_the_shipped_patterns_run_on_re_and_match_as_the_regex_package_does():
    matcher = frames_module._Matcher(as_codebook(None))
    assert matcher.pattern_regex is None  # no user pattern: no timed pass
    assert matcher.any_pattern is not None  # the shipped patterns share the terms' pass (on `re`)
    ours_rx, slots = pattern_pass(matcher.reviewed_parts, matcher.terms_of, prefix=WORD_START, timed=False)
    theirs_rx, _ = pattern_pass(matcher.reviewed_parts, matcher.terms_of, prefix=WORD_START)
    assert isinstance(ours_rx, re.Pattern) and not isinstance(theirs_rx, re.Pattern)
    texts = _paragraphs()
    found = 0
    for text in texts:
        ours = scan_pattern_pass(ours_rx, slots, text)
        theirs = scan_pattern_pass(theirs_rx, slots, text, timeout=5.0)
        assert ours == theirs, text
        found += len(ours)
    assert found >= 20  # the triggers did trigger


def test_a_users_pattern_runs_with_the_timeout_and_the_shipped_ones_stay_on_re():
    shipped = as_codebook(None)
    patterns = {i.term: i.forms[0] for f in shipped.frames for i in f.indicators if i.kind == "pattern"}
    money_pattern = patterns["money amount"]
    book = parse_codebook({
        "frames": [
            {"id": "mine", "label": "Mine", "definition": "d", "patterns": [r"\bzz\d+"]},
            {"id": "money", "label": "Money", "definition": "d", "patterns": [money_pattern]},
        ]
    })  # fmt: skip
    matcher = frames_module._Matcher(book)
    assert [p[0] for p in matcher.pattern_parts] == [0]  # the user's frame: timed pass
    assert [p[0] for p in matcher.reviewed_parts] == [1]  # the shipped pattern: on `re`, in the terms' pass
    hits = matcher.find("Pay zz42 now, or $5 billion later.")
    assert [(i, s, e) for i, _, s, e in hits] == [(0, 4, 8), (1, 17, 27)]


def test_first_char_class_is_a_necessary_test_only():
    assert first_char_class(r"\d{1,3}[- ]years?") == r"(?i:[\d])"
    assert first_char_class(r"(?:US\s?|U\.S\.\s?)?[$€£¥]\s?\d") == r"(?i:[U\$€£¥])"
    assert first_char_class(r"(?-i:Act)\b", r"§\s?\d+") == "(?i:[A§])"
    assert first_char_class(r"\b(?<!x)(?=ab)a+") == "(?i:[a])"  # zero-width parts are passed over
    assert first_char_class(r"[a-c\s]x", r"(?>yz)") == r"(?i:[a-c\sy])"
    for unknown in (r"a*", r"(?:a|)", r"[^a]b", r".x", r"(a?)\1x", r"\b", r"(?i"):
        assert first_char_class(unknown) is None, unknown
    assert first_char_class("ab", "c?") is None  # one unknown pattern: no class for the set


def test_a_case_insensitive_class_holds_what_a_case_insensitive_letter_matches():
    """The guard ``(?i:[c])`` is tried where ``(?i:c)`` would be: same characters over the whole BMP (the
    long s and the Kelvin sign included), so the first-character test never drops a hit."""
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert re.findall(f"(?i:[{letter}])", bmp) == re.findall(f"(?i:{letter})", bmp), letter
        assert re.findall(f"(?i:[{letter.upper()}])", bmp) == re.findall(
            f"(?-i:{letter.upper()})|(?i:{letter})", bmp
        )


def test_the_first_character_guards_and_the_shared_pass_change_no_hit(monkeypatch):
    """The matcher finds what it finds without the first-character tests (seeds, triggers, and case variants
    such as the long s, the Kelvin sign and the dotless i), and its patterns' hits are those of the patterns'
    own pass."""
    book = as_codebook(None)
    matcher = frames_module._Matcher(book)
    assert "(?i:[" in matcher.regex.pattern  # the guards are there
    monkeypatch.setattr(frames_module, "first_char_class", lambda *patterns: None)
    plain = frames_module._Matcher(book)
    assert "(?i:[" not in plain.regex.pattern
    separate, slots = pattern_pass(plain.reviewed_parts, plain.terms_of, prefix=WORD_START, timed=False)
    texts = _paragraphs()
    texts += [t.upper() for t in TRIGGERS] + [t.replace("s", "ſ").replace("k", "\u212a") for t in TRIGGERS]
    texts += ["ſhould act; ſemiconductor race; \u212a; hıs ſtory; 5 yearſ old", "a\u0301ct § 5 $1 ¥2"]
    patterns_found = 0
    for text in texts:
        assert matcher.find(text) == plain.find(text), text
        shared: tuple[list, list] = ([[] for _ in book.frames], [[] for _ in book.frames])
        for m in matcher.regex.finditer(text):
            if m.start(matcher.any_pattern) >= 0:
                matcher._add_reviewed(m, m.start(), *shared)
        alone: tuple[list, list] = ([[] for _ in book.frames], [[] for _ in book.frames])
        for _, i, is_excl, hit in scan_pattern_pass(separate, slots, text):
            alone[is_excl][i].append(hit)
            patterns_found += 1
        assert shared == alone, text
    assert patterns_found >= 20
