"""Each boilerplate, metadata and structure rule of the normalizer on short synthetic cases of our own."""

from __future__ import annotations

import pytest

from tiktok_study.normalize import RULES, normalize_text
from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize import structure as st

LEAD = "The regulator opened an inquiry into the company's data practices on Monday, officials said."
SECOND = "The company said it would cooperate fully with the review and expected no disruption for users."


def _cuts(tables):
    return tables.removed[["text", "rule"]].values.tolist()


# --- context-free line rules ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("---", "separator"), ("* * *", "separator"), ("•", "separator"), ("—", "separator"),
        ("https://example.com/story?id=3", "bare-url"), ("www.example.org", "bare-url"), ("@newsdesk", "bare-url"),
        ("Telegram: https://t.me/somechannel", "social-link"), ("Instagram: @dailyledger", "social-link"),
        ("Weibo（微博）：https://weibo.com/x", "social-link"),
        ("Image source: Reuters", "caption-credit"), ("Photo: Jane Roe/AP", "caption-credit"),
        ("Photo by Sam Lee on Unsplash", "caption-credit"), ("Credit: Getty Images", "caption-credit"),
        ("A protester holds a sign outside the court. (Photo by Kim Lo/Getty Images)", "caption-credit"),
        ("Foto: Max Muster/dpa", "caption-credit"), ("图片来源：视觉中国", "caption-credit"),
        ("Subscribe to continue reading", "paywall"), ("Already a subscriber? Sign in", "paywall"),
        ("You have reached your limit of free articles.", "paywall"), ("Unlock this article for $1.", "paywall"),
        ("Sports2 months ago", "related:label-time"), ("Top Stories 3 hours ago", "related:label-time"),
        ("World · 5 days ago", "related:label-time"), ("2 hours ago", "related:label-time"),
        ("Wirtschaft vor 3 Stunden", "related:label-time"), ("科技3小时前", "related:label-time"),
        ("5 min read", "reading-time"), ("Reading time: 4 minutes", "reading-time"),
        ("Related", "related:header"), ("You may also like", "related:header"), ("Most read", "related:header"),
        ("Read more: Why the ban matters", "related:link"), ("ALSO READ: Five things to know", "related:link"),
        ("Menu", "interface-label"), ("Back to top", "interface-label"), ("Listen to this article", "interface-label"),
        ("Facebook Twitter LinkedIn Email", "share-bar"), ("Share: Facebook | X | WhatsApp", "share-bar"),
        ("Advertisement", "interface-label"), ("Sponsored", "promo-label"), ("Daily Ledger Exclusive", "promo-label"),
        ("Newsroom Selected Newsroom Selected", "promo-label"), ("Breaking News Breaking News", "doubled-line"),
        ("Subscribe to our newsletter", "call-to-action"), ("Follow us on Instagram for more updates", "call-to-action"),
        ("Join our community to stay tuned", "call-to-action"), ("Download our app today", "call-to-action"),
        ("Enter your email address", "subscribe-block"),
        ("By signing up, you agree to our Terms and Privacy Policy.", "subscribe-block"),
        ("© 2025 Example Media. All rights reserved.", "copyright"), ("Copyright 2024 The Tribune", "copyright"),
        ("The views expressed in this article are the author's own.", "disclaimer"),
        ("Disclaimer: This is not investment advice.", "disclaimer"),
        ("12 comments", "comments"), ("Leave a comment", "comments"),
        ("Retrieved 3 March 2025 from https://example.com", "archiver"), ("Archived from the original", "archiver"),
        ("This article is more than 2 years old", "interface-label"), ("Why you can trust The Ledger", "interface-label"),
        ("If you enjoyed this newsletter, forward it to a friend.", "call-to-action"),
        ("Home | World | Business | Tech | Sports", "nav-menu"), ("News • Video • Podcasts • Newsletters", "nav-menu"),
    ],
)  # fmt: skip
def test_line_rule_cuts(text, rule):
    assert rule in RULES
    assert bp.line_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        LEAD,
        "Follow the money, investigators say, and the trail leads overseas.",
        "Users were asked to sign up with a phone number, which critics said raised privacy concerns.",
        "The app has been downloaded more than 1 billion times worldwide.",
        "Photographers at the scene said police blocked the road for hours.",
        "Source code reviews were part of the agreement with Oracle.",
        "He joined the company in 2019 and later left to start his own firm.",
        "“Subscribe to my channel,” she tells viewers at the end of every video.",
        "Related companies were also named in the filing.",
        "China Selected Works of Modern Poetry was reissued in 2020.",
        "Share prices fell 3% after the announcement.",
        "The senator said the deadline was two months ago and nothing had changed since.",
        "Regulators vs. TikTok: a timeline",
        "He left the company 3 years ago",
        "Tech Firm Collapsed 3 Years Ago",
        "Support for the measure has grown, polls show, and it now has a majority.",
        "Register of Deeds officials said the filing was incomplete.",
        "Get ready for a long fight, the senator told reporters today.",
    ],
)
def test_line_rule_keeps_body_text(text):
    assert bp.line_rule(text) is None


