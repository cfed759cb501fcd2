"""Line tests of :data:`tiktok_study.normalize.boilerplate.LINE_RULES` that are one regex, and their joining.

``line_rule`` tries up to 28 tests on every line and sentence; most are "does this regex match at the start?".
:func:`joined` turns each run of such tests into one alternation tried once (issue 16), with the same answer:
the rule of the first pattern of the run that matches (tests/test_normalize_speed.py compares line_rule with the
tests tried one by one).

Example:
    >>> import re
    >>> test = joined((OnMatch(re.compile("share", re.I), "share-bar"), OnMatch(re.compile("menu"), "label")))[0]
    >>> test("Share this", 2), test("menu", 1), test("Menu", 1)
    ('share-bar', 'label', None)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

__all__ = ["FirstMatch", "OnMatch", "joined"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


class OnMatch:
    """A line test: ``rule`` when ``pattern`` matches the line (from its start, or anywhere with ``search``)."""

    __slots__ = ("find", "pattern", "rule", "search")

    def __init__(self, pattern: re.Pattern[str], rule: str, *, search: bool = False) -> None:
        self.pattern, self.rule, self.search = pattern, rule, search
        self.find = pattern.search if search else pattern.match

    def __call__(self, text: str, n: int) -> str | None:
        return self.rule if self.find(text) else None


class FirstMatch:
    """Consecutive start-anchored tests as one regex: the rule of the first pattern that matches at the start.

    ``(?i:A)(?P<r0>)|(?:B)(?P<r1>)|…`` tried with ``match``: the engine tries A at the start, then B, … as the
    tests did one by one (the patterns have no groups of their own and no flag but IGNORECASE, which each keeps
    in its scope), and the empty group closing the alternative that matched names its rule.
    """

    __slots__ = ("match", "rules")

    def __init__(self, tests: list[OnMatch]) -> None:
        for t in tests:
            if t.search or t.pattern.groups or t.pattern.flags & ~(re.IGNORECASE | re.UNICODE):
                raise ValueError(f"cannot join the test of {t.rule!r} ({t.pattern.pattern[:40]!r}…)")
        self.match = re.compile(
            "|".join(
                f"(?{'i' if t.pattern.flags & re.IGNORECASE else ''}:{t.pattern.pattern})(?P<r{k}>)"
                for k, t in enumerate(tests)
            )
        ).match
        self.rules = {f"r{k}": t.rule for k, t in enumerate(tests)}

    def __call__(self, text: str, n: int) -> str | None:
        m = self.match(text)
        return self.rules[m.lastgroup] if m else None


def joined(
    tests: tuple[Callable[[str, int], str | None], ...],
) -> tuple[Callable[[str, int], str | None], ...]:
    """``tests`` with each run of consecutive start-anchored :class:`OnMatch` tests joined into a :class:`FirstMatch`."""
    out: list[Callable[[str, int], str | None]] = []
    run: list[OnMatch] = []
    for test in (*tests, None):
        if isinstance(test, OnMatch) and not test.search:
            run.append(test)
            continue
        if len(run) > 1:
            out.append(FirstMatch(run))
        else:
            out.extend(run)
        run = []
        if test is not None:
            out.append(test)
    return tuple(out)
