"""Corpus scale (issue #8): streaming by batches of articles, --jobs and --engine dask give the same tables.

Byte-for-byte equality is asserted where the row groups are the same (same ``batch_size``): jobs 1 vs 2, the
unit of work, local vs Dask. A different ``batch_size`` changes only the row groups, so there the tables are
compared by content.
"""

from __future__ import annotations

import json
import math
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import tiktok_study.analyze as analyze_module
import tiktok_study.normalize.pipeline as pipeline
import tiktok_study.normalize.units as unit_work
from tiktok_study.analyze import SCHEMAS as ANALYSIS_SCHEMAS
from tiktok_study.analyze import analyze_folder
from tiktok_study.errors import UsageError
from tiktok_study.io import TableWriteError, TableWriter, read_table, write_table
from tiktok_study.normalize import SCHEMAS, normalize_folder
from tiktok_study.normalize.readers import read_path

from .conftest import FIXTURES, RAW

NORMALIZED = ("articles", "paragraphs", "sentences", "removed", "skipped")
ANALYSED = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes", "excluded")
PLACES = ("Montana", "Texas", "Ohio", "Oregon", "Utah")
NAMES = ("Dana Whitfield", "Omar Castillo", "Lena Brandt", "Kenji Mori")


def _article(i: int) -> dict[str, str]:
    """A synthetic English news article, different for every ``i``."""
    paragraphs = [
        f"Lawmakers in {PLACES[i % 5]} voted {i + 40} to {i % 7 + 3} on Tuesday to restrict the app, officials said.",
        f"“We will challenge this in court,” said {NAMES[i % 4]}, a spokesperson for the company.",
        f"The ban could affect {1000 + 37 * i:,} users and cost ${i % 9 + 1}.{i % 10} billion, analysts estimated.",
        "China's commerce ministry said the move would hurt cooperation between the two countries."
        if i % 2
        else "Critics argued that the national security concerns were overstated and the threat unproven.",
    ]
    return {
        "title": f"Vote {i} On The App",
        "author": NAMES[(i + 1) % 4],
        "date": f"2025-0{i % 9 + 1}-1{i % 10}",
        "text": "\n\n".join(paragraphs),
    }


