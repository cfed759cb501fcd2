"""Speakers: the subject of a speech verb split into name, title and affiliation; the nearest person named.

The module is a little over 600 lines because the subject rules (name, title, affiliation, apposition,
possessive owner, pronoun antecedent) are one procedure that reads its own intermediate results; split across
modules, each part would need the others' private helpers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from tiktok_study.quotes.lexicon import (
    _FUNCTION_WORDS,
    _LOWER_TITLES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PRONOUNS,
    _SPEECH_VERBS,
    _TITLES,
    ABBREVIATION_STOP_RE,
    ACCORDING_TO_START_RE,
    AFFILIATION_END_RE,
    APPOSITION_END_RE,
    APPOSITION_PARTS_RE,
    APPOSITION_START_RE,
    ATTRIBUTION_TAIL_START_RE,
    CLAUSE_BOUNDARY_RE,
    CLAUSE_PUNCTUATION_RE,
    DESCRIPTOR_END_RE,
    DESCRIPTOR_START_RE,
    FIRST_WORD_RE,
    FORMER_BEFORE_NAME_RE,
    FULL_STOP_WORD_RE,
    HONORIFIC_GENDER,
    LOCATIVE_BEFORE_RE,
    LOWER_TITLED_NAME_START_RE,
    NAME_IN_APPOSITION_END_RE,
    NAME_RUN_END_RE,
    NAME_RUN_START_RE,
    NOT_A_SPEAKER_RE,
    PARTY_TAG_RE,
    PAST_TENSE_RE,
    PERSON_CANDIDATE_RE,
    POSSESSIVE_END_RE,
    POST_LEAD_RE,
    PRONOUN_START_RE,
    RELATIVE_APPOSITION_END_RE,
    ROLE_FOR_ORG_END_RE,
    SENTENCE_END_WORD_RE,
    SPEAKING_AFTER_RE,
    SPEECH_VERB_RE,
    SUBJECT_NAME_RE,
    THE_NAME_END_RE,
    TITLED_NAME_AFTER_RE,
    TRAILING_AUXILIARIES_RE,
)
from tiktok_study.quotes.marks import _Speaker

__all__: list[str] = []  # internal to tiktok_study.quotes


def _clean_run(run: str) -> list[str]:
    """Tokens of a capitalized run without leading function words ("As", "The", "However"), and without what
    comes before a sentence's end inside it ("Reuters. George Zimmerman" → George Zimmerman)."""
    tokens = run.split()
    for i in range(len(tokens) - 2, -1, -1):
        if tokens[i].endswith(".") and (
            SENTENCE_END_WORD_RE.fullmatch(tokens[i]) or tokens[i + 1] in _NOT_NAMES
        ):
            tokens = tokens[i + 1 :]
            break
    while tokens and (tokens[0] in _NOT_NAMES or tokens[0].lower() in _FUNCTION_WORDS):
        if tokens[0] in _SURNAME_PRONOUNS and len(tokens) > 1 and tokens[1][:1].isupper():
            break  # "He Yadong said": a surname that is spelled like a pronoun, followed by a given name
        tokens.pop(0)
    return tokens


# Capitalized pronouns that are also family names (He, the Chinese surname) when a given name follows.
_SURNAME_PRONOUNS = frozenset(["He"])


# Words before an office that are not a name: "Former Secretary of State …", "Acting Director …"
_TITLE_MODIFIERS = frozenset(["Former", "Acting", "Then", "Interim", "Outgoing", "Incoming", "Retired"])


def _is_org(tokens: list[str]) -> bool:
    return any(t.strip(".,’'") in _ORG_WORDS for t in tokens)


