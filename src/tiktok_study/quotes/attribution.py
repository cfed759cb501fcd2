"""Attribution and kind: who speaks each quotation (before, after, according to, pronouns) and speech vs term."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import replace

from tiktok_study.quotes.lexicon import (
    _CATEGORY_NOUNS,
    _DETERMINERS,
    _FUNCTION_WORDS,
    _NOT_NAMES,
    _PERSONAL_PRONOUNS,
    _SPEECH_VERBS,
    _TITLES,
    ACCORDING_TO_RE,
    CATEGORY_AFTER_RE,
    COMMA_END_RE,
    DASH_OR_PARENTHESIS_END_RE,
    DETERMINER_END_RE,
    HONORIFIC_GENDER,
    HONORIFIC_STOP_END_RE,
    INNER_SENTENCE_END_RE,
    INTRODUCING_PUNCTUATION_END_RE,
    INVERTED_INTRO_END_RE,
    LOCATIVE_BEFORE_RE,
    NAME_RUN_END_RE,
    NAMING_CUE_END_RE,
    NOT_A_SPEAKER_RE,
    PAST_TENSE_RE,
    PRONOUN_OPENING_RE,
    PUT_IT_END_RE,
    SENTENCE_STOP_RE,
    SPEECH_VERB_RE,
    VERB_TAIL_END_RE,
    WORD_RE,
)
from tiktok_study.quotes.marks import _marks, _pair, _Quote, _Speaker
from tiktok_study.quotes.speakers import (
    _clean_run,
    _is_org,
    _nearest_person,
    _nearest_subject,
    _person_from_run,
    _post_attribution,
    _subject_after,
    _subject_before,
)
from tiktok_study.text import sentence_spans

__all__: list[str] = []  # internal to tiktok_study.quotes


def _ends_introducing(pre: str) -> bool:
    """Whether ``pre`` ends like ``VERB_TAIL_END_RE`` needs: ``:`` or ``,``, blanks, maybe "that" and blanks.

    A cheap test that lets the backward search be skipped where it cannot match (``str.rstrip`` strips what
    ``\\s`` matches).

    Example:
        >>> [_ends_introducing(p) for p in ("He said: ", "He said, that ", "He said, that", "He said")]
        [True, True, False, False]
    """
    tail = pre.rstrip()
    if tail.endswith("that") and len(tail) < len(pre):
        tail = tail[:-4].rstrip()
    return tail.endswith((":", ","))


MAX_VERBS_TRIED = 4  # speech verbs before a quotation tried for a subject, nearest first


def _pre_attribution(text: str, lo: int, open_: int) -> tuple[_Speaker | None, str | None, bool]:
    """Attribution before a quotation: (speaker, verb, introduces) — introduces: "X said: “…”"."""
    pre = text[lo:open_]
    m = VERB_TAIL_END_RE.search(pre) if _ends_introducing(pre) else None
    if m and m.group("verb").lower() in _SPEECH_VERBS:
        speaker = _subject_before(text, lo, lo + m.start("verb"))
        if speaker is not None:
            return speaker, m.group("verb").lower(), True
    if m and m.group("verb") == "it" and PUT_IT_END_RE.search(pre):
        v = PUT_IT_END_RE.search(pre)
        assert v is not None
        speaker = _subject_before(text, lo, lo + v.start())
        if speaker is not None:
            return speaker, "put it", True
    if m and pre.rstrip().endswith(":") and PAST_TENSE_RE.fullmatch(m.group("verb")):
        speaker = _subject_before(text, lo, lo + m.start("verb"))  # "Mr. Christie gloated: “…”"
        if speaker is not None and speaker.name is not None:
            return speaker, m.group("verb"), True
    if pre.rstrip().endswith(":"):
        inv = INVERTED_INTRO_END_RE.search(pre, _tail_start(pre, 6, punctuation=":"))
        if inv and _clean_run(inv.group("run")):
            verb = inv.group("verb")
            if verb is None or verb.lower() in _SPEECH_VERBS or verb.endswith("ed"):
                speaker = _person_from_run(inv.group("run"))
                if speaker is not None:
                    return speaker, verb.lower() if verb else None, True
    according = list(ACCORDING_TO_RE.finditer(text, lo, open_)) if "ccording" in pre else []
    acc = according[-1] if according else None  # the last "according to" before the quotation
    if acc is not None:
        speaker, _ = _subject_after(text, acc.end(), open_)
        if speaker is not None:
            return speaker, "according to", bool(COMMA_END_RE.search(pre))
    named = _name_before_colon(pre)
    if named is not None:
        return named, None, True
    speaker, verb = _speech_verb_subject(text, lo, open_)
    return speaker, verb, False


def _speech_verb_subject(text: str, lo: int, open_: int) -> tuple[_Speaker | None, str | None]:
    """The subject of the nearest of the last ``MAX_VERBS_TRIED`` speech verbs before a quotation that has one:
    before the verb, after a verb opening the sentence, or the clause's subject for a participle."""
    verbs = list(SPEECH_VERB_RE.finditer(text, lo, open_))
    for v in reversed(verbs[-MAX_VERBS_TRIED:]):
        verb = v.group("verb")
        if verb[:1].isupper() and not text[lo : v.start()].strip():  # "Said Dorothy Poynter, who …, “…”"
            speaker, _ = _subject_after(text, v.end(), open_)
        elif verb[:1].isupper():
            continue  # a name word inside a sentence: "the United States", "The Post"
        elif verb.endswith("ing") and text[lo : v.start()].rstrip().endswith(","):
            speaker = _participle_subject(
                text, lo, v.start()
            )  # "Abedin emailed supporters, telling them, “…”"
        else:
            speaker = _subject_before(text, lo, v.start())
        if speaker is not None:
            return speaker, verb.lower()
    return None, None


