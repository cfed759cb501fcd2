"""Page furniture that whole-line rules miss: shortened copies, flattened blocks, page footers, glued tails.

Scrapers and feeds flatten a page: a caption, a newsletter prompt or a promo ends up inside a paragraph, a
teaser copy of the lede precedes the full text, related headlines sit between paragraphs without their
links, and the page's footer (topics, event promos, newsletters) follows the last sentence. These rules
follow from that shape, not from any outlet's words:

* :func:`truncated_copies` — a line that is the beginning of a later line (a description or teaser cut off,
  often ending in "...") is a copy (``truncated-copy``);
* :func:`unpunctuated_runs` — inside a punctuated body, two or more short lines without closing punctuation
  in a row are a flattened related block or caption group (``related:headline-run``); a single long one is a
  photo caption (``caption``);
* :func:`page_footer` — from a footer label ("Topics", "Related:", "Newsletters") or a promo block after the
  body to the end of the page (``page-footer``); a last heading-led section that asks the reader questions
  (``engagement``);
* :func:`sentence_cuts` — prompt, promo and caption sentences cut out of the running text of a line
  (``flattened-furniture``), a promo glued after the last sentence (``promo-tail``), a wire credit and what
  follows it at the end (``metadata:credit-line``, ``wire-footer``);
* :func:`tail_cuts` — end marks (■ ®) and a video credit ("X's Jane Doe reports. (Source: X)") at the very end;
* :func:`credited_captions` — the one-sentence line above a bare photo credit ("Jim Watson | AFP | Getty
  Images"); :func:`prompt_sections` — the short section under a sign-up heading; :func:`lead_label` — a
  bracketed lead-in label ("【新智元导读】").

Functions on lines change them in place (rules set; partial cuts returned as ``(line_no, text, rule)``);
:func:`tail_cuts` and :func:`lead_label` work on the built paragraphs.

Example:
    >>> from tiktok_study.normalize.lines import to_lines
    >>> lines = to_lines("The court ruled on the case of the ban on Friday and...\\n\\n"
    ...                  "The court ruled on the case of the ban on Friday and the company said it would appeal.")
    >>> truncated_copies(lines)
    >>> [x.rule for x in lines]
    ['truncated-copy', None, None]
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Sequence

from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.lines import Line

__all__ = [
    "credited_captions",
    "ends_in_ellipsis",
    "lead_label",
    "page_footer",
    "press_release_footer",
    "prompt_sections",
    "sentence_cuts",
    "signature_quote",
    "split_sentences",
    "tail_cuts",
    "truncated_copies",
    "unpunctuated_runs",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
# a stop, then a capital (not a digit: "Dec. 13", "No. 5"); the match holds the stop itself (a pattern that starts
# with a character class is found by the engine's fast scan, one that starts with a lookbehind is tried everywhere)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z\u4e00-\u9fff])")
LEAD_LABEL = re.compile(r"^【[^】]{0,12}(?:导读|导语|摘要|编者按|提要|按)】\s*")
ELLIPSIS_END = re.compile(r"\s*(?:\.{3}|…)\s*$")
END_MARK = re.compile(r"\s*[■□▪◼◾●◆♦®]\s*$")
VIDEO_CREDIT = re.compile(
    r"(?:(?<=[.!?”\"])|^)\s*(?:[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,2}(?:['’]s)\s+)?"
    r"[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){1,2}(?:(?:,\s*|\s+and\s+)[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){1,2}){0,3}"
    r"\s+reports?\.\s*(?:\((?i:source|via)\s*[:：]\s*(?P<source>[^()]{1,40})\)\s*)?$"
)
SOURCE_TAIL = re.compile(
    r"(?:(?<=[.!?”\"])|^)\s*\((?:source|via)\s*[:：]\s*(?P<source>[^()]{1,40})\)\s*$", re.I
)
WIRE_CREDIT = re.compile(
    r"(?:(?<=[.!?”\"])\s+|^)\(?(?:(?:additional )?reporting|writing|editing) by [A-Z]", re.I
)
CTA_START = re.compile(rf"^[^\w]{{0,4}}(?:{bp.CTA_VERB}|unlock|discover|explore|try|start)\b", re.I)
PROMO_BLOCK_WORDS = re.compile(
    r"\b(?:register|tickets?|save (?:up to )?\$|don['’]t miss|early bird|join us|agenda|sign up|subscribe|"
    r"newsletters?|webinar|conference|summit|events?|rates end|book now|learn more)\b",
    re.I,
)
LIST_ENTRY = re.compile(r"^\W{0,3}(?:\d|[^\W\d_][\w’'.-]*(?:\s+[\w’'.-]+){0,2}\s*:\s)")
# a line of reported speech that lost its full stop ("…, a company spokeswoman said") is text, not a caption
ATTRIBUTION_END = re.compile(
    r"\b(?:said|says|told [\w ]{1,30}|added|wrote|reported|according to [\w .'’-]{1,60})$", re.I
)
CAPTION_WORDS = re.compile(
    r"\b(?:pictured|seen|shown|left|right|above|below|file photo|photographed)\b", re.I
)
# where a Chinese platform's page chrome starts after the article (WeChat: "预览时标签不可点", "微信扫一扫")
CJK_FOOTER = re.compile(r"^(?:预览时标签不可点|微信扫一扫|继续滑动看下一个|向上滑动看下一个|轻触阅读原文)")
LINE_CLOSERS = ".!?…。！？:：;\"'”’)]»"
# where a press release's boilerplate starts: the issuer's "About X" heading (X's profile follows) or a wire label
ABOUT_LABEL = re.compile(
    r"^(?:about|über|à propos de|acerca de|sobre)\s+(?P<name>[^\W\d_][\w.&'’ -]{0,50})$", re.I
)
WIRE_LABEL = re.compile(
    r"^(?:note to (?:investors|editors)|notes to editors|forward[- ]looking statements?|safe harbou?r statement|"
    r"(?:media|press|investor) (?:contacts?|inquiries|enquiries|relations)|for (?:further|more) information,? contact)"
    r"\s*(?:[:：]|$)",
    re.I,
)
# a newswire's closing issuer line, in capitals ("SOURCE Acme Corp")
PR_SOURCE = re.compile(r"^SOURCE\s+[A-Z0-9]")
#: line rules that also label the start of a page footer (a reprint notice or copyright line closes the story)
FOOTER_LABEL_RULES = frozenset({"related:header", "engagement", "copyright", "end-mark"})
# a short quotation closed by its attribution after a dash, alone at the end of a page ("… --Garfield")
SIGNATURE_QUOTE = re.compile(r"[.!?。！？…\"”]\s*(?:--|——|―)\s*[^\W\d_][\w.’' -]{0,24}$")

#: line rules that mark a sentence inside running text as furniture
SENTENCE_RULES = frozenset({
    "call-to-action", "paywall", "subscribe-block", "interface-label", "engagement", "video-promo",
    "caption-credit", "promo-label", "copyright", "related:link",
})  # fmt: skip
NEWS_LINE_WORDS = 10  # a line of running news text has at least this many words …
NEWS_LINE_CJK = 25  # … or Chinese characters (one is about half a word)
SHORT_SENTENCE_WORDS = 12  # a furniture sentence inside the text is short
LEAD_SCAN = 12  # content lines looked at for teaser copies


def _content(lines: Sequence[Line]) -> list[int]:
    return [i for i, x in enumerate(lines) if x.kind != "blank" and x.rule is None]


def ends_in_ellipsis(text: str) -> bool:
    """Does ``text`` end in "..." or "…" (whitespace after it allowed)? The same as ``ELLIPSIS_END.search(text)``.

    The regex's ``\\s`` and ``str.rstrip`` strip the same characters (Python's own test of Unicode whitespace), so
    the answer is equal; the regex, tried at every position of a long paragraph, cost ~50 µs a line.

    Example:
        >>> ends_in_ellipsis("The talks went on for … "), ends_in_ellipsis("It ended. ... And then")
        (True, False)
    """
    return text.rstrip().endswith(("...", "…"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans of ``text`` (a stop, then a capital): enough to find furniture sentences.

    Example:
        >>> t = "Sign up here. The EU said so."
        >>> [t[a:b] for a, b in split_sentences(t)]
        ['Sign up here.', 'The EU said so.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())  # after the stop and its closing quotes
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def truncated_copies(lines: Sequence[Line]) -> None:
    """Cut a line near the top that a later line begins with (a teaser or description cut short)."""
    content = _content(lines)
    candidates: dict[int, str] = {}
    for i in content[:LEAD_SCAN]:
        text = lines[i].text
        ellipsis = ends_in_ellipsis(text)
        if lines[i].kind == "heading" or (bp.word_count(text) < 12 and not ellipsis):
            continue  # a headline repeated before "Headline By Jane Doe" is not a teaser
        key = bp.title_key(ELLIPSIS_END.sub("", text) if ellipsis else text)
        if len(key) >= 40:
            candidates[i] = key
    if not candidates:
        return
    by_head: dict[str, list[int]] = {}
    for i, key in candidates.items():
        by_head.setdefault(key[:12], []).append(i)
    for j in content:  # one cheap look at the start of each line, the full key only on a match
        waiting = by_head.get(bp.title_key(lines[j].text[:40])[:12])
        if not waiting:
            continue
        later = None
        for i in waiting:
            if j > i and lines[i].rule is None:
                later = later if later is not None else bp.title_key(lines[j].text)
                if len(later) > len(candidates[i]) and later.startswith(candidates[i]):
                    lines[i].rule = "truncated-copy"


def _ends_open(text: str) -> bool:
    return text.rstrip()[-1:] not in LINE_CLOSERS


def unpunctuated_runs(lines: Sequence[Line], *, first: int | None, last: int | None) -> None:
    """Cut unpunctuated lines between the first and last prose lines of a body written in full sentences."""
    if first is None or last is None or last <= first:
        return
    inner = [i for i in _content(lines) if first < i < last and lines[i].kind == "text"]
    long_lines = [i for i in _content(lines) if bp.word_count(lines[i].text) >= 9]
    if len(long_lines) < 4:
        return
    closed = sum(1 for i in long_lines if not _ends_open(lines[i].text))
    if closed < 0.75 * len(long_lines):
        return  # a text that does not close its sentences: no sign of furniture
    run: list[int] = []

    def settle(run: list[int]) -> None:
        if len(run) >= 2 and all(bp.word_count(lines[i].text) <= 20 for i in run):
            rule = (
                "caption" if any(CAPTION_WORDS.search(lines[i].text) for i in run) else "related:headline-run"
            )
            for i in run:
                lines[i].rule = rule
        elif len(run) == 1:
            text = lines[run[0]].text
            if (
                not bp.CJK.search(
                    text
                )  # a short unpunctuated Chinese line is a subhead (a CJK character counts as a word)
                and 9 <= bp.word_count(text) <= 40
                and not bp.is_title_case(text)
                and not bp.INTERNAL_SENTENCE.search(text)
                and not ATTRIBUTION_END.search(text)
            ):
                lines[run[0]].rule = "caption"

    for i in inner:
        text = lines[i].text
        listed = bool(
            LIST_ENTRY.match(text)
        )  # "March 2012: …", "3. …": a timeline or list entry, not furniture
        if not listed and _ends_open(text) and 4 <= bp.word_count(text) <= 40 and bp.LETTERS.search(text):
            if run and not _adjacent(lines, run[-1], i):
                settle(run)
                run = []
            run.append(i)
        else:
            settle(run)
            run = []
    settle(run)


def _adjacent(lines: Sequence[Line], a: int, b: int) -> bool:
    """No kept content line between ``a`` and ``b``."""
    return all(lines[k].kind == "blank" or lines[k].rule is not None for k in range(a + 1, b))


def page_footer(lines: Sequence[Line]) -> None:
    """Cut the page footer: from a footer label or promo block after the body to the end; an engagement box."""
    content = _content(lines)
    if len(content) < 3:
        return
    words = [bp.word_count(lines[i].text) for i in content]
    total = sum(words)
    prefix = list(itertools.accumulate(words, initial=0))
    for i, x in enumerate(lines):
        if x.kind == "blank":
            continue
        pos = bisect.bisect_left(content, i)
        if prefix[pos] < 0.5 * total:
            continue
        if x.rule is not None:
            label = x.rule in FOOTER_LABEL_RULES or bool(
                CJK_FOOTER.match(x.text) or bp.END_MARKER.match(x.text)
            )
        elif bp.word_count(x.text) > 4 or not _ends_open(x.text):
            continue
        else:
            label = (
                bool(
                    bp.RELATED_HEADER.match(x.text) or CJK_FOOTER.match(x.text) or bp.END_MARKER.match(x.text)
                )
                or bp.line_rule(x.text) in ("engagement", "related:header")
                or _promo_follows([lines[j].text for j in content[pos + 1 : pos + 4]])
            )
        if label and total - prefix[pos] <= 0.4 * total and not _news_follows(lines, content[pos:]):
            if pos > 0 and ends_in_ellipsis(lines[content[pos - 1]].text) and x.rule == "related:header":
                pos -= 1  # the teaser a "Read more" label belongs to
            for j in content[pos:]:
                lines[j].rule = "page-footer"
            return
    _engagement_box(lines)


def press_release_footer(lines: Sequence[Line]) -> None:
    """Cut a press release's boilerplate: from the issuer's "About X" section or a wire label to the end.

    A release ends with fixed parts after the news: a note to investors or editors, "About X" with the
    issuer's profile (its first line names X), forward-looking statements, media contacts. They start after
    the first sentence of the body and run to the end; a "Read more" label and the teaser it closes go with them.
    """
    content = _content(lines)
    prose = [i for i in content if bp.is_prose(lines[i].text)]
    if len(prose) < 2:
        return
    for pos, i in enumerate(content):
        if i <= prose[0]:
            continue
        text = lines[i].text
        about = ABOUT_LABEL.match(text) if bp.word_count(text) <= 8 else None
        if about:
            name = about.group("name").strip()
            nxt = content[pos + 1] if pos + 1 < len(content) else None
            if nxt is None or not lines[nxt].text.startswith(name + " "):
                continue  # the profile opens with the issuer's name ("Acme is …"); a subhead "About the ban" does not
        elif not WIRE_LABEL.match(text) and not (PR_SOURCE.match(text) and bp.word_count(text) <= 8):
            continue
        start = pos
        k = i - 1
        while k > 0 and (lines[k].kind == "blank" or lines[k].rule == "related:header"):
            k -= 1
        read_more = any(lines[m].rule == "related:header" for m in range(k + 1, i))
        if read_more and pos > 0 and content[pos - 1] == k and ends_in_ellipsis(lines[k].text):
            start = pos - 1  # the teaser a "Read more" label closes
        if content[start] <= prose[0]:
            return
        for j in content[start:]:
            lines[j].rule = "page-footer"
        return


def signature_quote(lines: Sequence[Line]) -> None:
    """Cut a page's random signature quote ("… --Garfield") standing after the last paragraph."""
    content = _content(lines)
    if len(content) < 3:
        return
    x = lines[content[-1]]
    if bp.word_count(x.text) <= 80 and SIGNATURE_QUOTE.search(x.text):
        x.rule = "page-footer"


