"""Speed changes of issue #16 that must not change a result: the shipped patterns on ``re``."""

from __future__ import annotations

import re
from pathlib import Path

import regex

from tiktok_study import frames as frames_module
from tiktok_study.codebook import as_codebook, parse_codebook
from tiktok_study.user_regex import scan_pattern_pass

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
    assert isinstance(matcher.reviewed_regex, re.Pattern)
    assert matcher.pattern_regex is None  # no user pattern: no timed pass
    timed = regex.compile(matcher.reviewed_regex.pattern, regex.V0)
    texts = _paragraphs()
    found = 0
    for text in texts:
        ours = scan_pattern_pass(matcher.reviewed_regex, matcher.reviewed_slots, text)
        theirs = scan_pattern_pass(timed, matcher.reviewed_slots, text, timeout=5.0)
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
    assert isinstance(matcher.reviewed_regex, re.Pattern)
    hits = matcher.find("Pay zz42 now, or $5 billion later.")
    assert [(i, s, e) for i, _, s, e in hits] == [(0, 4, 8), (1, 17, 27)]