# --- contextual rules, through normalize_text -------------------------------------------------------------------------
def test_repeated_title_cut_once_as_title_then_as_repeat():
    t = normalize_text(f"Markets Slide on Trade Fears\nMarkets Slide on Trade Fears\n\n{LEAD}\n\n{SECOND}")
    assert t.articles["title"].iloc[0] == "Markets Slide on Trade Fears"
    assert _cuts(t) == [
        ["Markets Slide on Trade Fears", "metadata:title"],
        ["Markets Slide on Trade Fears", "title-repeat"],
    ]


def test_title_repeat_with_site_suffix_in_body_zone():
    t = normalize_text(
        f"Markets Slide on Trade Fears\n\n{LEAD}\n\nMarkets Slide on Trade Fears | The Ledger\n\n{SECOND}"
    )
    assert _cuts(t)[1] == ["Markets Slide on Trade Fears | The Ledger", "title-repeat"]
    assert t.articles["n_paragraphs"].iloc[0] == 2


def test_related_list_label_time_then_headline():
    text = f"{LEAD}\n{SECOND}\n-\nBusiness4 days ago\nOil Prices Climb Again\n-\nHealth1 month ago\nNew Study on Sleep"
    t = normalize_text(text)
    assert t.paragraphs["text"].tolist() == [LEAD, SECOND]
    assert [r for _, r in _cuts(t)] == ["separator", "related:label-time", "related:headline"] * 2


def test_related_header_takes_the_headlines_under_it():
    text = f"{LEAD}\n\nRead more\nWhy Creators Are Worried\nWhat Comes After the Ban\n\n{SECOND}"
    t = normalize_text(text)
    assert [r for _, r in _cuts(t)] == ["related:header", "related:headline", "related:headline"]
    assert t.paragraphs["text"].tolist() == [LEAD, SECOND]


def test_trailing_title_case_run_after_separator():
    text = f"{LEAD}\n\n{SECOND}\n\n***\n\nMarkets Rally on Rate Hopes\nFive Gadgets Worth Buying\nStreaming Prices Climb"
    t = normalize_text(text)
    assert [r for _, r in _cuts(t)] == ["separator"] + ["related:trailing-list"] * 3
    # without the separator the same lines are headings / body, not a list of other stories
    kept = normalize_text(f"{LEAD}\n\n{SECOND}\n\nMarkets Rally on Rate Hopes\nShares rose after the report.")
    assert "Markets Rally on Rate Hopes" in kept.articles["text"].iloc[0]


