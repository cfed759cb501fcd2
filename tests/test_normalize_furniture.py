"""Real-page rules on short synthetic cases of our own: markdown and HTML inside text, front matter, metadata,
page furniture (each rule with a case it must cut and one it must leave alone)."""

from __future__ import annotations

import pytest

from tiktok_study.normalize import RULES, normalize_text
from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import furniture as fu
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize import structure as st
from tiktok_study.normalize.lines import html_lines, looks_like_html, to_lines
from tiktok_study.normalize.readers import text_document

LEAD = "The regulator opened an inquiry into the company's data practices on Monday, officials said."
SECOND = "The company said it would cooperate fully with the review and expected no disruption for users."
THIRD = "Analysts said the inquiry could take months and might end in a fine of several million euros."
FOURTH = "Lawmakers in several countries have raised similar concerns about the app over the past year."


def _norm(text: str):
    tables = normalize_text(text)
    row = tables.articles.iloc[0]
    return row, tables.removed[["text", "rule"]].values.tolist()


def _rules(removed) -> set[str]:
    return {rule for _, rule in removed}


# --- markdown and HTML inside text -----------------------------------------------------------------------------------
def test_html_fragment_leaves_no_tag_entity_or_embed():
    linked = LEAD.replace("company", "<a href='https://x.y/c'>company</a>")
    raw = (
        '<figure><img src="https://x.y/a.jpg" data-portal-copyright="Photo: X via Getty Images" />'
        "<figcaption>A caption | Photo: X</figcaption></figure>\n"
        f'<p class="has-text-align-none">{linked}</p>\n'
        '<div><iframe src="https://www.youtube.com/embed/abc"></iframe></div><!-- ad -->'
        "<video><track kind='captions' src='c.vtt'></video>\n"
        "<p>He said &quot;no&quot; &mdash; and left&nbsp;early.</p>"
    )
    row, removed = _norm(raw)
    for leftover in ("<", ">", "href", "&quot;", "&mdash;", "&nbsp;", "Getty", "caption"):
        assert leftover not in row.text
    assert row.text.startswith(LEAD)
    assert 'He said "no" — and left early.' in row.text
    assert {"html:figure", "html:embed", "html:comment"} <= _rules(removed)


def test_text_with_a_stray_angle_bracket_is_not_html():
    assert not looks_like_html("Revenue < costs > zero, and a <b>bold</b> claim.")
    row, _ = _norm(f"{LEAD} Revenue fell 3 < 5 percent.")
    assert "3 < 5" in row.text


def test_html_lines_keep_line_numbers_and_headings():
    lines = html_lines("<h2>Head</h2>\n\n<p>One.</p>\n<p>Two\nlines.</p>", first_no=10)
    assert [(x.no, x.kind, x.text) for x in lines if x.kind != "blank"] == [
        (10, "heading", "Head"), (12, "text", "One."), (13, "text", "Two lines."),
    ]  # fmt: skip


def test_link_only_lines_cut_inline_links_kept():
    lines = to_lines(
        "[中文翻译](a_zh.md)\n\n[Original Article](https://x.y/1)\n\nSee [the ruling](https://x.y/r) here."
    )
    assert [x.rule for x in lines if x.kind != "blank"] == ["markdown:link-only", "markdown:link-only", None]
    assert lines[-1].text == "See the ruling here."


def test_image_url_broken_across_lines_and_kramdown_attributes():
    lines = to_lines(
        '![](https://img.example.com/ab-\ncd/1000)\n\n[Buy now](/shop/ "Deals"){: .btn}{:target="_blank"}'
    )
    assert [x.rule for x in lines if x.kind != "blank"] == [
        "markdown:image",
        "markdown:image",
        "markdown:link-only",
    ]


def test_markdown_escapes_entities_and_comments_in_markdown_lines():
    lines = to_lines("### **Related** <!-- omit in toc -->\n\nThe vote was 50-0\\. It passed &amp; ended.")
    assert lines[0].text == "Related" and lines[0].kind == "heading"
    assert lines[2].text == "The vote was 50-0. It passed & ended."


def test_flattened_blocks_split_at_wide_gaps():
    lines = to_lines("First block ends here.\u00a0  Second Block Heading")
    assert [x.text for x in lines] == ["First block ends here.", "Second Block Heading"]
    assert [x.text for x in to_lines("One sentence.  Two spaces only.")] == ["One sentence. Two spaces only."]