def _export(path, rows) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seeds, the reader fixtures and 24 synthetic export rows (ids that sort out of row order, a duplicate)."""
    raw = tmp_path_factory.mktemp("scale") / "raw"
    shutil.copytree(FIXTURES / "articles", raw)
    for seed in RAW.glob("*.txt"):
        shutil.copy2(seed, raw / seed.name)
    (raw / "exports").mkdir()
    _export(raw / "exports" / "wire.jsonl", [_article(i) for i in range(14)])
    _export(raw / "exports" / "wire2.jsonl", [_article(i) for i in range(14, 24)] + [_article(3)])
    return raw


@pytest.fixture(scope="module")
def normalized(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("normalized") / "out"
    normalize_folder(corpus, out)
    return out


def _bytes(folder, names):
    return {name: (folder / f"{name}.parquet").read_bytes() for name in names}


def _content(folder, names):
    return {name: pq.read_table(folder / f"{name}.parquet") for name in names}


def _analysed_copy(normalized, target, **options):
    target.mkdir()
    for name in ("articles", "paragraphs", "sentences"):
        shutil.copy2(normalized / f"{name}.parquet", target / f"{name}.parquet")
    return analyze_folder(target, **options)


# --- normalize ------------------------------------------------------------------------------------------------
def test_normalize_jobs_and_units_of_work_give_the_same_bytes(corpus, normalized, tmp_path, monkeypatch):
    normalize_folder(corpus, tmp_path / "jobs2", jobs=2)
    monkeypatch.setattr(pipeline, "UNIT_ARTICLES", 2)  # many small units, export slices of 2 rows
    normalize_folder(corpus, tmp_path / "units2", jobs=2)
    expected = _bytes(normalized, NORMALIZED)
    assert _bytes(tmp_path / "jobs2", NORMALIZED) == expected
    assert _bytes(tmp_path / "units2", NORMALIZED) == expected
    articles = read_table(normalized / "articles.parquet")
    assert len(articles) == 17 + 3 + 24  # fixtures (one is skipped), seeds, export rows but the duplicate
    skipped = read_table(normalized / "skipped.parquet")
    assert skipped.values.tolist() == [
        ["exports/wire2.jsonl", "duplicate of article 'wire-3' (same text after normalization)", "wire2-10"],
        ["wire_export.jsonl", "row 2: empty text", "wire_export-2"],
    ]


def test_rows_are_in_code_point_order_of_article_id(normalized):
    ids = read_table(normalized / "articles.parquet")["article_id"].tolist()
    assert ids == sorted(ids)
    wire = [i for i in ids if i.startswith("wire-")]
    assert wire == [
        "wire-0",
        "wire-1",
        "wire-10",
        "wire-11",
        "wire-12",
        "wire-13",
        *(f"wire-{k}" for k in range(2, 10)),
    ]
    sentences = read_table(normalized / "sentences.parquet")
    keys = list(zip(sentences["article_id"], sentences["sentence_id"], strict=True))
    assert keys == sorted(keys)


def test_small_batches_give_the_same_tables_in_more_row_groups(corpus, normalized, tmp_path):
    normalize_folder(corpus, tmp_path / "b2", batch_size=2, jobs=2)
    for name in NORMALIZED:
        assert _content(tmp_path / "b2", [name]) == _content(normalized, [name]), name
    n = len(read_table(normalized / "articles.parquet"))
    assert pq.ParquetFile(tmp_path / "b2" / "articles.parquet").num_row_groups == math.ceil(n / 2)
    assert pq.ParquetFile(normalized / "articles.parquet").num_row_groups == 1
    # each row group of sentences holds the rows of at most two articles, groups in id order
    file = pq.ParquetFile(tmp_path / "b2" / "sentences.parquet")
    groups = [file.read_row_group(g).column("article_id").to_pylist() for g in range(file.num_row_groups)]
    assert all(len(set(g)) <= 2 for g in groups)
    assert [i for g in groups for i in g] == read_table(normalized / "sentences.parquet")[
        "article_id"
    ].tolist()


def test_export_slices_read_exactly_as_the_whole_file(tmp_path):
    """Odd lines of a JSONL export: a BOM, blank lines, bad JSON, an array, CRLF, an empty text, no final newline."""
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [json.dumps(_article(i)).encode() for i in range(5)]
    (raw / "odd.jsonl").write_bytes(
        b"\xef\xbb\xbf" + rows[0] + b"\n\n   \nnot json\n[1, 2]\n" + rows[1] + b"\r\n"
        + json.dumps({**_article(9), "text": " "}).encode() + b"\n" + rows[2] + b"\n" + rows[3]
    )  # fmt: skip
    reference = [
        unit_work.convert(item, str(raw / "odd.jsonl")) for item in read_path(raw / "odd.jsonl", root=raw)
    ]
    for size in (1, 2, 3, 100):
        units = unit_work.plan_units([raw / "odd.jsonl"], size)
        assert len(units) == math.ceil(7 / size)  # seven rows: the blank lines are not rows
        got = [item for unit in units for item in unit_work.slice_items(unit, str(raw))]
        assert [x.article if isinstance(x, unit_work.Rows) else x for x in got] == [
            x.article if isinstance(x, unit_work.Rows) else x for x in reference
        ], size
    assert [x.reason for x in reference if not isinstance(x, unit_work.Rows)] == [
        "row 1 (line 4): not valid UTF-8 JSON (Expecting value: line 1 column 1 (char 0))",
        "row 2 (line 5): not a JSON object",
        "row 4: empty text",
    ]
    assert [x.article["article_id"] for x in reference if isinstance(x, unit_work.Rows)] == [
        "odd-0", "odd-3", "odd-5", "odd-6",
    ]  # fmt: skip


def test_normalize_leaves_no_spill_behind(corpus, normalized):
    assert sorted(p.name for p in normalized.glob("*.parquet")) == sorted(f"{n}.parquet" for n in NORMALIZED)


# --- analyze --------------------------------------------------------------------------------------------------
def test_analyze_jobs_and_pieces_give_the_same_bytes(normalized, tmp_path, monkeypatch):
    one = _analysed_copy(normalized, tmp_path / "one", batch_size=8)
    monkeypatch.setattr(analyze_module, "MIN_PIECE_ARTICLES", 1)  # several pieces per row group
    two = _analysed_copy(normalized, tmp_path / "two", batch_size=8, jobs=2)
    assert _bytes(tmp_path / "two", ANALYSED) == _bytes(tmp_path / "one", ANALYSED)
    assert one.rows == two.rows and one.excluded == two.excluded
    assert one.excluded == [
        (
            "chinese_post_gb18030",
            "language 'zh': the sentiment lexicon, codebook and patterns are English-only",
        ),
        ("german_article", "language 'de': the sentiment lexicon, codebook and patterns are English-only"),
    ]
    n = len(read_table(normalized / "articles.parquet"))
    assert pq.ParquetFile(tmp_path / "one" / "article_frames.parquet").num_row_groups == math.ceil(
        (n - 2) / 8
    )


def test_analyze_small_batches_give_the_same_tables_as_one_batch(normalized, tmp_path):
    _analysed_copy(normalized, tmp_path / "big")
    _analysed_copy(normalized, tmp_path / "small", batch_size=2)
    for name in ANALYSED:
        assert _content(tmp_path / "small", [name]) == _content(tmp_path / "big", [name]), name
    sentiment = read_table(tmp_path / "big" / "sentiment.parquet")
    assert (
        len(sentiment) == len(read_table(tmp_path / "big" / "sentences.parquet")) - 9
    )  # 9 sentences not English
    keys = list(zip(sentiment["article_id"], sentiment["sentence_id"], strict=True))
    assert keys == sorted(keys)


def test_analysis_tables_have_fixed_schemas_even_when_empty(normalized, tmp_path):
    summary = _analysed_copy(normalized, tmp_path / "all")
    empty = tmp_path / "empty"
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "de.txt").write_text(
        "Die Bundesregierung prüft ein Verbot der App. Der Minister sagte am Montag, man werde entscheiden.\n",
        encoding="utf-8",
    )
    normalize_folder(raw, empty)
    nothing = analyze_folder(empty)
    assert nothing.rows == {name: (1 if name == "excluded" else 0) for name in ANALYSED}
    assert summary.rows["sentiment"] > 0 and summary.rows["quotes"] > 0
    for folder in (tmp_path / "all", empty):
        for name in ANALYSED:
            assert pq.read_schema(folder / f"{name}.parquet").remove_metadata() == ANALYSIS_SCHEMAS[name], (
                name
            )


def test_analyze_reads_an_unsorted_articles_table(normalized, tmp_path):
    _analysed_copy(normalized, tmp_path / "sorted", batch_size=5)
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    for name in ("articles", "paragraphs", "sentences"):
        table = pq.read_table(normalized / f"{name}.parquet")
        pq.write_table(table.take(list(range(table.num_rows))[::-1]), shuffled / f"{name}.parquet")
    analyze_folder(shuffled, batch_size=5)
    for name in ANALYSED:
        assert _content(shuffled, [name]) == _content(tmp_path / "sorted", [name]), name


def test_analyze_refuses_a_folder_without_normalized_tables(tmp_path, normalized):
    with pytest.raises(
        UsageError, match=r"lacks the normalized table\(s\) articles, paragraphs, sentences: run"
    ):
        analyze_folder(tmp_path)
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy2(normalized / "articles.parquet", partial / "articles.parquet")
    with pytest.raises(UsageError, match=r"lacks the normalized table\(s\) paragraphs, sentences"):
        analyze_folder(partial)
    with pytest.raises(UsageError, match="unknown engine 'ray'"):
        analyze_folder(normalized, engine="ray")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="--jobs must be 1 or more, got 0"):
        analyze_folder(normalized, jobs=0)
    dup = tmp_path / "dup"
    dup.mkdir()
    for name in ("paragraphs", "sentences"):
        shutil.copy2(normalized / f"{name}.parquet", dup / f"{name}.parquet")
    articles = pq.read_table(normalized / "articles.parquet")
    pq.write_table(pa.concat_tables([articles, articles.slice(0, 1)]), dup / "articles.parquet")
    with pytest.raises(UsageError, match=r"repeats article ids: run `tiktok-study normalize`"):
        analyze_folder(dup)
    assert sorted(p.name for p in dup.iterdir() if not p.name.startswith(".")) == [
        "articles.parquet",
        "paragraphs.parquet",
        "sentences.parquet",
    ]


# --- the streaming writer -------------------------------------------------------------------------------------
def test_table_writer_writes_row_groups_with_a_fixed_schema_atomically(tmp_path):
    schema = pa.schema([("a", pa.int64()), ("s", pa.string())])
    path = tmp_path / "t.parquet"
    write_table(__import__("pandas").DataFrame({"a": [9]}), path)
    with TableWriter(path, schema) as writer:
        assert writer.write(pa.table({"a": [1, 2], "s": pa.array([None, None], pa.null())})) == 2
        assert writer.write(pa.table({"a": pa.array([], pa.int64()), "s": pa.array([], pa.string())})) == 0
        assert writer.write(pa.table({"a": [3], "s": ["x"]}).to_batches()[0]) == 1
        assert read_table(path)["a"].tolist() == [9]  # the old file until the new one is complete
    assert pq.read_table(path).to_pylist() == [{"a": 1, "s": None}, {"a": 2, "s": None}, {"a": 3, "s": "x"}]
    assert pq.ParquetFile(path).num_row_groups == 2 and pq.read_schema(path).remove_metadata() == schema
    mismatch = r"columns \['s', 'a'\] do not match the table's \['a', 's'\]"
    with pytest.raises(ValueError, match=mismatch), TableWriter(path, schema) as writer:
        writer.write(pa.table({"s": ["y"], "a": [4]}))
    assert pq.read_table(path).num_rows == 3  # aborted: the earlier file stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.parquet"]
    with TableWriter(tmp_path / "empty.parquet", schema):
        pass
    assert pq.read_table(tmp_path / "empty.parquet").schema.remove_metadata() == schema
    (tmp_path / "blocker").write_text("a file")
    with pytest.raises(TableWriteError, match=r"cannot write table .*blocker/x\.parquet"):
        TableWriter(tmp_path / "blocker" / "x.parquet", schema)


def test_same_parts_give_the_same_bytes_however_chunked(tmp_path):
    schema = SCHEMAS["removed"]
    rows = [("a", i, "text " * (i % 7), "rule") for i in range(3000)]
    table = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=schema)
    with TableWriter(tmp_path / "one.parquet", schema) as writer:
        writer.write(table)
    with TableWriter(tmp_path / "chunked.parquet", schema) as writer:
        writer.write(pa.concat_tables([table.slice(0, 7), table.slice(7, 2000), table.slice(2007)]))
    assert (tmp_path / "one.parquet").read_bytes() == (tmp_path / "chunked.parquet").read_bytes()


# --- Dask -----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_scheduler():
    import distributed  # a declared dependency: if it does not import, the test must fail, not skip

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_engine_writes_the_same_bytes_as_the_local_engine(dask_scheduler, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in RAW.glob("*.txt"):
        shutil.copy2(seed, raw / seed.name)
    _export(raw / "wire.jsonl", [_article(i) for i in range(9)] + [_article(2)])
    (raw / "notes.pdf").write_bytes(b"%PDF-1.7")
    monkeypatch.setattr(pipeline, "UNIT_ARTICLES", 4)  # several units, so both workers get some
    out = tmp_path / "dask"
    summary = normalize_folder(raw, out, engine="dask", scheduler=dask_scheduler, batch_size=5)
    local = tmp_path / "local"
    normalize_folder(raw, local, batch_size=5)
    assert _bytes(out, NORMALIZED) == _bytes(local, NORMALIZED)
    assert (summary.n_articles, summary.n_skipped) == (12, 2)
    analyze_folder(local, batch_size=5)
    monkeypatch.setattr(analyze_module, "MIN_PIECE_ARTICLES", 2)
    analysed = analyze_folder(out, engine="dask", scheduler=dask_scheduler, batch_size=5)
    assert _bytes(out, ANALYSED) == _bytes(local, ANALYSED)
    assert analysed.rows["excluded"] == 0
    assert analysed.rows["sentiment"] == len(read_table(out / "sentences.parquet"))
    assert sorted(p.name for p in out.glob("*.parquet")) == sorted(
        f"{n}.parquet" for n in (*NORMALIZED, *ANALYSED)
    )


def test_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    import socket

    import tiktok_study.engines as engines

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setattr(engines, "DASK_CONNECT_TIMEOUT", 1)
    with pytest.raises(UsageError, match=rf"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:{port}"):
        normalize_folder(RAW, tmp_path / "out", engine="dask", scheduler=f"tcp://127.0.0.1:{port}")
    assert not (tmp_path / "out" / "articles.parquet").exists()