def test_subscribe_block_twice_and_its_plain_lines():
    block = "Sign up for The Morning Digest\nThe day's top stories, delivered to your inbox\nEnter your email\nSubscribe"
    t = normalize_text(f"{LEAD}\n\n{block}\n\n{SECOND}\n\n{block}")
    assert t.paragraphs["text"].tolist() == [LEAD, SECOND]
    rules = [r for _, r in _cuts(t)]
    assert rules.count("subscribe-block") == 4 and rules.count("call-to-action") == 2


def test_nav_runs_before_the_title_and_after_the_text():
    text = f"Home\nWorld\nBusiness\nTech\nCourt Hears App Ban Challenge\n\n{LEAD}\n\n{SECOND}\n\nAbout\nCareers Page\nOur Team\nArchive"
    t = normalize_text(text)
    assert t.articles["title"].iloc[0] == "Court Hears App Ban Challenge"
    assert [r for _, r in _cuts(t)].count("nav-menu") == 4 + 3
    assert t.paragraphs["text"].tolist() == [LEAD, SECOND]


def test_author_bio_whole_line_and_glued_after_dash():
    line = normalize_text(f"{LEAD}\n\n{SECOND}\n\nThe author is a fellow at the Center for Media Studies.")
    assert _cuts(line) == [["The author is a fellow at the Center for Media Studies.", "author-bio"]]
    glued = normalize_text(f"{LEAD}\n\n{SECOND} — The writer is a columnist for the Daily Ledger.")
    assert _cuts(glued) == [["— The writer is a columnist for the Daily Ledger.", "author-bio"]]
    assert glued.paragraphs["text"].tolist() == [LEAD, SECOND]
    named = normalize_text(
        f"{LEAD}\n\n{SECOND}\n\nJane Roe is a senior reporter at the Ledger covering technology."
    )
    assert _cuts(named)[0][1] == "author-bio"


def test_closing_line_about_a_source_is_not_a_bio():
    t = normalize_text(f"{LEAD}\n\n{SECOND}\n\nLee is a professor at Harvard who studies online speech.")
    assert t.removed.empty and t.articles["n_paragraphs"].iloc[0] == 3


def test_bio_words_inside_a_paragraph_are_kept():
    text = (
        f"{LEAD}\n\nThe author of the report is a former official, and the writer said the claims were false."
    )
    t = normalize_text(text)
    assert t.removed.empty and t.articles["n_paragraphs"].iloc[0] == 2


def test_source_line_in_body_is_a_figure_credit_in_footer_the_source():
    t = normalize_text(f"{LEAD}\n\nSource: Statista\n\n{SECOND}\n\nSource: Xinhua")
    assert _cuts(t) == [["Source: Statista", "caption-credit"], ["Source: Xinhua", "metadata:source"]]
    assert t.articles["source"].iloc[0] == "Xinhua"


def test_republication_note_gives_the_source():
    t = normalize_text(f"{LEAD}\n\n{SECOND}\n\nThis article was originally published on The Conversation.")
    assert t.articles["source"].iloc[0] == "The Conversation"
    assert _cuts(t)[0][1] == "metadata:source"


def test_duplicate_paragraph_cut():
    t = normalize_text(f"{LEAD}\n\n{SECOND}\n\n{LEAD}")
    assert _cuts(t) == [[LEAD, "duplicate-paragraph"]]


def test_markdown_images_and_link_definitions():
    t = normalize_text(
        f"{LEAD}\n\n![chart](https://x.org/c.png)\n\n[Read](https://x.org) the *full* report.\n\n[1]: https://x.org"
    )
    assert t.paragraphs["text"].tolist() == [LEAD, "Read the full report."]
    assert [r for _, r in _cuts(t)] == ["markdown:image", "markdown:link-definition"]