def _person_from_run(run: str, before: str = "") -> _Speaker | None:
    """Split a capitalized run into title, affiliation and name ("U.S. President Donald Trump")."""
    tokens = _clean_run(run)
    if not tokens:
        return None
    if tokens[0] in _TITLE_MODIFIERS and len(tokens) > 1 and tokens[1] in _TITLES:
        tokens = tokens[1:]  # "Former Secretary of State Madeleine Albright": the office, then the name
    if "of" in tokens and all(t in _TITLES for t in tokens[: tokens.index("of")]):
        i = tokens.index("of")  # "Secretary of State John Kerry": the title runs to the department's name
        if i + 2 < len(tokens):
            person = _person_from_run(" ".join(tokens[i + 2 :]))
            if person is not None and person.name is not None:
                person.title = " ".join(tokens[: i + 2])
                return person
    if " of " in " ".join(tokens) and not _is_org(tokens[: tokens.index("of")] if "of" in tokens else tokens):
        i = tokens.index("of")
        person = _person_from_run(" ".join(tokens[:i]))
        if person is not None:
            person.affiliation = " ".join(tokens[i + 1 :]).removeprefix("the ") or None
            return person
    tokens, title, affiliation = _title_and_affiliation(tokens, before)
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower().rstrip(".") in _LOWER_TITLES:
        return _Speaker(name=tokens[0].lower().rstrip("."))  # "Officials said": a description, not a name
    if FULL_STOP_WORD_RE.fullmatch(tokens[-1]):
        tokens[-1] = tokens[-1][:-1]  # a sentence's full stop, not an abbreviation
    name = POSSESSIVE_END_RE.sub("", " ".join(tokens))
    return _Speaker(name=name, title=title, affiliation=affiliation)


def _title_and_affiliation(tokens: list[str], before: str) -> tuple[list[str], str | None, str | None]:
    """The name's tokens, and the title and affiliation written in the run or just before it (lowercase)."""
    title_at = max(
        (i for i, t in enumerate(tokens) if t in _TITLES or t.lower() in _LOWER_TITLES), default=-1
    )
    title = affiliation = None
    if title_at >= 0 and title_at < len(tokens) - 1:
        title = tokens[title_at]
        j = title_at
        while j > 0 and tokens[j - 1] in _TITLES:  # "Vice President"
            j -= 1
            title = f"{tokens[j]} {title}"
        affiliation = " ".join(tokens[:j]) or None
        tokens = tokens[title_at + 1 :]
    elif before:
        words = before.split()
        if words and words[-1].lower() in _LOWER_TITLES:  # "Harvard University professor Graham Allison"
            title = words[-1]
            caps = []
            for w in reversed(words[:-1]):
                if not w[:1].isupper() or w in _NOT_NAMES:
                    break
                caps.insert(0, w)
            affiliation = " ".join(caps) or None
    return tokens, title, affiliation


def _descriptor(m: re.Match[str]) -> _Speaker | None:
    head = m.group("head")
    last = head.split()[-1]
    if last in _FUNCTION_WORDS or last.endswith("ly") or last in _SPEECH_VERBS:
        return None
    if any(w in _FUNCTION_WORDS for w in head.split()):
        return None
    mods = m.group("mods").strip()
    mod_tokens = [t for t in mods.split() if t not in _NOT_NAMES]
    mods = " ".join(mod_tokens)
    affiliation = POSSESSIVE_END_RE.sub("", mods) or None
    name = f"{affiliation or ''} {head}".strip()  # "Tesla's chief executive" → Tesla chief executive
    return _Speaker(name=name, title=head if affiliation else None, affiliation=affiliation)


SUBJECT_WINDOW = 250  # characters before a speech verb that may hold its subject


def _word_tail_start(s: str, words: int) -> int:
    """Where the last ``words`` blank-separated words of ``s`` (no trailing blanks) begin, blanks before them
    included."""
    i = len(s)
    for _ in range(words):
        while i > 0 and not s[i - 1].isspace():
            i -= 1
        while i > 0 and s[i - 1].isspace():
            i -= 1
    return i


def _last_clause_boundary(window: str) -> int:
    """End of the last ``CLAUSE_BOUNDARY_RE`` match in ``window`` (0 if none), looking at its last 80
    characters first (the boundary is almost always there; the regex sees the characters before ``pos``)."""
    for pos in (max(0, len(window) - 80), 0):
        last = None
        for last in CLAUSE_BOUNDARY_RE.finditer(window, pos):  # noqa: B007 (the last match is wanted)
            pass
        if last is not None:
            return last.end()
        if pos == 0:
            break
    return 0


