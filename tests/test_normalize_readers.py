"""Readers (encodings, markdown, front matter, HTML, exports) and the synthetic articles in fixtures/articles.

The fixtures are our own articles in shapes the seeds do not show: an HTML page with navigation, a sidebar and
a footer (``html_nav.html``), a markdown export with YAML front matter (``front_matter_export.md``), an archiver
wrapper with menus (``archived_jina.md``), a hard-wrapped newsletter with its subscribe block twice
(``newsletter.txt``), a paywalled stub, a Chinese post in GB18030, a German article, a wire story "By A and B"
with a dateline and a credit line, CRLF with a lone LF and CR, cp1252, UTF-16 with BOM, mojibake, a page with
a related list, tags and a trailing list, and JSONL / CSV exports.
"""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from tiktok_study.io import read_table, sha256_file
from tiktok_study.normalize import normalize_folder
from tiktok_study.normalize.readers import SkipFile, decode_bytes, html_document, text_document

from .conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("fixtures-processed")
    summary = normalize_folder(ARTICLES, out)
    tables = {
        n: read_table(out / f"{n}.parquet")
        for n in ("articles", "paragraphs", "sentences", "removed", "skipped")
    }
    return summary, tables


def _row(corpus, aid):
    a = corpus[1]["articles"]
    return a[a["article_id"] == aid].iloc[0]


def _body(corpus, aid):
    p = corpus[1]["paragraphs"]
    return p[(p["article_id"] == aid) & (p["kind"] == "body")]["text"].tolist()


def _rules(corpus, aid):
    r = corpus[1]["removed"]
    return r[r["article_id"] == aid]["rule"].tolist()


def _none(value) -> bool:
    return bool(pd.isna(value))


# --- decoding ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "encoded", "encoding"),
    [
        ("Plain “UTF-8” text.", "Plain “UTF-8” text.".encode(), "utf-8"),
        ("With a BOM.", codecs.BOM_UTF8 + b"With a BOM.", "utf-8-sig"),
        ("UTF-16 “quoted”.", "UTF-16 “quoted”.".encode("utf-16"), "utf-16"),
        ("No BOM here, just UTF-16.\nSecond line.", "No BOM here, just UTF-16.\nSecond line.".encode("utf-16-le"), "utf-16-le"),
        ("Café “déjà vu” — 20% off.", "Café “déjà vu” — 20% off.".encode("cp1252"), "cp1252"),
        ("Größere Änderungen sind möglich, sagte er.", "Größere Änderungen sind möglich, sagte er.".encode("cp1252"), "cp1252"),
        ("美国国会通过了法案，要求字节跳动出售这款应用。许多用户转向其他平台。", "美国国会通过了法案，要求字节跳动出售这款应用。许多用户转向其他平台。".encode("gb18030"), "gb18030"),
    ],
)  # fmt: skip
def test_decode_bytes(text, encoded, encoding):
    assert decode_bytes(encoded) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"%PDF-1.7\n...", "binary file (PDF signature), not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG signature), not text"),
        (b"abc\x00\x01\x02\x03def\x00\x00\xff" * 50, "binary file (NUL bytes), not text"),
        (
            bytes(range(0x80, 0x100)) * 40,
            "undecodable bytes: no text encoding fits (charset-normalizer found none)",
        ),
    ],
)
def test_decode_bytes_refuses(data, reason):
    with pytest.raises(SkipFile) as info:
        decode_bytes(data)
    assert str(info.value) == reason


# --- text, markdown, front matter, HTML ------------------------------------------------------------------------------
def test_crlf_cr_and_unicode_line_breaks_count_as_lines():
    lines, _ = text_document("a\r\nb\rc\u2028d\ne")
    assert [(x.no, x.text) for x in lines] == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]


def test_markdown_reduced_to_text():
    raw = "## A **Bold** Head\n> quoted [link](http://a.b) and `code`\n- item one\n![img](x.png)\n#hashtag stays"
    lines, _ = text_document(raw)
    assert [(x.kind, x.text, x.rule) for x in lines] == [
        ("heading", "A Bold Head", None), ("quote", "quoted link and code", None), ("item", "item one", None),
        ("text", "![img](x.png)", "markdown:image"), ("text", "#hashtag stays", None),
    ]  # fmt: skip


