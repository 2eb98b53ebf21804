"""A small text classifier for the destination unit, trained on triaged complaints (scikit-learn)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # scikit-learn (and scipy) load only when a model is trained, never at start-up
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

MINIMAL_LATIH = 100  # triaged complaints (with Uraian and a destination) before a classifier is trained
UJI = 0.2  # share held out to measure accuracy
KECAMATAN_LABEL = "(kecamatan)"
MINIMAL_KATA = 3  # known words and word pairs a text needs before the classifier speaks about it
MINIMAL_YAKIN = 0.5  # probability below which it stays silent


def label_of(unit: str) -> str:
    """A kecamatan's camat is one label: which one follows from the kelurahan named in the text."""
    return KECAMATAN_LABEL if str(unit).startswith("KEC-") else str(unit)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern, as trained
NGRAM = (1, 2)


def _vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        token_pattern=_TOKEN.pattern, ngram_range=NGRAM, min_df=2, max_features=6000, sublinear_tf=True
    )


def train(texts: Sequence[str], units: Sequence[str], *, seed: int = 14) -> dict[str, Any]:
    """Fit TF-IDF + logistic regression; accuracy on a held-out 20 %, then refit on everything.

    The model is plain JSON (vocabulary, idf, weights): stored in the database, never pickled.
    """
    from sklearn.model_selection import train_test_split

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
    from sklearn.linear_model import LogisticRegression

    vec = _vectorizer()
    x = vec.fit_transform(texts)
    clf = LogisticRegression(max_iter=1000, C=8.0)
    clf.fit(x, labels)
    return _Fitted(vec, clf)


def _features(text: str) -> list[str]:
    """The word uni- and bigrams of a text, as the trained TfidfVectorizer analyses it (lowercased)."""
    words = _TOKEN.findall(text.lower())
    return [
        " ".join(words[i : i + n]) for n in range(NGRAM[0], NGRAM[1] + 1) for i in range(len(words) - n + 1)
    ]


class _Weights:
    """A stored model's arrays, converted from JSON once per batch of texts."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.vocab: dict[str, int] = model["vocabulary"]
        self.idf = np.asarray(model["idf"], dtype=np.float64)
        self.coef = np.asarray(model["coef"], dtype=np.float64)
        self.intercept = np.asarray(model["intercept"], dtype=np.float64)

    def probabilities(self, text: str) -> tuple[np.ndarray, int]:
        counts: dict[int, int] = {}
        for f in _features(text or ""):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        scores = self.intercept
        if counts:
            idx = np.fromiter(counts, dtype=np.int64)
            x = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[idx]
            scores = self.coef[:, idx] @ (x / np.sqrt((x * x).sum())) + self.intercept
        if self.coef.shape[0] == 1:  # two classes: one weight row, P(second) = sigmoid(score)
            scores = np.array([0.0, scores[0]])
        e = np.exp(scores - scores.max())
        return e / e.sum(), len(counts)


def probabilities(model: dict[str, Any], text: str) -> tuple[np.ndarray, int]:
    """(class probabilities, number of known features) of one text under a stored model, in numpy only:
    sublinear tf × idf, l2-normalised, then the logistic regression's softmax (as scikit-learn's)."""
    return _Weights(model).probabilities(text)


def predict(model: dict[str, Any] | None, texts: Sequence[str]) -> list[tuple[str, float] | None]:
    """(label, probability) per text from a stored model; None where it is unsure (too few known
    words, or no label above MINIMAL_YAKIN): a greeting gets no destination."""
    if not model or not texts:
        return [None] * len(texts)
    weights = _Weights(model)
    out: list[tuple[str, float] | None] = []
    for t in texts:
        if not (t or "").strip():
            out.append(None)
            continue
        prob, known = weights.probabilities(t)
        k = int(prob.argmax())
        out.append(
            None if known < MINIMAL_KATA or prob[k] < MINIMAL_YAKIN else (model["classes"][k], float(prob[k]))
        )
    return out
