"""A supervised classifier per frame, measured against the calibrated dictionary (``calibrate --classifier``).

scikit-learn's logistic regression on TF-IDF word and two-word features of the item's text plus the frame's
three dictionary features (``log(1 + hits)``, hits per 1,000 words, share of paragraphs), with balanced class
weights. It competes with the calibrated dictionary in **nested** cross-validation: in each outer fold, an inner
cross-validation on the training items alone compares the two, the winner is fitted on the training items and
predicts the outer fold. The classifier is chosen for a frame only when, on all items, the inner comparison
prefers it **and** the nested out-of-fold F1 of that choice beats the dictionary's out-of-fold F1.

With a few hundred coded items a classifier seldom wins (the dictionary's evidence is an asset); the comparison
is reported either way, with the classifier's most telling terms as evidence. The calibrated codebook keeps
the dictionary rule: ``analyze`` cannot run a classifier, so a frame where it wins is flagged for the reader.

Example:
    >>> texts = ["war and battle", "money talks", "war again", "trade money"] * 4
    >>> X = np.array([[2, 9, 1], [0, 0, 0], [1, 5, 1], [0, 0, 0]] * 4, dtype=float)
    >>> y = np.array([True, False, True, False] * 4)
    >>> model = fit_classifier(texts, X, y)
    >>> bool(model.predict(["another war"], np.array([[1.0, 5.0, 1.0]]))[0])
    True
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

__all__ = ["MIN_DOCUMENT_FREQUENCY", "TextClassifier", "compare_with_dictionary", "fit_classifier"]

logger = logging.getLogger(__name__)

MIN_DOCUMENT_FREQUENCY = 2  # a term must occur in two training items to be a feature
TOP_TERMS = 10  # evidence terms kept per frame


class TextClassifier:
    """TF-IDF + dictionary features → logistic regression; :meth:`predict` and :meth:`evidence`."""

    def __init__(self, vectorizer: Any, model: Any, mean: np.ndarray, scale: np.ndarray) -> None:
        self.vectorizer, self.model, self.mean, self.scale = vectorizer, model, mean, scale

    def _features(self, texts: list[str], X: np.ndarray) -> Any:
        from scipy.sparse import csr_matrix, hstack

        dictionary = np.column_stack([np.log1p(X[:, 0]), X[:, 1], X[:, 2]])
        return hstack(
            [self.vectorizer.transform(texts), csr_matrix((dictionary - self.mean) / self.scale)]
        ).tocsr()

    def predict(self, texts: list[str], X: np.ndarray) -> np.ndarray:
        """Present (bool) for each text with its dictionary features ``X`` (hits, per 1k words, share)."""
        return self.model.predict(self._features(texts, X)).astype(bool)

    def top_terms(self, k: int = TOP_TERMS) -> list[str]:
        """The ``k`` text features with the largest positive weights."""
        names = self.vectorizer.get_feature_names_out()
        weights = self.model.coef_[0][: len(names)]
        order = np.argsort(-weights, kind="stable")[:k]
        return [str(names[i]) for i in order if weights[i] > 0]

    def evidence(self, text: str, k: int = 5) -> list[str]:
        """The item's own terms that push it most towards the frame (its highest-weighted terms)."""
        row = self.vectorizer.transform([text])
        names = self.vectorizer.get_feature_names_out()
        contribution = row.multiply(self.model.coef_[0][: len(names)]).toarray()[0]
        order = np.argsort(-contribution, kind="stable")[:k]
        return [str(names[i]) for i in order if contribution[i] > 0]


def fit_classifier(texts: list[str], X: np.ndarray, y: np.ndarray) -> TextClassifier:
    """Fit the classifier on ``texts`` with dictionary features ``X`` and codes ``y`` (both classes needed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    min_df = MIN_DOCUMENT_FREQUENCY if len(texts) >= 10 else 1
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True, lowercase=True)
    vectorizer.fit(texts)
    dictionary = np.column_stack([np.log1p(X[:, 0]), X[:, 1], X[:, 2]])
    mean, scale = dictionary.mean(axis=0), dictionary.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, solver="liblinear")
    classifier = TextClassifier(vectorizer, model, mean, scale)
    model.fit(classifier._features(texts, X), np.asarray(y, dtype=bool))
    return classifier


def _cv_f1(
    texts: list[str], X: np.ndarray, y: np.ndarray, *, folds: int, seed: int, current: Any
) -> tuple[float, float]:
    """Inner cross-validated F1 of the calibrated dictionary procedure and of the classifier on ``(X, y)``."""
    from tiktok_study.calibrate import _decide, _f1, _folds, select_rule

    k = min(folds, int(y.sum()), int((~y).sum()))
    if k < 2:
        return 1.0, 0.0  # too few of a class to compare: keep the dictionary
    dictionary, classifier = np.zeros(len(y), bool), np.zeros(len(y), bool)
    for train, test in _folds(y, k, seed):
        _, rule = select_rule(X[train], y[train], folds=folds, seed=seed, current=current)
        dictionary[test] = _decide(rule, X[test])
        model = fit_classifier([texts[i] for i in train], X[train], y[train])
        classifier[test] = model.predict([texts[i] for i in test], X[test])
    return _f1(y, dictionary), _f1(y, classifier)


def compare_with_dictionary(
    texts: list[str],
    X: np.ndarray,
    y: np.ndarray,
    *,
    folds: int,
    seed: int,
    dictionary_oof: np.ndarray,
    current: Any,
) -> dict[str, Any]:
    """Nested cross-validation of "classifier or calibrated dictionary" for one frame (see the module docstring).

    Returns:
        ``f1_cv_classifier`` (the classifier's out-of-fold F1), ``f1_cv_nested`` (the out-of-fold F1 of choosing
        per outer fold by inner cross-validation), ``chosen`` (the classifier wins on all items and in nested
        cross-validation), ``fold_choices`` and ``top_terms`` (the evidence of the classifier fitted on all items).
    """
    from tiktok_study.calibrate import _decide, _f1, _folds, select_rule

    y = np.asarray(y, dtype=bool)
    alone, nested, choices = np.zeros(len(y), bool), np.zeros(len(y), bool), []
    for train, test in _folds(y, folds, seed):
        train_texts, test_texts = [texts[i] for i in train], [texts[i] for i in test]
        model = fit_classifier(train_texts, X[train], y[train])
        alone[test] = model.predict(test_texts, X[test])
        dict_f1, clf_f1 = _cv_f1(train_texts, X[train], y[train], folds=folds, seed=seed, current=current)
        if clf_f1 > dict_f1:
            nested[test] = alone[test]
            choices.append("classifier")
        else:
            _, rule = select_rule(X[train], y[train], folds=folds, seed=seed, current=current)
            nested[test] = _decide(rule, X[test])
            choices.append("dictionary")
    dict_all, clf_all = _cv_f1(texts, X, y, folds=folds, seed=seed, current=current)
    full = fit_classifier(texts, X, y)
    return {
        "f1_cv_classifier": _f1(y, alone),
        "f1_cv_nested": _f1(y, nested),
        "chosen": bool(clf_all > dict_all and _f1(y, nested) > _f1(y, dictionary_oof)),
        "fold_choices": choices,
        "top_terms": full.top_terms(),
    }