def _news_follows(lines: Sequence[Line], rest: list[int]) -> bool:
    """Is there running news text after a label (more than a third of the lines are plain prose)?"""
    if not rest:
        return False
    plain = sum(
        1
        for i in rest
        if bp.word_count(lines[i].text)
        >= (NEWS_LINE_CJK if bp.CJK.search(lines[i].text) else NEWS_LINE_WORDS)
        and not _ends_open(lines[i].text)
        and not PROMO_BLOCK_WORDS.search(lines[i].text)
    )
    return plain * 3 > len(rest)


def _promo_follows(following: list[str]) -> bool:
    """Do the next lines read like an event or newsletter promo (promo words, a short button-like line)?"""
    return (
        bool(following)
        and any(PROMO_BLOCK_WORDS.search(t) for t in following)
        and any(bp.word_count(t) <= 12 and _ends_open(t) for t in following)
    )


def prompt_sections(lines: Sequence[Line]) -> None:
    """A heading that is a sign-up prompt ("Sign up for X") takes its short section with it (``subscribe-block``)."""
    for i, x in enumerate(lines):
        if x.kind != "heading" or x.rule not in ("call-to-action", "subscribe-block", "paywall"):
            continue
        taken = 0
        for j in range(i + 1, min(len(lines), i + 12)):
            y = lines[j]
            if y.kind == "blank" or y.rule is not None:
                continue
            if y.kind == "heading" or bp.word_count(y.text) > 25 or taken >= 3:
                break
            tagline = _ends_open(y.text) and bp.word_count(y.text) <= 15
            if not tagline and not bp.NEWSLETTER_WORDS.search(y.text) and bp.line_rule(y.text) is None:
                break  # the story goes on
            y.rule = "subscribe-block"
            taken += 1


