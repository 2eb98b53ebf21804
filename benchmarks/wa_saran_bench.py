"""Benchmark: suggestion accuracy for the destination unit (top-1) on held-out demo WhatsApp messages,
with the keyword table alone and with the classifier (issue 14; target ≥ 80 % with the classifier).

    python benchmarks/wa_saran_bench.py [--seeds 2019 2020 2021]

The demo database is built in a temporary folder (its complaints, LAPOR! and triaged WhatsApp ones,
are what the classifier learns from); the held-out chats are generated with other seeds, never
loaded, and read through the same path as an upload (reader, owner side, candidates).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja.demo.load import load_demo  # noqa: E402
from kinerja.demo.whatsapp import DemoChat, write_chats  # noqa: E402
from kinerja.ingest.whatsapp.candidates import build_intake  # noqa: E402
from kinerja.ingest.whatsapp.chat import read_chat  # noqa: E402
from kinerja.ingest.whatsapp.identity import owner_senders, sender_key  # noqa: E402
from kinerja.ingest.whatsapp.saran import shipped_keywords, suggest  # noqa: E402
from kinerja.store.engine import connect  # noqa: E402
from kinerja.store.readers import read_units  # noqa: E402
from kinerja.store.whatsapp import read_model  # noqa: E402

SECRET = b"b" * 32


def held_out(chats: list[DemoChat]) -> tuple[list[str], list[str]]:
    """(candidate text, true unit) of every complaint of the chats, read as an upload would be."""
    texts, truth = [], []
    for chat in chats:
        read = read_chat(chat.path.read_bytes(), chat.path.name)
        intake = build_intake(read, owner_senders(read, "posko"), SECRET)
        by_start = {(c.pengirim, c.tanggal_masuk): c.uraian for c in intake.candidates}
        for row in chat.truth.itertuples(index=False):
            key = (sender_key(SECRET, row.pengirim), row.tanggal_masuk.to_pydatetime())
            if key in by_start:
                texts.append(by_start[key])
                truth.append(row.unit)
    return texts, truth


def accuracy(texts: list[str], truth: list[str], keywords, units, model) -> tuple[float, float]:
    """(top-1 accuracy, median seconds over 5 runs) of the suggested unit."""
    times, got = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        got = [s.unit for s in suggest(texts, keywords, units, model)]
        times.append(time.perf_counter() - t0)
    hits = sum(g == t for g, t in zip(got, truth, strict=True))
    return hits / len(truth), statistics.median(times)


def pct(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + " %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[2019, 2020, 2021])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{tmp}/kinerja.db", create=True)
        t0 = time.perf_counter()
        load_demo(engine, Path(tmp) / "demo")
        built = time.perf_counter() - t0
        units, model = read_units(engine), read_model(engine)
        chats = [c for seed in args.seeds for c in write_chats(Path(tmp) / f"uji-{seed}", seed=seed)]
        texts, truth = held_out(chats)
        kw, kw_t = accuracy(texts, truth, shipped_keywords(), units, None)
        cl, cl_t = accuracy(texts, truth, shipped_keywords(), units, model)
        engine.dispose()
    print(f"data contoh dibangun dalam {built:.0f} s; pengklasifikasi dilatih pada {model['n']} pengaduan "
          f"(akurasi pada bagian uji internalnya {pct(model['akurasi'])})")  # fmt: skip
    print(f"pesan uji yang disisihkan: {len(truth)} pengaduan dari {len(chats)} ekspor (benih {args.seeds})")
    print(
        f"tabel kata kunci saja : {pct(kw)} tepat (top-1 unit tujuan), median {kw_t * 1000:.0f} ms per {len(texts)} teks"
    )
    print(
        f"dengan pengklasifikasi: {pct(cl)} tepat (top-1 unit tujuan), median {cl_t * 1000:.0f} ms per {len(texts)} teks"
    )
    print(f"sasaran ≥ 80 % dengan pengklasifikasi: {'tercapai' if cl >= 0.8 else 'BELUM tercapai'}")


if __name__ == "__main__":
    main()