def test_every_rule_name_is_documented():
    rules = {
        "separator", "title-repeat", "promo-label", "doubled-line", "caption-credit", "bare-url", "social-link",
        "call-to-action", "subscribe-block", "share-bar", "interface-label", "nav-menu", "paywall",
        "related:header", "related:link", "related:label-time", "related:headline", "related:trailing-list",
        "author-bio", "disclaimer", "copyright", "reading-time", "comments", "archiver", "duplicate-paragraph",
    }  # fmt: skip
    assert rules <= set(RULES)
    assert all(RULES[name] for name in RULES)


# --- header metadata --------------------------------------------------------------------------------------------------
def test_header_title_dek_byline_editor_source_date():
    text = (
        "Tech\nCourt Weighs the Future of a Popular App\nJudges appear split on free speech.\n"
        "By Ana Ruiz and Ben Cole\nEdited by Dana Fox\nSource: The Ledger\nPublished: March 3, 2025\n\n"
        f"{LEAD}\n\n{SECOND}"
    )
    a = normalize_text(text).articles.iloc[0]
    assert (a["section"], a["title"], a["subtitle"]) == (
        "Tech", "Court Weighs the Future of a Popular App", "Judges appear split on free speech.",
    )  # fmt: skip
    assert (a["authors"], a["editors"], a["source"], a["published"]) == (
        ["Ana Ruiz", "Ben Cole"], ["Dana Fox"], "The Ledger", "2025-03-03",
    )  # fmt: skip
    assert a["text"] == f"{LEAD}\n\n{SECOND}"


def test_posted_by_with_date_and_name_with_job_title():
    posted = normalize_text(
        f"A Long Day in Court\n\n*Posted by Alex Kim on January 18, 2025*\n\n{LEAD}"
    ).articles.iloc[0]
    assert (posted["authors"], posted["published"]) == (["Alex Kim"], "2025-01-18")
    role = normalize_text(f"A Long Day in Court for the App\nRita Gomez Senior legal correspondent\n\n{LEAD}")
    assert role.articles["authors"].iloc[0] == ["Rita Gomez"]


def test_contributed_to_this_report_is_a_credit():
    t = normalize_text(f"{LEAD}\n\n{SECOND}\n\nAssociated Press writer Kim Lo contributed to this report.")
    assert _cuts(t) == [
        ["Associated Press writer Kim Lo contributed to this report.", "metadata:credit-line"]
    ]


def test_short_open_line_in_a_block_is_not_a_wrap():
    t = normalize_text(f"{LEAD}\nwhat readers told us\n{SECOND}")
    assert t.paragraphs["text"].tolist() == [LEAD, "what readers told us", SECOND]


def test_bare_names_after_title_are_authors():
    a = normalize_text(
        f"A Long Day in Court for the App\nMaria Lopez and Tom O'Brien\n\n{LEAD}"
    ).articles.iloc[0]
    assert a["authors"] == ["Maria Lopez", "Tom O'Brien"]


def test_lone_sentence_is_body_not_title():
    t = normalize_text("Lawmakers clashed with the company over the ban.")
    a = t.articles.iloc[0]
    assert pd_isna(a["title"]) and a["n_paragraphs"] == 1 and t.removed.empty


def test_prose_first_line_is_not_a_title():
    t = normalize_text(f"{LEAD}\n\n{SECOND}")
    assert pd_isna(t.articles["title"].iloc[0]) and t.articles["n_paragraphs"].iloc[0] == 2