def credited_captions(lines: Sequence[Line]) -> None:
    """The line just above a bare photo credit ("Jim Watson | AFP | Getty Images") is its caption (``caption``)."""
    for i, x in enumerate(lines):
        if x.rule != "caption-credit" or len(x.text) > 60 or "|" not in x.text:
            continue
        j = i - 1
        while j >= 0 and lines[j].kind == "blank":
            j -= 1
        if (
            j >= 0
            and lines[j].rule is None
            and lines[j].kind == "text"
            and bp.word_count(lines[j].text) <= 60
            and len(split_sentences(lines[j].text)) == 1  # a caption is one sentence; a paragraph often more
        ):
            lines[j].rule = "caption"


def _engagement_box(lines: Sequence[Line]) -> None:
    content = _content(lines)
    heads = [i for i in content if lines[i].kind == "heading"]
    if not heads:
        return
    h = heads[-1]
    section = [i for i in content if i > h]
    if not section or sum(bp.word_count(lines[i].text) for i in section) > 120:
        return
    questions = sum(lines[i].text.rstrip().count("?") for i in section)
    if questions >= 2 and len(section) <= 6:
        for i in [h, *section]:
            lines[i].rule = "engagement"


def _cut_span(x: Line, a: int, b: int, rule: str, cuts: list[tuple[int, str, str]]) -> None:
    cut = x.text[a:b].strip()
    if not cut:
        return
    cuts.append((x.no, cut, rule))
    x.text = (x.text[:a].rstrip() + " " + x.text[b:].lstrip()).strip()


