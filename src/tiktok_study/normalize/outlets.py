"""Organisations and outlets, as opposed to people: agencies, desks, brands, and site names in headlines.

* :func:`is_organisation` — a byline part or author field that names an organisation, a desk or a brand
  ("Financial Times", "Outlook Business Desk", "CNN Business", "AIVibe", "CPI"), which goes to ``source``;
* :func:`clean_title` — a headline without decoration ("▷ ", "【安全圈】") and without the site's name
  appended to it ("… | CBC News", "… - 日经亚洲").

Example:
    >>> is_organisation("Financial Times"), clean_title("Ottawa approves the deal | CBC News")
    (True, 'Ottawa approves the deal')
"""

from __future__ import annotations

import logging
import re

__all__ = ["AGENCIES", "AGENCY_KEYS", "ORG_WORDS", "clean_title", "is_organisation"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: News agencies: a byline part naming one is the source, not an author.
AGENCIES = (
    "Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "Bloomberg", "Xinhua", "dpa", "EFE",
    "ANSA", "Kyodo", "Yonhap", "UPI", "TASS", "CNN", "BBC", "PA", "Press Association",
)  # fmt: skip
AGENCY_KEYS = {a.casefold() for a in AGENCIES}


# --- compiled regexes, together -------------------------------------------------------------------------------
CJK_CHARS = re.compile(r"[\u3400-\u9fff]")
BRAND_TOKEN = re.compile(r"^[A-Z]{2,}[a-z]")  # a run of capitals inside a word: "AIVibe"
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
TITLE_DECORATION = re.compile(r"^[^\w\s\"'“‘¿¡(\[]{1,3}\s+")
TITLE_TAG = re.compile(r"^【[^】]{1,10}】\s*(?=\S)")  # a channel's tag before a Chinese headline: 【安全圈】
TITLE_SITE_SUFFIX = re.compile(r"\s+(?P<sep>[|｜]|[-–—])\s+(?P<site>(?:(?!\s[-–—|｜]\s)[^|｜]){2,40})$")

ORG_WORDS = frozenset({
    "times", "news", "post", "journal", "press", "media", "herald", "tribune", "gazette", "telegraph",
    "guardian", "daily", "weekly", "magazine", "agency", "network", "group", "inc", "ltd", "llc", "corp",
    "corporation", "company", "wire", "wires", "channel", "radio", "tv", "television", "online", "digital",
    "review", "economist", "chronicle", "observer", "independent", "standard", "mail", "express", "financial",
    "desk", "team", "staff", "newsroom", "bureau", "business", "editorial", "insider", "today", "reporters",
    "correspondents", "foundation", "institute", "university", "association", "service", "services",
    "associated", "international", "global", "partners", "studio", "studios", "newsletter", "editors",
    "clipper", "scraper", "crawler", "bot", "extension", "downloader",
})  # fmt: skip


def is_organisation(text: str) -> bool:
    """Does a byline part name an organisation, a desk or a brand rather than a person?

    An agency, a name with an organisation word ("Financial Times", "Outlook Business Desk", "CNN Business"),
    or a brand written with a run of capitals inside a word ("AIVibe").

    Example:
        >>> [is_organisation(s) for s in ("Financial Times", "Cnn Business", "AIVibe", "Foo Yun Chee", "rosepac")]
        [True, True, True, False, False]
    """
    words = text.strip(" .,;:*_").split()
    if not words:
        return False
    lowered = [w.casefold().strip(".,") for w in words]
    if " ".join(lowered) in AGENCY_KEYS or (lowered[0] in AGENCY_KEYS and len(words) <= 3):
        return True
    if any(w in ORG_WORDS for w in lowered):
        return True
    if len(words) == 1 and ACRONYM.match(words[0]):
        return True  # "CPI", "BBC": an acronym, not a person
    return any(BRAND_TOKEN.match(w) for w in words)


def clean_title(title: str, *, site: str | None = None) -> str:
    """A headline without decoration ("▷ ") and without a site suffix ("… | CBC News", "… - BBC News").

    A ``|`` suffix of up to five words is always a site name; a dash suffix only when it names ``site`` or
    an organisation ("News", "Times" …).

    Example:
        >>> clean_title("▷ Trump approves the deal | CBC News"), clean_title("Rubio - Wang meeting - Reuters", site="Reuters")
        ('Trump approves the deal', 'Rubio - Wang meeting')
    """
    title = " ".join(title.split())
    title = TITLE_DECORATION.sub("", title)
    title = TITLE_TAG.sub("", title) or title
    m = TITLE_SITE_SUFFIX.search(title)
    head = title[: m.start()] if m else ""
    if m and (len(head.split()) >= 3 or len(CJK_CHARS.findall(head)) >= 8):
        suffix = m.group("site").strip()
        words = suffix.split()
        if len(words) <= 5 and not suffix.endswith((".", "?", "!")):
            key = re.sub(r"\W+", "", suffix.casefold())
            site_key = re.sub(r"\W+", "", (site or "").casefold())
            named = bool(site_key) and (key in site_key or site_key in key)
            # after a dash: a short name (capitalised words or a few CJK characters, no digits)
            short_name = (
                len(words) <= 3
                and not any(ch.isdigit() for ch in suffix)
                and all(w[:1].isupper() or CJK_CHARS.match(w[:1]) for w in words)
                and (len(head.split()) >= 4 or len(CJK_CHARS.findall(head)) >= 8)
            )
            if (
                m.group("sep") in "|｜"
                or named
                or short_name
                or (is_organisation(suffix) and suffix[:1].isupper())
            ):
                title = title[: m.start()].rstrip()
    return title