def _name_before_colon(pre: str) -> _Speaker | None:
    """A person named right before the colon that introduces the quotation ("… surprise Republican pollster
    Daron Shaw: “…”"): two or more name words, not an organization, not a place ("in New Hampshire:")."""
    if not pre.rstrip().endswith(":"):
        return None
    m = NAME_RUN_END_RE.search(pre.rstrip()[:-1].rstrip(), _tail_start(pre, 6, punctuation=":"))
    if m is None or LOCATIVE_BEFORE_RE.search(pre, max(0, m.start() - 12), m.start()):
        return None
    tokens = _clean_run(m.group("run"))
    if len(tokens) < 2 or _is_org(tokens) or any(t in _NOT_NAMES for t in tokens):
        return None
    person = _person_from_run(m.group("run"), pre[: m.start()])
    return person if person is not None and person.name is not None and " " in person.name else None


def _participle_subject(text: str, lo: int, verb_start: int) -> _Speaker | None:
    """The subject of the clause a participle ("saying", "telling", "adding") is attached to: a pronoun opening
    the sentence, or the last person named as a subject before the participle."""
    m = PRONOUN_OPENING_RE.match(text, lo, verb_start)
    if m:
        return _Speaker(name=None, pronoun=m.group("p").lower())
    found = _nearest_subject(text, max(0, lo - 3), verb_start, None)
    return None if found is None else found[1]


def _opens_aside(text: str, lo: int, open_: int) -> bool:
    """Whether the quotation follows a dash or an opening parenthesis ("Mr. Biden suggested … - ''He would have
    loved Stalin''"): it opens a clause of its own, as after a colon. (A quotation right after a speech verb,
    "Elliott said “there is …”", stays partial: PolNeAR's annotators mark it with the verb's object as often as
    alone, and counting it as a direct quotation measured no better on the dev fold.)"""
    return bool(DASH_OR_PARENTHESIS_END_RE.search(text, max(lo, open_ - 4), open_))


def _introduced_by_paragraph_before(
    text: str, before: tuple[int, int, int], lo: int, open_: int
) -> tuple[_Speaker | None, str | None, bool]:
    """A quotation opening its paragraph after one that ends with a colon ("Breitbart News responded:",
    "In a 1963 speech, he declared:"): the attribution is that paragraph's last sentence."""
    _, p_lo, p_hi = before
    if text[lo:open_].strip() or not text[p_lo:p_hi].rstrip().endswith(":"):
        return None, None, False
    start = max(p_lo, p_hi - ATTRIBUTION_WINDOW)
    spans = sentence_spans(text[start:p_hi])
    if spans:
        start += spans[-1][0]
    return _pre_attribution(text, start, open_)