def _furniture_sentence(sentence: str) -> bool:
    if bp.word_count(sentence) > 25:
        return False
    return bp.line_rule(sentence) in SENTENCE_RULES


def sentence_cuts(
    lines: Sequence[Line], *, first: int | None, last: int | None
) -> list[tuple[int, str, str]]:
    """Cut furniture sentences out of the running text (see the module docstring); return the partial cuts."""
    cuts: list[tuple[int, str, str]] = []
    content = _content(lines)
    if not content:
        return cuts
    last_i = content[-1] if last is None else max(i for i in content if i <= max(last, content[0]))
    cuts.extend(_wire_footer(lines[last_i]))
    cuts.extend(_promo_tail(lines[last_i]))
    for i in content:
        x = lines[i]
        spans = split_sentences(x.text)
        if len(spans) < 2:
            continue
        # leading sentences of the first lines, short ones anywhere
        kill: list[tuple[int, int]] = []
        leading = first is None or i <= first
        for k, (a, b) in enumerate(spans):
            sentence = x.text[a:b]
            if leading and k < len(spans) - 1 and _furniture_sentence(sentence):
                kill.append((a, b))
                continue
            leading = False
            if bp.word_count(sentence) <= SHORT_SENTENCE_WORDS and _furniture_sentence(sentence):
                kill.append((a, b))
        for a, b in reversed(kill):
            if b - a < len(x.text):
                _cut_span(x, a, b, "flattened-furniture", cuts)
    if _punctuated(lines, content):
        for i in content:
            cuts.extend(_glued_tail(lines[i]))
    return cuts