# --- front matter and headers -----------------------------------------------------------------------------------------
def test_toml_front_matter():
    lines, given = text_document(
        '+++\nauthor = "Jana Roe"\ndate = 2024-12-18T01:00:00Z\ntitle = "Ein Titel"\nimg_photographer = "X"\n+++\n\nText.'
    )
    assert given == {"authors": ["Jana Roe"], "published": "2024-12-18", "title": "Ein Titel"}
    assert [x.rule for x in lines[:6]] == ["metadata:front-matter"] * 6


def test_html_comment_header_ranks_below_the_h1():
    raw = "<!--yml\ntitle: Site Page Title | Outlet\ndate: 2025-03-01\n-->\n\n# The Real Headline\n\n" + LEAD
    lines, given = text_document(raw)
    # the archiver's title ranks below the H1; its date is the crawl date, not the publication date
    assert given["title"] == "The Real Headline" and "published" not in given
    assert {x.rule for x in lines[:4]} == {"metadata:front-matter"}
    plain = text_document("<!-- omit in toc -->\n\n" + LEAD)[1]
    assert plain == {}
    cjk = text_document("<!--yml\n\n类别：未分类\n\n日期：2024 年 05 月 27 日\n\n-->\n\n# 标题\n\n正文。")[0]
    assert [x.rule for x in cjk if x.kind != "blank"][:4] == ["metadata:front-matter"] * 4


def test_scraper_field_block_under_the_headline():
    raw = f"## A Headline Here\n\nkeywords: a b c\n\nauthors: \n\npublish date: 2020-08-30 15:07:24+08:00\n\n{LEAD}"
    lines, given = text_document(raw)
    assert given["published"] == "2020-08-30"
    assert [x.rule for x in lines if x.rule] == ["metadata:archiver-header"] * 3
    # one "keywords:" line alone is not a scraper header
    assert text_document(f"keywords: a b c\n\n{LEAD}")[1] == {}


# --- metadata ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "people", "source"),
    [
        ("KELVIN CHAN Thu, May 15, 2025 at 3:41 AM PDT 2 min read 1", ["Kelvin Chan"], None),
        ("Brian Fung, Cnn Business", ["Brian Fung"], "Cnn Business"),
        ("Financial Times", None, "Financial Times"),
        ("Outlook Business Desk", None, "Outlook Business Desk"),
        ("AIVibe", None, "AIVibe"),
        ("rosepac", ["rosepac"], None),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
    ],
)
def test_author_fields_people_only(value, people, source):
    got = md.from_mapping({"author": value})
    assert got.get("authors") == people
    assert got.get("source") == source


def test_byline_with_glued_weekday_and_date():
    assert md.parse_byline("By KELVIN CHAN Thu, May 15, 2025 at 3:41 AM PDT 2 min read 1") == (
        ["Kelvin Chan"],
        None,
    )
    assert md.parse_byline("By Financial Times") == ([], "Financial Times")


@pytest.mark.parametrize(
    ("title", "site", "clean"),
    [
        ("Ottawa approves the deal | CBC News", None, "Ottawa approves the deal"),
        ("▷ El presidente aprueba la oferta", None, "El presidente aprueba la oferta"),
        ("Talks resume in Geneva - BBC News", None, "Talks resume in Geneva"),
        ("Talks resume in Geneva - Reuters", "Reuters", "Talks resume in Geneva"),
        ("Trump wanted to break up Nvidia — but then its CEO won him over", None,
         "Trump wanted to break up Nvidia — but then its CEO won him over"),
        ("Biden - a profile", None, "Biden - a profile"),
        ("Short | X", None, "Short | X"),
    ],
)  # fmt: skip
def test_clean_title(title, site, clean):
    assert md.clean_title(title, site=site) == clean


