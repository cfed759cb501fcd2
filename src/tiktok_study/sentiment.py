"""Sentence-level tone with NLTK's VADER, and its aggregates by paragraph, article and position.

What VADER measures: **word-level tone, not stance.** VADER (Hutto & Gilbert 2014) adds up the valence of the
words of a sentence from a human-rated lexicon, with rules for negation, intensifiers, "but", capitals and
punctuation. A hawkish sentence in upbeat vocabulary scores positive, and a sentence that defends someone in
grim words scores negative (both in the example below). A positive mean therefore does not mean an outlet
favours anyone. Compare tone across articles or actors with
this in mind, and read the sentences behind a score (the ``sentiment`` table keeps one row per sentence).

Sentences, not articles, are scored: ``compound`` squashes the sum of a text's word valences into −1…1
(``x / sqrt(x² + 15)``), so on a long text it saturates near ±1 and articles pile up at the extremes; the mean of
sentence scores keeps their differences. The caller chooses which sentences to score (for the corpus: English
body sentences).

Classes follow the VADER paper's thresholds on ``compound``: positive ``>= 0.05``, negative ``<= -0.05``,
neutral in between.

Example:
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "paragraph_id": [0, 0], "sentence_id": [0, 1],
    ...     "text": ["The talks were a great success.", "Officials fear a dangerous crisis."],
    ...     "start": [0, 32], "end": [31, 66]})
    >>> scored = score_sentiment(sentences)
    >>> scored[["sentence_id", "compound", "label"]].values.tolist()
    [[0, 0.8316, 'positive'], [1, -0.886, 'negative']]
    >>> by_article(scored)[["article_id", "n_sentences", "mean_compound", "share_positive"]].values.tolist()
    [['a', 2, -0.0272, 0.5]]
    >>> analyzer().polarity_scores("The deal is a significant win for American innovation and security.")
    {'neg': 0.0, 'neu': 0.361, 'pos': 0.639, 'compound': 0.8625}
    >>> analyzer().polarity_scores("She defended the creators against a brutal, unfair and cruel attack.")["compound"]
    -0.9337
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from tiktok_study.schema import COLUMNS, require_columns, tidy
from tiktok_study.text import NLTKResourceMissing

__all__ = [
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "SENTIMENT_COLUMNS",
    "analyzer",
    "arc",
    "by_article",
    "by_paragraph",
    "label_compound",
    "score_sentiment",
    "scorer",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: compound at or above this is a positive sentence (Hutto & Gilbert 2014).
POSITIVE_THRESHOLD = 0.05
#: compound at or below this is a negative sentence (Hutto & Gilbert 2014).
NEGATIVE_THRESHOLD = -POSITIVE_THRESHOLD

#: Columns of the table :func:`score_sentiment` returns (the contract's, then ``label``).
SENTIMENT_COLUMNS = [*COLUMNS["sentiment"], "label"]
_SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
_DECIMALS = 4  # mean compound and shares are rounded to VADER's own precision in the aggregates


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The one cached instance of NLTK's ``SentimentIntensityAnalyzer`` (``nltk.sentiment.vader``).

    Raises:
        NLTKResourceMissing: the VADER lexicon is not installed; run ``tiktok-study setup`` (offline).
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    try:
        return SentimentIntensityAnalyzer()
    except LookupError as exc:
        raise NLTKResourceMissing(
            "NLTK's vader_lexicon is not installed in this environment; run `tiktok-study setup` "
            "(or `make setup`) — it writes it from the vaderSentiment package, offline"
        ) from exc


@lru_cache(maxsize=1)
def scorer() -> Any:
    """The scorer the pipeline uses: NLTK's VADER scores, to the last bit, computed faster (:mod:`tiktok_study.vader`).

    It reads the lexicon file NLTK would read, without importing NLTK (about 3 s of start-up: ``nltk`` imports
    ``scipy.stats``); where that cannot be done with certainty it takes the lexicon from NLTK's analyzer.

    Raises:
        NLTKResourceMissing: the VADER lexicon is not installed; run ``tiktok-study setup`` (offline).
    """
    from tiktok_study.vader import ExactVader

    fast = ExactVader.from_data()
    return fast if fast is not None else ExactVader.from_nltk(analyzer())


def label_compound(compound: Any, *, threshold: float = POSITIVE_THRESHOLD) -> Any:
    """``'positive'`` / ``'neutral'`` / ``'negative'`` for a compound score or an array of them.

    The one labelling of the project: ``>= threshold`` positive, ``<= -threshold`` negative, neutral between
    (VADER's ±0.05 by default). With ``threshold=0`` the sign decides and only an exact 0 is neutral.

    Example:
        >>> label_compound(0.05), label_compound(-0.0499), label_compound(-0.05)
        ('positive', 'neutral', 'negative')
        >>> label_compound([0.01, 0.0, -0.01], threshold=0).tolist()
        ['positive', 'neutral', 'negative']
    """
    values = np.asarray(compound, dtype=float)
    if threshold > 0:
        positive, negative = values >= threshold, values <= -threshold
    else:
        positive, negative = values > 0, values < 0
    labels = np.where(positive, "positive", np.where(negative, "negative", "neutral"))
    return str(labels) if labels.ndim == 0 else labels.astype(object)


def score_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """The ``sentiment`` table: VADER's scores of each sentence (word-level tone, not stance; see the module doc).

    Args:
        sentences: the ``sentences`` table (article_id, paragraph_id, sentence_id, text, start, end). Every row is
            scored; pass only the sentences you mean (e.g. English body sentences). A missing text scores as "".

    Returns:
        One row per sentence: article_id, paragraph_id, sentence_id, neg, neu, pos, compound (NLTK's values,
        unrounded), and ``label`` (positive / neutral / negative by the ±0.05 thresholds), sorted by article and
        sentence.

    Raises:
        SchemaError: a required column is missing (named).
        NLTKResourceMissing: the VADER lexicon is not installed.
    """
    require_columns(sentences, "sentences", where="score_sentiment")
    polarity = scorer().polarity_scores
    scores = [polarity(t if isinstance(t, str) else "") for t in sentences["text"].tolist()]
    out = pd.DataFrame(
        {
            "article_id": sentences["article_id"].to_numpy(),
            "paragraph_id": sentences["paragraph_id"].to_numpy(),
            "sentence_id": sentences["sentence_id"].to_numpy(),
            **{
                col: np.fromiter((s[col] for s in scores), dtype=float, count=len(scores))
                for col in _SCORE_COLUMNS
            },
        }
    )
    out["label"] = label_compound(out["compound"].to_numpy())
    logger.debug("score_sentiment: %d sentences", len(out))
    return tidy(out, "sentiment")


def _aggregate(sentiment: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    compound = sentiment["compound"].astype(float)
    labels = label_compound(compound.to_numpy())
    frame = pd.DataFrame(
        {
            **{k: sentiment[k].to_numpy() for k in keys},
            "compound": compound.to_numpy(),
            "positive": labels == "positive",
            "neutral": labels == "neutral",
            "negative": labels == "negative",
        }
    )
    grouped = frame.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "mean_compound": grouped["compound"].mean(),
            "sd_compound": grouped["compound"].std(ddof=1),
            "n_positive": grouped["positive"].sum(),
            "n_neutral": grouped["neutral"].sum(),
            "n_negative": grouped["negative"].sum(),
        }
    )
    for cls in ("positive", "neutral", "negative"):
        out[f"share_{cls}"] = out[f"n_{cls}"] / out["n_sentences"]
    out = out.reset_index()
    for col in ("n_sentences", "n_positive", "n_neutral", "n_negative"):
        out[col] = out[col].astype("int64")
    for col in ("mean_compound", "sd_compound", "share_positive", "share_neutral", "share_negative"):
        out[col] = out[col].round(_DECIMALS)
    return out


def _check(sentiment: pd.DataFrame, where: str) -> None:
    require_columns(sentiment, "sentiment", where=where)


def by_paragraph(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Tone of each paragraph from its sentences (word-level tone, not stance).

    Returns:
        One row per (article_id, paragraph_id): n_sentences, mean_compound, sd_compound (sample SD, ddof=1;
        NaN for a one-sentence paragraph), n_positive / n_neutral / n_negative and share_positive /
        share_neutral / share_negative (classes by the ±0.05 thresholds). Means and shares are rounded to
        4 decimals, like VADER's own scores.
    """
    _check(sentiment, "by_paragraph")
    return _aggregate(sentiment, ["article_id", "paragraph_id"])


def by_article(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Tone of each article as the mean of its sentence scores (word-level tone, not stance).

    Returns:
        One row per article_id with the columns of :func:`by_paragraph`. The mean of sentence compounds is the
        article score (never VADER on the whole text, which saturates).
    """
    _check(sentiment, "by_article")
    return _aggregate(sentiment, ["article_id"])


def arc(sentiment: pd.DataFrame, *, bins: int = 10) -> pd.DataFrame:
    """The sentiment arc: tone by relative position in each article (deciles by default).

    Positions: the sentences of an article are put in ``sentence_id`` order and numbered ``i = 0 … n-1``; the
    position of sentence ``i`` is ``(i + 0.5) / n`` (its middle, in 0–1), and its bin is
    ``floor(position × bins)``. Every article gets all ``bins`` rows: an article with at least ``bins``
    sentences has at least one sentence in every bin; a shorter one has empty bins, shown with
    ``n_sentences = 0`` and NaN tone. Word-level tone, not stance (see the module docstring).

    Args:
        sentiment: the ``sentiment`` table.
        bins: number of equal position bins (10 = deciles).

    Returns:
        One row per article × bin: article_id, bin (0 … bins-1), bin_start and bin_end (fractions of the
        article), n_sentences, mean_compound, share_positive, share_neutral, share_negative.

    Example:
        >>> import pandas as pd
        >>> s = pd.DataFrame({"article_id": ["a"] * 4, "paragraph_id": [0] * 4, "sentence_id": [0, 1, 2, 3],
        ...     "neg": [0.0] * 4, "neu": [1.0] * 4, "pos": [0.0] * 4, "compound": [0.5, 0.1, -0.2, -0.6]})
        >>> arc(s, bins=2)[["bin", "n_sentences", "mean_compound"]].to_dict("records")
        [{'bin': 0, 'n_sentences': 2, 'mean_compound': 0.3}, {'bin': 1, 'n_sentences': 2, 'mean_compound': -0.4}]
    """
    _check(sentiment, "arc")
    if not isinstance(bins, int) or isinstance(bins, bool) or bins < 1:
        raise ValueError(f"arc: bins must be a positive integer, not {bins!r}")
    ordered = sentiment.sort_values(["article_id", "sentence_id"], kind="mergesort")
    articles = ordered["article_id"]
    index = ordered.groupby("article_id", sort=False).cumcount().to_numpy()
    size = ordered.groupby("article_id", sort=False)["sentence_id"].transform("size").to_numpy()
    position = (index + 0.5) / np.maximum(size, 1)
    bin_no = np.minimum((position * bins).astype("int64"), bins - 1)
    compound = ordered["compound"].astype(float).to_numpy()
    labels = label_compound(compound)
    frame = pd.DataFrame(
        {
            "article_id": articles.to_numpy(),
            "bin": bin_no,
            "compound": compound,
            "positive": labels == "positive",
            "neutral": labels == "neutral",
            "negative": labels == "negative",
        }
    )
    grouped = frame.groupby(["article_id", "bin"])
    stats = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "mean_compound": grouped["compound"].mean(),
            "share_positive": grouped["positive"].mean(),
            "share_neutral": grouped["neutral"].mean(),
            "share_negative": grouped["negative"].mean(),
        }
    )
    ids = sorted(pd.unique(articles).tolist())
    grid = pd.MultiIndex.from_product([ids, range(bins)], names=["article_id", "bin"])
    out = stats.reindex(grid).reset_index()
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    out["bin"] = out["bin"].astype("int64")
    out.insert(2, "bin_start", out["bin"] / bins)
    out.insert(3, "bin_end", (out["bin"] + 1) / bins)
    for col in ("mean_compound", "share_positive", "share_neutral", "share_negative"):
        out[col] = out[col].round(_DECIMALS)
    return out
