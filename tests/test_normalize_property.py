"""Property test: normalize_text never raises and its offsets always slice exactly, on generated texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktok_study.normalize import normalize_text

BOILERPLATE_LIKE = [
    "---", "-", "* * *", "Subscribe to our newsletter", "Image source: Visual China", "Photo: AP", "By Jane Doe",
    "From Li Wei", "Edited by Sam Park", "Source: Xinhua", "Politics", "Sports2 months ago", "3 hours ago",
    "Telegram:https://t.me/x", "https://example.com", "X Selected X Selected", "Related", "Read more: a story",
    "01 A Numbered Heading", "# Markdown Heading", "- list item", "> quoted", "![img](x.png)", "[1]: http://x",
    "Advertisement", "© 2025 Paper", "The author is a reporter for Radio X", "WASHINGTON (Reuters) — Lead text.",
    "Published: January 5, 2025", "Home | World | Tech", "(Reporting by A B; Editing by C D)", "---\ntitle: x\n---",
    "作者：张三", "责任编辑：李四", "Subscribe to continue reading", "“", "”", "‘", "’", '"', "'", "—", "…",
]  # fmt: skip
SENTENCES = [
    "Officials said the talks would continue next week.",
    "“We are not leaving,” the company said.",
    "Dr. Smith met U.S. officials in Washington on Jan. 5.",
    "Shares fell 3.5% to $27.8 billion — the lowest since 2020.",
    "近日，大量用户涌入小红书。",
    "Die Bundesregierung prüft ein Verbot.",
]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\n \n", "\x85", "\x0c"]

any_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=80)
control_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x3F), max_size=40)
long_line = st.builds(
    lambda word, n: (word + " ") * n,
    st.sampled_from(["word", "“quote”", "Mr. X said.", "x" * 40]),
    st.integers(100, 400),
)
line = st.one_of(
    any_text, control_text, st.sampled_from(BOILERPLATE_LIKE), st.sampled_from(SENTENCES),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join),
)  # fmt: skip
lines = st.lists(st.tuples(line, st.sampled_from(BREAKS)), max_size=14).map(
    lambda parts: "".join(a + b for a, b in parts)
)
# a very long line in about one document of four, at a random place
document = st.one_of(
    lines, lines, lines, st.tuples(lines, long_line, lines).map(lambda t: f"{t[0]}\n{t[1]}\n{t[2]}")
)


@settings(
    max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(document)
def test_normalize_text_never_raises_and_offsets_are_exact(raw):
    tables = normalize_text(raw, article_id="p")
    assert len(tables.articles) == 1
    article = tables.articles.iloc[0]
    text = article["text"]
    p_ids, kinds, p_texts, p_starts, p_ends = (
        tables.paragraphs[c].tolist() for c in ("paragraph_id", "kind", "text", "start", "end")
    )
    s_ids, s_pids, s_texts, s_starts, s_ends = (
        tables.sentences[c].tolist() for c in ("sentence_id", "paragraph_id", "text", "start", "end")
    )
    assert text == "\n\n".join(p_texts)
    assert p_ids == list(range(len(p_ids))) and s_ids == list(range(len(s_ids)))
    assert article["n_paragraphs"] == kinds.count("body") and article["n_sentences"] == len(s_ids)
    for ptext, start, end in zip(p_texts, p_starts, p_ends, strict=True):
        assert ptext and text[start:end] == ptext
    for stext, pid, start, end in zip(s_texts, s_pids, s_starts, s_ends, strict=True):
        assert text[start:end] == stext
        assert kinds[pid] == "body" and p_starts[pid] <= start < end <= p_ends[pid]
    line_nos = tables.removed["line_no"].tolist()
    assert line_nos == sorted(line_nos)
    assert all(isinstance(r, str) and r for r in tables.removed["rule"].tolist())