# --- context-free furniture rules -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("WATCH | Why the app matters to teens", "video-promo"),
        ("Watch: The hearing in 60 seconds", "video-promo"),
        ("Media playback is unsupported on your device Media caption WATCH: What's going on?", "video-promo"),
        ("Image copyright Getty Images Image caption The president spoke", "caption-credit"),
        ("Ottawa residents line up outside a store. (Craig Hudson/Reuters)", "caption-credit"),
        (
            "TikTok logo is pictured on the headquarters in Culver City. REUTERS/Fred Greaves/File photo",
            "caption-credit",
        ),
        ("Was this article valuable?", "engagement"),
        ("Here are more articles you may enjoy.", "engagement"),
        ("This article is available only to subscribers.", "paywall"),
        ("VIEW OPTIONS", "paywall"),
        ("Go to Source", "interface-label"),
        ("Learn more.", "interface-label"),
        ("Related Story Chinese tech companies under siege in America", "related:link"),
        ("Relacionados", "related:header"),
        ("Topics", "related:header"),
        ("本文已被查看1234次", "engagement"),
        ("赞 ，轻点两下取消赞 在看 ，轻点两下取消在看", "interface-label"),
        ("Unlock the Editor’s Digest for free", "call-to-action"),
    ],
)
def test_new_line_rules(text, rule):
    assert bp.line_rule(text) == rule
    assert rule in RULES


@pytest.mark.parametrize(
    "text",
    [
        "Watch what happens next, the senator told reporters.",
        "The photo was seen by millions of users on the platform within a day.",
        "The company said its data was available only to its engineers in Singapore.",
        "Related stocks fell sharply on Friday after the announcement.",
        "Topics discussed at the meeting included security and trade.",
        "分析人士认为，此举将影响多家公司的业务。",
        "They want to unlock growth in Europe, the chief executive said.",
    ],
)
def test_new_line_rules_leave_text(text):
    assert bp.line_rule(text) is None


# --- rules that need context ------------------------------------------------------------------------------------------
def test_truncated_copy_of_the_lede():
    row, removed = _norm(f"{LEAD[:60]}...\n\n{LEAD}\n\n{SECOND}")
    assert row.text.startswith(LEAD) and row.text.count("inquiry into") == 1
    assert ("truncated-copy") in _rules(removed)
    short = _norm(f"A Short Headline\n\n{LEAD}\n\n{SECOND}")[1]
    assert "truncated-copy" not in _rules(short)


def test_headline_glued_twice_before_the_lede_and_headline_with_byline():
    title = "Regulator Opens Inquiry Into App"
    row, removed = _norm(f"# {title}\n\n{title} By Jane Doe\n\n{title} {title} {LEAD}\n\n{SECOND}")
    assert row.title == title and list(row.authors) == ["Jane Doe"]
    assert row.text.startswith(LEAD)
    assert [t for t, r in removed if r == "title-repeat"] == [title, title]


def test_unpunctuated_lines_inside_the_body():
    related = (
        "Trump tariffs thwart takeover as China digs in\nUK watchdog investigates app over child privacy\n"
    )
    caption = "President Trump's administration to ban downloads of two Chinese owned apps"
    row, removed = _norm(
        f"{LEAD}\n\n{SECOND}\n\n{related}\n{THIRD}\n\n{caption}\n\n{FOURTH}\n\n{LEAD[:-1]} again."
    )
    assert "thwart" not in row.text and caption not in row.text
    assert {"related:headline-run", "caption"} <= _rules(removed)
    # a sentence that lost its full stop in reported speech stays
    kept = "The company first heard about the fund from news reports, a spokeswoman said"
    row, _ = _norm(f"{LEAD}\n\n{SECOND}\n\n{kept}\n\n{THIRD}\n\n{FOURTH}")
    assert kept in row.text


def test_page_footer_after_a_label_and_promo_block():
    body = f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n\n"
    row, removed = _norm(
        body + "Topics\n\nAI, Policy, Hardware\n\nNewsletters\n\nSubscribe for the biggest tech news"
    )
    assert row.text.endswith(FOURTH) and {"related:header", "page-footer"} & _rules(removed)
    assert "Newsletters" not in row.text
    row, removed = _norm(body + "Techcrunch event\n\nJoin the Disrupt agenda\n\nSave $200 now and register")
    assert row.text.endswith(FOURTH) and "page-footer" in _rules(removed)
    # a short label early in the article is not a footer
    row, _ = _norm(f"{LEAD}\n\nNewsletters\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n\n{LEAD}")
    assert SECOND in row.text


def test_engagement_box_at_the_end():
    body = f"## Der Streit\n\n{LEAD} {SECOND}\n\n{THIRD} {FOURTH}\n\n"
    box = "## Nun bist du dran\n\nWie oft nutzt du die App?\n\nWelche Gefahren siehst du?\n\nSchreib uns."
    row, removed = _norm(body + box)
    assert "Nun bist du dran" not in row.text and row.text.endswith(FOURTH)
    assert "engagement" in _rules(removed)
    qa = "## Questions remain\n\nWho pays? Nobody knows, and the ministry declined to say who would."
    row, _ = _norm(body + qa)
    assert "Nobody knows" in row.text