def test_front_matter_fields_and_lines():
    raw = "---\ntitle: T\nauthors: [Ann Lee, Bo Kim]\npublished_at: 2025-02-01T10:00:00Z\ncategory: [Tech, AI]\n---\nBody."
    lines, given = text_document(raw)
    assert given == {
        "title": "T",
        "authors": ["Ann Lee", "Bo Kim"],
        "published": "2025-02-01",
        "section": "Tech",
    }
    assert [x.rule for x in lines] == ["metadata:front-matter"] * 6 + [None]


def test_front_matter_needs_a_closing_fence():
    lines, given = text_document("---\ntitle: T\nBody text without a closing fence.")
    assert given == {} and lines[0].rule is None


def test_html_main_text_metadata_and_page_lines():
    page = (ARTICLES / "html_nav.html").read_text(encoding="utf-8")
    lines, given = html_document(page)
    assert given == {
        "title": "Creators Brace for TikTok Deadline", "authors": ["Maria Lopez"], "published": "2025-01-17",
        "site": "The Daily Ledger", "description": "Small businesses that sell on the app say they have no plan B.",
    }  # fmt: skip
    outside = [(x.no, x.text) for x in lines if x.rule == "html:outside-main-text"]
    assert (9, "Home") in outside and (21, "Markets slide as tariffs loom") in outside
    assert (22, "© 2025 The Daily Ledger. All rights reserved.") in outside
    kept = [(x.no, x.kind, x.text[:20]) for x in lines if x.rule is None and x.kind != "blank"]
    assert kept[:3] == [
        (12, "heading", "Creators Brace for T"),
        (14, "text", "Small businesses tha"),
        (15, "text", "“We built everything"),
    ]


# --- the fixture corpus ------------------------------------------------------------------------------------------------
def test_fixture_corpus_articles_and_skips(corpus):
    summary, tables = corpus
    assert tables["articles"]["article_id"].tolist() == [
        "archived_jina", "chinese_post_gb18030", "cp1252_legacy", "crlf_windows", "desk_export-0", "desk_export-1",
        "front_matter_export", "german_article", "html_nav", "mojibake", "newsletter", "paywalled_stub",
        "related_trailing", "utf16_opinion", "wire_export-0", "wire_export-1", "wire_two_authors",
    ]  # fmt: skip
    assert summary.skipped == [("wire_export.jsonl", "row 2: empty text")]
    assert tables["skipped"]["article_id"].tolist() == ["wire_export-2"]
    assert "wire_export.jsonl: row 2: empty text" in str(summary)


def test_fixture_offsets_and_no_boilerplate_left(corpus):
    _, tables = corpus
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"], strict=True))
    for table in ("paragraphs", "sentences"):
        for row in tables[table].itertuples():
            assert texts[row.article_id][row.start : row.end] == row.text
    everything = "\n".join(texts.values())
    for absent in (
        "Subscribe", "Sign up", "Photo", "Foto", "Advertisement", "©", "http", "@", "Related", "Markets Rally",
        "Lesen Sie", "Teilen", "Privacy", "min read", "Tags:", "Retrieved", "Reporting by", "author’s own",
        "图片来源", "责任编辑", "Home", "Facebook",
    ):  # fmt: skip
        assert absent not in everything, absent


def test_html_page(corpus):
    a = _row(corpus, "html_nav")
    assert (a["title"], list(a["authors"]), a["published"], a["source"]) == (
        "Creators Brace for TikTok Deadline", ["Maria Lopez"], "2025-01-17", "The Daily Ledger",
    )  # fmt: skip
    assert (a["format"], a["n_paragraphs"], a["n_headings"]) == ("html", 4, 1)
    assert a["raw_sha256"] == sha256_file(ARTICLES / "html_nav.html")


def test_markdown_with_front_matter(corpus):
    a = _row(corpus, "front_matter_export")
    assert (a["title"], list(a["authors"]), a["published"], a["section"], a["url"]) == (
        "Universities Review Research Ties", ["Grace Liu", "Tom Becker"], "2025-02-10", "Education",
        "https://example.edu/news/research-ties",
    )  # fmt: skip
    assert _body(corpus, "front_matter_export") == [
        "Several universities said they were reviewing research partnerships after new federal guidance on "
        "foreign funding was issued last week.",
        "Officials said no programs had been suspended.",
        "Faculty groups asked for clearer rules.",
    ]