def _subject_before(text: str, lo: int, verb_start: int) -> _Speaker | None:
    """The subject of a speech verb at ``verb_start``, read backwards within ``text[lo:verb_start]`` (at most
    ``SUBJECT_WINDOW`` characters: a subject with its apposition)."""
    if verb_start - lo > SUBJECT_WINDOW:
        lo = verb_start - SUBJECT_WINDOW
        while lo < verb_start and not text[lo].isspace():
            lo += 1
    found = _subject_of_window(text[lo:verb_start].rstrip())
    return None if found is None else replace(found)  # a copy: callers complete it


@lru_cache(maxsize=1024)
def _subject_of_window(window: str) -> _Speaker | None:
    """:func:`_subject_before` on the text before the verb (cached: neighbouring quotations of one long
    sentence try the same verbs)."""
    window = PARTY_TAG_RE.sub("", window)
    tail = _word_tail_start(window, 8)  # auxiliaries and adverbs: a few words at the end
    window = (window[:tail] + TRAILING_AUXILIARIES_RE.sub("", window[tail:])).rstrip()
    if not window:
        return None
    m = NAME_IN_APPOSITION_END_RE.search(window)
    if m and len(_clean_run(m.group("run"))) >= 2 and not _is_org(_clean_run(m.group("run"))):
        person = _person_from_run(m.group("run"))  # "Her senior policy adviser, Jake Sullivan, said"
        if person is not None and person.name is not None:
            return person
    m = ROLE_FOR_ORG_END_RE.search(window)
    if m:
        org = m.group("org").removeprefix("the ")
        return _Speaker(name=f"{org} {m.group('head')}", title=m.group("head"), affiliation=org)
    m = RELATIVE_APPOSITION_END_RE.search(window)
    if m and m.end("run") < len(window.rstrip(", ")) and _clean_run(m.group("run")):
        person = _person_from_run(m.group("run"), window[: m.start("run")])
        if person is not None:
            return person
    m = APPOSITION_END_RE.search(window)
    if m:
        person = _person_from_run(m.group("run"), window[: m.start("run")])
        if person is not None and _clean_run(m.group("run")):
            _apposition(person, m.group("appos"))
            return person
    clause = _last_clause(window)
    if not clause:
        return None
    return _subject_of_clause(clause)


def _last_clause(window: str) -> str:
    """The last clause of ``window`` ("TikTok and ByteDance argued": an "and" between names does not end it)."""
    clause_start = _last_clause_boundary(window)
    while clause_start >= 4 and window[clause_start - 3 : clause_start] == "and":
        left = NAME_RUN_END_RE.search(window[: clause_start - 3].rstrip())
        if not left or not _clean_run(left.group("run")):
            break
        clause_start = left.start("run")
    return window[clause_start:].strip()


def _subject_of_clause(clause: str) -> _Speaker | None:
    """The speaker a clause ends with: a pronoun, a name with its affiliation, a name, or a descriptor."""
    words = clause.split()
    if words[-1].lower() in _PRONOUNS and all(w in _NOT_NAMES or w.lower() in _FUNCTION_WORDS for w in words):
        return _Speaker(name=None, pronoun=words[-1].lower())  # "he", "Then she", "And they"
    m = AFFILIATION_END_RE.search(clause)
    if m and not _is_org(m.group("run").split()):
        person = _person_from_run(m.group("run"), clause[: m.start("run")])
        if person is not None:
            person.affiliation = m.group("org").removeprefix("the ")
            return person
    m = NAME_RUN_END_RE.search(clause)
    if m and m.end() == len(clause) and _clean_run(m.group("run")):
        before = clause[: m.start("run")]
        run = m.group("run")
        owner = _possessor_split(run)
        if owner is not None:  # "the Washington Post’s Ishaan Tharoor": the person after the possessive
            person = _person_from_run(owner[1])
            if person is not None and person.name is not None:
                person.affiliation = person.affiliation or owner[0]
                return person
        if before.strip() and before.strip().split()[-1].lower() in ("a", "an", "the"):
            pass  # "the Ministry": a descriptor
        else:
            if " and " in run and _is_org(run.split()):
                return _Speaker(name=" ".join(_clean_run(run)))
            return _person_from_run(run, before)
    m = DESCRIPTOR_END_RE.search(clause)
    if m:
        return _descriptor(m)
    m = THE_NAME_END_RE.search(clause)
    if m and _clean_run(m.group("run")):  # "the Global Times wrote": an organization speaks
        return _Speaker(name=" ".join(_clean_run(m.group("run"))))
    return None