def test_flattened_prompts_promos_and_wire_credits():
    first = (
        "Unlock the Editor’s Digest for free Roula Roe, Editor, selects her favourite stories in this newsletter. "
        f"{LEAD} Sign up here. {SECOND}"
    )
    last = f"{THIRD} Reporting by Jane Doe, Editing by John Roe Our Standards: The Trust Principles. Jane Doe is a veteran."
    row, removed = _norm(f"{first}\n\n{last}")
    assert row.text.startswith(LEAD) and row.text.endswith(THIRD)
    assert "Sign up here." not in row.text and "Trust Principles" not in row.text
    assert {"flattened-furniture", "metadata:credit-line", "wire-footer"} <= _rules(removed)
    row, removed = _norm(f"{LEAD}\n\n{THIRD} Get more insights with the Example Cloud. Learn more.")
    assert row.text.endswith(THIRD) and "promo-tail" in _rules(removed)
    plain = f"{LEAD} Follow the money, the prosecutor said. {SECOND}"
    assert _norm(plain)[0].text == plain


def test_end_marks_and_video_credits():
    cuts, source = fu.tail_cuts([("body", f"{LEAD} ■", 1)])
    assert cuts == [(1, "■", "end-mark")] and source is None
    paragraphs = [("body", f"{LEAD} Bloomberg's Ian King reports. (Source: Bloomberg)", 3)]
    cuts, source = fu.tail_cuts(paragraphs)
    assert paragraphs[0][1] == LEAD and source == "Bloomberg"
    untouched = [("body", f"{LEAD} The agency said Jane Doe reports to the board.", 1)]
    assert fu.tail_cuts(untouched) == ([], None)


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("Washington (CNN Business) President Donald Trump last month used his office to act.", "Washington", "CNN Business"),
        ("LONDON (AP) — European Union regulators accused the app on Thursday of breaches.", "London", "AP"),
        ("BEIJING (REUTERS) - China said it will restrict the exports of some technology.", "Beijing", "REUTERS"),
    ],
)  # fmt: skip
def test_datelines(text, place, agency):
    found = st.dateline(text)
    assert found is not None and found[1:] == (place, agency)


def test_mixed_case_opening_is_not_a_dateline_without_an_agency():
    assert st.dateline("Apple (AAPL) Shares rose after the company reported strong sales on Friday.") is None


def test_dateline_after_flattened_caption():
    text = (
        "The logo is pictured on the headquarters. REUTERS/Fred Greaves/File photo Companies BRUSSELS, May 15 "
        f"(Reuters) - {LEAD}"
    )
    row, removed = _norm(f"{text}\n\n{SECOND}")
    assert row.text.startswith(LEAD) and row.dateline == "Brussels"
    assert "metadata:dateline" in _rules(removed)
    assert st.inner_dateline(f"{LEAD} The NATO (alliance) said so.") is None


def test_header_labels_name_and_fly_title():
    raw = f"In Brief\n\nPosted:\n\nJune 15, 2025\n\nAnthony Ha\n\nTaiwan Places Export Controls\n\n{LEAD}\n\n{SECOND}"
    lines, _ = text_document("---\ntitle: Taiwan Places Export Controls\n---\n" + raw)
    from tiktok_study.normalize.article import assemble

    art = assemble(lines, {"title": "Taiwan Places Export Controls"})
    assert art.authors == ["Anthony Ha"] and art.published == "2025-06-15"
    assert art.paragraphs[0][1] == LEAD
    row, removed = _norm(f"## Sixty seconds of fame\n\n# The Parent Is Scrambling\n\n{LEAD}\n\n{SECOND}")
    assert row.title == "The Parent Is Scrambling" and ["Sixty seconds of fame", "page-header"] in removed


def test_link_card_spanning_lines_and_sign_up_section():
    raw = (
        f"# A Headline About The Ban\n\n{LEAD}\n\n [Another story headline\n\nIts teaser text goes here.]"
        f"(https://x.y/other) \n\n{SECOND}\n\n## Sign up for Example\n\nA critic provides the take you need\n\n"
        f"No spam. Unsubscribe anytime.\n\n{THIRD}\n\n{FOURTH}"
    )
    row, removed = _norm(raw)
    assert "Another story" not in row.text and "teaser" not in row.text and "critic" not in row.text
    assert row.text.startswith(LEAD) and row.text.endswith(FOURTH)
    assert {"markdown:link-only", "subscribe-block"} <= _rules(removed)
    # an unclosed bracket in running text is not a card
    lines = to_lines("[Editor's note: the vote\n\nwas delayed.\n\nMore text.")
    assert all(x.rule is None for x in lines)


