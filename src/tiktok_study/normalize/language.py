"""py3langid's language identification with its byte-automaton walk done by numpy: the same answers, faster.

py3langid scores a text by walking a deterministic automaton over the text's UTF-8 bytes, one byte at a time in
Python (``py3langid.langid.visit_counts``), and counting the model feature that each state it passes through
emits. On normalize's samples (up to 1,500 characters) that walk was most of the cost of language detection.
:class:`FastIdentifier` computes the very same counts with a few whole-array steps.

Why the window is enough. The automaton is an Aho-Corasick machine over the model's byte n-grams: its states are
the prefixes of those n-grams, and after reading any byte string the machine is in the state of the *longest
suffix of what it read that is such a prefix*. A prefix is at most as long as the longest n-gram, ``K`` bytes
(:attr:`FastIdentifier.window`, read from the model: the greatest breadth-first distance of a state from the start
state, because a prefix of length ``d`` is first reachable after exactly ``d`` bytes; that search takes a fifth of a
second, so for the shipped model it is done by the tests and recorded, with the sha256 of the automaton it holds
for, in :data:`SHIPPED_WINDOW` — another automaton is measured when it is loaded). So the state after byte
``i`` is a suffix of the last ``K`` bytes, and running the machine from the start state over just those ``K``
bytes finds the same longest suffix. :func:`synchronizes` checks this property on the model itself rather than
trusting the construction: every pair of states is driven by every byte ``K`` times and must end equal.

The walk is then ``K`` vectorized steps: all positions advance together, position ``i`` reading byte
``i - k`` at step ``k`` (positions with fewer than ``K`` bytes behind them simply start later, from the start
state, exactly as the sequential walk did). The emitted features form the very list py3langid builds, in
the same order; counted by a ``Counter`` as there and handed to py3langid's own scoring, the float32 sum adds
the same terms in the same order and the probabilities are bit-identical.

Example:
    >>> identifier = fast_identifier()
    >>> identifier.classify("Die Bundesregierung prüft ein Verbot der App.")[0]
    'de'
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["SHIPPED_WINDOW", "FastIdentifier", "automaton_sha256", "fast_identifier", "synchronizes"]

logger = logging.getLogger(__name__)

#: ``(sha256 of the automaton, its window)`` of py3langid's shipped model, both computed from the model by
#: tests/test_language.py (:func:`automaton_sha256`, ``_depth``); used only when the digest matches.
SHIPPED_WINDOW = ("4d8d5125a7d8733a5d6b2f24b78465453602e5fffaae4ead41e415d50ee877a5", 6)


class FastIdentifier(LanguageIdentifier):
    """A :class:`py3langid.langid.LanguageIdentifier` whose feature counting is vectorized.

    Only ``_raw_score`` is replaced; encoding (lower-casing all-upper text, NFC, UTF-8), scoring, normalization,
    aliases and the answer are py3langid's own code.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove)  # uint32, a view of the model's array
        self._rows = np.asarray(self._rowbase, dtype=np.int64)
        self._emits = np.asarray(self.tk_output, dtype=np.int64)
        self.window = _window(self._moves, self._rows)
        self._widened_from: np.ndarray | None = None
        self._widened = np.empty((0, 0), dtype=np.float32)

    def visits(self, data: bytes) -> Counter[int] | None:
        """``Counter({feature index: count})`` of the walk over ``data`` (first-occurrence order); None if none.

        Equal, keys in the same order, to ``py3langid.langid.visit_counts`` over the same bytes: the features are
        the same list, in the same order, counted by the same ``Counter``.
        """
        size = len(data)
        if not size:
            return None
        letters = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        states = np.zeros(size, dtype=np.int64)
        for back in range(min(self.window, size) - 1, -1, -1):
            # position i (i >= back) reads byte i - back
            states[back:] = self._moves[self._rows[states[back:]] + letters[: size - back]]
        features = self._emits[states]
        features = features[features >= 0]
        if not features.size:
            return None
        return Counter(features.tolist())  # py3langid's own container, filled in the same order

    def _table(self) -> np.ndarray:
        """``nb_ptc`` (float16 in the model) widened to float32 once, not at every call.

        ``_sparse_score`` multiplies a float32 vector by rows of this table; numpy widens float16 operands to
        float32 (exactly) before the float32 product, so handing it the widened rows gives the same product bit for
        bit while the widening of ~800 rows x 142 classes per text, the costliest step of scoring, is paid once.
        Rebuilt when ``set_languages`` replaces the table.
        """
        if self._widened_from is not self.nb_ptc:
            self._widened = np.asarray(self.nb_ptc, dtype=np.float32)
            self._widened_from = self.nb_ptc
        return self._widened

    def _raw_score(self, text: bytes) -> Any:
        """py3langid's ``_raw_score`` with :meth:`visits` in place of its byte-by-byte walk."""
        found = self.visits(text)
        if found:
            return self._sparse_score(found, self._table())
        return super()._raw_score(b"")  # py3langid's answer for a text without features