def _owner_role_after(text: str, pos: int, hi: int, m: re.Match[str]) -> tuple[_Speaker, int] | None:
    """After a verb, an owner's role ("said Tesla's chief executive" → Tesla chief executive), or the person the
    role names ("said Clinton’s top foreign policy aide Jake Sullivan" → Jake Sullivan); ``m``: the owner's
    run, matched at ``pos``."""
    rest = text[pos:hi]
    role = DESCRIPTOR_START_RE.match(rest, m.end())
    if role is None:
        return None
    org = POSSESSIVE_END_RE.sub("", " ".join(_clean_run(m.group("run"))))
    head = role.group("head").split()
    while head and (head[-1] in _FUNCTION_WORDS or head[-1].lower() in _SPEECH_VERBS):
        head.pop()
    named = NAME_RUN_START_RE.match(text, pos + role.end(), hi)
    if org and head and named and len(_clean_run(named.group("run"))) >= 2:
        person = _person_from_run(named.group("run"))
        if person is not None and person.name is not None:
            person.title, person.affiliation = " ".join(head), org
            return person, named.end()
    if org and head and not role.group("mods").strip():
        speaker = _Speaker(name=f"{org} {' '.join(head)}", title=" ".join(head), affiliation=org)
        return speaker, pos + role.end()
    return None


def _possessor_split(run: str) -> tuple[str, str] | None:
    """(owner, name) of a run with a possessive before a name of two words or more ("Zionist Union Party’s
    Nachman Shai" → Zionist Union Party, Nachman Shai), else None."""
    tokens = run.split()
    for i in range(len(tokens) - 2, -1, -1):
        if POSSESSIVE_END_RE.search(tokens[i]):
            name = _clean_run(" ".join(tokens[i + 1 :]))
            if len(name) >= 2 and not _is_org(name):
                return POSSESSIVE_END_RE.sub("", " ".join(_clean_run(" ".join(tokens[: i + 1])))), " ".join(
                    name
                )
            return None
    return None


def _apposition(person: _Speaker, appos: str) -> None:
    appos = appos.strip()
    m = APPOSITION_PARTS_RE.match(appos)
    if m:
        person.title = person.title or m.group("title").strip()
        person.affiliation = person.affiliation or m.group("org").strip()
    elif appos.split() and appos.split()[0].lower() in ("a", "an", "the"):
        person.title = person.title or " ".join(appos.split()[1:])