def test_linked_image_and_inline_editor_byline():
    assert to_lines('[![USA](https://x.y/usa.png?1)](/search?tid=168 "USA")')[0].rule == "markdown:image"
    assert to_lines("Text [![](a.png)](https://x.y/z) more.")[0].text == "Text more."
    byline = to_lines("**作者 | 连冉****编辑**| 郑玄****")[0].text
    assert md.parse_byline(byline) == (["连冉"], None)
    assert md.parse_byline("By Jane Doe, editor: John Roe") == (["Jane Doe"], None)


def test_chinese_title_tag_lead_label_and_prompts():
    assert md.clean_title("【安全圈】TikTok计划本周日关停美国业务") == "TikTok计划本周日关停美国业务"
    assert bp.line_rule("好看你就分享 有用就点个赞") == "call-to-action"
    assert bp.line_rule("他说：“请大家点个赞。”") is None
    paragraphs = [("heading", "【新智元导读】据悉，美国正在考虑将对华技术禁令扩大到量子计算领域。", 3)]
    assert fu.lead_label(paragraphs) == [(3, "【新智元导读】", "page-header")]
    assert paragraphs[0][0] == "body"
    assert fu.lead_label([("body", "【快讯】美国商务部周一宣布了新的出口管制措施。", 1)]) == []


def test_upper_case_name_glued_to_a_date_is_a_byline():
    row, removed = _norm(
        f"A Headline On The Ruling\n\nKELVIN CHAN Thu, May 15, 2025 at 3:41 AM PDT 2 min read\n\n{LEAD}"
    )
    assert list(row.authors) == ["Kelvin Chan"] and row.published == "2025-05-15" and row.text == LEAD
    assert "metadata:byline" in _rules(removed)
    assert md.parse_caps_byline("NEW YORK, May 15, 2025") is None
    assert md.parse_caps_byline("NATO ALLIES met on May 15, 2025 in Brussels.") is None


def test_caption_above_a_bare_credit_line():
    caption = "President Joe Biden speaks during a meeting at the White House in Washington on Dec. 13, 2023."
    row, removed = _norm(f"{caption}\n\nJim Watson | AFP | Getty Images\n\n{LEAD}\n\n{SECOND}")
    assert row.text.startswith(LEAD) and ["Jim Watson | AFP | Getty Images", "caption-credit"] in removed
    assert [caption, "caption"] in removed
    # a credit inside a caption line ("(Photo by …)") does not take the paragraph above with it
    row, _ = _norm(f"{LEAD}\n\nA protester outside the court. (Photo by Kim Lo/Getty Images)\n\n{SECOND}")
    assert row.text.startswith(LEAD)
    # a credit whose caption was lost does not take a paragraph of several sentences with it
    row, _ = _norm(f"{LEAD} {SECOND}\n\nJim Watson | AFP | Getty Images\n\n{THIRD}")
    assert row.text.startswith(LEAD)


def test_stamp_lines_and_clipper_wikilinks():
    row, removed = _norm(
        f"Ottawa Weighs The App Ban\n\nCBC News · Posted: Jan 18, 2025 4:00 AM EST | Last Updated: January 18\n\n{LEAD}"
    )
    assert row.published == "2025-01-18" and row.text == LEAD and "metadata:date" in _rules(removed)
    lines, given = text_document(
        '---\ntitle: "A Title"\nauthor:\n  - "[[Jane Doe]]"\npublished: 2025-01-02\ncreated: 2025-02-03\n---\n'
        f"See [[Other Note|the note]] here. {LEAD}"
    )
    assert given["authors"] == ["Jane Doe"] and given["published"] == "2025-01-02"
    assert lines[-1].text == f"See the note here. {LEAD}"
    kept = f"{LEAD} It was first published: in print, on paper."
    assert _norm(kept)[0].text == kept


