"""`validate` on hostile gold files (issue 17, item 8): one line, exit 2, the culprit named; absurd values named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiktok_study import cli
from tiktok_study.errors import UsageError
from tiktok_study.validation import read_gold

DIGITS = "1" * 5000


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CASES = [
    ("sentiment", "s.csv", f"text,score\nGood.,{DIGITS}\n", "line 2, column score: '1111", "(5000 characters)"),
    ("statistics", "st.csv", f"text,value\nUp.,{DIGITS}\n", "line 2, column value: '1111", "(5000 characters)"),
    ("frames", "f.csv", f"text,conflict\nA war.,{DIGITS}\n", "line 2, column conflict: '1111", "code 0 (absent)"),
    ("quotes", "q.jsonl", '{"text": "x", "quotes": [], "n": ' + DIGITS + "}\n", "line 1: not a usable JSON", "4300 digits"),
    ("quotes", "q.jsonl", '{"text": "x", "quotes": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "line 1: JSON nested too deep", ""),
    ("quotes", "q.jsonl", '{"text": "He said \\"bad \\ud800\\".", "quotes": []}\n', "line 1, key text: a lone surrogate ('\\ud800') at character 13", ""),
    ("quotes", "q.jsonl", '{"text": "He said \\"hi\\".", "quotes": [{"quote": "hi", "speaker": "A\\udfff"}]}\n', "line 1, key quotes[0].speaker: a lone surrogate", ""),
    ("sentiment", "s.csv", "text,score\nGreat.,1e308\nAwful.,-0.7\nTuesday.,0\n", "line 2, column score: '1e308' is out of range for a score", ""),
    ("statistics", "st.csv", "text,value\nUp 5%.,1e308\n", "line 2, column value: '1e308' is out of range", ""),
    ("statistics", "st.csv", "text,value,high\nUp 5%.,5,-1e300\n", "line 2, column high: '-1e300' is out of range", ""),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "name", "content", "expected", "also"), CASES)
def test_hostile_gold_is_one_line_naming_the_culprit(tmp_path, kind, name, content, expected, also):
    path = _write(tmp_path, name, content)
    with pytest.raises(UsageError) as info:
        read_gold(kind, path)
    message = str(info.value)
    assert message.startswith(f"gold file {path}")
    assert expected in message and also in message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize(("kind", "name", "content", "expected", "also"), CASES[3:7])
def test_cli_exits_2_without_a_traceback(tmp_path, capsys, kind, name, content, expected, also):
    path = _write(tmp_path, name, content)
    code = cli.main(["validate", "--kind", kind, "--gold", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and expected in err