def _subject_after(text: str, pos: int, hi: int) -> tuple[_Speaker | None, int]:
    """A subject read forwards from ``pos`` ("said Liang Liang, a spokesperson for Douyin", "according to X")."""
    rest = text[pos:hi]
    m = PRONOUN_START_RE.match(rest)
    if m:
        return _Speaker(name=None, pronoun=m.group("p").lower()), pos + m.end()
    mod = FORMER_BEFORE_NAME_RE.match(rest)
    if mod:  # "said former Sen. Evan Bayh", "said former Obama adviser David Axelrod": the name that follows
        pos, rest = pos + mod.end(), rest[mod.end() :]
    lower = LOWER_TITLED_NAME_START_RE.match(rest)
    if (
        lower
        and any(w in _LOWER_TITLES for w in lower.group("title").split())
        and _clean_run(lower.group("run"))
    ):
        person = _person_from_run(lower.group("run"))  # "said former secretary of state Hillary Clinton"
        if person is not None and person.name is not None:
            person.title = person.title or lower.group("title").strip()
            return person, pos + lower.end()
    m = NAME_RUN_START_RE.match(rest)
    if m and POSSESSIVE_END_RE.search(m.group("run")):
        found = _owner_role_after(text, pos, hi, m)
        if found is not None:
            return found
    titled = TITLED_NAME_AFTER_RE.match(rest, m.end()) if m else None
    if (
        m
        and titled
        and _is_title_phrase(titled.group("title"), titled.group("run"))
        and _clean_run(titled.group("run"))
    ):
        person = _person_from_run(
            titled.group("run")
        )  # "said Florida-based Republican strategist Al Cardenas"
        if person is not None and person.name is not None:
            person.title = person.title or titled.group("title").strip()
            person.affiliation = person.affiliation or " ".join(_clean_run(m.group("run"))) or None
            return person, pos + titled.end()
    if m and _clean_run(m.group("run")):
        person = _person_from_run(m.group("run"))
        end = m.end()
        ap = APPOSITION_START_RE.match(rest, end)
        if person is not None and ap:
            _apposition(person, ap.group("appos"))
            end = ap.end()
        return person, pos + end
    m = DESCRIPTOR_START_RE.match(rest)
    if m:
        head_words = []
        for word in m.group("head").split():  # up to the first function word: "company in a statement"
            if word in _FUNCTION_WORDS or word.lower() in _SPEECH_VERBS:
                break
            head_words.append(word)
        if head_words and head_words[0] not in _FUNCTION_WORDS:
            mods = m.group("mods").strip()
            name = f"{mods} {' '.join(head_words)}".strip()
            return _Speaker(
                name=name, title=" ".join(head_words) if mods else None, affiliation=mods or None
            ), pos + m.end()
    return None, pos


POST_SUBJECT_REACH = 200  # characters after a quotation that may hold "X, <apposition>, said"
INVERTED_END_RE = re.compile(r"\s*(?:[.!?]|,\s|$)")


def _post_attribution(
    text: str, after: int, hi: int, *, new_sentence: bool = False
) -> tuple[_Speaker | None, str | None]:
    """“…,” said X / “…,” X said / “…,” according to X (``after``: just after the closing mark).

    ``new_sentence``: the quotation ended its sentence, and ``text[after:hi]`` is the next one; "X said" is then
    its attribution only when nothing but a tail follows the verb ("“Why not?” Trump said to a crowd."), not an
    object clause ("Smith said the plan failed."). A past-tense verb outside the lexicon counts in the "X
    fumed" order when a tail follows it too.
    """
    lead = POST_LEAD_RE.match(text, after, hi)
    pos = lead.end() if lead else after
    window = text[pos:hi]
    m = FIRST_WORD_RE.match(window)
    if m and m.group("verb").lower() in _SPEECH_VERBS:
        speaker, _ = _subject_after(text, pos + m.end(), hi)
        if speaker is not None:
            return speaker, m.group("verb").lower()
    if m and PAST_TENSE_RE.fullmatch(m.group("verb")):  # "“…” reacted Trump."
        name = NAME_RUN_START_RE.match(text, pos + m.end(), hi)
        if name and _clean_run(name.group("run")) and INVERTED_END_RE.match(text, name.end(), hi):
            speaker = _person_from_run(name.group("run"))
            if speaker is not None and speaker.name is not None:
                return speaker, m.group("verb").lower()
    m = ACCORDING_TO_START_RE.match(window)
    if m:
        speaker, _ = _subject_after(text, pos + m.end(), hi)
        if speaker is not None:
            return speaker, "according to"
    for v in SPEECH_VERB_RE.finditer(text, pos, min(hi, pos + POST_SUBJECT_REACH)):
        first = NAME_RUN_START_RE.match(text, pos, v.start())
        if first and text.startswith(",", first.end()) and _clean_run(first.group("run")):
            # "“…” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said": the name before the apposition
            speaker = _person_from_run(first.group("run"))
            if (
                speaker is not None
                and speaker.name is not None
                and (not new_sentence or _tail_after(text, v, hi))
            ):
                return speaker, v.group("verb").lower()
        speaker = _subject_before(text, pos, v.start())
        subject_text = ABBREVIATION_STOP_RE.sub("", PARTY_TAG_RE.sub("", text[pos : v.start()])).strip()
        if (
            speaker is not None
            and subject_text
            and not CLAUSE_PUNCTUATION_RE.search(subject_text)
            and (not new_sentence or _tail_after(text, v, hi))
        ):
            return speaker, v.group("verb").lower()
        break
    return _name_then_past_tense(text, pos, hi)