def test_read_more_label_takes_its_teaser_into_the_footer():
    body = f"{LEAD} {SECOND}\n\n{THIRD} {FOURTH}\n\n{LEAD[:-1]} today. {SECOND}\n\n"
    row, removed = _norm(
        body
        + "Other companies will be studying the new restrictions as they could…\n\nRead More>>\n\nAbout X"
    )
    assert row.text.endswith(SECOND) and "could…" not in row.text
    assert {"related:header", "page-footer"} <= _rules(removed)


def test_unclosed_html_elements_stay_linear():
    import time

    start = time.perf_counter()
    lines, _ = text_document("<p>a</p><p>b</p>" + "<script>x " * 20000 + "<!-- y " * 20000)
    assert time.perf_counter() - start < 10  # each missing closer is searched for once, not once per opener
    assert [x.text for x in lines if x.rule is None and x.kind != "blank"][:2] == ["a", "b"]


def test_timeline_entries_are_not_captions():
    timeline = (
        "March 2012: Bytedance is established in China and launches a humour app for users\n\n"
        "September 2016: Bytedance launches the short-form video app Douyin in China\n\n"
        "2018 Another entry without a full stop about the company's growth that year"
    )
    row, _ = _norm(f"{LEAD}\n\n{SECOND}\n\n{timeline}\n\n{THIRD}\n\n{FOURTH}")
    assert "Douyin" in row.text and "humour app" in row.text and "growth that year" in row.text


def test_chinese_subheads_are_not_captions():
    body = "。".join(["美国商务部周一宣布了新的出口管制措施，涉及多家中国科技公司"] * 3) + "。"
    row, _ = _norm(f"{body}\n\n{body}\n\n把新技术扼杀在摇篮里\n\n{body}\n\n{body}")
    assert "把新技术扼杀在摇篮里" in row.text


def test_headline_or_caption_glued_after_a_paragraph():
    glued = f'{SECOND} "They are at risk." How EU companies lose billions to Chinese counterfeits'
    # inside a long paragraph (a short line ending in a credit is cut whole by the caption rule)
    caption = f"{THIRD} {FOURTH} {SECOND} {THIRD} Prices have risen for US customers Image: Ben Montgomery/Getty Images"
    row, removed = _norm(
        f"{LEAD}\n\n{glued}\n\n{caption}\n\n{FOURTH}\n\nThe end of the story is here, officials said."
    )
    assert "counterfeits" not in row.text and "Montgomery" not in row.text
    assert '"They are at risk."' in row.text and THIRD in row.text
    assert "related:headline" in _rules(removed) and {"caption", "flattened-furniture"} & _rules(removed)
    ended = f"{LEAD}\n\n{SECOND} It ends with a mark. ■\n\n{THIRD}\n\n{FOURTH}\n\nThe end, officials said."
    assert "It ends with a mark." in _norm(ended)[0].text


# --- press releases, whole-page dumps, Chinese site footers -----------------------------------------------------------
def test_press_release_boilerplate_from_about_section_to_the_end():
    raw = (
        f"Acme Wins Contract\n\n{LEAD}\n\n{SECOND}\n\nOther companies may follow as they could…\n\nRead More>>\n\n"
        "NOTE TO INVESTORS: The latest news on Acme Corp. is in the company's newsroom at https://x.y/acme\n\n"
        "About Acme\n\nAcme is a communications platform for small companies with big futures.\n\n"
        "To receive SMS alerts from Acme, text “Acme” to 555-0100\n\nAcmeLos Angeles, CAwww.acme.example"
    )
    row, removed = _norm(raw)
    assert row["text"] == f"{LEAD}\n\n{SECOND}"
    assert "page-footer" in RULES and "Acme is a communications" not in row["text"]
    assert ["Other companies may follow as they could…", "page-footer"] in removed


def test_about_subhead_in_a_story_is_kept():
    raw = f"Acme Wins Contract\n\n{LEAD}\n\nAbout the ban\n\n{SECOND}\n\nMedia contacts said\n\n{THIRD}"
    row, removed = _norm(raw)
    assert "About the ban" in row["text"] and row["text"].endswith(THIRD)
    assert "page-footer" not in _rules(removed)