def _is_title_case(content: str) -> bool:
    """A title: at least two content words, every one capitalized ("The China Race: Competition for …")."""
    words = [w for w in WORD_RE.findall(content) if w.lower() not in _FUNCTION_WORDS]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _tail_start(pre: str, tokens: int, *, punctuation: str = "") -> int:
    """Where the last ``tokens`` (≥ 1) blank-separated tokens of ``pre`` begin (trailing blanks ignored, and one
    trailing character of ``punctuation`` with the blanks around it; 0 when ``pre`` has fewer tokens).

    A phrase of at most ``tokens`` words that must end at the end of ``pre`` (``…\\s*$``) cannot start before
    this index, so an end-anchored search may start here and find the same match without trying every earlier
    position (``str.isspace`` is what ``\\s`` matches).

    Example:
        >>> pre = "a theory he once called , "
        >>> pre[_tail_start(pre, 2, punctuation=",:") :]
        'once called , '
    """
    s = pre.rstrip()
    if punctuation and s and s[-1] in punctuation:
        s = s[:-1].rstrip()
    parts = s.rsplit(None, tokens)  # at most ``tokens`` tokens, and what comes before them
    if len(parts) > tokens:
        return len(s) - len(s[len(parts[0]) :].lstrip())
    if len(parts) == tokens:
        return len(s) - len(s.lstrip())
    return 0


def _naming_cue_before(pre: str) -> bool:
    """Whether ``pre`` ends with a naming cue (``NAMING_CUE_END_RE``: a cue of one or two words, then maybe
    a comma or colon)."""
    return bool(NAMING_CUE_END_RE.search(pre, _tail_start(pre, 2, punctuation=",:")))


def _is_mention(text: str, q: _Quote, lo: int, content: str) -> bool:
    """A name or a mention rather than someone's words (see the module docstring)."""
    pre = text[lo : q.open]
    n_words = len(WORD_RE.findall(content))
    if _naming_cue_before(pre):
        return True
    first = content.split()[0].lower() if content.split() else ""
    if n_words <= 4 and first not in _DETERMINERS and DETERMINER_END_RE.search(pre, _tail_start(pre, 2)):
        return True
    after = CATEGORY_AFTER_RE.match(text, q.after)
    if n_words <= 4 and after and after.group("noun") in _CATEGORY_NOUNS:
        return True
    return _is_title_case(content) and not INNER_SENTENCE_END_RE.search(content)


# Characters read on either side of a quotation for its attribution: a news sentence introduces its quotation
# within a few dozen words, and the bound keeps the scan linear in the text (a 100 KB "sentence" of quotation
# marks is read in 2 x 400-character windows per quotation, not from its start each time).
ATTRIBUTION_WINDOW = 400


