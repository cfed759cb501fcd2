"""Framing: every frame on short synthetic paragraphs, the matching rules, the article profile, the seeds."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.codebook import load_codebook, parse_codebook, term_regex
from tiktok_study.frames import ARTICLE_FRAME_COLUMNS, count_words, frame_profile, kwic, match_text
from tiktok_study.schema import COLUMNS, SchemaError
from tiktok_study.text import sentence_spans

RAW = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of the seed articles
CGTN, GEEKPARK, RIVALRY = "000_84ecfe4f6f97db33", "001_1da23138b7400f21", "002_3862a9654516b30a"


def _hits(text: str, frame: str) -> list[tuple[str, str]]:
    found = match_text(text)
    found = found[found["frame"] == frame]
    return list(zip(found["term"], found["match"], strict=True))


def _paragraphs(*articles: tuple[str, list[str]], headings: dict | None = None) -> pd.DataFrame:
    """Paragraph rows for articles given as (article_id, [paragraph texts]); paragraphs joined by a blank line."""
    rows = []
    for article_id, texts in articles:
        offset = 0
        for n, text in enumerate(texts):
            kind = "heading" if headings and n in headings.get(article_id, ()) else "body"
            rows.append((article_id, n, kind, text, offset, offset + len(text)))
            offset += len(text) + 2
    return pd.DataFrame(rows, columns=COLUMNS["paragraphs"])


def _article_text(paragraphs: pd.DataFrame, article_id: str) -> str:
    rows = paragraphs[paragraphs["article_id"] == article_id]
    return "\n\n".join(rows["text"])


# --- every frame on its own synthetic paragraphs -------------------------------------------------------------

SHOULD = {
    "conflict": [
        ("The two governments clashed over the new rules.", "clash*"),
        ("Beijing vowed to retaliate.", "retaliat*"),
        ("Washington sanctioned three more firms.", "sanction*"),
        ("Officials fear the trade-war will deepen.", "trade war*"),
        ("Critics slammed the decision.", "criticize"),
        ("It was a tit-for-tat move.", "tit-for-tat"),
        ("An anti-war protest took place.", "war"),
        ("Both parties accused each other of bad faith.", "accuse"),
    ],
    "human_interest": [
        ("A 23-year-old creator says the app pays her rent.", "N-year-old"),
        ("Parents worry about what their kids watch.", "parent"),
        ("She wept as she described the shop.", "tears"),
        ("Ordinary Americans would lose a place to talk.", "ordinary Americans"),
        ("It is how many families make a living.", "livelihood"),
    ],
    "economic": [
        ("The ban could cost advertisers $1.5 billion.", "money amount"),
        ("Tariffs hit exporters hardest.", "tariff*"),
        ("The company's valuation fell sharply.", "valuation*"),
        ("Investors fled as the stock market slid.", "stock market*"),
        ("Thousands of jobs are at stake.", "job"),
        ("Revenues rose in the third quarter.", "revenue*"),
        ("a 5 billion dollars hole", "N dollars/yuan"),
    ],
    "morality": [
        ("Many called it morally wrong.", "moral"),
        ("Critics point to a double standard.", "double standard*"),
        ("The policy is hypocritical.", "hypocri*"),
        ("This is about human rights.", "human rights"),
        ("The rule is unfair to small creators.", "fairness"),
        ("A question of ethics, not law.", "ethic"),
    ],
    "responsibility": [
        ("Someone must act before the deadline.", "X should/must act"),
        ("Officials blamed the platform.", "blame"),
        ("The firm should be held accountable.", "accountab*"),
        ("Lawmakers urged the regulators to step in.", "urge"),
        ("Who is responsible for the failure?", "responsib*"),
        ("The government should decide soon.", "government/company should"),
    ],
    "security": [
        ("Officials cited national security risks.", "national security"),
        ("They fear espionage.", "espionage"),
        ("The app could hand user data to a foreign state.", "user data"),
        ("A cyberattack hit the grid.", "cyberattack*"),
        ("Intelligence agencies warned Congress.", "intelligence"),
        ("The review by CFIUS began in 2019.", "CFIUS"),
    ],
    "tech_rivalry": [
        ("Export controls on advanced chips were tightened.", "export control*"),
        ("Semiconductors are at the heart of it.", "semiconductor*"),
        ("Beijing pursues self-reliance.", "self-reliance"),
        ("The AI race is on.", "AI race"),
        ("Talk of decoupling grew.", "decoupl*"),
        ("A new chip war has begun.", "technology + race/lead word"),
    ],
    "legal": [
        ("TikTok sued the government.", "sue"),
        ("The Supreme Court will hear the case.", "Supreme Court"),
        ("The law is unconstitutional, the lawyers say.", "unconstitutional*"),
        ("It is a free-speech issue.", "free speech"),
        ("The Protecting Americans Act passed.", "named Act"),
        ("The First Amendment protects it.", "First Amendment"),
    ],
    "cooperation": [
        ("The two sides pledged to cooperate.", "cooperat*"),
        ("It was a win-win outcome.", "win-win"),
        ("People-to-people exchanges resumed.", "people-to-people"),
        ("They spoke of mutually beneficial ties.", "mutually beneficial"),
        ("The leaders held a dialogue on trade.", "dialogue"),
    ],
}

SHOULD_NOT = {
    "conflict": [
        "The software update won an award.",  # war inside words
        "He suffered a heart attack.",  # exclusion
        "Prices are low, as opposed to last year.",  # exclusion
        "The board disclosed a conflict of interest.",  # exclusion (a morality term)
        "A price war among retailers.",  # exclusion (an economic term)
        "Warnings were issued about warranties.",
    ],
    "human_interest": [
        "The parent company reported results.",  # exclusion
        "The familiar logo is everywhere.",  # family has explicit forms, no famil*
        "Its sister company runs the store.",  # exclusion
        "The story ran on page one.",  # plain "story" is not an indicator
    ],
    "economic": [
        "The investigation is important.",  # not invest*, not import*
        "These are fundamental questions.",  # fund has explicit forms
        "She flew to Costa Rica.",  # cost has explicit forms
        "The trade secret was stolen.",  # exclusion (a legal term)
        "A market of ideas.",  # exclusion
    ],
    "morality": [
        "The virtual event drew crowds.",  # virtu* minus its exclusion virtual*
        "Morale was low among staff.",  # moral has explicit forms
        "It was fair use of the clip.",  # exclusion
        "They negotiated in good faith.",  # exclusion
    ],
    "responsibility": [
        "The call for papers closes Friday.",  # exclusion
        "They went to the beach.",
    ],
    "security": [
        "Social Security checks rose.",  # exclusion
        "She values job security.",  # exclusion
        "Artificial intelligence startups raised money.",  # exclusion
        "The securities regulator met.",  # security is a plain word
    ],
    "tech_rivalry": [
        "Blue-chip stocks rallied.",  # exclusion
        "He chipped in for the gift.",  # chip has explicit forms
        "A bag of potato chips.",  # exclusion
        "The aid package arrived.",  # AI is a whole word
    ],
    "legal": [
        "The ruling party met in Beijing.",  # exclusion
        "The app's appeal to teenagers is clear.",  # exclusion
        "Others followed suit.",  # exclusion
        "They decided to act quickly.",  # the named-Act pattern is case-sensitive
    ],
    "cooperation": [
        "The stock exchange rose.",  # exclusion
        "The exchange rate fell.",  # exclusion
        "A user-friendly app.",  # exclusion
        "It gave free storage in exchange for data.",  # exclusion
    ],
}


def test_every_frame_has_synthetic_cases():
    assert set(SHOULD) == set(load_codebook().frame_ids) == set(SHOULD_NOT)


@pytest.mark.parametrize(
    ("frame", "text", "term"), [(f, t, term) for f, cases in SHOULD.items() for t, term in cases]
)
def test_frame_is_found(frame, text, term):
    assert term in [t for t, _ in _hits(text, frame)], match_text(text)


@pytest.mark.parametrize(("frame", "text"), [(f, t) for f, cases in SHOULD_NOT.items() for t in cases])
def test_frame_is_not_found(frame, text):
    assert _hits(text, frame) == []


def test_exclusion_vetoes_only_its_own_frame():
    assert _hits("The trade secret was stolen.", "legal") == [("trade secret*", "trade secret")]
    assert _hits("The board disclosed a conflict of interest.", "morality") == [
        ("conflict of interest*", "conflict of interest")
    ]
    assert _hits("A price war among retailers.", "economic") == [("price war*", "price war")]


def test_inflections_by_star_and_by_forms():
    text = "They sanctioned firms; sanctions followed; more sanctioning came. Fights, fought, fighting."
    assert [m for _, m in _hits(text, "conflict")] == [
        "sanctioned", "sanctions", "sanctioning", "Fights", "fought", "fighting",
    ]  # fmt: skip
    assert _hits("fighter jets", "conflict") == []  # fight has explicit forms
    assert _hits("fighter jets", "security") == [("fighter jet*", "fighter jets")]


def test_case_insensitive_terms():
    assert _hits("NATIONAL SECURITY and National Security", "security") == [
        ("national security", "NATIONAL SECURITY"),
        ("national security", "National Security"),
    ]


def test_multiword_terms_span_line_breaks_and_hyphens():
    assert _hits("a new trade\nwar and a trade-war", "conflict") == [
        ("trade war*", "trade\nwar"),
        ("trade war*", "trade-war"),
    ]


def test_overlapping_hits_of_one_frame_count_once_longest_wins():
    assert _hits("the trade war", "conflict") == [("trade war*", "trade war")]  # not also "war"
    assert _hits("national security", "security") == [("national security", "national security")]


def test_the_same_words_may_count_for_two_frames():
    found = match_text("the trade war")
    assert found[["frame", "term", "start", "end"]].values.tolist() == [
        ["conflict", "trade war*", 4, 13],
        ["economic", "trade war*", 4, 13],
    ]


def test_longest_indicator_wins_at_a_place_across_terms_and_patterns():
    cb = parse_codebook(
        {
            "frames": [
                {
                    "id": "t",
                    "label": "T",
                    "definition": "d",
                    "terms": ["tech", "tech race"],
                    "patterns": [{"name": "tech + word", "regex": r"tech\s+\w+"}],
                }
            ]
        }
    )
    assert match_text("the tech race", codebook=cb)["term"].tolist() == ["tech race"]  # term wins a tie
    assert match_text("the tech boom", codebook=cb)["term"].tolist() == ["tech + word"]  # longer pattern
    assert match_text("the tech", codebook=cb)["term"].tolist() == ["tech"]


def test_user_codebook_patterns_and_exclusions():
    cb = parse_codebook(
        {
            "frames": [
                {
                    "id": "horse_race",
                    "label": "Horse race",
                    "definition": "who is ahead",
                    "terms": ["poll*", {"term": "lead", "forms": ["lead", "leads", "leading"]}],
                    "patterns": [r"(?-i:[A-Z]\w+) (?:surges|slips)", r"\d+ points? ahead"],
                    "exclude": ["leading cause*"],
                    "exclude_patterns": [r"poll\s+tax"],
                }
            ]
        }
    )
    found = match_text(
        "Polls show Smith surges, 5 points ahead; the lead is real. Leading causes aside, the poll tax. smith slips.",
        codebook=cb,
    )
    assert found["match"].tolist() == ["Polls", "Smith surges", "5 points ahead", "lead"]


def test_currency_patterns_start_at_the_sign():
    found = match_text("It raised $27.8 billion and US$5m, then €3 million.")
    economic = found[found["frame"] == "economic"]
    assert economic["match"].tolist() == ["$27.8 billion", "US$5m", "€3 million"]


def test_matcher_equals_a_plain_reference_implementation():
    """The combined regex finds exactly what trying every indicator at every word start finds."""
    cb = load_codebook()
    reference = _Reference(cb)
    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    texts += [t for cases in SHOULD.values() for t, _ in cases]
    texts += [t for cases in SHOULD_NOT.values() for t in cases]
    for text in texts:
        got = match_text(text, codebook=cb)
        want = reference.find(text)
        assert list(zip(got["frame"], got["term"], got["start"], got["end"], strict=True)) == want


class _Reference:
    """Every indicator as its own regex (IGNORECASE), tried at every word start, in the documented order."""

    def __init__(self, cb):
        self.frames = []
        for frame in cb.frames:
            groups = [self._forms(frame.indicators), self._patterns(frame.indicators)]
            vetoing = [self._forms(frame.exclusions), self._patterns(frame.exclusions)]
            self.frames.append((frame.id, groups, vetoing))

    @staticmethod
    def _forms(indicators):
        entries = []
        for order, ind in enumerate(indicators):
            if ind.kind == "term":
                for form in ind.forms:
                    words = len(re.split(r"\s*-\s*|\s+", form))
                    entries.append(((-words, -len(form.replace("*", "")), order), ind.term, term_regex(form)))
        entries.sort(key=lambda e: e[0])
        return [(term, re.compile(rx, re.IGNORECASE)) for _, term, rx in entries]

    @staticmethod
    def _patterns(indicators):
        return [(i.term, re.compile(i.forms[0], re.IGNORECASE)) for i in indicators if i.kind == "pattern"]

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        starts = [m.start() for m in re.finditer(r"(?<!\w)(?=[\w$€£¥§])", text)]
        out = []
        for frame_no, (frame_id, groups, vetoing) in enumerate(self.frames):
            candidates, vetoes = [], []
            for pos in starts:
                for group in groups:
                    for term, rx in group:
                        if (m := rx.match(text, pos)) and m.end() > pos:
                            candidates.append((pos, m.end(), term))
                            break
                for group in vetoing:
                    for _, rx in group:
                        if (m := rx.match(text, pos)) and m.end() > pos:
                            vetoes.append((pos, m.end()))
                            break
            candidates = [c for c in candidates if not any(c[0] < e and s < c[1] for s, e in vetoes)]
            kept = []
            for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
                if all(c[1] <= k[0] or k[1] <= c[0] for k in kept):
                    kept.append(c)
            out += [(s, frame_no, frame_id, term, e) for s, e, term in kept]
        return [(f, t, s, e) for s, _, f, t, e in sorted(out, key=lambda h: (h[0], h[1]))]


# --- frame_profile: hits -----------------------------------------------------------------------------------------


def test_hits_carry_article_offsets_and_only_body_paragraphs_are_read():
    paragraphs = _paragraphs(
        ("a", ["Trade war looms", "Tariffs rose again.", "Both sides want dialogue."]),
        headings={"a": {0}},
    )
    frames, _ = frame_profile(paragraphs)
    assert frames[["paragraph_id", "frame", "term", "match", "start", "end"]].values.tolist() == [
        [1, "economic", "tariff*", "Tariffs", 17, 24],
        [2, "cooperation", "dialogue", "dialogue", 54, 62],
    ]
    text = _article_text(paragraphs, "a")
    spans = zip(frames["start"], frames["end"], strict=True)
    assert [text[s:e] for s, e in spans] == frames["match"].tolist()
    assert list(frames.columns) == [*COLUMNS["frames"], "match"]


def test_sentence_unit_adds_sentence_ids_and_keeps_article_offsets():
    paragraphs = _paragraphs(("a", ["Intro.", "Tariffs rose. Then came the trade war."]))
    sentences = pd.DataFrame(
        [("a", 1, 0, "Tariffs rose.", 8, 21), ("a", 1, 1, "Then came the trade war.", 22, 46)],
        columns=COLUMNS["sentences"],
    )
    frames, article_frames = frame_profile(paragraphs, unit="sentence", sentences=sentences)
    assert frames[["sentence_id", "frame", "match", "start", "end"]].values.tolist() == [
        [0, "economic", "Tariffs", 8, 15],
        [1, "conflict", "trade war", 36, 45],
        [1, "economic", "trade war", 36, 45],
    ]
    text = _article_text(paragraphs, "a")
    spans = zip(frames["start"], frames["end"], strict=True)
    assert [text[s:e] for s, e in spans] == frames["match"].tolist()
    assert article_frames.set_index("frame").loc["economic", "hits"] == 2


def test_sentence_unit_does_not_join_words_across_sentences():
    paragraphs = _paragraphs(("a", ["We discussed national. Security was not discussed."]))
    sentences = pd.DataFrame(
        [("a", 0, 0, "We discussed national.", 0, 22), ("a", 0, 1, "Security was not discussed.", 23, 50)],
        columns=COLUMNS["sentences"],
    )
    by_sentence, _ = frame_profile(paragraphs, unit="sentence", sentences=sentences)
    assert by_sentence["term"].tolist() == ["security"]


def test_sentence_unit_needs_the_sentences_table():
    with pytest.raises(ValueError, match="needs the sentences table"):
        frame_profile(_paragraphs(("a", ["x"])), unit="sentence")
    with pytest.raises(ValueError, match="unit must be"):
        frame_profile(_paragraphs(("a", ["x"])), unit="article")


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="frame_profile: the paragraphs table lacks columns kind"):
        frame_profile(
            pd.DataFrame({"article_id": [], "paragraph_id": [], "text": [], "start": [], "end": []})
        )


def test_empty_input_gives_empty_tables_with_columns():
    frames, article_frames = frame_profile(pd.DataFrame(columns=COLUMNS["paragraphs"]))
    assert frames.empty and article_frames.empty
    assert list(frames.columns) == [*COLUMNS["frames"], "match"]
    assert list(article_frames.columns) == ARTICLE_FRAME_COLUMNS


# --- frame_profile: the article profile ------------------------------------------------------------------------


def test_every_article_gets_every_frame_zeros_included():
    paragraphs = _paragraphs(
        ("a", ["Tariffs and more tariffs."]), ("b", ["Headline only"]), headings={"b": {0}}
    )
    _, article_frames = frame_profile(paragraphs)
    assert len(article_frames) == 2 * 9
    b = article_frames[article_frames["article_id"] == "b"]
    assert b["hits"].sum() == 0 and not b["present"].any() and not b["dominant"].any()
    assert b["n_words"].tolist() == [0] * 9
    assert b["hits_per_1k_words"].tolist() == [0.0] * 9
    assert sorted(article_frames["frame"].unique()) == sorted(load_codebook().frame_ids)


def test_count_words_rule():
    assert count_words("People-to-people exchange grew 27.8% in China’s 1,300 firms.") == 8
    assert count_words("U.S. officials — and users' data") == 5
    assert count_words("  ") == 0


def _two_frame_codebook():
    return parse_codebook(
        {
            "frames": [
                {"id": "red", "label": "Red", "definition": "d", "terms": ["red"]},
                {"id": "blue", "label": "Blue", "definition": "d", "terms": ["blue"]},
            ]
        }
    )


def test_present_needs_two_hits_and_one_per_thousand_words():
    filler = " ".join(["word"] * 2996)
    paragraphs = _paragraphs(
        # red: 1 hit, absent; blue: 2 hits in 3 words, present
        ("short", ["red blue blue"]),
        # 3002 words: red 2 hits (0.67 per 1k), absent; blue 4 hits (1.33 per 1k), present
        ("long", [f"red red {filler} blue blue blue blue"]),
    )
    af = frame_profile(paragraphs, codebook=_two_frame_codebook())[1].set_index(["article_id", "frame"])
    assert af[["hits", "present"]].to_dict("index") == {
        ("long", "blue"): {"hits": 4, "present": True},
        ("long", "red"): {"hits": 2, "present": False},
        ("short", "blue"): {"hits": 2, "present": True},
        ("short", "red"): {"hits": 1, "present": False},
    }
    assert af.loc[("long", "blue"), "n_words"] == 3002
    assert af.loc[("long", "blue"), "hits_per_1k_words"] == pytest.approx(4000 / 3002, rel=1e-12)
    assert af.loc[("long", "red"), "share_paragraphs"] == 1.0


def test_dominant_is_the_most_frequent_present_frame_with_documented_ties():
    paragraphs = _paragraphs(
        ("more", ["red red blue", "blue blue"]),  # blue 3 > red 2
        ("tie_paragraphs", ["red red blue", "blue"]),  # 2-2; blue in 2 paragraphs, red in 1
        ("tie_order", ["red blue", "red blue"]),  # 2-2 in 2 paragraphs each: codebook order, red first
        ("none", ["red blue"]),  # nothing present
    )
    _, af = frame_profile(paragraphs, codebook=_two_frame_codebook())
    dominant = af[af["dominant"]].set_index("article_id")["frame"].to_dict()
    assert dominant == {"more": "blue", "tie_paragraphs": "blue", "tie_order": "red"}
    ranks = af.set_index(["article_id", "frame"])["rank"].to_dict()
    assert ranks[("none", "red")] == 1 and ranks[("none", "blue")] == 2
    assert af.groupby("article_id")["dominant"].sum().to_dict() == {
        "more": 1, "none": 0, "tie_order": 1, "tie_paragraphs": 1,
    }  # fmt: skip


def test_thresholds_are_options():
    paragraphs = _paragraphs(("a", ["red blue blue"]))
    _, af = frame_profile(paragraphs, codebook=_two_frame_codebook(), min_hits=1)
    assert af.set_index("frame")["present"].to_dict() == {"blue": True, "red": True}
    with pytest.raises(ValueError, match="min_hits >= 1"):
        frame_profile(paragraphs, min_hits=0)


# --- kwic ------------------------------------------------------------------------------------------------------------


def test_kwic_from_paragraphs_and_from_articles():
    paragraphs = _paragraphs(("a", ["Officials fear\nespionage by apps.", "Tariffs rose."]))
    frames, _ = frame_profile(paragraphs)
    by_paragraph = kwic(frames, paragraphs, width=8)
    assert by_paragraph[["frame", "left", "keyword", "right"]].values.tolist() == [
        ["security", "ls fear ", "espionage", " by apps"],
        ["economic", "", "Tariffs", " rose."],
    ]
    articles = pd.DataFrame({"article_id": ["a"], "text": [_article_text(paragraphs, "a")]})
    by_article = kwic(frames, articles, width=8)
    assert by_article["left"].tolist() == ["ls fear ", " apps. "]  # context runs across paragraphs
    assert by_article["keyword"].tolist() == ["espionage", "Tariffs"]


def test_kwic_names_a_missing_article():
    frames, _ = frame_profile(_paragraphs(("a", ["Tariffs rose."])))
    with pytest.raises(ValueError, match=r"the article 'a' of a hit is not in the texts"):
        kwic(frames, pd.DataFrame({"article_id": ["b"], "text": ["x"]}))


# --- the seeds -----------------------------------------------------------------------------------------------------


def _seed_tables(variant: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Paragraphs of the raw seeds and each article's text (what the offsets point into).

    ``normalizer``: tiktok_study.normalize.normalize_text, when it is built. ``lines``: a test-only splitter,
    every non-empty line a body paragraph (boilerplate included). ``long_lines``: the same without lines of
    fewer than 8 words, which drops titles, bylines, "Image source", links and lists of other headlines.
    """
    parts, texts = [], {}
    for path in sorted(RAW.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        if variant == "normalizer":
            paragraphs, texts[path.stem] = _normalized(raw, path.stem)
            parts.append(paragraphs)
            continue
        rows = []
        for m in re.finditer(r"[^\n]+", raw):
            line = m.group()
            if not line.strip() or (variant == "long_lines" and count_words(line) < 8):
                continue
            rows.append((path.stem, len(rows), "body", line, m.start(), m.end()))
        parts.append(pd.DataFrame(rows, columns=COLUMNS["paragraphs"]))
        texts[path.stem] = raw
    return pd.concat(parts, ignore_index=True), texts


def _seed_paragraphs(variant: str) -> pd.DataFrame:
    return _seed_tables(variant)[0]


def _normalized(raw: str, article_id: str) -> tuple[pd.DataFrame, str]:
    from tiktok_study.normalize import normalize_text

    tables = normalize_text(raw, article_id=article_id)
    return tables.paragraphs, tables.articles["text"].iloc[0]


VARIANTS = ["lines", "long_lines", "normalizer"]


@pytest.fixture(scope="module", params=VARIANTS)
def seed_profile(request):
    paragraphs, texts = _seed_tables(request.param)
    frames, article_frames = frame_profile(paragraphs)
    return paragraphs, frames, article_frames, texts


def _row(article_frames, article_id, frame):
    return article_frames[
        (article_frames["article_id"] == article_id) & (article_frames["frame"] == frame)
    ].iloc[0]


def test_seed_cgtn_piece_has_cooperation_among_its_top_frames(seed_profile):
    af = seed_profile[2]
    assert _row(af, CGTN, "cooperation")["rank"] <= 2
    assert _row(af, CGTN, "cooperation")["present"]


def test_seed_rivalry_piece_is_dominated_by_security_or_tech_rivalry(seed_profile):
    af = seed_profile[2]
    dominant = af[(af["article_id"] == RIVALRY) & af["dominant"]]["frame"].tolist()
    assert dominant in (["security"], ["tech_rivalry"])


def test_seed_geekpark_piece_carries_conflict_and_economic(seed_profile):
    af = seed_profile[2]
    assert _row(af, GEEKPARK, "conflict")["present"]
    assert _row(af, GEEKPARK, "economic")["present"]


def test_article_frames_rows_rebuild_from_the_frames_rows(seed_profile):
    """A frame score is explainable: each article_frames row follows from its frames rows and the text."""
    paragraphs, frames, af, texts = seed_profile
    frame_ids = list(load_codebook().frame_ids)
    for article_id in af["article_id"].unique():
        body = paragraphs[(paragraphs["article_id"] == article_id) & (paragraphs["kind"] == "body")]
        words = sum(len(re.findall(r"[^\W_]+(?:['’.,\-‐‑][^\W_]+)*", t)) for t in body["text"])
        rows = af[af["article_id"] == article_id].set_index("frame")
        own = frames[frames["article_id"] == article_id]
        rebuilt = {}
        for frame in frame_ids:
            hits = own[own["frame"] == frame]
            rate = 1000 * len(hits) / words if words else 0.0
            rebuilt[frame] = {
                "hits": len(hits),
                "hits_per_1k_words": rate,
                "share_paragraphs": hits["paragraph_id"].nunique() / len(body) if len(body) else 0.0,
                "present": len(hits) >= 2 and rate >= 1.0,
            }
        present = [f for f in frame_ids if rebuilt[f]["present"]]
        best = max(
            present,
            key=lambda f: (
                rebuilt[f]["hits_per_1k_words"],
                rebuilt[f]["share_paragraphs"],
                -frame_ids.index(f),
            ),
            default=None,
        )
        for frame in frame_ids:
            row = rows.loc[frame]
            assert row["hits"] == rebuilt[frame]["hits"]
            assert math.isclose(row["hits_per_1k_words"], rebuilt[frame]["hits_per_1k_words"], rel_tol=1e-12)
            assert math.isclose(row["share_paragraphs"], rebuilt[frame]["share_paragraphs"], rel_tol=1e-12)
            assert bool(row["present"]) == rebuilt[frame]["present"]
            assert bool(row["dominant"]) == (frame == best)
        text = texts[article_id]
        assert all(text[s:e] == m for s, e, m in zip(own["start"], own["end"], own["match"], strict=True))


def test_seed_sentence_unit_finds_the_paragraph_hits_when_no_phrase_spans_sentences():
    paragraphs = _seed_paragraphs("long_lines")
    rows, counter = [], {}
    for r in paragraphs.itertuples():
        for s, e in sentence_spans(r.text):
            n = counter[r.article_id] = counter.get(r.article_id, -1) + 1
            rows.append((r.article_id, r.paragraph_id, n, r.text[s:e], r.start + s, r.start + e))
    sentences = pd.DataFrame(rows, columns=COLUMNS["sentences"])
    by_paragraph, _ = frame_profile(paragraphs)
    by_sentence, _ = frame_profile(paragraphs, unit="sentence", sentences=sentences)
    key = ["article_id", "frame", "term", "start", "end"]
    assert by_sentence[key].values.tolist() == by_paragraph[key].values.tolist()
    assert by_sentence["sentence_id"].notna().all()