def test_archiver_wrapper(corpus):
    a = _row(corpus, "archived_jina")
    assert (a["title"], list(a["authors"]), a["published"], a["url"]) == (
        "How a Viral App Became a Diplomatic Issue", ["Sofia Alvarez"], "2025-01-21",
        "https://example.org/news/viral-app-diplomacy",
    )  # fmt: skip
    assert _rules(corpus, "archived_jina").count("nav-menu") == 4
    assert "archiver" in _rules(corpus, "archived_jina")


def test_newsletter_with_subscribe_block_twice(corpus):
    a = _row(corpus, "newsletter")
    assert (a["title"], a["published"], a["n_paragraphs"]) == ("The Friday Tech Brief", "2025-01-17", 3)
    assert _body(corpus, "newsletter")[0] == (
        "TikTok's fate in the United States will be decided within days, and the company has told advertisers to "
        "prepare for a shutdown. Several agencies said on Thursday that they had paused new campaigns on the "
        "platform while they wait for the Supreme Court's decision."
    )
    rules = _rules(corpus, "newsletter")
    assert rules.count("call-to-action") == 4 and rules.count("subscribe-block") == 3


def test_paywalled_stub(corpus):
    a = _row(corpus, "paywalled_stub")
    assert (bool(a["paywalled"]), a["n_paragraphs"], list(a["authors"]), a["published"]) == (
        True, 1, ["Priya Natarajan"], "2025-03-03",
    )  # fmt: skip
    assert _rules(corpus, "paywalled_stub").count("paywall") == 3


def test_chinese_post(corpus):
    a = _row(corpus, "chinese_post_gb18030")
    assert (a["language"], a["encoding"], a["title"]) == (
        "zh",
        "gb18030",
        "TikTok“难民”涌入小红书 中美网友展开跨国交流",
    )
    assert (list(a["authors"]), list(a["editors"]), a["source"], a["published"]) == (
        ["张明"],
        ["李华"],
        "新华网",
        "2025-01-20",
    )
    assert a["n_paragraphs"] == 3


def test_german_article(corpus):
    a = _row(corpus, "german_article")
    assert (a["language"], a["section"], a["title"], list(a["authors"]), a["published"]) == (
        "de", "Wirtschaft", "Bundesregierung prüft Umgang mit chinesischen Apps", ["Anna Schmidt"], "2025-03-05",
    )  # fmt: skip
    assert a["n_paragraphs"] == 3


def test_wire_story_two_authors_dateline_credit(corpus):
    a = _row(corpus, "wire_two_authors")
    assert (list(a["authors"]), list(a["editors"]), a["dateline"], a["source"], a["section"], a["published"]) == (
        ["Daniel Okafor", "Helen Marsh"], ["Sam Whitfield"], "Washington", "Reuters", "World", "2025-01-17",
    )  # fmt: skip
    assert _body(corpus, "wire_two_authors")[0].startswith("A bipartisan group of senators on Friday")


def test_crlf_and_mixed_line_endings(corpus):
    a = _row(corpus, "crlf_windows")
    assert a["subtitle"] == "Several districts are drafting rules after teachers reported distractions."
    assert a["n_paragraphs"] == 2 and "\r" not in a["text"]
    r = corpus[1]["removed"]
    assert r[r["article_id"] == "crlf_windows"][["line_no", "rule"]].values.tolist() == [
        [1, "metadata:title"], [2, "metadata:subtitle"], [3, "metadata:byline"], [7, "caption-credit"],
        [11, "call-to-action"], [12, "share-bar"],
    ]  # fmt: skip


def test_cp1252_utf16_and_mojibake(corpus):
    legacy = _row(corpus, "cp1252_legacy")
    assert (legacy["encoding"], legacy["title"], list(legacy["authors"]), legacy["dateline"]) == (
        "cp1252", "Café Owners Say “No Deal” on App Ban", ["Élise Martin"], "Paris",
    )  # fmt: skip
    opinion = _row(corpus, "utf16_opinion")
    assert (opinion["encoding"], opinion["section"], opinion["n_paragraphs"]) == ("utf-16", "Opinion", 2)
    assert _rules(corpus, "utf16_opinion")[-2:] == ["disclaimer", "author-bio"]
    fixed = _row(corpus, "mojibake")
    assert fixed["title"] == "It’s Not Just TikTok: Apps Face New Scrutiny"
    assert _body(corpus, "mojibake")[0] == (
        "Regulators said the review—which began in December—would cover several apps. "
        "“We are looking at the whole sector,” an official said."
    )