def _tail_after(text: str, v: re.Match[str], hi: int) -> bool:
    """Whether only an attribution's tail follows the speech verb ``v`` (see ``ATTRIBUTION_TAIL_START_RE``);
    "asked" and "told" may take their addressee first ("Todd asked the real estate mogul.")."""
    if v.group("verb").lower() in ("asked", "told", "asks", "tells"):
        return True
    return ATTRIBUTION_TAIL_START_RE.match(text, v.end(), hi) is not None


def _name_then_past_tense(text: str, pos: int, hi: int) -> tuple[_Speaker | None, str | None]:
    """“…” Toomey fumed (a verb outside the lexicon, in past tense, with only a tail after it)."""
    m = NAME_RUN_START_RE.match(text, pos, hi)
    if m and _clean_run(m.group("run")):
        verb = FIRST_WORD_RE.match(text[m.end() : hi].lstrip())
        if verb and PAST_TENSE_RE.fullmatch(verb.group("verb")):
            verb_end = hi - len(text[m.end() : hi].lstrip()) + verb.end()
            if ATTRIBUTION_TAIL_START_RE.match(text, verb_end, hi):
                speaker = _person_from_run(m.group("run"))
                if speaker is not None:
                    return speaker, verb.group("verb")
    return None, None


def _nearest_person(text: str, before: int, floor: int) -> _Speaker | None:
    """The nearest person named before ``before`` (not before ``floor``), with the title and affiliation given
    where the name stands ("Jensen Huang, CEO of Nvidia"); see the module docstring for what counts."""
    best = None
    for m in PERSON_CANDIDATE_RE.finditer(text, floor, before):
        run = m.group("run")
        tokens = _clean_run(run)
        if _is_org(tokens) or any(t in _NOT_NAMES for t in tokens):
            continue
        if LOCATIVE_BEFORE_RE.search(text, max(floor, m.start() - 12), m.start()):
            continue  # "in Las Vegas", "at the Supreme Court"
        person = _person_from_run(run, text[max(floor, m.start() - 60) : m.start()])
        if person is None or person.name is None or len(person.name.split()) > 3:
            continue
        if len(person.name.split()) < 2 and person.title is None:
            continue
        appos = APPOSITION_START_RE.match(text, m.end(), before)
        if appos:
            _apposition(person, appos.group("appos"))
        best = person
    return best


def _is_title_phrase(words: str, run: str) -> bool:
    """Whether lower-case ``words`` between an affiliation and the name ``run`` describe the person: a known
    title at their end, or at most two words before a full name ("Democratic front-runner Hillary Clinton")."""
    tokens = words.split()
    if tokens[-1] in _LOWER_TITLES:
        return True
    names = _clean_run(run)
    return len(tokens) <= 2 and len(names) >= 2 and not any(t in _FUNCTION_WORDS for t in tokens)


def _is_verb(word: str) -> bool:
    """A speech verb or a past tense ("mocked", "met"): what follows a subject, not a title before a name."""
    return word.lower() in _SPEECH_VERBS or bool(PAST_TENSE_RE.fullmatch(word))


def _gender_of(text: str, start: int, speaker: _Speaker) -> str | None:
    """ "he" / "she" when an honorific says so (Mr. / Ms. / Mrs. in the title or just before ``start``)."""
    if speaker.title in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[speaker.title]
    before = text[max(0, start - 5) : start].split()
    return HONORIFIC_GENDER.get(before[-1]) if before else None


def _nearest_subject(text: str, lo: int, before: int, pronoun: str | None) -> tuple[int, _Speaker] | None:
    """The last person named as a sentence's subject in ``text[lo:before]`` (see ``SUBJECT_NAME_RE``) whose
    honorific, if any, agrees with ``pronoun`` (None: any): (position, speaker)."""
    for m in reversed(list(SUBJECT_NAME_RE.finditer(text, lo, before))):
        found = _subject_candidate(text, m, before, pronoun)
        if found is not None:
            return found
    return None