def _punctuated(lines: Sequence[Line], content: list[int]) -> bool:
    """Does the text close its sentences (three in four of its longer lines end with a stop)?"""
    long_lines = [i for i in content if bp.word_count(lines[i].text) >= 9]
    closed = sum(1 for i in long_lines if not _ends_open(lines[i].text))
    return len(long_lines) >= 4 and closed >= 0.75 * len(long_lines)


def _glued_tail(x: Line) -> list[tuple[int, str, str]]:
    """An unpunctuated headline or caption glued after a paragraph's last full sentence (a flattened page)."""
    if not x.text[-1:].isalnum():  # a headline or caption ends on a word (not on ■, a quote or a stop)
        return []
    spans = split_sentences(x.text)
    if len(spans) < 2:
        return []
    a, _ = spans[-1]
    tail = x.text[a:].strip()
    if not 4 <= bp.word_count(tail) <= 16 or LIST_ENTRY.match(tail) or ATTRIBUTION_END.search(tail):
        return []
    credited = bool(bp.CAPTION_TAIL.search(tail) or bp.CAPTION_CREDIT.search(tail))
    x.text = x.text[:a].rstrip()
    return [(x.no, tail, "caption" if credited else "related:headline")]


def _wire_footer(x: Line) -> list[tuple[int, str, str]]:
    m = WIRE_CREDIT.search(x.text, max(0, len(x.text) - 3000))
    if not m or m.start() == 0:
        return []
    start = m.start()
    tail = x.text[start:].strip()
    spans = split_sentences(tail)
    credit_end = spans[0][1] if spans else len(tail)
    cut = [(x.no, tail[:credit_end].strip(), "metadata:credit-line")]
    if tail[credit_end:].strip():
        cut.append((x.no, tail[credit_end:].strip(), "wire-footer"))
    x.text = x.text[:start].rstrip()
    return cut


