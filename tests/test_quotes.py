"""Quotations: a table of patterns with exact values, the seeds, unbalanced marks, the corpus runner, sources."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktok_study import quotes
from tiktok_study.schema import COLUMNS, SchemaError

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of the seed articles
FIELDS = ["text", "speaker", "verb", "kind"]
FUZZ_WORDS = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "said",
    "he",
    "she",
    "Smith",
    "John",
    "Jane",
    "CEO",
    "of",
    "TikTok",
    ",",
    ".",
    ":",
    "according",
    "to",
    "As",
    "remarked",
    "the",
    "a",
    "term",
    "we’ve",
    "don’t",
    "Jinping‘s",
    "\n",
    "\n\n",
    "called",
    "it",
    "so-called",
    "hashtag",
    "spokesperson",
    "Douyin",
    "from",
    "Group",
]


def _rows(df: pd.DataFrame, fields: list[str] = FIELDS) -> list[tuple]:
    return [
        tuple(None if v is None or v != v else v for v in row) for row in df[fields].itertuples(index=False)
    ]


# (text, [(quote text, speaker, verb, kind), ...]) — attribution before, after, "according to", pronouns,
# titles and affiliations, straight / typographic / single marks, terms of every kind.
PATTERNS = [
    ("“We will fight this ban,” said Shou Chew.", [("We will fight this ban,", "Shou Chew", "said", "speech")]),
    ("“We will fight this ban,” Shou Chew said.", [("We will fight this ban,", "Shou Chew", "said", "speech")]),
    (
        "TikTok CEO Shou Chew testified before Congress. “We will keep fighting,” he said.",
        [("We will keep fighting,", "Shou Chew", "said", "speech")],
    ),
    (
        "Shou Chew, CEO of TikTok, said: “We will not sell the app.”",
        [("We will not sell the app.", "Shou Chew", "said", "speech")],
    ),
    (
        "According to Senator Mark Warner, “the app is a threat to national security.”",
        [("the app is a threat to national security.", "Mark Warner", "according to", "speech")],
    ),
    (
        "“The app is a threat,” according to Senator Mark Warner.",
        [("The app is a threat,", "Mark Warner", "according to", "speech")],
    ),
    (
        "A TikTok spokesperson said the ban was “unconstitutional.”",
        [("unconstitutional.", "TikTok spokesperson", "said", "speech")],
    ),
    (
        "The company called the law “an unprecedented attack on free speech.”",
        [("an unprecedented attack on free speech.", "company", "called", "speech")],
    ),
    ("Critics dubbed it the “TikTok tax.”", [("TikTok tax.", None, None, "term")]),
    ("The so-called “digital Iron Curtain” is rising.", [("digital Iron Curtain", None, None, "term")]),
    (
        "Users flocked to the app, calling themselves “TikTok refugees.”",
        [("TikTok refugees.", None, None, "term")],
    ),
    ('"We are disappointed," the company said in a statement.', [("We are disappointed,", "company", "said", "speech")]),
    (
        "The minister called it ‘a historic mistake’, adding that talks would continue.",
        [("a historic mistake", "minister", "called", "speech")],
    ),
    ("‘We will appeal the ruling,’ said Ms Chen.", [("We will appeal the ruling,", "Chen", "said", "speech")]),
    ("TikTok’s lawyers said the creators’ rights were at stake.", []),
    ("Xi Jinping‘s emphasis on “common prosperity” continued.", [("common prosperity", None, None, "term")]),
    (
        "Analyst Jane Doe follows the company. “It’s over for the app,” she wrote on X.",
        [("It’s over for the app,", "Jane Doe", "wrote", "speech")],
    ),
    (
        'Trump wrote on Truth Social: "TikTok will be saved by the deal."',
        [("TikTok will be saved by the deal.", "Trump", "wrote", "speech")],
    ),
    ("The hashtag “#SaveTikTok” trended.", [("#SaveTikTok", None, None, "term")]),
    ("The book “Chip War” describes the race.", [("Chip War", None, None, "term")]),
    (
        "“This is a sad day for America,” said Rep. Mike Gallagher, a Wisconsin Republican.",
        [("This is a sad day for America,", "Mike Gallagher", "said", "speech")],
    ),
    (
        "Jane Doe, a professor at Stanford, studies apps. As she put it, “the genie is out of the bottle.”",
        [("the genie is out of the bottle.", "Jane Doe", "put it", "speech")],
    ),
    ("“Nothing has changed at all,” the ministry responded.", [("Nothing has changed at all,", "ministry", "responded", "speech")]),
    (
        "“We will sue the government,” Chew said. “And we will win in court.”",
        [("We will sue the government,", "Chew", "said", "speech"), ("And we will win in court.", "Chew", "said", "speech")],
    ),
    ("The platform's \"algorithm\" is a black box.", [("algorithm", None, None, "term")]),
    (
        "Senator John Smith met reporters. He described the deal as \"a win for America,\" adding that details would follow.",
        [("a win for America,", "John Smith", "described", "speech")],
    ),
    ("The 'Texas' project and the ‘Clover’ plan failed.", [("Texas", None, None, "term"), ("Clover", None, None, "term")]),
    ("She said, ‘I don’t know what they’ll do next.’", [("I don’t know what they’ll do next.", None, "said", "speech")]),
    ("Sen. Marsha Blackburn tweeted: “Good riddance.”", [("Good riddance.", "Marsha Blackburn", "tweeted", "speech")]),
    ("Officials said the review was “ongoing” and would take time.", [("ongoing", "officials", "said", "speech")]),
    (
        "The judges wrote that the law “survives heightened scrutiny.”",
        [("survives heightened scrutiny.", "judges", "wrote", "speech")],
    ),
    (
        "Lawmakers passed the “Protecting Americans from Foreign Adversary Controlled Applications Act” in April.",
        [("Protecting Americans from Foreign Adversary Controlled Applications Act", None, None, "term")],
    ),
    ("He called it a “win-win” deal.", [("win-win", None, None, "term")]),
    ("The “English” hashtag had 90,000 posts.", [("English", None, None, "term")]),
    ("He is 5'10\" tall and wrote \"hello world\" on the wall.", [("hello world", None, None, "term")]),
    ("The ’90s were different, and rock ’n’ roll too.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PATTERNS, ids=[p[0][:40] for p in PATTERNS])
def test_pattern_table(text, expected):
    df = quotes.extract_quotes(text)
    assert _rows(df) == expected
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shou Chew, CEO of TikTok, said: “We will not sell.”", ("Shou Chew", "CEO", "TikTok", None)),
        ("A Douyin spokesperson said: “We act fast.”", ("Douyin spokesperson", "spokesperson", "Douyin", None)),
        ("Liang Liang from the Douyin Group posted: “We act fast.”", ("Liang Liang", None, "Douyin Group", None)),
        ("U.S. President Donald Trump said: “We act fast.”", ("Donald Trump", "President", "U.S.", None)),
        ("Harvard University professor Graham Allison said: “Wars happen.”", ("Graham Allison", "professor", "Harvard University", None)),
        ("Jensen Huang, CEO of Nvidia, spoke. As he remarked, “We act fast.”", ("Jensen Huang", "CEO", "Nvidia", "he")),
        ("“We act fast,” said Liang Liang, a spokesperson for Douyin.", ("Liang Liang", "spokesperson", "Douyin", None)),
    ],
)  # fmt: skip
def test_title_and_affiliation_are_kept_apart_from_the_name(text, expected):
    df = quotes.extract_quotes(text)
    assert _rows(df, ["speaker", "speaker_title", "speaker_affiliation", "resolved_from"]) == [expected]
    assert df["kind"].tolist() == ["speech"]


# --------------------------------------------------------------------------------------------------------------
# The seeds (raw text: paragraphs are blocks separated by blank lines; 001 and 002 have none inside the body)
# --------------------------------------------------------------------------------------------------------------

SEEDS = {
    "000_84ecfe4f6f97db33": [
        ("ban-or-sell TikTok", None, None, "term"),
        ("TikTok refugees", None, None, "term"),
        ("cyber cultural exchange.", None, None, "term"),
        ("English", None, None, "term"),
        ("Math", None, None, "term"),
        ("Thucydides Trap", None, None, "term"),
        ("Thucydides Trap", None, None, "term"),
        ("Thucydides Trap", "U.S. representative", "stated", "term"),
    ],
    "001_1da23138b7400f21": [
        ("give me liberty, or give me death.", None, None, "term"),
        ("sell-or-ban", None, None, "term"),
        ("a hero in life, a legend in death.", None, None, "term"),
        ("exploring options", "insiders", "revealed", "speech"),
        ("sell-or-ban", None, None, "term"),
        ("resilience", None, None, "term"),
        ("Clover", None, None, "term"),
        ("Texas", None, None, "term"),
        ("trusted technology provider", None, None, "term"),
        ("qualified asset divestiture", "TikTok and ByteDance", "argued", "term"),
        ("sell-or-ban", "Edward Markey", "announced", "term"),
        ("LIANG", "Liang Liang", "responded", "speech"),
        ("for refuge", None, None, "term"),
        ("sharing authentic life,", None, None, "term"),
        ("you show me F-22 cockpit footage, I’ll find you sixth-gen fighter designs,", None, None, "term"),
        ("live", None, None, "term"),
    ],
    "002_3862a9654516b30a": [
        ("technological self-reliance", None, None, "term"),
        ("HUANG", "Jensen Huang", "remarked", "speech"),
        ("distillation.", None, None, "term"),
        ("The China Race: Competition for Alternative World Orders,", None, None, "term"),
    ],
}
LIANG = (
    "Overseas IPs don’t necessarily mean overseas registered users. Moreover, we’ve noticed many people taking "
    "advantage of the situation—reposting videos and impersonating foreign users, especially black-market groups "
    "trying to gain followers and farm accounts. These fake foreign-user accounts are somewhat difficult to "
    "identify, but we’re actively cracking down—we’ve already dealt with more than 10,000 such fraudulent accounts."
)
HUANG = (
    "Nvidia would be supportive of the Chinese government and the US government as they all sort through these "
    "geopolitical policies."
)


def _seed(name: str) -> str:
    return (RAW / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_quotations(name):
    text = _seed(name)
    df = quotes.extract_quotes(text, article_id=name)
    want = [({"LIANG": LIANG, "HUANG": HUANG}.get(t, t), *rest) for t, *rest in SEEDS[name]]
    assert _rows(df) == want
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text
    assert df["article_id"].eq(name).all() and df["start"].is_monotonic_increasing
    assert list(df.columns[: len(COLUMNS["quotes"])]) == COLUMNS["quotes"]


def test_seed_spoken_quotations_have_the_right_speakers():
    df = quotes.extract_quotes(_seed("001_1da23138b7400f21"))
    liang = df[df["kind"].eq("speech") & df["text"].str.startswith("Overseas IPs")].iloc[0]
    assert (liang["speaker"], liang["speaker_affiliation"], liang["verb"]) == (
        "Liang Liang",
        "Douyin Group",
        "responded",
    )
    df = quotes.extract_quotes(_seed("002_3862a9654516b30a"))
    huang = df[df["kind"].eq("speech")].iloc[0]
    assert (huang["speaker"], huang["speaker_title"], huang["speaker_affiliation"], huang["resolved_from"]) == (
        "Jensen Huang", "CEO", "Nvidia", "he",
    )  # fmt: skip


# --------------------------------------------------------------------------------------------------------------
# Marks: paragraphs, unbalanced marks, apostrophes
# --------------------------------------------------------------------------------------------------------------


def test_quotation_spanning_paragraphs_by_the_news_convention():
    text = "Chew said: “This is the first paragraph.\n\n“And this one continues it.”\n\nA “term” follows."
    df = quotes.extract_quotes(text)
    assert _rows(df, ["paragraph_id", "text", "speaker", "kind", "n_paragraphs"]) == [
        (0, "This is the first paragraph.\nAnd this one continues it.", "Chew", "speech", 2),
        (2, "term", None, "term", 1),
    ]
    first = df.iloc[0]
    assert (
        text[first["start"] : first["end"]] == "This is the first paragraph.\n\n“And this one continues it."
    )


def test_stray_opening_mark_does_not_swallow_the_article():
    paragraphs = [
        "He said “this mark is never closed and the paragraph ends.",
        "The next paragraph has a “term” here.",
        "“We will win,” said Shou Chew.",
    ]
    df = quotes.extract_quotes("\n\n".join(paragraphs))
    assert _rows(df, ["paragraph_id", "text", "speaker", "kind"]) == [
        (1, "term", None, "term"),
        (2, "We will win,", "Shou Chew", "speech"),
    ]


def test_second_opening_mark_drops_the_first_and_stray_closers_are_ignored():
    df = quotes.extract_quotes('He left.” A stray “ mark, then the “real term” and "another one" here.')
    assert _rows(df, ["text", "kind"]) == [("real term", "term"), ("another one", "term")]


def test_apostrophes_are_not_quotation_marks():
    text = "Xi Jinping‘s plan, TikTok’s users, the creators’ lawsuit, don’t, won't and the ’90s."
    assert quotes.extract_quotes(text).empty


def test_single_quotes_nested_in_double_quotes():
    df = quotes.extract_quotes("“He called it ‘a farce,’ and then left the room,” she said.")
    assert _rows(df, ["text", "verb", "kind"]) == [
        ("He called it ‘a farce,’ and then left the room,", "said", "speech"),
        ("a farce,", "called", "speech"),
    ]


def test_paragraph_ids_count_blank_line_blocks():
    df = quotes.extract_quotes("A “first” one.\n\n\nB “second” one.\nC “third” one.")
    assert _rows(df, ["paragraph_id", "text"]) == [(0, "first"), (1, "second"), (1, "third")]


def test_empty_text_gives_the_contract_columns():
    df = quotes.extract_quotes("No quotation here.")
    assert df.empty and list(df.columns[: len(COLUMNS["quotes"])]) == COLUMNS["quotes"]


# --------------------------------------------------------------------------------------------------------------
# The corpus runner and the sources view
# --------------------------------------------------------------------------------------------------------------


def _paragraphs(article_id: str, text: str, *, first_id: int = 0) -> pd.DataFrame:
    rows, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            rows.append({"article_id": article_id, "paragraph_id": first_id + i, "kind": "body", "text": line,
                         "start": pos, "end": pos + len(line)})  # fmt: skip
        pos += len(line) + 1
    return pd.DataFrame(rows)


def test_quotes_table_uses_the_paragraphs_table():
    texts = {
        "b": "Headline\nChew said: “We will sue.\n“And we will win.”",
        "a": "The “Texas” project.\nIt was “fine,” Chew said.",
    }
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})
    paragraphs = pd.concat([_paragraphs(k, v, first_id=10) for k, v in texts.items()], ignore_index=True)
    df = quotes.quotes_table(articles, paragraphs)
    assert _rows(df, ["article_id", "paragraph_id", "text", "speaker", "kind", "n_paragraphs"]) == [
        ("a", 10, "Texas", None, "term", 1),
        ("a", 11, "fine,", "Chew", "speech", 1),
        ("b", 11, "We will sue.\nAnd we will win.", "Chew", "speech", 2),
    ]
    assert texts["a"][df["start"].iloc[1] : df["end"].iloc[1]] == "fine,"


def test_quotes_table_names_missing_columns():
    with pytest.raises(SchemaError, match="quotes_table: the articles table lacks columns text"):
        quotes.quotes_table(pd.DataFrame({"article_id": ["a"]}), _paragraphs("a", "x"))
    with pytest.raises(SchemaError, match="quotes_table: the paragraphs table lacks columns kind"):
        quotes.quotes_table(
            pd.DataFrame({"article_id": ["a"], "text": ["x"]}),
            pd.DataFrame({"article_id": ["a"], "paragraph_id": [0]}),
        )


SOURCES_TEXT = (
    "“We will sue,” said Shou Chew, CEO of TikTok. “We will win,” a TikTok spokesperson added.\n\n"
    "Liang Liang from the Douyin Group responded on Weibo: “We act fast.”\n\n"
    "Jane Doe said the ban was “a mistake.” She called it the “TikTok tax.”"
)


def test_sources_grouped_by_the_actors_list():
    from tiktok_study.actors import parse_actors

    actors = parse_actors({"version": 1, "actors": [
        {"name": "TikTok", "aliases": ["TikTok", "Shou Chew"]},
        {"name": "Douyin", "aliases": ["Douyin"]},
    ]})  # fmt: skip
    q = quotes.extract_quotes(SOURCES_TEXT, article_id="a")
    df = quotes.sources(q, actors=actors)
    assert df[
        ["source", "actor", "speakers", "n_quotes", "n_speech", "n_term", "n_articles"]
    ].values.tolist() == [
        ["TikTok", "TikTok", ["Shou Chew", "TikTok spokesperson"], 2, 2, 0, 1],
        ["Jane Doe", None, ["Jane Doe"], 2, 1, 1, 1],
        ["Douyin", "Douyin", ["Liang Liang"], 1, 1, 0, 1],
    ]
    assert df["n_words"].tolist() == [6, 2, 3]


def test_sources_by_speaker_and_without_the_actors_module(monkeypatch):
    q = quotes.extract_quotes(SOURCES_TEXT, article_id="a")
    by_speaker = quotes.sources(q, by="speaker")
    assert by_speaker["source"].tolist() == ["Jane Doe", "Liang Liang", "Shou Chew", "TikTok spokesperson"]
    monkeypatch.setitem(sys.modules, "tiktok_study.actors", None)  # the import fails: group by speaker
    pd.testing.assert_frame_equal(quotes.sources(q), by_speaker)


def test_sources_names_missing_columns():
    with pytest.raises(SchemaError, match="sources: the quotes table lacks columns"):
        quotes.sources(pd.DataFrame({"article_id": ["a"]}))


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_quotations_on_normalized_text(name):
    from tiktok_study.normalize import normalize_text

    tables = normalize_text(_seed(name), article_id=name)
    df = quotes.quotes_table(tables.articles, tables.paragraphs, sentences=tables.sentences)
    want = [({"LIANG": LIANG, "HUANG": HUANG}.get(t, t), *rest) for t, *rest in SEEDS[name]]
    assert _rows(df) == want
    pd.testing.assert_frame_equal(df, quotes.quotes_table(tables.articles, tables.paragraphs))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FUZZ_WORDS), max_size=30), st.sampled_from([" ", ""]))
def test_any_text_gives_quotations_that_point_into_it(words, joiner):
    text = joiner.join(words)
    df = quotes.extract_quotes(text)
    for row in df.itertuples():
        if row.n_paragraphs == 1:
            assert text[row.start : row.end] == row.text
        assert row.kind in ("speech", "term") and row.start <= row.end
    assert df["start"].is_monotonic_increasing


# --------------------------------------------------------------------------------------------------------------
# Issue 12: attribution as a news reader resolves it (speaker, speaker_id, verb, kind, resolved_from)
# --------------------------------------------------------------------------------------------------------------

ATTRIBUTION = [
    ("“We need a deal,” Mr. Shields said.", [("Shields", "Shields", "said", "speech", None)]),
    ("“It is over,” Ms. Weingarten said on Tuesday.", [("Weingarten", "Weingarten", "said", "speech", None)]),
    ("Clinton said of the video: “It is disgusting and reprehensible.”", [("Clinton", "Clinton", "said", "speech", None)]),
    ("Trump told reporters: “We will build the wall.”", [("Trump", "Trump", "told", "speech", None)]),
    ("“It was a terrible week,” said Gilberthorpe, 54, who runs the bakery.", [("Gilberthorpe", "Gilberthorpe", "said", "speech", None)]),
    ("Gilberthorpe, 54, who runs the bakery, said: “It was a terrible week.”", [("Gilberthorpe", "Gilberthorpe", "said", "speech", None)]),
    ("Trump, speaking to supporters in Ohio on Monday, declared, “We are going to win.”", [("Trump", "Trump", "declared", "speech", None)]),
    ("A spokesperson for Nvidia said: “We comply with all rules.”", [("Nvidia spokesperson", "Nvidia spokesperson", "said", "speech", None)]),
    ("“We comply with all rules,” said Tesla's chief executive.", [("Tesla chief executive", "Tesla chief executive", "said", "speech", None)]),
    ("Rep. Nancy Pelosi (D-Calif.) said in a statement: “This is a dark day.”", [("Nancy Pelosi", "Nancy Pelosi", "said", "speech", None)]),
    ("“Why not?” Trump said to a crowd of about 500.", [("Trump", "Trump", "said", "speech", None)]),
    ("“That would have been good faith,” Toomey fumed on Tuesday.", [("Toomey", "Toomey", "fumed", "speech", None)]),
    ("And Mr. Christie gloated: “He is done, and everybody knows it.”", [("Christie", "Christie", "gloated", "speech", None)]),
    ("Continued Stone: “They are very adept at this.”", [("Stone", "Stone", "continued", "speech", None)]),
    ("“We need allies,” said former secretary of state Hillary Clinton.", [("Hillary Clinton", "Hillary Clinton", "said", "speech", None)]),
    ("Secretary of State John Kerry met them. “They were close to the end,” he told Fox News.", [("John Kerry", "John Kerry", "told", "speech", "he")]),
    ("The Washington Post columnist Ruth Marcus agreed with him. “His past is relevant,” she wrote.", [("Ruth Marcus", "Ruth Marcus", "wrote", "speech", "she")]),
    ("Gov. Phil Bryant (R) said he expects an appeal. “We will win it,” he said in a statement.", [("Phil Bryant", "Phil Bryant", "said", "speech", "he")]),
    ("''It was a trade,'' Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone.", [("Daniloff", "Daniloff", "said", "speech", None)]),
    ("''Wages are up again.'' Douglas Holtz-Eakin, an economic adviser to Republicans and former director of the nonpartisan Congressional Budget Office, wrote after the report.",
     [("Douglas Holtz-Eakin", "Douglas Holtz-Eakin", "wrote", "speech", None)]),
    ("Obama spoke.  “Is he for real?” reacted Trump.", [("Trump", "Trump", "reacted", "speech", None)]),
    ("“It is a mistake.” Smith said the plan failed in every state.", [(None, None, None, "speech", None)]),
    ("“We have to move on,” said a former senior official.", [("former senior official", "former senior official", "said", "speech", None)]),
    ("“I’m sure it will pass this time,” Asked said.", [(None, None, None, "speech", None)]),
    # a surname spelled like a pronoun is a name, before or after the verb
    ("“We oppose the tariffs firmly,” He Yadong said.", [("He Yadong", "He Yadong", "said", "speech", None)]),
    ("He Yadong, a spokesman for the ministry, said: “We oppose the tariffs.”", [("He Yadong", "He Yadong", "said", "speech", None)]),
    # the doubled-apostrophe marks of the New York Times archive; the speaker carried to the next quotation
    ("''We will fight on,'' Mr. Vander Plaats said. ''It is not over yet for us.''",
     [("Vander Plaats", "Vander Plaats", "said", "speech", None), ("Vander Plaats", "Vander Plaats", "said", "speech", "previous quote")]),
    ("“We will sue,” said Sen. Marco Rubio.\n\n“And we will win in court this time.”",
     [("Marco Rubio", "Marco Rubio", "said", "speech", None), ("Marco Rubio", "Marco Rubio", "said", "speech", "previous quote")]),
    # names tied within the article: speaker as written, one speaker_id (the fullest form)
    ("Sen. Marco Rubio spoke first. “We will win,” Rubio said. “We will,” Mr. Rubio added.",
     [("Rubio", "Marco Rubio", "said", "speech", None), ("Rubio", "Marco Rubio", "added", "speech", None)]),
    ("Hillary Clinton and Bill Clinton came. “We will win,” Clinton said.", [("Clinton", "Clinton", "said", "speech", None)]),
    # a partial quotation inside paraphrase gets the paraphrase's speaker
    ("Senator Warren said the plan was “a giveaway to the banks” and urged a vote.", [("Warren", "Warren", "said", "speech", None)]),
    # pronouns: the last sentence subject, or the previous quotation's speaker — whichever is nearer
    ("Reynolds says the two met in an online Ron Paul meetup group. “I bust his chops on the show,” she says.",
     [("Reynolds", "Reynolds", "says", "speech", "she")]),
    ("“We will win this,” Ryan said on CNN, though he said, “I am not ready.”",
     [("Ryan", "Ryan", "said", "speech", None), ("Ryan", "Ryan", "said", "speech", "he")]),
    ("Mr. Stevens attacked the plan. “I have never seen such a campaign,” she said.",
     [(None, None, "said", "speech", "she")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION, ids=[a[0][:40] for a in ATTRIBUTION])
def test_attribution_table(text, expected):
    df = quotes.extract_quotes(text)
    assert _rows(df, ["speaker", "speaker_id", "verb", "kind", "resolved_from"]) == expected
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text


def test_speaker_id_is_the_name_after_the_title():
    text = "Massachusetts Senator Edward Markey spoke. “We will win,” Markey said."
    assert quotes.extract_quotes(text)["speaker_id"].tolist() == ["Edward Markey"]


def test_sources_count_people_not_spellings():
    text = "Sen. Marco Rubio spoke. “We will win,” Rubio said.\n\n“We will,” Mr. Rubio added. “No,” said Jane Roe."
    df = quotes.sources(quotes.extract_quotes(text, article_id="a"), by="speaker")
    assert df[["source", "speakers", "n_speech"]].values.tolist() == [
        ["Marco Rubio", ["Rubio"], 2],
        ["Jane Roe", ["Jane Roe"], 1],
    ]


def test_a_quotation_inside_a_quotation_is_attributed_within_it():
    text = (
        "Verveer said, ''Even as first lady, it was 'Who does she think she is?'.''\n\n"
        "“He told me, ‘We will win this race,’ and left,” Smith said."
    )
    df = quotes.extract_quotes(text)
    assert _rows(df, ["text", "speaker", "kind", "resolved_from"]) == [
        ("Even as first lady, it was 'Who does she think she is?'.", "Verveer", "speech", None),
        ("Who does she think she is?", None, "term", None),  # nobody named inside: not a quotation of its own
        ("He told me, ‘We will win this race,’ and left,", "Smith", "speech", None),
        ("We will win this race,", None, "speech", "he"),  # "He told me": said inside, never by Smith
    ]


PARTIAL = [
    # fragments set inside the writer's own clause: the paraphrase's speaker, marked partial
    ("Senator Warren said the plan was “a giveaway to the banks” and urged a vote.", [("Warren", "speech", True)]),
    ("Morris says the campaign will “compete vigorously for the nomination.”", [("Morris", "speech", True)]),
    # a quotation that opens its sentence, or follows "X said:" / "X said,", is a direct quotation
    ("“We will compete,” Morris said.", [("Morris", "speech", False)]),
    ("Morris said: “we will compete for the nomination.”", [("Morris", "speech", False)]),
    ("Morris said, “We will compete.”", [("Morris", "speech", False)]),
    # a dash or an opening parenthesis opens a clause of its own, as a colon does
    ("Mr. Biden mocked Mr. Trump - “He would have loved Stalin,” he said.", [("Biden", "speech", False)]),
    ("Mr. Biden mocked him (“He would have loved Stalin,” he said).", [("Biden", "speech", False)]),
    # a quotation right after the verb stays partial (annotators mark it with the object as often as alone)
    ("Elliott said “there is no greater man than Ali.”", [("Elliott", "speech", True)]),
    # a scare quote is a term, never partial speech
    ("Later the “refugees” arrived.", [(None, "term", False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PARTIAL, ids=[a[0][:40] for a in PARTIAL])
def test_partial_quotations_inside_paraphrase(text, expected):
    assert _rows(quotes.extract_quotes(text), ["speaker", "kind", "partial"]) == expected


def test_validation_scores_partial_quotations_only_when_asked():
    from tiktok_study.validation.predict import predict_quotes

    items = pd.DataFrame(
        {"item": [0], "text": ["Warren said the plan was “a giveaway to the banks”. “No,” she said."]}
    )
    assert predict_quotes(items)["text"].tolist() == ["No,"]
    assert predict_quotes(items, partial=True)["text"].tolist() == ["a giveaway to the banks", "No,"]


SPEAKER_RULES = [
    # a family name ending in -ed is a name, not a participle like "Asked"
    ("“We will not back down,” Zaheed said.", [("Zaheed", "said", None)]),
    ("“We will not back down,” Fred Reed said.", [("Fred Reed", "said", None)]),
    # a sentence splitter cutting after an honorific does not hide the verb after the quotation
    ("“We will win that one,” Gov. Kasich replied. “I hate to say it.”",
     [("Kasich", "replied", None), ("Kasich", "replied", "previous quote")]),
    # a paragraph ending with a colon introduces the quotation that opens the next one
    ("Breitbart News responded:\n\n“If there are people who are dangerous, stop them.”", [("Breitbart News", "responded", None)]),
    ("In a 1963 speech, Wallace declared:\n\n“It is very appropriate to be here today.”", [("Wallace", "declared", None)]),
    # a participle takes the subject of its clause
    ("Hillary Clinton arrived. Clinton seemed ready to riff, telling the crowd, “Some people get a little carried away.”",
     [("Clinton", "telling", None)]),
    ("Huma Abedin, vice chairwoman of the campaign, emailed supporters on Monday, saying: “I am a proud Muslim.”",
     [("Huma Abedin", "saying", None)]),
    ("Former Secretary of State Madeleine Albright urged women to vote, saying, “There is a special place in hell.”",
     [("Madeleine Albright", "saying", None)]),
    # a lower-case "former" before the name after the verb
    ("“Almost everybody was opposed,” said former Sen. Evan Bayh, a moderate Democrat.", [("Evan Bayh", "said", None)]),
    ("“October provided a resurgence,” said former Obama adviser David Axelrod.", [("David Axelrod", "said", None)]),
    # "asked" and "told" take their addressee in the sentence after the quotation
    ("Chuck Todd pressed him.\n\n“Did you know it was Mussolini?” Todd asked the real estate mogul.", [("Todd", "asked", None)]),
    # "the" before a name: an organization speaks
    ("“She seems to be less welcomed,” the Global Times wrote.", [("Global Times", "wrote", None)]),
    ("The crowd cheers, and then Wallnau continues: “God has given this man an anointing.”", [("Wallnau", "continues", None)]),
    # a long apposition between the name and the verb
    ("James Zogby, a Sanders superdelegate from the District and the president of the D.C.-based Arab American "
     "Institute, said: “I just do not think it is possible.”", [("James Zogby", "said", None)]),
    # a role, then the name set off by commas
    ("In a statement, her senior policy adviser, Jake Sullivan, said: “She believes in cooperation.”",
     [("Jake Sullivan", "said", None)]),
    # a titled name after an organization's words is a person
    ("Later, Cleveland Police Chief Calvin Williams lobbied the city, saying, “The fewer guns, the better.”",
     [("Calvin Williams", "saying", None)]),
    # "reported" attributes; a capitalized "States" inside a sentence is a name word, not the verb "states"
    ("As Politico reported, “Trump would win if the primary were held tonight.”", [("Politico", "reported", None)]),
    ("Insiders revealed the plan to stay in the United States, with officials actively “exploring options” now.",
     [("Insiders", "revealed", None)]),
    # the verb first: "Said X, who …"
    ("Said Dorothy Poynter, who grew up with Ali, “We were all so proud of him.”", [("Dorothy Poynter", "said", None)]),
    # a person named right before the introducing colon
    ("The surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates rise late.”",
     [("Daron Shaw", None, None)]),
    # the second part of an interrupted quotation keeps its speaker, even in lower case
    ("“It is a difficult issue,” said the Florida senator, “because it puts two rights in conflict.”",
     [("Florida senator", "said", None), ("Florida senator", "said", "previous quote")]),
    ("Mr. Kasich spoke. ''That, unfortunately,'' he said, ''is part of the reality of life.''",
     [("Kasich", "said", "he"), ("Kasich", "said", "previous quote")]),
    # a person named after an owner's possessive
    ("As the Washington Post’s Ishaan Tharoor wrote, “after the vote, things changed.”", [("Ishaan Tharoor", "wrote", None)]),
    ("“This is the first time,” said Clinton’s top foreign policy aide Jake Sullivan.", [("Jake Sullivan", "said", None)]),
    ("The mood was the same in New Hampshire: “We want change now, not later.”", [(None, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SPEAKER_RULES, ids=[a[0][:40] for a in SPEAKER_RULES])
def test_speaker_rules(text, expected):
    assert _rows(quotes.extract_quotes(text), ["speaker", "verb", "resolved_from"]) == expected


PRONOUN_ANTECEDENTS = [
    # a common word opening a sentence (the article writes it in lower case too) is not a person
    ("Jane Roe spoke first. Sometimes voters listen, sometimes not. “We will win,” she said.", [("Jane Roe", "she")]),
    ("Mark Kelly spoke first. China may outnumber them. “We will win,” he said.", [("Mark Kelly", "he")]),
    ("Reynolds says the two met online. “I bust his chops,” she says.", [("Reynolds", "she")]),
    # a place is not the person a pronoun stands for
    ("Mark Kelly campaigned in Ohio on Monday. Ohio, he said, is close. “We will win,” he said.",
     [("Mark Kelly", "he")]),
    # a sentence's end inside a capitalized run: the name after it
    ("He spoke to Reuters. George Zimmerman said he sold it. “I am a free American,” he told them.",
     [("George Zimmerman", "he")]),
    # the subject, not the person named after its verb
    ("Joe Biden mocked Mr. Trump. “He would have loved Stalin,” he said.", [("Joe Biden", "he")]),
    # a list of names is not one person
    ("Mark Kelly met reporters. Turkey and France agreed. “We will win,” he said.", [("Mark Kelly", "he")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), PRONOUN_ANTECEDENTS, ids=[a[0][:40] for a in PRONOUN_ANTECEDENTS]
)
def test_pronoun_antecedents_are_people(text, expected):
    assert _rows(quotes.extract_quotes(text), ["speaker", "resolved_from"]) == expected
