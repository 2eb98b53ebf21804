"""The destination classifier: the stored JSON model predicts as scikit-learn does, and start-up never
loads scikit-learn or scipy (issue 14)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from kinerja.ingest.whatsapp.classifier import KECAMATAN_LABEL, predict, probabilities, train

ROOT = Path(__file__).resolve().parents[3]
TOPICS = {
    "DLHK": ["sampah menumpuk", "Sampah belum diangkut", "bau sampah di TPS", "truk sampah tidak datang"],
    "PDAM": ["air PDAM mati", "Air tidak mengalir", "pipa air bocor", "meteran air PDAM rusak"],
    "PUPR": ["jalan rusak berlubang", "Jalan longsor", "drainase jalan tersumbat", "aspal jalan mengelupas"],
    "KEC-ALAK": [
        "surat pengantar camat lama",
        "pelayanan kantor camat",
        "camat tidak ada",
        "antre di kantor camat",
    ],
}
PLACES = ["di Oebufu", "dekat RT.05/RW.02, Oesapa!", "sejak 3 hari 😡", "Kel. Naikoten I", "tolong pak"]


def _corpus(topics: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    texts, units = [], []
    for unit, phrases in topics.items():
        for phrase in phrases:
            for place in PLACES:
                texts.append(f"{phrase} {place}")
                units.append(unit)
    return texts, units


def _sklearn_probabilities(texts: list[str], labels: list[str], probe: list[str]) -> tuple[list, np.ndarray]:
    """The same model fitted and applied by scikit-learn itself (the reference)."""
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=6000, sublinear_tf=True)
    clf = LogisticRegression(max_iter=1000, C=8.0).fit(vec.fit_transform(texts), labels)
    return list(clf.classes_), clf.predict_proba(vec.transform(probe))


PROBE = [
    "Sampah menumpuk di Oesapa sejak 3 hari 😡",
    "AIR PDAM MATI, pipa bocor!!",
    "jalan berlubang dekat RT.05/RW.02",
    "kantor camat antre lama",
    "selamat pagi pak",  # a greeting: few known words
    "truk sampah & air bocor di jalan",  # a mixture
]


@pytest.mark.parametrize(
    "topics", [TOPICS, {k: TOPICS[k] for k in ("DLHK", "PDAM")}], ids=["4 kelas", "2 kelas"]
)
def test_the_stored_model_predicts_what_scikit_learn_predicts(topics: dict[str, list[str]]) -> None:
    texts, units = _corpus(topics)
    model = train(texts, units)
    labels = [KECAMATAN_LABEL if u.startswith("KEC-") else u for u in units]
    classes, expected = _sklearn_probabilities(texts, labels, PROBE)
    assert model["classes"] == classes
    got = np.array([probabilities(model, t)[0] for t in PROBE])
    np.testing.assert_allclose(got, expected, atol=1e-4)  # the stored weights are rounded to 6 decimals


def test_predict_names_the_topic_and_stays_silent_when_unsure() -> None:
    texts, units = _corpus(TOPICS)
    model = train(texts, units)
    assert model["n"] == len(texts) and model["n_uji"] == round(len(texts) * 0.2)
    got = predict(model, PROBE[:4] + ["selamat pagi", "", "qwerty asdf"])
    assert [g[0] if g else None for g in got] == ["DLHK", "PDAM", "PUPR", KECAMATAN_LABEL, None, None, None]
    assert all(0.5 <= g[1] <= 1 for g in got[:4] if g)
    assert predict(None, ["sampah"]) == [None]


def test_start_up_never_loads_scikit_learn_or_scipy() -> None:
    """The CLI and the demo loader import every service (the app's pages import no more of kinerja)."""
    code = "import sys, kinerja.cli, kinerja.demo.load; print(sorted({m.split('.')[0] for m in sys.modules}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(out.stdout.strip()))
    assert {"kinerja", "pandas", "sqlalchemy"} <= loaded
    assert not loaded & {"sklearn", "scipy"}