def test_given_metadata_wins_and_cuts_the_matching_line():
    t = normalize_text(
        f"App Ban Upheld\n\n{LEAD}",
        metadata={
            "title": "App Ban Upheld",
            "author": "Kim Lo; Sam Park",
            "date": "2025-01-17",
            "fetched": "2025-03-01",
        },
    )
    a = t.articles.iloc[0]
    assert (a["title"], a["authors"], a["published"]) == (
        "App Ban Upheld",
        ["Kim Lo", "Sam Park"],
        "2025-01-17",
    )
    assert _cuts(t) == [["App Ban Upheld", "metadata:title"]]


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", (["Jane Doe"], None)),
        ("From Jiang Tao", (["Jiang Tao"], None)),
        ("Author: Li Wei", (["Li Wei"], None)),
        ("By Jane Doe, Staff Writer", (["Jane Doe"], None)),
        ("By A. B. Carter, John Roe and Mary-Ann Lee", (["A. B. Carter", "John Roe", "Mary-Ann Lee"], None)),
        ("By Jane Doe | Reuters", (["Jane Doe"], "Reuters")),
        ("By Reuters", ([], "Reuters")),
        ("Von Anna Schmidt", (["Anna Schmidt"], None)),
        ("作者：张明", (["张明"], None)),
        ("From Beijing", None),
        ("By the end of the year, sales had doubled.", None),
        ("From the start, the plan faced opposition in Congress.", None),
    ],
)
def test_parse_byline(line, expected):
    assert md.parse_byline(line) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-01-17", "2025-01-17"), ("Jan. 5, 2025", "2025-01-05"), ("5 January 2025", "2025-01-05"),
        ("March 3rd, 2025", "2025-03-03"), ("5. März 2025", "2025-03-05"), ("2025年1月20日", "2025-01-20"),
        ("2025/02/30", None), ("01/02/2025", None), ("in 2025", None),
    ],
)  # fmt: skip
def test_parse_date(text, iso):
    assert md.parse_date(text) == iso


def test_parse_date_line_labels_and_updates():
    assert md.parse_date_line("Updated: Jan 5, 2025 10:30 a.m. ET") == ("2025-01-05", True)
    assert md.parse_date_line("Posted on Monday, 6 January 2025") == ("2025-01-06", False)
    assert md.parse_date_line("Talks resumed on Jan 5, 2025 in Geneva") is None


def test_updated_date_used_only_without_a_published_one():
    only_update = normalize_text(f"App Review Expands\nUpdated: Jan 9, 2025\n\n{LEAD}").articles.iloc[0]
    assert only_update["published"] == "2025-01-09"
    both = normalize_text(f"App Review Expands\nUpdated: Jan 9, 2025\nPublished: Jan 5, 2025\n\n{LEAD}")
    assert both.articles["published"].iloc[0] == "2025-01-05"


def test_archiver_fetch_date_is_not_the_publication_date():
    fm = "---\ntitle: App Review Expands\nfetched: 2025-03-01\nretrieved_at: 2025-03-02\n---\n"
    a = normalize_text(fm + f"{LEAD}\n\nRetrieved 4 March 2025 from https://example.com\n").articles.iloc[0]
    assert pd_isna(a["published"]) and a["title"] == "App Review Expands"


def test_credit_line_and_editor_footer():
    t = normalize_text(
        f"{LEAD}\n\n{SECOND}\n\n(Reporting by Kim Lo in Seoul; Editing by Sam Park and Ada Wu)"
    )
    a = t.articles.iloc[0]
    assert (a["authors"], a["editors"]) == (["Kim Lo"], ["Sam Park", "Ada Wu"])


def test_section_from_category_line_and_breadcrumb():
    assert normalize_text(f"Category: Business\n\n{LEAD}").articles["section"].iloc[0] == "Business"
    assert normalize_text(f"Home > World > Asia\n\n{LEAD}").articles["section"].iloc[0] == "Asia"


# --- structure ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("01 TikTok Has Nowhere Else to Retreat", "TikTok Has Nowhere Else to Retreat"),
        ("2. What Comes Next?", None),  # a markdown ordered-list item is read as an item, see below
        ("III. The Legal Battle", "The Legal Battle"),
        ("02 — Could a Window Open?", "Could a Window Open?"),
        ("一、背景", "背景"),
        ("12 people died in the attack.", None),
        ("10 things to know", None),
        ("2024 was a turbulent year for the app", None),
    ],
)
def test_numbered_heading_text(line, heading):
    if line.startswith("2. "):
        t = normalize_text(f"{LEAD}\n\n{line}\n\n{SECOND}")
        assert t.paragraphs["kind"].tolist() == ["body", "body", "body"]
        return
    assert st.heading_text(line) == heading