def test_media_contact_label_starts_the_footer():
    raw = f"Acme Wins Contract\n\n{LEAD}\n\n{SECOND}\n\nMedia Contact:\n\nJane Doe, press@acme.example"
    row, removed = _norm(raw)
    assert row["text"] == f"{LEAD}\n\n{SECOND}"
    assert ["Media Contact:", "page-footer"] in removed


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("京ICP证161336号", "copyright"),
        ("沪ICP备13033796号-1 沪公网安备31011502009321号", "copyright"),
        ("举报电话：010-62641205 举报邮箱：jubao@x.cn", "copyright"),
        (
            "本站提到的所有注册商标属于他们各自的所有人所有，其余内容版权属于 x.org(2009-) 所有 。",
            "copyright",
        ),
        ("所属地 上海", "interface-label"),
        ("IP属地：北京", "interface-label"),
        ("新版网站常见问题，请点击这里查看。", "call-to-action"),
    ],
)
def test_chinese_site_footer_and_stamps(text, rule):
    assert bp.line_rule(text) == rule


@pytest.mark.parametrize("text", ["他在上海所属地的公司表示，将继续运营。", "公司表示其版权问题已经解决。"])
def test_chinese_story_lines_are_not_footer(text):
    assert bp.line_rule(text) is None


def test_whole_page_dump_header_cut_down_to_the_repeated_headline():
    menus = "\n".join(f"* [栏目{k}](/c{k})" for k in range(6))
    raw = (
        "---\ntitle: 美国国会通过法案\ndate: 2022-12-27\n---\n# 美国国会通过法案\n"
        f"{menus}\n本网站是网络安全行业门户，每日发布专业资讯。\n小程序把安全装进口袋\n消息\n"
        "## 美国国会通过法案\nWilson (42865)发表于 2022年12月26日 15时42分 星期一 微博分享\n所属地 上海\n来自编辑部\n"
        "当地时间12月23日，美国国会通过了支出法案，其中包含禁止在政府设备上安装该应用的条款。\n\n"
        "该法案还需要总统签署才能生效，白宫表示总统将在本周内签署。"
    )
    row, removed = _norm(raw)
    assert row["text"].startswith("当地时间12月23日") and row["text"].endswith("本周内签署。")
    assert row["published"] == "2022-12-26"  # the page's own stamp beats the clipper's date field
    assert ["小程序把安全装进口袋", "page-header"] in removed
    assert list(row["authors"]) == []


