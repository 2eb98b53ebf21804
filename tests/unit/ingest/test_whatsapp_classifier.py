"""The destination classifier: the stored JSON model predicts as scikit-learn does, and start-up never
loads scikit-learn or scipy (issue 14)."""

from __future__ import annotations

import ast
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


def _top_level_imports(tree: ast.Module) -> list[str]:
    """Modules imported when a file is imported: its module body, not functions or `if TYPE_CHECKING`."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in [node] if isinstance(node, ast.Import | ast.ImportFrom) else _module_level(node):
            if isinstance(sub, ast.Import):
                names += [a.name for a in sub.names]
            elif isinstance(sub, ast.ImportFrom) and sub.module:
                names.append(sub.module)
    return names


def _module_level(node: ast.AST) -> list[ast.AST]:
    """Imports inside module-level try/if/with blocks (still run at import), not inside defs or classes."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
        return []
    out: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        out += [child] if isinstance(child, ast.Import | ast.ImportFrom) else _module_level(child)
    return out


def test_start_up_never_loads_scikit_learn_or_scipy() -> None:
    """Only training imports scikit-learn (and with it scipy): no module of the app imports them on load."""
    files = [ROOT / "app.py", *(p for d in ("kinerja", "ui", "pages") for p in (ROOT / d).rglob("*.py"))]
    eager = {
        f"{f.relative_to(ROOT)}: {m}"
        for f in files
        for m in _top_level_imports(ast.parse(f.read_text(encoding="utf-8")))
        if m.split(".")[0] in ("sklearn", "scipy")
    }
    assert not eager
    trainer = (ROOT / "kinerja/ingest/whatsapp/classifier.py").read_text(encoding="utf-8")
    assert "from sklearn" in trainer  # the check reads the file that does use it