def test_unmarked_title_case_line_between_paragraphs_is_a_heading():
    t = normalize_text(f"{LEAD}\n\nA Scramble for Alternatives\n\n{SECOND}")
    assert t.paragraphs[["kind", "text"]].values.tolist() == [
        ["body", LEAD], ["heading", "A Scramble for Alternatives"], ["body", SECOND],
    ]  # fmt: skip
    assert t.sentences["paragraph_id"].unique().tolist() == [0, 2]


def test_markdown_headings_switch_off_guessed_headings():
    t = normalize_text(f"{LEAD}\n\n## What Comes Next\n\nA Title Case Line Here\n\n{SECOND}")
    assert t.paragraphs["kind"].tolist() == ["body", "heading", "body", "body"]


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "The committee met for three hours on Tuesday and\n"
        "heard from lawyers for both sides, who disagreed\n"
        "about nearly every point. A ruling is expected\n"
        "within weeks, a clerk said.\n\n"
        "Observers said the hearing was tense but polite,\n"
        "and that neither side had\n"
        "given ground."
    )
    t = normalize_text(wrapped)
    assert pd_isna(t.articles["title"].iloc[0])
    assert t.paragraphs["text"].tolist() == [
        "The committee met for three hours on Tuesday and heard from lawyers for both sides, who disagreed about "
        "nearly every point. A ruling is expected within weeks, a clerk said.",
        "Observers said the hearing was tense but polite, and that neither side had given ground.",
    ]


def test_short_sentence_end_inside_a_wrapped_block_closes_the_paragraph():
    wrapped = (
        "The committee met for three hours on Tuesday and\n"
        "heard from lawyers for both sides, who disagreed\n"
        "about nearly every point.\n"
        "A ruling is expected soon, a clerk said on Friday."
    )
    assert normalize_text(wrapped).paragraphs["text"].tolist() == [
        "The committee met for three hours on Tuesday and heard from lawyers for both sides, who disagreed about "
        "nearly every point.",
        "A ruling is expected soon, a clerk said on Friday.",
    ]


def test_one_line_per_paragraph_stays_split():
    t = normalize_text(f"{LEAD}\n{SECOND}\nA third paragraph follows here and ends.")
    assert t.articles["n_paragraphs"].iloc[0] == 3


def test_dateline_cut_and_recorded():
    t = normalize_text(f"BEIJING, Jan. 20 (Xinhua) -- {LEAD}")
    a = t.articles.iloc[0]
    assert (a["dateline"], a["source"]) == ("Beijing", "Xinhua")
    assert _cuts(t) == [["BEIJING, Jan. 20 (Xinhua) --", "metadata:dateline"]]
    assert t.paragraphs["text"].tolist() == [LEAD]
    assert st.dateline("BREAKING — The court ruled on Friday against the company.") is None


def test_sentence_ids_are_article_wide_and_offsets_exact():
    t = normalize_text(
        f"Title Of Piece\n\n{LEAD} It was a surprise.\n\nA Heading Here\n\n{SECOND} Shares rose."
    )
    s = t.sentences
    assert s["sentence_id"].tolist() == [0, 1, 2, 3]
    assert s["paragraph_id"].tolist() == [0, 0, 2, 2]
    text = t.articles["text"].iloc[0]
    assert all(text[a:b] == x for a, b, x in zip(s["start"], s["end"], s["text"], strict=True))


def test_mojibake_repaired_quotes_kept_nfc():
    raw = "It\u00e2\u20ac\u2122s \u201cfine\u201d \u2014 cafe\u0301 prices rose 3% on Monday, traders said."
    t = normalize_text(raw)
    assert t.articles["text"].iloc[0] == "It’s “fine” — café prices rose 3% on Monday, traders said."
