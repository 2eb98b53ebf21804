"""A small text classifier for the destination unit, trained on triaged complaints (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

MINIMAL_LATIH = 100  # triaged complaints (with Uraian and a destination) before a classifier is trained
UJI = 0.2  # share held out to measure accuracy
KECAMATAN_LABEL = "(kecamatan)"
MINIMAL_KATA = 3  # known words and word pairs a text needs before the classifier speaks about it
MINIMAL_YAKIN = 0.5  # probability below which it stays silent


def label_of(unit: str) -> str:
    """A kecamatan's camat is one label: which one follows from the kelurahan named in the text."""
    return KECAMATAN_LABEL if str(unit).startswith("KEC-") else str(unit)


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=6000, sublinear_tf=True)


def train(texts: Sequence[str], units: Sequence[str], *, seed: int = 14) -> dict[str, Any]:
    """Fit TF-IDF + logistic regression; accuracy on a held-out 20 %, then refit on everything.

    The model is plain JSON (vocabulary, idf, weights): stored in the database, never pickled.
    """
    labels = [label_of(u) for u in units]
    counts = {lab: labels.count(lab) for lab in set(labels)}
    strat = labels if min(counts.values()) >= 2 else None
    x_tr, x_te, y_tr, y_te = train_test_split(
        list(texts), labels, test_size=UJI, random_state=seed, stratify=strat
    )
    accuracy = float(np.mean(_fit(x_tr, y_tr).predict(x_te) == np.array(y_te))) if len(x_te) else None
    model = _fit(list(texts), labels)
    vec: TfidfVectorizer = model.named_vectorizer  # type: ignore[attr-defined]
    clf: LogisticRegression = model.named_classifier  # type: ignore[attr-defined]
    return {
        "classes": [str(c) for c in clf.classes_],
        "vocabulary": {str(k): int(v) for k, v in vec.vocabulary_.items()},
        "idf": [float(x) for x in vec.idf_],
        "coef": np.round(clf.coef_, 6).tolist(),
        "intercept": np.round(clf.intercept_, 6).tolist(),
        "akurasi": accuracy,
        "n_latih": len(x_tr),
        "n_uji": len(x_te),
        "n": len(labels),
    }


class _Fitted:
    def __init__(self, vec: TfidfVectorizer, clf: LogisticRegression) -> None:
        self.named_vectorizer, self.named_classifier = vec, clf

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.named_classifier.predict(self.named_vectorizer.transform(texts))


def _fit(texts: Sequence[str], labels: Sequence[str]) -> _Fitted:
    vec = _vectorizer()
    x = vec.fit_transform(texts)
    clf = LogisticRegression(max_iter=1000, C=8.0)
    clf.fit(x, labels)
    return _Fitted(vec, clf)


def predict(model: dict[str, Any] | None, texts: Sequence[str]) -> list[tuple[str, float] | None]:
    """(label, probability) per text from a stored model; None where it is unsure (too few known
    words, or no label above MINIMAL_YAKIN): a greeting gets no destination."""
    if not model or not texts:
        return [None] * len(texts)
    vocab = model["vocabulary"]
    counts = CountVectorizer(vocabulary=vocab, ngram_range=(1, 2)).transform([t or "" for t in texts])
    x = counts.astype("float64")
    x.data = 1.0 + np.log(x.data)  # sublinear tf, as trained
    x = x.multiply(np.asarray(model["idf"])).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    x = x.multiply(1.0 / norms[:, None]).tocsr()
    coef = np.asarray(model["coef"])
    scores = x @ coef.T + np.asarray(model["intercept"])
    if coef.shape[0] == 1:  # two classes: one weight row
        scores = np.column_stack([-scores[:, 0], scores[:, 0]])
    scores = scores - scores.max(axis=1, keepdims=True)
    prob = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    out: list[tuple[str, float] | None] = []
    for t, row in zip(texts, prob, strict=True):
        k = int(row.argmax())
        if not (t or "").strip() or counts[len(out)].nnz < MINIMAL_KATA or row[k] < MINIMAL_YAKIN:
            out.append(None)
            continue
        out.append((model["classes"][k], float(row[k])))
    return out