def _promo_tail(x: Line) -> list[tuple[int, str, str]]:
    cuts: list[tuple[int, str, str]] = []
    spans = split_sentences(x.text)
    label_cut = False
    while len(spans) >= 2:
        a, b = spans[-1]
        sentence = x.text[a:b]
        rule = bp.line_rule(sentence)
        if rule in ("interface-label", "call-to-action", "paywall") or (
            label_cut and CTA_START.match(sentence) and bp.word_count(sentence) <= 15
        ):
            cuts.append((x.no, sentence.strip(), "promo-tail"))
            x.text = x.text[:a].rstrip()
            label_cut = True
            spans = spans[:-1]
            continue
        break
    return cuts


def lead_label(paragraphs: list[tuple[str, str, int]]) -> list[tuple[int, str, str]]:
    """A bracketed lead-in label opening the first body paragraph ("【新智元导读】…"): cut, the text kept."""
    if not paragraphs:
        return []
    kind, text, no = paragraphs[0]
    m = LEAD_LABEL.match(text)
    if m and len(text) > m.end() + 10:
        rest = text[m.end() :]
        paragraphs[0] = ("body" if bp.ends_sentence(rest) else kind, rest, no)
        return [(no, m.group(0).strip(), "page-header")]
    return []


def tail_cuts(paragraphs: list[tuple[str, str, int]]) -> tuple[list[tuple[int, str, str]], str | None]:
    """End marks and a video credit at the end of the last body paragraph: ``(cuts, source named)``."""
    cuts: list[tuple[int, str, str]] = []
    source = None
    for p in range(len(paragraphs) - 1, -1, -1):
        kind, text, no = paragraphs[p]
        if kind != "body":
            continue
        m = END_MARK.search(text)
        if m and m.start() > 0:
            cuts.append((no, text[m.start() :].strip(), "end-mark"))
            text = text[: m.start()].rstrip()
        m = VIDEO_CREDIT.search(text, max(0, len(text) - 300)) or SOURCE_TAIL.search(
            text, max(0, len(text) - 100)
        )
        if m and m.start() > 0:
            cuts.append((no, text[m.start() :].strip(), "caption-credit"))
            source = md.parse_source("Source: " + m.group("source")) if m.group("source") else None
            text = text[: m.start()].rstrip()
        paragraphs[p] = (kind, text, no)
        break
    return cuts, source[0] if source else None