def automaton_sha256(moves: np.ndarray, rows: np.ndarray) -> str:
    """sha256 of the automaton's transitions and row offsets (a few hundredths of a second on the shipped model)."""
    digest = hashlib.sha256(memoryview(np.ascontiguousarray(moves)))
    digest.update(memoryview(np.ascontiguousarray(rows)))
    return digest.hexdigest()


def _window(moves: np.ndarray, rows: np.ndarray) -> int:
    """The automaton's window: :data:`SHIPPED_WINDOW` for the shipped model (same digest), else measured."""
    sha256, window = SHIPPED_WINDOW
    if automaton_sha256(moves, rows) == sha256:
        return window
    return _depth(moves, rows)


def _depth(moves: np.ndarray, rows: np.ndarray) -> int:
    """Greatest breadth-first distance of a state from the start state (the longest n-gram, in bytes)."""
    seen = np.zeros(len(rows), dtype=bool)
    seen[0] = True
    frontier = np.array([0], dtype=np.int64)
    every_byte = np.arange(256, dtype=np.int64)
    depth = 0
    while True:
        fresh = np.zeros(len(rows), dtype=bool)
        # states sharing a transition row share their successors: expand each row once
        fresh[moves[(np.unique(rows[frontier])[:, None] + every_byte).ravel()]] = True
        fresh &= ~seen
        if not fresh.any():
            return depth
        seen |= fresh
        frontier = np.flatnonzero(fresh)
        depth += 1


def synchronizes(identifier: FastIdentifier) -> bool:
    """True when any two states driven by the same :attr:`~FastIdentifier.window` bytes always end equal.

    This is the property the vectorized walk rests on, checked on the model: pairs of states that are still
    different after ``k`` bytes are advanced by every byte; after ``window`` bytes none may be left. (A few
    seconds and a few hundred MB: for tests, not for every run.)
    """
    moves, rows = identifier._moves, identifier._rows
    count = len(rows)
    every = np.arange(count, dtype=np.int64)
    left = np.stack([every, np.zeros(count, dtype=np.int64)], axis=1)  # (any state, the start state)
    for _ in range(identifier.window):
        pairs = []
        for byte in range(256):
            a = moves[rows[left[:, 0]] + byte].astype(np.int64)
            b = moves[rows[left[:, 1]] + byte].astype(np.int64)
            keep = a != b
            pairs.append(np.minimum(a[keep], b[keep]) * count + np.maximum(a[keep], b[keep]))
        keys = np.unique(np.concatenate(pairs))
        left = np.stack([keys // count, keys % count], axis=1)
        if not len(left):
            return True
    return False


@lru_cache(maxsize=1)
def fast_identifier() -> FastIdentifier:
    """The shipped py3langid model as a :class:`FastIdentifier` with normalized probabilities (loaded once)."""
    return FastIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
