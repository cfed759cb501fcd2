"""Hostile and unlucky input to normalize (issue 17): YAML bombs, bad names, surrogates, links, leftovers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from tiktok_study import safeyaml
from tiktok_study.codebook import CodebookError, load_codebook
from tiktok_study.errors import UsageError
from tiktok_study.io import read_table
from tiktok_study.normalize import normalize_folder, pipeline, units
from tiktok_study.normalize.readers import read_path
from tiktok_study.params import Parameter, coerce

RUN_FILES = ("generation.json", ".tiktok-study.lock")  # the run record and the writers' lock (see generation)

BODY = (
    "Regulators opened an inquiry into the company's data practices on Monday, officials said.\n\n"
    "The company said it would cooperate with the review."
)


def _bomb(levels: int = 9) -> str:
    """A "billion laughs" YAML: each anchor repeats the previous one ten times (~1 KB, 10**levels leaves)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"title: *a{levels - 1}"])


def _tables(out: Path) -> dict[str, object]:
    return {name: read_table(out / f"{name}.parquet") for name in ("articles", "skipped", "removed")}


# --- YAML ---------------------------------------------------------------------------------------------------------
def test_a_1kb_alias_bomb_in_front_matter_is_skipped_at_once(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    bomb = f"---\n{_bomb()}\n---\n\n{BODY}\n"
    assert len(bomb.encode()) < 1200
    (raw / "bomb.md").write_text(bomb, encoding="utf-8")
    (raw / "good.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    start = time.perf_counter()
    items = list(read_path(raw / "bomb.md", root=raw))
    assert time.perf_counter() - start < 0.5
    assert len(items) == 1 and items[0].source_path == "bomb.md"
    assert items[0].reason.startswith("front matter: YAML aliases (*name) are not allowed")
    summary = normalize_folder(raw, tmp_path / "out")
    assert summary.n_articles == 1
    assert [path for path, _ in summary.skipped] == ["bomb.md"]


def test_an_alias_bomb_in_a_jsonl_row_front_matter_skips_that_row(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [{"text": f"---\n{_bomb()}\n---\n{BODY}"}, {"text": BODY, "title": "Fine"}]
    (raw / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["rows-1"]
    assert t["skipped"]["reason"][0].startswith("row 0: front matter: YAML aliases")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: &x [1, 2]\nb: *x",
            "YAML aliases (*name) are not allowed (the value anchored at line 1 of the YAML is used again)",
        ),
        ("a: &x [*x]", "YAML aliases (*name) are not allowed"),
        ("[" * 150 + "]" * 150, "YAML nested deeper than 100 levels refused"),
        ("x: " + "y" * (safeyaml.MAX_BYTES + 1), "over the 2,097,152 limit"),
    ],
)
def test_safeyaml_refuses_aliases_depth_and_size(text, message):
    start = time.perf_counter()
    with pytest.raises(safeyaml.YAMLRefused, match=r"^t\.yaml: ") as info:
        safeyaml.load(text, source="t.yaml")
    assert message in str(info.value)
    assert time.perf_counter() - start < 1


def test_safeyaml_reads_plain_yaml_and_leaves_syntax_errors_to_yaml():
    assert safeyaml.load("a: 1\nb: [x, {c: d}]\n", source="t") == {"a": 1, "b": ["x", {"c": "d"}]}
    assert safeyaml.load("", source="t") is None
    with pytest.raises(yaml.YAMLError):
        safeyaml.load("a: [1, 2", source="t")
    with pytest.raises(yaml.constructor.ConstructorError):
        safeyaml.load("!!python/object:os.system {}", source="t")


def test_an_alias_bomb_codebook_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(CodebookError, match=r"codebook\.yaml: not valid YAML: YAML aliases"):
        load_codebook(path)
    assert time.perf_counter() - start < 1


def test_an_alias_bomb_parameter_file_fails_at_once(tmp_path):
    from tiktok_study import render

    path = tmp_path / "params.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(UsageError, match=r"params\.yaml is not valid YAML: YAML aliases"):
        render._load_parameter_file(path)
    assert time.perf_counter() - start < 1


def test_an_alias_bomb_p_value_stays_a_string():
    param = Parameter("articles", "list[str]", None, "ids")
    start = time.perf_counter()
    try:
        value = coerce(param, "[&a [x, x], *a, *a]")
    except Exception as exc:  # a clear parameter error is fine too; a hang is not
        value = str(exc)
    assert time.perf_counter() - start < 1
    assert "x" in str(value)


# --- names and fields that cannot be encoded ----------------------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_repaired_and_recorded(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    bad = os.fsencode(raw) + b"/caf\xe9-report.txt"
    with open(bad, "wb") as handle:
        handle.write(f"Another Story\n\n{BODY} And one more different sentence.".encode())
    bad_empty = os.fsencode(raw) + b"/empt\xff.txt"
    open(bad_empty, "wb").close()
    summary = normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    articles = t["articles"].set_index("article_id")
    assert sorted(articles.index) == ["caf\ufffd-report", "good"]
    assert articles.loc["caf\ufffd-report", "source_path"] == "caf\ufffd-report.txt"
    assert articles.loc["caf\ufffd-report", "repaired"] == (
        "file name not valid UTF-8 (undecodable bytes shown as U+FFFD)"
    )
    assert articles["repaired"].isna().tolist() == [False, True]
    assert t["skipped"][["source_path", "reason"]].values.tolist() == [
        ["empt\ufffd.txt", "empty file (file name not valid UTF-8: undecodable bytes shown as U+FFFD)"]
    ]
    assert summary.n_articles == 2


def test_lone_surrogates_in_jsonl_fields_are_repaired_not_fatal(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [
        '{"title": "bad \\ud800 title", "text": "A sentence with a lone \\udfff surrogate in it. Then more."}',
        json.dumps({"title": "Fine", "text": BODY}),
    ]
    (raw / "rows.jsonl").write_text("\n".join(rows), encoding="utf-8")
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    articles = t["articles"].set_index("article_id")
    assert articles.loc["rows-0", "title"] == "bad \ufffd title"
    assert articles.loc["rows-0", "text"] == "A sentence with a lone \ufffd surrogate in it. Then more."
    assert "lone surrogates" in articles.loc["rows-0", "repaired"]
    assert t["skipped"].empty


def test_metadata_values_are_bounded_single_line_strings(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [
        {"title": "Nul\u0000in\u0007title", "author": "Ann\u0000 Lee", "text": BODY},
        {"title": "T" * 100_000, "text": BODY + " A second article."},
        {"title": {"main": {"deep": [1, 2]}}, "text": BODY + " A third article."},
        {"title": {"rendered": "Rendered &amp; Title"}, "text": BODY + " A fourth article."},
    ]
    (raw / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    normalize_folder(raw, tmp_path / "out")
    articles = _tables(tmp_path / "out")["articles"].set_index("article_id")
    assert articles.loc["rows-0", "title"] == "Nul in title"
    assert list(articles.loc["rows-0", "authors"]) == ["Ann Lee"]
    assert len(articles.loc["rows-1", "title"]) == 500 and articles.loc["rows-1", "title"].endswith("…")
    assert articles.loc["rows-1", "repaired"] == "title cut to 500 characters"
    assert "{" not in str(articles.loc["rows-2", "title"])  # never a Python repr of the nested object
    assert articles.loc["rows-3", "title"].startswith("Rendered")


# --- links and folders ----------------------------------------------------------------------------------------------
def test_links_out_of_the_raw_folder_are_not_followed(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n" * 3, encoding="utf-8")
    (raw / "good.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    (raw / "passwd.txt").symlink_to(outside / "passwd.txt")
    (raw / "linked").symlink_to(outside, target_is_directory=True)
    (raw / "sub" / "alias.txt").symlink_to(raw / "good.txt")  # inside the corpus: read (and a duplicate)
    (raw / "gone.txt").symlink_to(tmp_path / "missing.txt")
    summary = normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["good"]
    assert t["skipped"][["source_path", "reason"]].values.tolist() == [
        ["gone.txt", "broken or looping symbolic link"],
        ["linked/", "symbolic link to a folder: not followed"],
        ["passwd.txt", "symbolic link to a file outside the raw folder: not followed"],
        ["sub/alias.txt", "duplicate of article 'good' (byte-identical file)"],
    ]
    assert "root:x" not in " ".join(t["removed"]["text"])
    assert summary.n_skipped == 4


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "locked" / "a.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    (raw / "good.txt").write_text(f"Another Story\n\n{BODY} More.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=None):  # as for a folder without read permission (the tests may run as root)
        if isinstance(path, str | bytes) and Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["good"]
    assert t["skipped"][["source_path", "reason"]].values.tolist() == [
        ["locked/", "cannot read the folder: Permission denied"]
    ]


# --- isolation of one article -------------------------------------------------------------------------------------
def test_an_article_whose_rows_cannot_be_written_is_skipped_and_the_rest_kept(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a", "b", "c"):
        (raw / f"{name}.txt").write_text(f"Story {name.upper()}\n\n{BODY} Article {name}.", encoding="utf-8")
    real = units.article_rows

    def rows(doc):
        made = real(doc)
        if doc.article_id == "b":
            made.article["n_words"] = "many"  # a value Arrow refuses for an int64 column
        return made

    monkeypatch.setattr(units, "article_rows", rows)
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["a", "c"]
    [(path, reason, aid)] = t["skipped"].values.tolist()
    assert (path, aid) == ("b.txt", "b") and reason.startswith("cannot write the article's rows: ")
    sentences = read_table(tmp_path / "out" / "sentences.parquet")
    assert sorted(set(sentences["article_id"])) == ["a", "c"]


# --- leftovers of killed runs ---------------------------------------------------------------------------------------
def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    out = tmp_path / "out"
    dead = _dead_pid()
    for name in (f".normalize-spill-{dead}-abc123", ".normalize-spill-x1y2z3"):  # a dead run, an older run
        (out / name).mkdir(parents=True)
        (out / name / "00000000-0000.articles.arrow").write_bytes(b"x" * 100)
    (out / ".articles.parquet.k2j3.tmp").write_bytes(b"half a table")
    (out / ".write-check.abc123").write_bytes(b"")
    tables = sorted(f"{n}.parquet" for n in ("articles", "paragraphs", "removed", "sentences", "skipped"))
    normalize_folder(raw, out)
    assert sorted(p.name for p in out.iterdir() if p.name not in RUN_FILES) == tables
    # a run still going (a live process) keeps its spill folder, and the temporary tables may be its own
    live = out / f".normalize-spill-{os.getppid()}-live01"
    live.mkdir()
    (out / ".articles.parquet.k2j3.tmp").write_bytes(b"half a table")
    normalize_folder(raw, out)
    assert sorted(p.name for p in out.iterdir() if p.name not in RUN_FILES) == [
        ".articles.parquet.k2j3.tmp",
        live.name,
        *tables,
    ]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_run_killed_with_sigkill_leaves_nothing_after_the_next_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for k in range(300):
        (raw / f"{k:03d}.txt").write_text(
            f"Story Number {k}\n\n{BODY} Article {k} of many.", encoding="utf-8"
        )
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        from tiktok_study.normalize import normalize_folder
        normalize_folder({str(raw)!r}, {str(out)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob(".normalize-spill-*/*.arrow")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert any(out.glob(".normalize-spill-*")), "the run was killed before it spilled"
    summary = normalize_folder(raw, out)
    assert summary.n_articles == 300
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_a_run_stopped_with_sigterm_removes_its_temporary_folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for k in range(300):
        (raw / f"{k:03d}.txt").write_text(
            f"Story Number {k}\n\n{BODY} Article {k} of many.", encoding="utf-8"
        )
    out = tmp_path / "out"
    script = (
        f"from tiktok_study.normalize import normalize_folder; normalize_folder({str(raw)!r}, {str(out)!r})"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob(".normalize-spill-*/*.arrow")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err.decode()
    assert list(out.glob(".normalize-spill-*")) == []
    assert "Traceback" not in err.decode()


def test_absurd_json_rows_are_skipped_one_by_one(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [
        '{"text": "A body.", "n": ' + "9" * 5000 + "}",  # over Python's int-string limit
        "[" * 100_000 + "]" * 100_000,  # nesting json's recursion cannot follow
        json.dumps({"title": "Fine", "text": BODY}),
    ]
    (raw / "rows.jsonl").write_text("\n".join(rows), encoding="utf-8")
    (raw / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (raw / "big.json").write_text('[{"text": "x", "n": ' + "9" * 5000 + "}]", encoding="utf-8")
    monkeypatch.setattr(pipeline, "UNIT_ARTICLES", 1)  # the export read in slices, as a large one is
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["rows-2"]
    reasons = dict(zip(t["skipped"]["source_path"] + ":" + t["skipped"]["article_id"].fillna(""),
                       t["skipped"]["reason"], strict=True))  # fmt: skip
    assert reasons["rows.jsonl:rows-0"].startswith("row 0 (line 1): not valid UTF-8 JSON (Exceeds the limit")
    assert reasons["rows.jsonl:rows-1"] == "row 1 (line 2): JSON nested too deeply"
    assert reasons["deep.json:"] == "JSON nested too deeply to read"
    assert reasons["big.json:"].startswith("not valid JSON (Exceeds the limit")


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(f"Inquiry Opens\n\n{BODY}", encoding="utf-8")
    (raw / "locked.txt").write_text(f"Another Story\n\n{BODY} More.", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self):  # as for a file without read permission (the tests may run as root)
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["good"]
    assert t["skipped"][["source_path", "reason"]].values.tolist() == [
        ["locked.txt", "cannot read the file: Permission denied"]
    ]


def test_a_row_that_fails_to_read_is_skipped_also_in_export_slices(tmp_path, monkeypatch):
    from tiktok_study.normalize import rowfiles

    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [{"title": f"Story {k}", "text": f"{BODY} Row {k}."} for k in range(3)]
    (raw / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    real = rowfiles._row_document

    def read(row, **kw):
        if kw["index"] == 1:
            raise RuntimeError("odd row")
        return real(row, **kw)

    monkeypatch.setattr(rowfiles, "_row_document", read)
    monkeypatch.setattr(pipeline, "UNIT_ARTICLES", 1)  # one slice per row, as a large export is read
    normalize_folder(raw, tmp_path / "out")
    t = _tables(tmp_path / "out")
    assert t["articles"]["article_id"].tolist() == ["rows-0", "rows-2"]
    assert t["skipped"][["reason", "article_id"]].values.tolist() == [
        ["row 1: cannot read it (RuntimeError: odd row)", "rows-1"]
    ]
