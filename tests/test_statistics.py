"""Quoted statistics: a table of sentences with exact values, the seeds, the corpus runner and the views."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktok_study import statistics
from tiktok_study.schema import COLUMNS, SchemaError
from tiktok_study.text import sentence_spans

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of the seed articles
FUZZ_WORDS = [
    "the",
    "a",
    "an",
    "one",
    "two",
    "three",
    "hundred",
    "thousand",
    "million",
    "tens",
    "of",
    "dozens",
    "hundreds",
    "percent",
    "%",
    "$",
    "€",
    "¥",
    "5",
    "12",
    "1,300",
    "2019",
    "27.8",
    "-",
    "to",
    "and",
    "between",
    "from",
    "over",
    "about",
    "up",
    "to",
    "nearly",
    "users",
    "days",
    "years",
    "decade",
    "half",
    "two-thirds",
    "these",
    "only",
    ",",
    ".",
    "\n",
    "01",
    "F-22",
    "5G",
    "several",
    "few",
    "in",
    "the",
    "60",
    "90",
    "$10-$30",
    "billion",
    "rose",
    "https://x.com/a1",
    "@b2",
    "#c3",
]
FIELDS = ["text", "value", "low", "high", "kind", "unit", "qualifier", "object"]


def _plain(x):
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def _rows(df: pd.DataFrame, fields: list[str] = FIELDS) -> list[tuple]:
    return [tuple(_plain(v) for v in row) for row in df[fields].itertuples(index=False)]


def _same(got: list[tuple], want: list[tuple]) -> bool:
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        for a, b in zip(g, w, strict=True):
            if isinstance(b, float) and isinstance(a, float):
                if not math.isclose(a, b, rel_tol=1e-12):
                    return False
            elif a != b:
                return False
    return True


# (sentence, [(text, value, low, high, kind, unit, qualifier, object), ...]) — every kind, qualifier, range
# form, currency and trap of the issue, plus sentences of my own; an empty list: nothing is a statistic.
CASES = [
    (
        "The company reported revenue of $27.8 billion last year.",
        [("$27.8 billion", 27800000000, None, None, "money", "USD", None, None)],
    ),
    ("Sales rose 27% in the quarter.", [("27%", 27, None, None, "percent", "%", None, None)]),
    ("Prices climbed 3.5 percent in March.", [("3.5 percent", 3.5, None, None, "percent", "%", None, None)]),
    (
        "Support fell by 4 percentage points.",
        [("4 percentage points", 4, None, None, "percent", "pp", None, None)],
    ),
    (
        "The fund manages €12 million for clients.",
        [("€12 million", 12000000, None, None, "money", "EUR", None, None)],
    ),
    ("Investors paid £300,000 for the flat.", [("£300,000", 300000, None, None, "money", "GBP", None, None)]),
    ("The deal was worth ¥5 billion.", [("¥5 billion", 5000000000, None, None, "money", "CNY", None, None)]),
    (
        "The deal was worth 5 billion yuan.",
        [("5 billion yuan", 5000000000, None, None, "money", "CNY", None, None)],
    ),
    (
        "Exports reached RMB 2.3 trillion.",
        [("RMB 2.3 trillion", 2300000000000, None, None, "money", "CNY", None, None)],
    ),
    ("They raised US$ 40 million.", [("US$ 40 million", 40000000, None, None, "money", "USD", None, None)]),
    (
        "They raised $40m and then $1.2bn.",
        [
            ("$40m", 40000000, None, None, "money", "USD", None, None),
            ("$1.2bn", 1200000000, None, None, "money", "USD", None, None),
        ],
    ),
    (
        "It cost 500 million Hong Kong dollars.",
        [("500 million Hong Kong dollars", 500000000, None, None, "money", "HKD", None, None)],
    ),
    ("He earned 10 million yen.", [("10 million yen", 10000000, None, None, "money", "JPY", None, None)]),
    (
        "The estimate ranges from $10-$30 billion.",
        [("$10-$30 billion", 10000000000, 10000000000, 30000000000, "money", "USD", None, None)],
    ),
    (
        "The estimate ranges from $10 billion to $30 billion.",
        [("$10 billion to $30 billion", 10000000000, 10000000000, 30000000000, "money", "USD", None, None)],
    ),
    (
        "The project will cost between $500,000 and $2 million.",
        [("between $500,000 and $2 million", 500000, 500000, 2000000, "money", "USD", None, None)],
    ),
    (
        "Unemployment is between 5 and 8 percent.",
        [("between 5 and 8 percent", 5, 5, 8, "percent", "%", None, None)],
    ),
    ("Growth of 10-20% is expected.", [("10-20%", 10, 10, 20, "percent", "%", None, None)]),
    ("The delay could last 60 to 90 days.", [("60 to 90 days", 60, 60, 90, "duration", "day", None, None)]),
    ("It takes two or three weeks.", [("two or three weeks", 2, 2, 3, "duration", "week", None, None)]),
    (
        "Twelve of the 50 states sued.",
        [("Twelve of the 50 states", 0.24, None, None, "ratio", None, None, "states")],
    ),
    (
        "Only 3 out of 10 voters agreed.",
        [("Only 3 out of 10 voters", 0.3, None, None, "ratio", None, "only", "voters")],
    ),
    (
        "One in five Americans uses the app.",
        [("One in five Americans", 0.2, None, None, "ratio", None, None, "Americans")],
    ),
    (
        "Two-thirds of Americans support a ban.",
        [("Two-thirds of Americans", 0.6666666666666666, None, None, "ratio", None, None, "Americans")],
    ),
    (
        "Half of the respondents said no.",
        [("Half of the respondents", 0.5, None, None, "ratio", None, None, "respondents")],
    ),
    (
        "A third of users are teenagers.",
        [("A third of users", 0.3333333333333333, None, None, "ratio", None, None, "users")],
    ),
    ("The tree is 300 years old.", [("300 years", 300, None, None, "duration", "year", None, None)]),
    (
        "A dozen lawmakers objected.",
        [("A dozen lawmakers", 12, None, None, "count", None, None, "lawmakers")],
    ),
    (
        "Dozens of companies applied.",
        [("Dozens of companies", 12, 12, 120, "vague", None, None, "companies")],
    ),
    (
        "Tens of thousands of people marched.",
        [("Tens of thousands of people", 10000, 10000, 100000, "vague", None, None, "people")],
    ),
    (
        "Hundreds of millions of dollars were lost.",
        [("Hundreds of millions of dollars", 100000000, 100000000, 1000000000, "vague", "USD", None, None)],
    ),
    (
        "Several thousand workers went on strike.",
        [("Several thousand workers", 2000, 2000, 10000, "vague", None, None, "workers")],
    ),
    (
        "A few hundred protesters gathered.",
        [("A few hundred protesters", 200, 200, 1000, "vague", None, None, "protesters")],
    ),
    (
        "Millions of users logged in.",
        [("Millions of users", 1000000, 1000000, 10000000, "vague", None, None, "users")],
    ),
    (
        "The app had 1.5 million downloads.",
        [("1.5 million downloads", 1500000, None, None, "count", None, None, "downloads")],
    ),
    (
        "Revenue grew from $5 billion to $8 billion.",
        [
            ("$5 billion", 5000000000, None, None, "money", "USD", None, None),
            ("$8 billion", 8000000000, None, None, "money", "USD", None, None),
        ],
    ),
    (
        "The agency has about 2,500 employees.",
        [("about 2,500 employees", 2500, None, None, "count", None, "about", "employees")],
    ),
    (
        "Roughly 40% of teens use TikTok daily.",
        [("Roughly 40% of teens", 40, None, None, "percent", "%", "roughly", "teens")],
    ),
    (
        "At least 12 people died.",
        [("At least 12 people", 12, None, None, "count", None, "at least", "people")],
    ),
    (
        "No more than 20 delegates may attend.",
        [("No more than 20 delegates", 20, None, None, "count", None, "no more than", "delegates")],
    ),
    (
        "As many as 300 workers may lose their jobs.",
        [("As many as 300 workers", 300, None, None, "count", None, "as many as", "workers")],
    ),
    (
        "Fewer than 100 firms complied.",
        [("Fewer than 100 firms", 100, None, None, "count", None, "fewer than", "firms")],
    ),
    (
        "Some 500 journalists attended.",
        [("Some 500 journalists", 500, None, None, "count", None, "some", "journalists")],
    ),
    (
        "An estimated 3 million viewers watched.",
        [("An estimated 3 million viewers", 3000000, None, None, "count", None, "an estimated", "viewers")],
    ),
    ("The ban takes effect in 45 days.", [("45 days", 45, None, None, "duration", "day", None, None)]),
    ("The app was downloaded 10k times.", [("10k times", 10000, None, None, "count", None, None, "times")]),
    ("He spent a decade in Beijing.", []),  # a bare unit of time: nothing measured
    (
        "It began more than a decade ago.",
        [("more than a decade", 10, None, None, "duration", "year", "more than", None)],
    ),
    ("The law was passed in 2019.", []),
    ("By 2015, the market had matured.", []),
    ("It happened on January 15th.", []),
    ("The summit took place in November 2023.", []),
    ("It dates back to the 1990s.", []),
    ("It is the 21st century.", []),
    ("China is the second-largest economy.", []),
    ("The H800 chip and the F-22 jet and 5G networks.", []),
    ("Made in China 2025 is a plan.", []),
    ("The 2025 Consumer Electronics Show opened.", []),
    ("Humanism Camp Engages Youths in Summer Fest 2025.", []),
    ("01 TikTok Has Nowhere Else to Retreat", []),
    ("A U.S. official said so.", []),
    ("The Thousand Talents Plan recruits scientists.", []),
    ("One thing is certain.", []),
    ("This enables one AI model to learn from another.", []),
    ("See https://x.com/user123/status/4567 for details.", []),
    ("Follow @user2024 and #TikTok2025.", []),
    ("The meeting starts at 10:30 a.m. on 9/11.", []),
    ("He won 3-2 in the final.", [("3-2", 3, 2, 3, "score", None, None, None)]),
    ("Call 555-123-4567 now.", []),
    ("Version 3.10.4 is out.", []),
    ("He ranked No. 1 in the poll.", []),
    ("Section 230 protects platforms.", []),
    ("COVID-19 changed everything.", []),
    ("Netizens from the two countries chatted.", []),
    ("Its three founders left.", []),
    ("The two-way street and one-sided deals.", []),
    ("The bill passed 65-35.", [("65-35", 65, 35, 65, "score", None, None, None)]),
    ("He is a 45-year-old engineer.", [("45-year-old", 45, None, None, "duration", "year", None, None)]),
    (
        "The company has 170 million U.S. users.",
        [("170 million U.S. users", 170000000, None, None, "count", None, None, "U.S. users")],
    ),
    (
        "The company has seven million users.",
        [("seven million users", 7000000, None, None, "count", None, None, "users")],
    ),
    (
        "Over two hundred fifty thousand people signed.",
        [("Over two hundred fifty thousand people", 250000, None, None, "count", None, "over", "people")],
    ),
    (
        "Sales topped $5 billion, up from $4 billion.",
        [
            ("$5 billion", 5000000000, None, None, "money", "USD", None, None),
            ("$4 billion", 4000000000, None, None, "money", "USD", None, None),
        ],
    ),
    ("Six in ten voters approve.", [("Six in ten voters", 0.6, None, None, "ratio", None, None, "voters")]),
    (
        "The committee has 25 members and 12 of them are women.",
        [
            ("25 members", 25, None, None, "count", None, None, "members"),
            ("12 of them", 0.48, None, None, "ratio", None, None, "members"),
        ],
    ),
    (
        "In 2020 there were 500 cases and in 2021 only 200.",
        [
            ("500 cases", 500, None, None, "count", None, None, "cases"),
            ("only 200", 200, None, None, "count", None, "only", "cases"),
        ],
    ),
    ("The report was 50 pages long.", [("50 pages", 50, None, None, "count", None, None, "pages")]),
    (
        "It rose to 3.2% from 2.9%.",
        [
            ("3.2%", 3.2, None, None, "percent", "%", None, None),
            ("2.9%", 2.9, None, None, "percent", "%", None, None),
        ],
    ),
    (
        "Approximately 1,000 users were affected, about 0.5% of the total.",
        [
            ("Approximately 1,000 users", 1000, None, None, "count", None, "approximately", "users"),
            ("about 0.5% of the total", 0.5, None, None, "percent", "%", "about", "total"),
        ],
    ),
    ("Lifestyle2 months ago", []),
    ("The post went up 2 months ago.", [("2 months", 2, None, None, "duration", "month", None, None)]),
    ("Windows 11 users and iPhone 16 buyers complained.", []),
    ("In the 2019-2020 season, ratings fell.", []),
    ("From 2019 to 2021, the firm grew.", []),
    ("It was signed on Jan. 15, 2025, in Washington.", []),
    ("It was signed on 15 January 2025.", []),
    ("The call is at 5 pm.", []),
    ("These are the top 10 apps.", []),
    ("The G20 met with the Group of Seven.", []),
    ("A Boeing 737 crashed.", []),
    ("Article 5 applies.", []),
    ("The B-52 and Su-57 and MH17 flew.", []),
    ("Revenue in Q3 2024 rose.", []),
    ("A $5 fee applies.", [("$5", 5, None, None, "money", "USD", None, None)]),
    (
        "China is a $17 trillion economy.",
        [("$17 trillion", 17000000000000, None, None, "money", "USD", None, None)],
    ),
    ("The store is open 24/7.", []),
    ("It is the #1 app.", []),
    (
        "Over the past 500 years, powers rose.",
        [("500 years", 500, None, None, "duration", "year", None, None)],
    ),
    (
        "TikTok has 150 million American users, according to the company.",
        [("150 million American users", 150000000, None, None, "count", None, None, "American users")],
    ),
    (
        "The ban would affect 7 million businesses.",
        [("7 million businesses", 7000000, None, None, "count", None, None, "businesses")],
    ),
    (
        "About 1 in 3 adults use it.",
        [("About 1 in 3 adults", 0.3333333333333333, None, None, "ratio", None, "about", "adults")],
    ),
    ("The fine was 5 million euros.", [("5 million euros", 5000000, None, None, "money", "EUR", None, None)]),
    ("Staff numbered 7,000 last year.", [("7,000", 7000, None, None, "count", None, None, "Staff")]),
    (
        "More than 40 percent of respondents agreed.",
        [("More than 40 percent of respondents", 40, None, None, "percent", "%", "more than", "respondents")],
    ),
    (
        "The firm laid off 1,200 employees, or 15% of its workforce.",
        [
            ("1,200 employees", 1200, None, None, "count", None, None, "employees"),
            ("15% of its workforce", 15, None, None, "percent", "%", None, "workforce"),
        ],
    ),
    (
        "It was the first time in three decades.",
        [("three decades", 30, None, None, "duration", "year", None, None)],
    ),
    ("He served two terms as president.", [("two terms", 2, None, None, "count", None, None, "terms")]),
    (
        "Both sides lost about $1.2 billion each.",
        [("about $1.2 billion", 1200000000, None, None, "money", "USD", "about", None)],
    ),
    ("She is one of the two founders.", [("one", 1, None, None, "count", None, None, "founders")]),
    ("It was one of many.", [("one", 1, None, None, "count", None, None, None)]),
    (
        "Users in 150 countries downloaded it.",
        [("150 countries", 150, None, None, "count", None, None, "countries")],
    ),
    (
        "The app is used by 1 billion people worldwide.",
        [("1 billion people", 1000000000, None, None, "count", None, None, "people")],
    ),
    (
        "The company is valued at $300 billion.",
        [("$300 billion", 300000000000, None, None, "money", "USD", None, None)],
    ),
    (
        "TikTok paid $92 million to settle the lawsuit.",
        [("$92 million", 92000000, None, None, "money", "USD", None, None)],
    ),
    ("The vote was 5 to 4.", [("5 to 4", 5, 4, 5, "score", None, None, None)]),
    (
        "Congress gave ByteDance 270 days to divest.",
        [("270 days", 270, None, None, "duration", "day", None, None)],
    ),
    ("The law passed with 352 votes.", [("352 votes", 352, None, None, "count", None, None, "votes")]),
    (
        "He cited a study of 2,000 adults.",
        [("2,000 adults", 2000, None, None, "count", None, None, "adults")],
    ),
    (
        "They hired 3,000 more moderators.",
        [("3,000 more moderators", 3000, None, None, "count", None, None, "moderators")],
    ),
    (
        "Exports fell 7.5% year on year to $250 billion.",
        [
            ("7.5%", 7.5, None, None, "percent", "%", None, None),
            ("$250 billion", 250000000000, None, None, "money", "USD", None, None),
        ],
    ),
    ("The market share dropped to 12.5%.", [("12.5%", 12.5, None, None, "percent", "%", None, None)]),
    ("A 10-year plan was adopted.", [("10-year", 10, None, None, "duration", "year", None, None)]),
    (
        "It attracted hundreds of thousands of visitors.",
        [("hundreds of thousands of visitors", 100000, 100000, 1000000, "vague", None, None, "visitors")],
    ),
    (
        "The project cost tens of millions of yuan.",
        [("tens of millions of yuan", 10000000, 10000000, 100000000, "vague", "CNY", None, None)],
    ),
    ("He waited for hours.", []),
    (
        "Nearly half of Americans use the app.",
        [("Nearly half of Americans", 0.5, None, None, "ratio", None, "nearly", "Americans")],
    ),
    (
        "Almost two-thirds of the users are young.",
        [
            (
                "Almost two-thirds of the users",
                0.6666666666666666,
                None,
                None,
                "ratio",
                None,
                "almost",
                "users",
            )
        ],
    ),
    (
        "About a quarter of the budget went to security.",
        [("About a quarter of the budget", 0.25, None, None, "ratio", None, "about", "budget")],
    ),
    (
        "The order must be carried out within 90 days.",
        [("within 90 days", 90, None, None, "duration", "day", "within", None)],
    ),
    (
        "He proposed extending the deadline by another 270 days.",
        [("another 270 days", 270, None, None, "duration", "day", "another", None)],
    ),
    (
        "Sales were just over 3,000 units.",
        [("just over 3,000 units", 3000, None, None, "count", None, "just over", "units")],
    ),
    (
        "Well over 10,000 people attended.",
        [("Well over 10,000 people", 10000, None, None, "count", None, "well over", "people")],
    ),
    ("Turnout was under 40%.", [("under 40%", 40, None, None, "percent", "%", "under", None)]),
    ("Prices stayed below $5 per share.", [("below $5", 5, None, None, "money", "USD", "below", None)]),
    ("At most 15 seats remain.", [("At most 15 seats", 15, None, None, "count", None, "at most", "seats")]),
    (
        "Upwards of 2,000 firms signed up.",
        [("Upwards of 2,000 firms", 2000, None, None, "count", None, "upwards of", "firms")],
    ),
    (
        "Losses were in excess of $3 billion.",
        [("in excess of $3 billion", 3000000000, None, None, "money", "USD", "in excess of", None)],
    ),
    (
        "Close to 200 people were hurt.",
        [("Close to 200 people", 200, None, None, "count", None, "close to", "people")],
    ),
    (
        "Around 60% of teens use it.",
        [("Around 60% of teens", 60, None, None, "percent", "%", "around", "teens")],
    ),
    ("It costs a mere $2 a month.", [("a mere $2 a month", 2, None, None, "money", "USD", "a mere", None)]),
    (
        "It spends $50 million a year on security.",
        [("$50 million a year", 50000000, None, None, "money", "USD", None, None)],
    ),
    (
        "The deal is worth in the tens of billions.",
        [("tens of billions", 10000000000, 10000000000, 100000000000, "vague", None, None, None)],
    ),
    (
        "A few dozen engineers left.",
        [("A few dozen engineers", 24, 24, 120, "vague", None, None, "engineers")],
    ),
    ("Prices will rise 5-10 percent.", [("5-10 percent", 5, 5, 10, "percent", "%", None, None)]),
    (
        "The fine is €5-€10 million.",
        [("€5-€10 million", 5000000, 5000000, 10000000, "money", "EUR", None, None)],
    ),
    (
        "The fine is 5 to 10 million euros.",
        [("5 to 10 million euros", 5000000, 5000000, 10000000, "money", "EUR", None, None)],
    ),
    ("The review took 18 months.", [("18 months", 18, None, None, "duration", "month", None, None)]),
    ("Inflation hit 9.1% in June.", [("9.1%", 9.1, None, None, "percent", "%", None, None)]),
    (
        "The company employs 7,000 people in 12 countries.",
        [
            ("7,000 people", 7000, None, None, "count", None, None, "people"),
            ("12 countries", 12, None, None, "count", None, None, "countries"),
        ],
    ),
    (
        "Five years ago the app did not exist.",
        [("Five years", 5, None, None, "duration", "year", None, None)],
    ),
    (
        "The platform had more than 150 million monthly users.",
        [
            (
                "more than 150 million monthly users",
                150000000,
                None,
                None,
                "count",
                None,
                "more than",
                "monthly users",
            )
        ],
    ),
    (
        "The ban affects 5 million small businesses.",
        [("5 million small businesses", 5000000, None, None, "count", None, None, "small businesses")],
    ),
    (
        "They flew 2,000 kilometers.",
        [("2,000 kilometers", 2000, None, None, "measure", "km", None, None)],
    ),
    (
        "Only 4 of the 16 cases ended in war.",
        [("Only 4 of the 16 cases", 0.25, None, None, "ratio", None, "only", "cases")],
    ),
    (
        "The city has 8.3 million residents.",
        [("8.3 million residents", 8300000, None, None, "count", None, None, "residents")],
    ),
    (
        "The app reached 1 billion users in 2021.",
        [("1 billion users", 1000000000, None, None, "count", None, None, "users")],
    ),
    (
        "Downloads exceeding 5 million were reported.",
        [("exceeding 5 million", 5000000, None, None, "count", None, "exceeding", "Downloads")],
    ),
    (
        "The clip drew views surpassing 2 billion.",
        [("surpassing 2 billion", 2000000000, None, None, "count", None, "surpassing", "views")],
    ),
    (
        "Up to 600,000 students may come.",
        [("Up to 600,000 students", 600000, None, None, "count", None, "up to", "students")],
    ),
    (
        "Approximately $3 billion was spent.",
        [("Approximately $3 billion", 3000000000, None, None, "money", "USD", "approximately", None)],
    ),
    (
        "Over 90,000 posts used the tag.",
        [("Over 90,000 posts", 90000, None, None, "count", None, "over", "posts")],
    ),
    ("They have a 270-day period to sell.", [("270-day", 270, None, None, "duration", "day", None, None)]),
    (
        "The order pauses the law for the next 75 days.",
        [("75 days", 75, None, None, "duration", "day", None, None)],
    ),
    (
        "Hundreds of thousands of “TikTok refugees” joined the app.",
        [
            (
                "Hundreds of thousands of “TikTok refugees”",
                100000,
                100000,
                1000000,
                "vague",
                None,
                None,
                "TikTok refugees",
            )
        ],
    ),
    (
        "A valuation of tens of billions of dollars is at stake.",
        [("tens of billions of dollars", 10000000000, 10000000000, 100000000000, "vague", "USD", None, None)],
    ),
    ("Only three days remain.", [("Only three days", 3, None, None, "duration", "day", "only", None)]),
    (
        "The clip had nearly 10 million views.",
        [("nearly 10 million views", 10000000, None, None, "count", None, "nearly", "views")],
    ),
    (
        "Researchers found that 12 of 16 cases ended in war.",
        [("12 of 16 cases", 0.75, None, None, "ratio", None, None, "cases")],
    ),
    ("It took almost 20 years.", [("almost 20 years", 20, None, None, "duration", "year", "almost", None)]),
    (
        "Fewer than one in ten users complained.",
        [("Fewer than one in ten users", 0.1, None, None, "ratio", None, "fewer than", "users")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_table(sentence, expected):
    got = _rows(statistics.extract_statistics(sentence))
    assert _same(got, expected), got


# --------------------------------------------------------------------------------------------------------------
# The seeds (tests/fixtures/seeds), first on the raw text: the sidebar of 002 and the social links of 001 are part of
# it and must yield nothing. The same list is checked on the normalizer's sentences further down.
# --------------------------------------------------------------------------------------------------------------

SEED_FIELDS = ["text", "value", "low", "high", "kind", "unit", "qualifier", "object"]
SEEDS = {
    "000_84ecfe4f6f97db33": [
        ("75 days", 75, None, None, "duration", "day", None, None),
        ("hundreds of thousands of “TikTok refugees”", 100000, 100000, 1000000, "vague", None, None, "TikTok refugees"),
        ("over 90,000 posts", 90000, None, None, "count", None, "over", "posts"),
        ("exceeding 1 million", 1000000, None, None, "count", None, "exceeding", "discussions"),
        ("surpassing 110 million", 110000000, None, None, "count", None, "surpassing", "views"),
        ("more than 5,000 posts", 5000, None, None, "count", None, "more than", "posts"),
        ("over 50,000 discussions", 50000, None, None, "count", None, "over", "discussions"),
        ("nearly 10 million views", 10000000, None, None, "count", None, "nearly", "views"),
        ("more than a decade", 10, None, None, "duration", "year", "more than", None),
        ("16 historical instances", 16, None, None, "count", None, None, "historical instances"),
        ("500 years", 500, None, None, "duration", "year", None, None),
        ("12 of these", 0.75, None, None, "ratio", None, None, "historical instances"),
        ("only 4", 4, None, None, "count", None, "only", "historical instances"),
        ("over 1,300 Chinese companies", 1300, None, None, "count", None, "over", "Chinese companies"),
        ("about 27% of all exhibitors", 27, None, None, "percent", "%", "about", "exhibitors"),
    ],
    "001_1da23138b7400f21": [
        ("170 million users", 170000000, None, None, "count", None, None, "users"),
        ("tens of billions of dollars", 1e10, 1e10, 1e11, "vague", "USD", None, None),
        ("only three days", 3, None, None, "duration", "day", "only", None),
        ("two days", 2, None, None, "duration", "day", None, None),
        ("up to 170 million users", 170000000, None, None, "count", None, "up to", "users"),
        ("tens of billions of dollars", 1e10, 1e10, 1e11, "vague", "USD", None, None),
        ("within 90 days", 90, None, None, "duration", "day", "within", None),
        ("approximately $1 billion annually", 1e9, None, None, "money", "USD", "approximately", None),
        ("270-day", 270, None, None, "duration", "day", None, None),
        ("60 to 90 days", 60, 60, 90, "duration", "day", None, None),
        ("another 270 days", 270, None, None, "duration", "day", "another", None),
        ("millions of Americans", 1e6, 1e6, 1e7, "vague", None, None, "Americans"),
        ("only three days", 3, None, None, "duration", "day", "only", None),
        ("three days", 3, None, None, "duration", "day", None, None),
        ("more than 10,000 such fraudulent accounts", 10000, None, None, "count", None, "more than", "fraudulent accounts"),
        ("over 95% of whom", 95, None, None, "percent", "%", "over", "Sino-American users"),
    ],
    "002_3862a9654516b30a": [
        ("more than 6,000 joint ventures", 6000, None, None, "count", None, "more than", "joint ventures"),
        ("approximately $27.8 billion in foreign investment", 27.8e9, None, None, "money", "USD", "approximately", "foreign investment"),
        ("up to 600,000 Chinese students", 600000, None, None, "count", None, "up to", "Chinese students"),
        ("approximately $50.2 billion annually", 50.2e9, None, None, "money", "USD", "approximately", None),
        ("thousands of STEM students", 1000, 1000, 10000, "vague", None, None, "STEM students"),
    ],
}  # fmt: skip


def _seed(name: str) -> str:
    return (RAW / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_statistics_are_exactly_the_careful_readers_list(name):
    got = _rows(statistics.extract_statistics(_seed(name), article_id=name), SEED_FIELDS)
    assert _same(got, [tuple(float(x) if isinstance(x, int) else x for x in row) for row in SEEDS[name]]), got


def test_seed_rates_ratios_and_inferences():
    df = statistics.extract_statistics(_seed("001_1da23138b7400f21"))
    assert df.loc[df["kind"] == "money", "per"].tolist() == ["year"]
    df = statistics.extract_statistics(_seed("000_84ecfe4f6f97db33"))
    ratio = df[df["kind"] == "ratio"].iloc[0]
    assert (ratio["numerator"], ratio["denominator"], bool(ratio["inferred"])) == (12.0, 16.0, True)
    only = df[df["text"] == "only 4"].iloc[0]
    assert bool(only["inferred"]) and not bool(df[df["text"] == "over 90,000 posts"].iloc[0]["inferred"])


@pytest.mark.parametrize(
    ("name", "trap"),
    [
        ("000_84ecfe4f6f97db33", "January 15th"),
        ("000_84ecfe4f6f97db33", "January 20th"),
        ("000_84ecfe4f6f97db33", "November 2023"),
        ("000_84ecfe4f6f97db33", "2025 Consumer Electronics Show"),
        ("000_84ecfe4f6f97db33", "a U.S. representative"),
        ("000_84ecfe4f6f97db33", "the two countries"),
        ("000_84ecfe4f6f97db33", "One American netizen"),
        ("001_1da23138b7400f21", "in 2019"),
        ("001_1da23138b7400f21", "January 15"),
        ("001_1da23138b7400f21", "01 TikTok"),
        ("001_1da23138b7400f21", "02 Could"),
        ("001_1da23138b7400f21", "F-22"),
        ("001_1da23138b7400f21", "Lemon8"),
        ("001_1da23138b7400f21", "one thing is certain"),
        ("001_1da23138b7400f21", "https://x.com/TechFlowPost"),
        ("001_1da23138b7400f21", "August 2020"),
        ("002_3862a9654516b30a", "2015"),
        ("002_3862a9654516b30a", "the 1990s"),
        ("002_3862a9654516b30a", "21st century"),
        ("002_3862a9654516b30a", "second-largest"),
        ("002_3862a9654516b30a", "H800"),
        ("002_3862a9654516b30a", "5G"),
        ("002_3862a9654516b30a", "Made in China 2025"),
        ("002_3862a9654516b30a", "Thousand Talents Plan"),
        ("002_3862a9654516b30a", "one AI model"),
        ("002_3862a9654516b30a", "Summer Fest 2025"),
        ("002_3862a9654516b30a", "Lifestyle2 months ago"),
    ],
)
def test_seed_traps_are_not_statistics(name, trap):
    text = _seed(name)
    at = text.index(trap)
    df = statistics.extract_statistics(text)
    overlapping = df[(df["start"] < at + len(trap)) & (df["end"] > at)]
    assert overlapping.empty, overlapping[["text", "value"]].values.tolist()


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_offsets_and_sentence_ids_point_into_the_text(name):
    text = _seed(name)
    df = statistics.extract_statistics(text, article_id=name)
    spans = sentence_spans(text)
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text
        a, b = spans[row.sentence_id]
        assert a <= row.start and row.end <= b and text[a:b] == row.sentence
    assert df["article_id"].eq(name).all()
    assert list(df.columns[: len(COLUMNS["statistics"])]) == COLUMNS["statistics"]
    assert df["start"].is_monotonic_increasing


def test_empty_text_gives_the_contract_columns():
    df = statistics.extract_statistics("")
    assert df.empty and list(df.columns[:12]) == COLUMNS["statistics"]


def test_ratio_without_antecedent_has_no_value():
    df = statistics.extract_statistics("Only 12 of these survived.")
    assert _rows(df) == [("Only 12 of these", None, None, None, "ratio", None, "only", None)]
    assert df["numerator"].tolist() == [12.0] and math.isnan(df["denominator"].iloc[0])


def test_ratio_antecedent_may_be_in_the_sentence_before():
    df = statistics.extract_statistics("The panel examined 40 apps. It found that 10 of them leaked data.")
    assert _rows(df, ["text", "value", "object", "sentence_id"]) == [
        ("40 apps", 40.0, "apps", 0),
        ("10 of them", 0.25, "apps", 1),
    ]


# --------------------------------------------------------------------------------------------------------------
# The corpus runner and the cross-article views
# --------------------------------------------------------------------------------------------------------------


def _sentences_table(article_id: str, text: str) -> pd.DataFrame:
    """A sentences table as the normalizer writes it: one paragraph per line, offsets into ``text``."""
    rows, sid, pos = [], 0, 0
    for pid, line in enumerate(text.split("\n")):
        for a, b in sentence_spans(line):
            rows.append({"article_id": article_id, "paragraph_id": pid, "sentence_id": sid, "text": line[a:b],
                         "start": pos + a, "end": pos + b})  # fmt: skip
            sid += 1
        pos += len(line) + 1
    return pd.DataFrame(rows)


def test_statistics_table_offsets_into_article_text():
    texts = {
        "b": "Intro line.\nIt has 170 million users. Only three days remain.",
        "a": "Up to 600,000 Chinese students may come.\nThe fee is $5.",
    }
    sentences = pd.concat([_sentences_table(k, v) for k, v in texts.items()], ignore_index=True)
    df = statistics.statistics_table(sentences.sample(frac=1, random_state=3))
    assert _rows(df, ["article_id", "paragraph_id", "sentence_id", "text", "start", "end"]) == [
        ("a", 0, 0, "Up to 600,000 Chinese students", 0, 30),
        ("a", 1, 1, "$5", 52, 54),
        ("b", 1, 1, "170 million users", 19, 36),
        ("b", 1, 2, "Only three days", 38, 53),
    ]
    for row in df.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_statistics_table_names_missing_columns():
    with pytest.raises(SchemaError, match="statistics_table: the sentences table lacks columns paragraph_id"):
        statistics.statistics_table(pd.DataFrame({"article_id": ["a"], "text": ["x"]}))


def test_repeated_figures_on_a_seed():
    df = statistics.repeated_figures(
        statistics.extract_statistics(_seed("001_1da23138b7400f21"), article_id="001")
    )
    assert _rows(df, ["kind", "unit", "value", "high", "n_mentions", "n_articles"]) == [
        ("duration", "day", 3.0, None, 3, 1),
        ("count", None, 170000000.0, None, 2, 1),
        ("duration", "day", 270.0, None, 2, 1),
        ("vague", "USD", 1e10, 1e11, 2, 1),
    ]
    assert df["texts"].iloc[0] == ["only three days", "only three days", "three days"]
    assert df["objects"].iloc[1] == ["users"]


def test_repeated_figures_across_articles():
    stats = pd.concat(
        [
            statistics.extract_statistics(
                "TikTok has 170 million users. The delay is 60 to 90 days.", article_id="x"
            ),
            statistics.extract_statistics(
                "Some 170 million Americans use it; 90 days is the limit.", article_id="y"
            ),
            statistics.extract_statistics("It has 170 million users and 60 days to sell.", article_id="z"),
        ],
        ignore_index=True,
    )
    df = statistics.repeated_figures(stats, min_articles=2)
    assert df[["kind", "value", "n_mentions", "n_articles"]].values.tolist() == [["count", 170000000.0, 3, 3]]
    assert df["article_ids"].iloc[0] == ["x", "y", "z"]
    assert df["objects"].iloc[0] == ["users", "Americans"]


def test_density_per_article():
    stats = pd.concat(
        [statistics.extract_statistics(_seed(n), article_id=n) for n in sorted(SEEDS)], ignore_index=True
    )
    articles = pd.DataFrame({"article_id": [*sorted(SEEDS), "empty"], "n_words": [750, 2000, 1000, 10]})
    df = statistics.density(stats, articles)
    assert df[["article_id", "n_statistics", "per_1k_words", "n_count", "n_vague"]].values.tolist() == [
        ["000_84ecfe4f6f97db33", 15, 20.0, 9, 1],
        ["001_1da23138b7400f21", 16, 8.0, 3, 3],
        ["002_3862a9654516b30a", 5, 5.0, 2, 1],
        ["empty", 0, 0.0, 0, 0],
    ]


def test_density_counts_words_from_text_and_names_missing_columns():
    stats = statistics.extract_statistics("It has 5 users.", article_id="a")
    df = statistics.density(stats, pd.DataFrame({"article_id": ["a"], "text": ["It has 5 users."]}))
    assert df[["n_words", "per_1k_words"]].values.tolist() == [[4, 250.0]]
    with pytest.raises(SchemaError, match="density: the articles table lacks columns n_words"):
        statistics.density(stats, pd.DataFrame({"article_id": ["a"]}))


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_statistics_on_normalized_text(name):
    from tiktok_study.normalize import normalize_text

    tables = normalize_text(_seed(name), article_id=name)
    df = statistics.statistics_table(tables.sentences)
    got = _rows(df, ["text", "value", "kind", "qualifier", "object"])
    want = [(t, float(v), k, q, o) for t, v, _, _, k, _, q, o in SEEDS[name]]
    assert _same(got, want), got
    text = tables.articles.set_index("article_id").loc[name, "text"]
    assert all(text[r.start : r.end] == r.text for r in df.itertuples())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FUZZ_WORDS), max_size=30), st.sampled_from([" ", "", "\n"]))
def test_any_text_gives_spans_that_point_into_it(words, joiner):
    text = joiner.join(words)
    df = statistics.extract_statistics(text)
    assert all(text[r.start : r.end] == r.text for r in df.itertuples())
    assert set(df["kind"]) <= {"count", "money", "percent", "duration", "ratio", "vague", "measure", "score"}
    assert (df["low"].isna() | (df["low"] <= df["high"])).all()


def test_a_long_sentence_is_cut_around_each_statistic_in_the_sentence_column():
    # a run of numbers in one long sentence: each row carries a bounded window, not the whole sentence
    text = "The counts were " + "7 " * 5000 + "in all."
    df = statistics.extract_statistics(text)
    assert len(df) == 5000
    assert (df["sentence"].str.len() <= 2 * statistics.SENTENCE_SIDE + df["text"].str.len() + 2).all()
    first, last = df.iloc[0], df.iloc[-1]
    assert first["sentence"].startswith("The counts were 7") and first["sentence"].endswith("…")
    assert last["sentence"].startswith("…") and last["sentence"].endswith("in all.")
    for _, row in df.iloc[[0, 2500, 4999]].iterrows():
        window = row["sentence"].strip("…")
        assert row["text"] in window and window in text
    # a sentence of ordinary length is kept whole
    short = statistics.extract_statistics("Over 900 posts were removed.")
    assert short["sentence"].tolist() == ["Over 900 posts were removed."]