def _subject_candidate(
    text: str, m: re.Match[str], before: int, pronoun: str | None
) -> tuple[int, _Speaker] | None:
    """The person of one ``SUBJECT_NAME_RE`` match ``m`` for :func:`_nearest_subject`, or None (not a person,
    or an honorific that disagrees with ``pronoun``). The candidates are independent of each other, so the
    last one that is a person is found reading them from the end."""
    titled = TITLED_NAME_AFTER_RE.match(text, m.end("run"), before)
    if (
        titled
        and not _is_verb(titled.group("title").split()[0])  # "Biden mocked Mr. Trump": Biden
        and _is_title_phrase(titled.group("title"), titled.group("run"))
        and _clean_run(titled.group("run"))
    ):
        person = _person_from_run(titled.group("run"))  # "The Washington Post columnist Ruth Marcus"
        if person is not None and person.name is not None:
            return titled.start("run"), person
    tokens = _clean_run(m.group("run"))
    titled_person = any(t in _TITLES for t in tokens[:-1])  # "Cleveland Police Chief Calvin Williams"
    if not tokens or (_is_org(tokens) and not titled_person) or all(t in _NOT_NAMES for t in tokens):
        return None
    person = _person_from_run(m.group("run"))
    if person is None or person.name is None or len(person.name.split()) > 4:
        return None
    if person.name.lower() in _LOWER_TITLES or person.name in _TITLES:
        return None
    if len(tokens) == 1 and tokens[0].endswith(("ing", "ly")):
        return None  # "Having announced …", "Clearly, …": not a name
    if not _may_be_person(text, person):
        return None
    gender = _gender_of(text, m.start("run"), person)
    if pronoun is not None and gender is not None and gender != pronoun:
        return None
    appos = APPOSITION_START_RE.match(text, m.end("run"), before)
    if appos:
        _apposition(person, appos.group("appos"))
    return m.start("run"), person


def _may_be_person(text: str, person: _Speaker) -> bool:
    """Whether a name found as a sentence's subject may be the person a pronoun stands for.

    Not a list ("Turkey and France"), a contraction or a participle (``NOT_A_SPEAKER_RE``). A single word
    without a title must be a family name the article shows as a person's — news introduces a person by the
    full name or a title before the family name alone: written after a given name or a title ("Bernie
    Sanders", "Mr. Sanders") or before a speech verb ("Sanders said") — and never as a place after "in",
    "at", "from" ("in Florida"). "China", "Republicans", "Disenchantment" opening a sentence are not.
    """
    name = person.name or ""
    if " and " in name or NOT_A_SPEAKER_RE.fullmatch(name):
        return False
    if " " in name or person.title is not None:
        return True
    return _is_family_name(text, name)


# a locative preposition ending a text: the word after it is a place ("in Florida", "from Mexico")
_LOCATIVES = frozenset(["in", "at", "from", "near", "across", "into", "throughout", "outside"])


@lru_cache(maxsize=256)
def _is_family_name(text: str, name: str) -> bool:
    """Whether the single word ``name`` is written in ``text`` as a person's family name — after a given name
    or a title ("Bernie Sanders", "Mr. Sanders") or before a speech verb ("Sanders said") — and never as a
    place after a locative preposition ("in Florida"). Reads each occurrence of ``name`` (``str.find``)."""
    found, start = False, 0
    while (i := text.find(name, start)) >= 0:
        start, end = i + 1, i + len(name)
        if (i and text[i - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # inside a longer word
        words = text[max(0, i - 40) : i].split()
        prev = words[-1] if words and text[i - 1 : i].isspace() else ""
        following = text[end : end + 2]
        if prev in _LOCATIVES and not following.startswith(("’", "'", "-")) and not following[1:2].isupper():
            return False  # a place
        if (
            prev in _TITLES
            or (
                prev[:1].isupper()
                and prev not in _NOT_NAMES
                and prev.strip(".,’'") not in _ORG_WORDS
                and not prev.endswith((",", ";", ":"))
                and not SENTENCE_END_WORD_RE.fullmatch(prev)
            )
            or SPEAKING_AFTER_RE.match(text, end)
        ):
            found = True
    return found
