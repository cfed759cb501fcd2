"""Research-database and feed exports: LexisNexis text, Nexis Uni and plain Word .docx, JSON; syndication."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from tiktok_study.io import read_table
from tiktok_study.normalize import normalize_folder
from tiktok_study.normalize.feeds import html_fragment_text

from .conftest import FIXTURES

EXPORTS = FIXTURES / "exports"
LN = "lexisnexis-sample.TXT"
UNI = "nexis-uni-sample.DOCX"
VOX = "14_vox-rss-technology-feed-2025-01-17.json"

# What the two sample files state for each document (read off the files): outlet, date, headline, LENGTH.
EXPECTED = {
    "lexisnexis-sample-0": ("Guardian.com", "2010-01-11", "Lorem ipsum dolor sit amet", 355),
    "lexisnexis-sample-1": ("Guardian", "2010-01-11", "Lorem ipsum dolor sit amet", 927),
    "lexisnexis-sample-2": ("The Sun (England)", "2010-01-11", "Lorem ipsum dolor sit amet", 677),
    "lexisnexis-sample-3": (
        "The Times (London)", "2010-01-11", "Lorem ipsum dolor sit amet, consectetur adipiscing elit", 453,
    ),
    "lexisnexis-sample-4": (
        "The Times (London)", "2010-01-11",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum sapien?; "
        "eget aliquet ex finibus ut.", 918,
    ),
    "lexisnexis-sample-5": (
        "The Times (London)", "2010-01-11",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum sapien, eget aliquet",
        471,
    ),
    "lexisnexis-sample-6": ("Guardian", "2010-01-08", "ranch noble ash voice declaration", 607),
    "lexisnexis-sample-7": ("MAIL ON SUNDAY (London)", "2010-01-10", "PRISONER OF HIS OWN CABINET", 698),
    "lexisnexis-sample-8": ("Sunday Mirror", "2010-01-10", "R (programming language) on Wikipedia", 446),
    "lexisnexis-sample-9": ("DAILY MAIL (London)", "2010-01-09", "Wikipedia", 2968),
    "nexis-uni-sample-0": ("The Guardian(London)", "2019-07-01", "Lorem ipsum dolor sit amet", 355),
    "nexis-uni-sample-1": ("The Guardian(London)", "2019-07-02", "Lorem ipsum dolor sit amet", 571),
    "nexis-uni-sample-2": ("The Guardian(London)", "2019-07-04", "Lorem ipsum dolor sit amet", 641),
    "nexis-uni-sample-3": (
        "The Guardian(London)", "2019-07-03", "Lorem ipsum dolor sit amet, consectetur adipiscing elit", 663,
    ),
    "nexis-uni-sample-4": (
        "The Guardian(London)", "2019-07-04", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", 17366,
    ),
    "nexis-uni-sample-5": (
        "The Guardian(London)", "2019-07-02",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum sapien, eget aliquet",
        967,
    ),
    "nexis-uni-sample-6": ("The Guardian(London)", "2019-07-03", "Sample Headline", 412),
    "nexis-uni-sample-7": (
        "The Guardian(London)", "2019-07-03", "Lorem ipsum dolor sit amet, nec egestas blandit", 838,
    ),
    "nexis-uni-sample-8": ("The Guardian(London)", "2019-07-03", "R (programming language) on Wikipedia", 446),
    "nexis-uni-sample-9": ("The Guardian(London)", "2019-07-02", "What is Wikipedia", 1163),
}  # fmt: skip


def _raw(tmp_path, *names):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(EXPORTS / name, raw / name)
    return raw


def _run(tmp_path, raw):
    out = tmp_path / "out"
    summary = normalize_folder(raw, out)
    return summary, read_table(out / "articles.parquet"), read_table(out / "skipped.parquet"), out


def test_the_two_database_samples_give_20_articles_with_outlet_date_title_length(tmp_path):
    summary, articles, skipped, out = _run(tmp_path, _raw(tmp_path, LN, UNI))
    assert summary.n_articles == 20 and skipped.empty
    got = {r.article_id: (r.source, r.published, r.title, r.stated_words) for r in articles.itertuples()}
    assert got == EXPECTED
    assert set(articles["format"]) == {"lexisnexis", "nexis-uni"}
    assert (
        articles.set_index("article_id").loc["lexisnexis-sample-2", "section"] == "FEATURES"
    )  # "; Pg. 6" cut
    assert (
        articles.set_index("article_id").loc["nexis-uni-sample-0", "section"] == "POLITICS"
    )  # "; Version:28"
    by_id = articles.set_index("article_id")
    assert list(by_id.loc["lexisnexis-sample-8", "authors"]) == ["Ross Ihaka", "Robert Gentleman"]
    assert list(by_id.loc["nexis-uni-sample-2", "authors"]) == ["Daniel Boffey"]  # "… in Brussels"
    assert list(by_id.loc["nexis-uni-sample-6", "authors"]) == []  # "Byline: Letters" names no person
    # the body: its own first and last words, no header or trailer line
    first = by_id.loc["lexisnexis-sample-0", "text"]
    assert first.startswith(
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum"
    )
    assert first.endswith("Nulla suscipit metus neque, ut varius.")
    assert by_id.loc["lexisnexis-sample-0", "n_words"] == 355  # the stated length, counted on the text kept
    for text in by_id["text"]:
        for furniture in (
            "LOAD-DATE",
            "BYLINE:",
            "LENGTH:",
            "End of Document",
            "Load-Date",
            "Byline:",
            "Body\n",
        ):
            assert furniture not in text
    removed = read_table(out / "removed.parquet")
    rules = set(removed[removed.article_id == "lexisnexis-sample-0"]["rule"])
    assert rules == {"export:header", "export:trailer"}
    # removed.line_no points into the raw file
    lines = (EXPORTS / LN).read_text(encoding="utf-8-sig").splitlines()
    for row in removed[removed.article_id == "lexisnexis-sample-0"].itertuples():
        assert " ".join(lines[row.line_no - 1].split()) == row.text


def test_the_same_story_in_two_databases_is_kept_twice_with_duplicate_of(tmp_path):
    """Two texts are in both samples under other outlets (the first under "Guardian.com" and "The
    Guardian(London)", the R article under "Sunday Mirror" and "The Guardian(London)"): two observations each,
    the later one in reading order (file, then document) naming the first."""
    summary, articles, _, _ = _run(tmp_path, _raw(tmp_path, LN, UNI))
    assert "same text from another outlet (kept, marked in articles.duplicate_of): 2" in str(summary)
    dups = articles.dropna(subset=["duplicate_of"])
    assert dups[["article_id", "duplicate_of"]].values.tolist() == [
        ["nexis-uni-sample-0", "lexisnexis-sample-0"],
        ["nexis-uni-sample-8", "lexisnexis-sample-8"],
    ]


def test_a_lexisnexis_file_cut_off_mid_document_keeps_the_complete_ones(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (EXPORTS / LN).read_bytes()
    cut = text.index(b"10 of 10 DOCUMENTS") + 2000
    (raw / "cut.txt").write_bytes(text[:cut])
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert articles["article_id"].tolist() == [f"cut-{n}" for n in range(9)]
    assert skipped[["source_path", "article_id"]].values.tolist() == [["cut.txt", "cut-9"]]
    assert "document 10 is cut off" in skipped["reason"][0] and "truncated" in skipped["reason"][0]
    # cut inside the body of the 8th document, counted "8 of 383": the documents after it are named
    cut = text.index(b"8 of 383 DOCUMENTS") + 900
    (raw / "cut.txt").write_bytes(text[:cut])
    _, articles, skipped, _ = _run(tmp_path, tmp_path / "raw")
    assert len(articles) == 7
    assert skipped["reason"][0] == (
        "document 8 is cut off (no LOAD-DATE/LANGUAGE lines after its text): the export file looks truncated; "
        "the complete documents before it are kept; documents 9-383 of 383 are not in it"
    )


def _docx_bytes(paragraphs: list[tuple[str | None, str]]) -> bytes:
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_ordinary_word_document_is_one_article(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    body = "Regulators opened an inquiry into the company on Monday, officials said."
    (raw / "memo.docx").write_bytes(
        _docx_bytes(
            [("Title", "Inquiry Opens Into App"), (None, body), (None, "The company said it would comply.")]
        )
    )
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert skipped.empty
    row = articles.iloc[0]
    assert (row.article_id, row.title, row.format) == ("memo", "Inquiry Opens Into App", "docx")
    assert row.text == f"{body}\n\nThe company said it would comply."


def test_a_nexis_uni_docx_without_its_last_end_mark_keeps_the_complete_documents(tmp_path):
    doc = [
        (None, "Documents (2)"), (None, "1. First Story"), (None, "2. Second Story"), (None, ""),
        (None, "First Story"), (None, "The Daily Example"), (None, "March 3, 2021 Wednesday"),
        (None, "Length:\u00a012 words"), (None, "Byline:\u00a0Ann Lee"), (None, "Body"),
        (None, "The first story has a body of twelve words, all of them here."),
        (None, "Subject: what the lawmakers argued about for hours."), (None, "The end of its body."),
        (None, "Load-Date:\u00a0March 4, 2021"), (None, "End of Document"),
        (None, "Second Story"), (None, "The Daily Example"), (None, "March 4, 2021 Thursday"),
        (None, "Length:\u00a0500 words"), (None, "Body"), (None, "The second story was cut off in the mid"),
    ]  # fmt: skip
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "uni.docx").write_bytes(_docx_bytes(doc))
    _, articles, skipped, _ = _run(tmp_path, raw)
    row = articles.iloc[0]
    assert (row.article_id, row.title, row.source, row.published, row.stated_words) == (
        "uni-0",
        "First Story",
        "The Daily Example",
        "2021-03-03",
        12,
    )
    assert list(row.authors) == ["Ann Lee"]
    assert row.text == (
        "The first story has a body of twelve words, all of them here.\n\n"
        "Subject: what the lawmakers argued about for hours.\n\nThe end of its body."
    )
    assert skipped["article_id"].tolist() == ["uni-1"] and "cut off" in skipped["reason"][0]


def test_corrupt_and_password_protected_docx_are_skipped_with_the_reason(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = _docx_bytes([(None, "A paragraph of text that makes an article of its own, with words.")])
    (raw / "broken.docx").write_bytes(good[: len(good) // 2])
    # an encrypted Office file is an OLE compound file, not a zip archive
    (raw / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (raw / "notword.docx").write_bytes(_zip({"hello.txt": b"hi"}))
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert articles.empty
    reasons = dict(zip(skipped.source_path, skipped.reason, strict=True))
    assert reasons["broken.docx"].startswith("corrupt .docx")
    assert reasons["locked.docx"].startswith("password-protected (encrypted)")
    assert reasons["notword.docx"] == "a zip file without word/document.xml, not a Word document"


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_vox_feed_export_gives_one_article_per_item_html_made_text(tmp_path):
    _, articles, skipped, _ = _run(tmp_path, _raw(tmp_path, VOX))
    assert skipped.empty
    stem = VOX.removesuffix(".json")
    assert articles["article_id"].tolist() == [f"{stem}-0", f"{stem}-1"]
    first = articles.iloc[0]
    assert first.title == "The bright side of TikTok\u2019s downfall"
    assert first.published == "2025-01-17"
    assert (
        first.url == "https://www.vox.com/technology/395541/tiktok-ban-trump-supreme-court-instagram-rednote"
    )
    assert first.text == "The TikTok ban seems imminent. The Supreme Court on Friday"  # a teaser cut mid-tag
    assert list(first.authors) == []
    for left in ("<figure>", "figcaption", "Getty Images", "page_rating", "href"):
        assert left not in first.text
    assert articles.iloc[1].text.startswith("On Friday, the Supreme Court unanimously upheld a federal law")


def test_json_wrappers_nested_values_and_bad_json(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    body = "<p>Lawmakers voted on Tuesday to <b>ban</b> the app.</p><p>The company said it would sue.</p>"
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "Example Feed",
        "items": [
            {"id": "1", "title": "Vote On Ban", "content_html": body, "authors": [{"name": "Ann Lee"}],
             "date_published": "2024-03-13T10:00:00Z", "url": "https://example.org/a"},
            {"id": "2", "title": "No text here", "url": "https://example.org/b"},
        ],
    }  # fmt: skip
    (raw / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    wordpress = [{"title": {"rendered": "Rendered Title"}, "content": {"rendered": "<p>A WordPress body.</p>"},
                  "date": "2024-05-01T08:00:00"}]  # fmt: skip
    (raw / "wp.json").write_text(json.dumps(wordpress), encoding="utf-8")
    (raw / "entries.json").write_text(json.dumps({"entries": [{"title": "E", "text": "Plain text entry."}]}))
    (raw / "config.json").write_text(json.dumps({"name": "x", "version": 3}))
    (raw / "numbers.json").write_text("[1, 2, 3]")
    (raw / "broken.json").write_text('[{"title": "x", "text": "unterminated')
    _, articles, skipped, _ = _run(tmp_path, raw)
    by_id = articles.set_index("article_id")
    assert by_id.index.tolist() == ["entries-0", "feed-0", "wp-0"]
    feed0 = by_id.loc["feed-0"]
    assert (feed0.title, list(feed0.authors), feed0.published, feed0.url) == (
        "Vote On Ban",
        ["Ann Lee"],
        "2024-03-13",
        "https://example.org/a",
    )
    assert feed0.text == "Lawmakers voted on Tuesday to ban the app.\n\nThe company said it would sue."
    assert by_id.loc["wp-0", "title"] == "Rendered Title"  # the text of a nested title, never its repr
    assert by_id.loc["wp-0", "text"] == "A WordPress body."
    reasons = {(r.source_path, r.article_id if isinstance(r.article_id, str) else None): r.reason
               for r in skipped.itertuples()}  # fmt: skip
    assert reasons[("feed.json", "feed-1")].startswith("item 1: no text")
    assert (
        reasons[("config.json", None)]
        == "JSON export not read: a JSON object without a list of articles (keys: name, version)"
    )
    assert reasons[("numbers.json", "numbers-0")] == "item 0: a JSON int, not an article object"
    assert reasons[("broken.json", None)].startswith("not valid JSON")


def test_html_fragment_text_drops_figures_and_a_cut_tag():
    html = (
        '<figure><img src="x"><figcaption>Photo: Getty</figcaption></figure><p>One <a href="u">two</a>.</p>'
    )
    assert html_fragment_text(html + '<p>Three <a href="http://cut') == "One two.\n\nThree"


def test_a_markdown_file_of_only_front_matter_is_skipped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "meta.md").write_text("---\ntitle: Only Metadata\nauthor: Ann Lee\n---\n", encoding="utf-8")
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert articles.empty
    assert skipped[["source_path", "reason"]].values.tolist() == [
        ["meta.md", "only front matter (metadata), no article text"]
    ]


WIRE = (
    "Lawmakers in Washington voted on Tuesday to force the sale of the video app, officials said.\n\n"
    "The company said it would challenge the law in court, calling it unconstitutional."
)


@pytest.mark.parametrize(
    ("second_source", "kept", "reason"),
    [
        ("The Daily Example", 2, None),  # another outlet ran the wire story: two observations
        ("The Courier", 1, "duplicate of article 'a' (same text after normalization)"),  # same outlet twice
        (None, 1, "duplicate of article 'a' (same text after normalization)"),  # outlet unknown: as before
    ],
)
def test_syndication_same_text_other_outlet_is_kept(tmp_path, second_source, kept, reason):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.md").write_text(f"---\ntitle: Vote\nsource: The Courier\n---\n{WIRE}\n", encoding="utf-8")
    meta = f"source: {second_source}\n" if second_source else ""
    (raw / "b.md").write_text(f"---\ntitle: Vote!\n{meta}---\n{WIRE}\n", encoding="utf-8")
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert len(articles) == kept
    if kept == 2:
        assert articles["duplicate_of"].isna().tolist() == [True, False]
        assert articles["duplicate_of"][1] == "a"
        assert skipped.empty
    else:
        assert skipped[["source_path", "reason", "article_id"]].values.tolist() == [["b.md", reason, "b"]]


def test_a_byte_identical_file_is_skipped_whatever_its_name(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.md").write_text(f"---\nsource: The Courier\n---\n{WIRE}\n", encoding="utf-8")
    shutil.copy(raw / "a.md", raw / "copy.md")
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert articles["article_id"].tolist() == ["a"]
    assert skipped[["source_path", "reason"]].values.tolist() == [
        ["copy.md", "duplicate of article 'a' (byte-identical file)"]
    ]


def test_export_runs_are_byte_identical(tmp_path):
    raw = _raw(tmp_path, LN, UNI, VOX)
    first = tmp_path / "one"
    second = tmp_path / "two"
    normalize_folder(raw, first)
    normalize_folder(raw, second, jobs=2)
    for name in ("articles", "paragraphs", "sentences", "removed", "skipped"):
        assert (first / f"{name}.parquet").read_bytes() == (second / f"{name}.parquet").read_bytes(), name


def test_a_lexisnexis_body_line_that_looks_like_a_field_stays_in_the_body(tmp_path):
    doc = (
        "                               1 of 1 DOCUMENTS\n\n                              The Example Times\n\n"
        "                            March 2, 2021 Tuesday\n\nApp Ban Vote\n\nBYLINE: Ann Lee\n\nLENGTH: 40 words\n\n"
        "Lawmakers voted on Tuesday to ban the app from government phones, officials said.\n\n"
        "UPDATE: The company said it would challenge the vote in court.\n\n"
        "The vote passed by a wide margin.\n\nLOAD-DATE: March 3, 2021\n\nLANGUAGE: ENGLISH\n\n"
        "                    Copyright 2021 The Example Times\n"
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ln.txt").write_text(doc, encoding="utf-8")
    _, articles, skipped, _ = _run(tmp_path, raw)
    row = articles.iloc[0]
    assert (row.source, row.published, row.title, list(row.authors)) == (
        "The Example Times",
        "2021-03-02",
        "App Ban Vote",
        ["Ann Lee"],
    )
    assert row.text.endswith(
        "UPDATE: The company said it would challenge the vote in court.\n\nThe vote passed by a wide margin."
    )
    assert skipped.empty


def test_a_json_file_of_one_article_object_is_one_article(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    item = {"headline": "One Story", "articleBody": "The only article in this file has one sentence."}
    (raw / "one.json").write_text(json.dumps(item), encoding="utf-8")
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert skipped.empty
    assert articles[["article_id", "title", "text"]].values.tolist() == [
        ["one-0", "One Story", "The only article in this file has one sentence."]
    ]


def test_one_odd_document_of_an_export_does_not_end_the_export(tmp_path, monkeypatch):
    from tiktok_study.normalize import exports

    real = exports._ln_document

    def read(lines, start, stop, **kw):
        if kw["index"] == 3:
            raise RuntimeError("boom")
        return real(lines, start, stop, **kw)

    monkeypatch.setattr(exports, "_ln_document", read)
    raw = _raw(tmp_path, LN)
    (raw / "feed.json").write_text(
        json.dumps([{"text": "---\na: &a [x, x]\nb: *a\n---\nBody of a story."}, {"text": "Another story."}]),
        encoding="utf-8",
    )
    _, articles, skipped, _ = _run(tmp_path, raw)
    assert len(articles) == 10  # nine of the export, one of the feed
    assert skipped[["source_path", "reason", "article_id"]].values.tolist() == [
        ["feed.json", "item 0: front matter: YAML aliases (*name) are not allowed (the value anchored at line 1 "
         "of the YAML is used again); write the value out", "feed-0"],
        ["lexisnexis-sample.TXT", "document 4: cannot read it (RuntimeError: boom)", "lexisnexis-sample-3"],
    ]  # fmt: skip