def test_related_list_tags_trailing_list(corpus):
    assert _rules(corpus, "related_trailing") == [
        "metadata:section", "metadata:title", "reading-time", "metadata:byline", "related:header", "related:headline",
        "related:headline", "metadata:tags", "separator", "related:trailing-list", "related:trailing-list",
        "related:trailing-list",
    ]  # fmt: skip


def test_exports_rows_and_columns(corpus):
    first = _row(corpus, "wire_export-0")
    assert (first["title"], list(first["authors"]), first["published"], first["source"], first["url"]) == (
        "Lawmakers Split Over TikTok Extension", ["Nina Park"], "2025-01-18", "Example News", "https://example.com/a",
    )  # fmt: skip
    assert (first["format"], first["source_row"], first["source_path"]) == ("jsonl", 0, "wire_export.jsonl")
    assert first["raw_sha256"] == sha256_file(ARTICLES / "wire_export.jsonl")
    second = _row(corpus, "wire_export-1")
    assert (list(second["authors"]), second["published"], second["n_paragraphs"]) == (
        ["Omar Haddad", "Lea Novak"], "2025-01-19", 2,
    )  # fmt: skip
    csv0, csv1 = _row(corpus, "desk_export-0"), _row(corpus, "desk_export-1")
    assert (csv0["format"], list(csv0["authors"]), csv0["source"], csv0["n_paragraphs"]) == (
        "csv",
        ["Ravi Shah"],
        "Market Wire",
        2,
    )
    assert (list(csv1["authors"]), csv1["published"], _rules(corpus, "desk_export-1")) == (
        [],
        "2025-02-04",
        ["related:link"],
    )
    assert _none(csv1["subtitle"])


def test_export_rows_that_are_not_articles(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "rows.jsonl").write_text(
        '{"text": 5}\n\n[1]\n{"text": "broken\n{"content": "A row whose text sits in a content column, long enough."}\n',
        encoding="utf-8",
    )
    (raw / "no_text.csv").write_text("title,body_html\nA,<p>x</p>\n", encoding="utf-8")
    summary = normalize_folder(raw, tmp_path / "out")
    reasons = [reason for _, reason in summary.skipped]
    assert reasons[0] == "CSV export without a text column (columns: title, body_html)"
    assert reasons[1:4] == [
        "row 0: the 'text' field is not a string",
        "row 1 (line 3): not a JSON object",
        "row 2 (line 4): not valid UTF-8 JSON (Unterminated string starting at: line 1 column 10 (char 9))",
    ]
    articles = read_table(tmp_path / "out" / "articles.parquet")
    assert articles[["article_id", "source_row"]].values.tolist() == [["rows-3", 3]]


def test_large_csv_export_is_streamed_in_its_detected_encoding(tmp_path, monkeypatch):
    from tiktok_study.normalize import readers

    monkeypatch.setattr(readers, "CSV_IN_MEMORY_BYTES", 10)
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = "title,text\r\n" + "".join(
        f'"Café {i}","Le café “numéro {i}” a rouvert lundi, selon la mairie de la ville."\r\n'
        for i in range(3)
    )
    (raw / "big.csv").write_bytes(rows.encode("cp1252"))
    normalize_folder(raw, tmp_path / "out")
    articles = read_table(tmp_path / "out" / "articles.parquet")
    assert articles[["article_id", "title", "encoding"]].values.tolist() == [
        ["big-0", "Café 0", "cp1252"], ["big-1", "Café 1", "cp1252"], ["big-2", "Café 2", "cp1252"],
    ]  # fmt: skip
    assert articles["text"].iloc[1] == "Le café “numéro 1” a rouvert lundi, selon la mairie de la ville."


def test_html_line_breaks_inside_a_paragraph_separate_words():
    page = (
        "<html><body><article><h1>Council Backs the Budget Plan</h1>\n<p>The council met on Tuesday\nto discuss "
        "the budget and other matters of local importance, officials said.</p>\n<p>Residents were invited<br>to "
        "comment before the vote in March, the mayor said on Wednesday.</p></article></body></html>"
    )
    lines, _ = html_document(page)
    kept = [x.text for x in lines if x.kind == "text" and x.rule is None]
    assert kept == [
        "The council met on Tuesday to discuss the budget and other matters of local importance, officials said.",
        "Residents were invited to comment before the vote in March, the mayor said on Wednesday.",
    ]