def _sentence_bounds(spans: list[tuple[int, int]], pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence of ``spans`` (sorted, not overlapping) that holds ``pos``, else (lo, hi)."""
    i = bisect_right(spans, (pos, math.inf)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return lo, hi


def _past_abbreviation(text: str, spans: list[tuple[int, int]], end: int, hi: int) -> int:
    """``end``, or the end of the next sentence of ``spans`` when the splitter cut after an honorific or an
    initial ("“…,” Gov. | Kasich replied."); once, so a run of such cuts stays linear."""
    if end < hi and HONORIFIC_STOP_END_RE.search(text, max(0, end - 6), end):
        return _sentence_bounds(spans, end + 1, end, end)[1] if end + 1 < hi else end
    return end


def _window_start(text: str, lo: int, pos: int) -> int:
    """``lo``, or the first word start after ``pos - ATTRIBUTION_WINDOW`` when ``lo`` is further back."""
    floor = pos - ATTRIBUTION_WINDOW
    if lo >= floor:
        return lo
    while floor < pos and not text[floor].isspace():
        floor += 1
    return floor


def _attribute(
    text: str,
    q: _Quote,
    blocks: list[tuple[int, int, int]],
    open_spans: list[tuple[int, int]],
    close_spans: list[tuple[int, int]],
    previous: _Quote | None = None,
) -> None:
    """Fill speaker, verb, kind of a quotation (``open_spans``, ``close_spans``: the sentences of the paragraphs
    of its opening and closing marks; ``previous``: the last speech quotation with a named speaker)."""
    lo_block, hi_block = blocks[q.block][1], blocks[q.block][2]
    s_lo, _ = _sentence_bounds(open_spans, q.open, lo_block, hi_block)
    s_lo = max(s_lo, min(lo_block, q.open))  # a nested quotation's block is the outer quotation's content
    s_lo = _window_start(text, min(s_lo, q.open), q.open)
    last_block = blocks[_block_of(blocks, q.close)] if q.close >= 0 else blocks[q.block]
    _, s_hi = _sentence_bounds(close_spans, q.close, last_block[1], last_block[2])
    s_hi = _past_abbreviation(text, close_spans, s_hi, last_block[2])
    new_sentence = s_hi <= q.after + 1  # the sentence ends with the quotation: read the next one
    if new_sentence:
        nxt = q.after
        while nxt < last_block[2] and text[nxt].isspace():
            nxt += 1
        s_hi = _sentence_bounds(close_spans, nxt, nxt, nxt)[1] if nxt < last_block[2] else s_hi
        if s_hi - nxt < 12 and s_hi < last_block[2]:  # "Mr." cut off as a sentence of its own
            s_hi = _sentence_bounds(close_spans, s_hi + 1, s_hi, s_hi)[1]
    s_hi = min(s_hi, q.after + ATTRIBUTION_WINDOW, max(last_block[2], q.after))
    content = " ".join(text[a:b] for a, b in q.segments).strip()
    pre = text[s_lo : q.open]
    q.opens_sentence = pre.strip() == ""
    starts_sentence = q.opens_sentence or bool(INTRODUCING_PUNCTUATION_END_RE.search(pre))
    q.embedded = not starts_sentence and not _opens_aside(text, s_lo, q.open)
    q.full = starts_sentence and len(WORD_RE.findall(content)) >= 4 and content[:1].isupper()
    speaker, verb = _post_attribution(text, q.after, max(s_hi, q.after), new_sentence=new_sentence)
    introduces = False
    if speaker is None:
        speaker, verb, introduces = _pre_attribution(text, s_lo, q.open)
    if speaker is None and q.opens_sentence and not q.nested and q.block > 0 and lo_block <= q.open:
        speaker, verb, introduces = _introduced_by_paragraph_before(
            text, blocks[q.block - 1], lo_block, q.open
        )
    if (
        speaker is not None
        and speaker.name
        and (NOT_A_SPEAKER_RE.fullmatch(speaker.name) or speaker.name in _TITLES)
    ):
        speaker = _Speaker(name=None)  # "I’m", "N.H.", "Asked", "senior": said, but by nobody named
    mention = _is_mention(text, q, s_lo, content) and not introduces
    q.mention = mention
    if speaker is not None and speaker.pronoun in _PERSONAL_PRONOUNS:
        person = _resolve_pronoun(text, q, speaker.pronoun, blocks, previous)
        if person is not None:
            q.resolved_from, speaker = speaker.pronoun, person
    if (
        speaker is not None
        and speaker.name is None
        and speaker.pronoun is not None
        and q.resolved_from is None
    ):
        q.resolved_from = speaker.pronoun  # unresolved: speaker stays None
    if mention:
        q.kind = "term"
        if _naming_cue_before(text[s_lo : q.open]):  # a title or a name: nobody's words
            speaker, verb, q.resolved_from = None, None, None
        elif speaker is not None and speaker.name is None:
            speaker, verb, q.resolved_from = None, None, None  # a term is credited only to someone named
    elif speaker is not None or q.full:
        q.kind = "speech"
    else:
        q.kind = "term"
    q.speaker, q.verb = speaker, verb


PRONOUN_REACH = 1500  # characters before a quotation searched for the person its "he" or "she" names


def _resolve_pronoun(
    text: str, q: _Quote, pronoun: str, blocks: list[tuple[int, int, int]], previous: _Quote | None
) -> _Speaker | None:
    """The person a "he" / "she" attributing ``q`` names, as a news reader resolves it.

    The nearer of: the speaker of the previous speech quotation (same or previous paragraph, position of its
    closing mark), and the last person named as a sentence's subject before the quotation (honorifics must
    agree with the pronoun); failing both, the nearest person named in the 3,000 characters before.
    """
    floor = max(0, q.open - PRONOUN_REACH)
    if q.nested:  # only the outer quotation's own words can name the person
        floor = max(floor, min(blocks[q.block][1], q.open))
    subject = _nearest_subject(text, floor, q.open, pronoun)
    if subject is not None and previous is not None and previous.open <= subject[0] < previous.after:
        subject = None  # a name inside the previous quotation is not its subject
    carried = None
    if previous is not None and previous.speaker is not None and q.block - previous.block <= 1:
        gender = HONORIFIC_GENDER.get(previous.speaker.title or "")
        if gender in (None, pronoun) and (previous.resolved_from in (None, pronoun, "previous quote")):
            carried = (previous.after, previous.speaker)
    if subject is not None and (carried is None or subject[0] > carried[0]):
        return replace(subject[1])
    if carried is not None:
        return replace(carried[1])
    person = _nearest_person(text, q.open, floor if q.nested else max(0, q.open - 3000))
    if person is not None and HONORIFIC_GENDER.get(person.title or "") not in (None, pronoun):
        return None  # "Mr. Stevens … she said": not him
    return person


RESUME_GAP = 120  # characters of attribution between the two parts of an interrupted quotation


def _resumes(text: str, previous: _Quote, q: _Quote) -> bool:
    """Whether ``q`` resumes the quotation ``previous`` after the attribution that interrupts it, in the same
    sentence: "“It’s a difficult issue,” said the Florida senator, “because it puts …”"."""
    if previous.block != q.block or not 0 <= q.open - previous.after <= RESUME_GAP:
        return False
    gap = text[previous.after : q.open]
    return (
        gap.rstrip().endswith(",")
        and not SENTENCE_STOP_RE.search(gap)
        and SPEECH_VERB_RE.search(gap) is not None
    )


def _block_of(blocks: list[tuple[int, int, int]], pos: int) -> int:
    """Index of the block holding ``pos`` (blocks sorted by start; the last one when none does)."""
    i = bisect_right(blocks, pos, key=lambda b: b[1]) - 1
    if i >= 0 and blocks[i][1] <= pos <= blocks[i][2]:
        return i
    for j in range(max(i, 0), len(blocks)):  # overlapping or unsorted blocks: the first that holds pos
        if blocks[j][1] <= pos <= blocks[j][2]:
            return j
    return len(blocks) - 1


def _known_spans(spans: list[tuple[int, int]] | None, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """``spans`` if they are sentence spans lying in order inside ``lo``–``hi``, else None (split again)."""
    if not spans:
        return None
    last = lo
    for a, e in spans:
        if not last <= a < e <= hi:
            return None
        last = e
    return spans


def _find(
    text: str,
    blocks: list[tuple[int, int, int]],
    known: dict[int, list[tuple[int, int]]] | None = None,
) -> list[_Quote]:
    """The quotations of ``text``; ``known``: sentence spans by paragraph id, already split (offsets in text)."""
    marks = _marks(text, blocks)
    quotes = _pair(text, blocks, "double", marks["double"]) + _pair(text, blocks, "single", marks["single"])
    quotes = [q for q in quotes if len("".join(text[a:b] for a, b in q.segments).strip(" ,.;:!?-—")) >= 2]
    quotes.sort(key=lambda q: q.open)
    spans_cache: dict[int, list[tuple[int, int]]] = {}
    named: _Quote | None = None  # the last speech quotation with a named speaker
    enclosing: list[_Quote] = []  # quotations open at this point (a quotation inside another is nested)
    for q in quotes:
        while enclosing and enclosing[-1].after <= q.open:
            enclosing.pop()
        outer = enclosing[-1] if enclosing and q.after <= enclosing[-1].close else None
        if outer is None:
            enclosing.append(q)
        close_block = _block_of(blocks, q.close)
        for b in {q.block, close_block}:
            if b not in spans_cache:
                pid, lo, hi = blocks[b]
                given = _known_spans(known.get(pid), lo, hi) if known else None
                if given is None:
                    given = [(lo + a, lo + e) for a, e in sentence_spans(text[lo:hi])]
                spans_cache[b] = given
        if outer is not None:  # a quotation inside a quotation: its attribution lies inside the outer one
            q.nested = True
            inner_blocks = [(pid, max(lo, outer.open + 1), min(hi, outer.close)) for pid, lo, hi in blocks]
            _attribute(text, q, inner_blocks, spans_cache[q.block], spans_cache[close_block], None)
            if q.speaker is None:
                q.kind = "term"  # words the speaker quotes without saying whose: not a quotation of its own
            continue
        _attribute(text, q, blocks, spans_cache[q.block], spans_cache[close_block], named)
        if q.kind == "speech" and q.speaker is not None and q.speaker.name:
            named = q
    # an unattributed full quotation continues the speech quotation just before it (same or previous paragraph)
    previous: _Quote | None = None
    for q in quotes:
        if q.nested:
            continue
        if ((q.full or q.opens_sentence) and not q.mention and (q.speaker is None or q.speaker.name is None)
                and previous and previous.speaker is not None and previous.speaker.name
                and q.block - previous.block <= 1 and q.resolved_from is None):  # fmt: skip
            q.speaker, q.verb, q.resolved_from = previous.speaker, previous.verb, "previous quote"
            q.kind = "speech"
        elif q.kind == "term" and not q.mention and previous is not None and _resumes(text, previous, q):
            q.speaker, q.verb, q.kind, q.embedded = previous.speaker, previous.verb, "speech", False
            named = previous.speaker is not None and previous.speaker.name
            q.resolved_from = "previous quote" if named else previous.resolved_from
        if q.kind == "speech":
            previous = q
    return quotes