def test_signature_quote_after_the_story_is_cut_a_signed_ending_kept():
    quote = "我向星星许了个愿。我并不是真的相信它，但是反正也是免费的。--加菲猫"
    row, removed = _norm(f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n{quote}")
    assert row["text"].endswith(THIRD) and [quote, "page-footer"] in removed
    signed = f"{THIRD} — Jane Doe"
    row, _ = _norm(f"{LEAD}\n\n{SECOND}\n\n{signed}")
    assert row["text"].endswith("Jane Doe")


def test_end_marker_and_reprint_notice_start_the_footer():
    tail = "\n\n".join(["网罗圈内热点 专注网络安全", "实时资讯一手掌握！"])
    row, removed = _norm(f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n***END***\n\n{tail}")
    assert row["text"].endswith(THIRD) and ["网罗圈内热点 专注网络安全", "page-footer"] in removed
    notice = "本文为极客公园原创文章，转载请联系极客君微信 geekparkGO"
    fifth = "The company's shares fell sharply in early trading before recovering some losses by the close."
    body = f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n\n{fifth}"
    box = "你认为 TikTok 还能继续在美运营吗？\n\n热点视频\n\n马斯克：永远不要信愤世嫉俗的人。\n\n观看更多精彩视频"
    row, removed = _norm(f"{body}\n\n{notice}\n\n{box}")
    assert row["text"] == body and ["热点视频", "page-footer"] in removed
    row, removed = _norm(f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n###\n\nSOURCE Acme Corp")
    assert row["text"].endswith(THIRD)


def test_end_marker_followed_by_news_is_not_a_footer():
    row, _ = _norm(f"{LEAD}\n\nThe End\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}")
    assert row["text"].endswith(FOURTH) and SECOND in row["text"]


def test_byline_under_the_dek_and_image_credit_with_a_stray_asterisk():
    raw = (
        "# 突发丨TikTok 在美停止服务\n\n最后的希望在特朗普身上？\n\n**作者 | 连冉****编辑**| 郑玄****\n\n"
        "美东时间 1 月 18 日晚间，TikTok 已经在美国正式停止服务。\n\n局势似乎远未到终结的时刻。\n\n\\*头图来源：视觉中国"
    )
    row, removed = _norm(raw)
    assert list(row["authors"]) == ["连冉"] and "郑玄" not in row["text"]
    assert row["text"].startswith("美东时间") and row["text"].endswith("局势似乎远未到终结的时刻。")
    assert ("caption-credit" in _rules(removed)) and "头图" not in row["text"]


def test_newswire_source_line_and_forward_looking_statements():
    row, removed = _norm(f"{LEAD}\n\n{SECOND}\n\nSOURCE Acme Corp")
    assert row["text"] == f"{LEAD}\n\n{SECOND}" and ["SOURCE Acme Corp", "page-footer"] in removed
    legal = "This press release contains forward-looking statements that involve risks and uncertainties."
    row, _ = _norm(f"{LEAD}\n\n{SECOND}\n\nForward-Looking Statements\n\n{legal}")
    assert row["text"] == f"{LEAD}\n\n{SECOND}"
    row, _ = _norm(
        f"{LEAD}\n\nSource code for the app was shared with regulators, the company said.\n\n{SECOND}"
    )
    assert "Source code" in row["text"]


@pytest.mark.parametrize(
    ("line", "people", "source"),
    [
        ("By KELVIN CHAN and JOHN DOE Associated Press", ["Kelvin Chan", "John Doe"], "Associated Press"),
        ("By Jane Doe, Financial Times", ["Jane Doe"], "Financial Times"),
        ("By Financial Times", [], "Financial Times"),
    ],
)
def test_byline_names_with_the_outlet_glued(line, people, source):
    assert md.parse_byline(line) == (people, source)


def test_clipper_in_the_author_field_is_neither_author_nor_source():
    row, _ = _norm(f"---\ntitle: EU Opens Inquiry\nauthor: Obsidian Web Clipper\n---\n{LEAD}\n\n{SECOND}")
    assert list(row["authors"]) == [] and row["source"] is None


def test_kicker_on_the_line_above_the_headline_of_a_plain_text_page():
    long_lead = f"{LEAD} {SECOND} {THIRD}"
    raw = f"600 Milliarden Dollar weg\nHistorischer Kurssturz der Aktie\n\n\nStand: 28.01.2025 09:29 Uhr\n\n{long_lead}\n\n{FOURTH}"
    row, _ = _norm(raw)
    assert row["title"] == "Historischer Kurssturz der Aktie" and row["published"] == "2025-01-28"
    # the same two lines with a blank line between them: headline and dek, as before
    row, _ = _norm(raw.replace("weg\n", "weg\n\n"))
    assert row["title"] == "600 Milliarden Dollar weg"
    # a hard-wrapped text: the two lines may be one headline broken in two, so nothing is decided
    wrapped = raw.replace(long_lead, "\n".join([LEAD, SECOND.lower(), THIRD.lower()]))
    row, _ = _norm(wrapped)
    assert row["title"] != "Historischer Kurssturz der Aktie"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Getty Images", "caption-credit"),
        ("AFP via Getty Images", "caption-credit"),
        ("(AP Photo/Mark Schiefelbein)", "caption-credit"),
        ("EPA/Jane Doe", "caption-credit"),
        ("(完)", "end-mark"),
        ("-30-", "end-mark"),
        ("Loading...", "interface-label"),
        ("Share this:", "interface-label"),
        ("Continue reading below", "interface-label"),
        ("扫描二维码关注", "call-to-action"),
    ],
)
def test_more_whole_line_furniture(line, rule):
    assert bp.line_rule(line) == rule
    row, removed = _norm(f"{LEAD}\n\n{line}\n\n{SECOND}\n\n{THIRD}")
    assert row["text"] == f"{LEAD}\n\n{SECOND}\n\n{THIRD}" and [line, rule] in removed


@pytest.mark.parametrize(
    "line", ["Reuters", "AFP", "Getty Images are a big supplier of photos to news sites."]
)
def test_agency_words_in_text_are_not_credits(line):
    assert bp.line_rule(line) != "caption-credit"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("— Reuters", "source", "Reuters"),
        ("Updated 10:32 AM EDT, Thu May 15, 2025", "published", "2025-05-15"),
        ("Published 15 May 2025", "published", "2025-05-15"),
    ],
)
def test_sign_off_and_stamp_lines_anywhere(line, field, value):
    row, _ = _norm(f"{LEAD}\n\n{SECOND}\n\n{line}\n\n{THIRD}")
    assert row["text"] == f"{LEAD}\n\n{SECOND}\n\n{THIRD}" and row[field] == value
