"""A small hand-made year (2018) for the view and download tests: two units, four indicators, five complaints.

The expected values in tests/unit/views and tests/unit/exports are computed by hand from these rows:
- A-1 (unit A, kumulatif, target 120, TW 30/60/90/120): 10 a month, January … June.
- A-2 (unit A, akhir, target 80): 62 (Jan), 64 (Feb), 68 (Apr).
- B-1 (unit B, negatif, akhir, target 10): 25 in March.
- B-2 (unit B, rata_rata, target 80–90): 85 in January, February, March and June.
- Complaints T1 … T5 (T5 archived); the latest date in them is 10 March 2018.
"""

from __future__ import annotations

import pandas as pd

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME


def table(columns: list[str], rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly `columns`; keys a row lacks are blank."""
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


def pk_row(
    unit: str, kunci: str, target: float, akumulasi: str = "akhir", polaritas: str = "positif", **kw
) -> dict:
    return {"unit": unit, "tahun": 2018, "urutan": int(kunci[-1]), "kunci": kunci, "kode_indikator": kunci,
            "indikator": f"Indikator {kunci}", "sasaran": kw.get("sasaran", "Sasaran A"), "satuan": "%",
            "target": str(target), "target_min": target, "target_max": kw.get("hi", target), "polaritas": polaritas,
            "akumulasi": akumulasi, "tw1": kw.get("tw1"), "tw2": kw.get("tw2"), "tw3": kw.get("tw3"),
            "tw4": kw.get("tw4"), "sumber_data": kw.get("sumber")}  # fmt: skip


def complaint(tiket: str, masuk: str, unit: str = "A", tanggapan: str | None = None, selesai: str | None = None,
              **kw) -> dict:  # fmt: skip
    return {"no_tiket": tiket, "tanggal_masuk": pd.Timestamp(masuk), "unit": unit,
            "tanggal_disposisi": pd.Timestamp(masuk), "tanggal_tanggapan": pd.Timestamp(tanggapan) if tanggapan else None,
            "tanggal_selesai": pd.Timestamp(selesai) if selesai else None, "saluran": kw.get("saluran", "WhatsApp"),
            "kategori": kw.get("kategori", "Sampah"), "kecamatan": kw.get("kecamatan", "Alak"),
            "kelurahan": kw.get("kelurahan", "Alak"), "status": kw.get("status"), "ada_bukti": True}  # fmt: skip


def sample_frames() -> dict[str, pd.DataFrame]:
    units = table(UNIT_FRAME, [
        {"kode": "A", "nama": "Dinas Alfa", "jenis": "Dinas", "alias": "Alfa"},
        {"kode": "B", "nama": "Badan Beta", "jenis": "Badan", "alias": None},
        {"kode": "KEC-ALAK", "nama": "Kecamatan Alak", "jenis": "Kecamatan", "alias": "Alak"},
    ])  # fmt: skip
    pk = table(PK_FRAME, [
        pk_row("A", "A-1", 120, "kumulatif", tw1=30, tw2=60, tw3=90, tw4=120),
        pk_row("A", "A-2", 80, "akhir"),
        pk_row("B", "B-1", 10, "akhir", "negatif", sasaran="Sasaran B"),
        pk_row("B", "B-2", 80, "rata_rata", hi=90, sasaran="Sasaran B"),
    ])  # fmt: skip
    real = [{"unit": "A", "tahun": 2018, "kunci": "A-1", "bulan": m, "realisasi": 10.0} for m in range(1, 7)]
    real += [
        {"unit": "A", "tahun": 2018, "kunci": "A-2", "bulan": m, "realisasi": 60.0 + 2 * m} for m in (1, 2, 4)
    ]
    real += [{"unit": "B", "tahun": 2018, "kunci": "B-1", "bulan": 3, "realisasi": 25.0}]
    real += [
        {"unit": "B", "tahun": 2018, "kunci": "B-2", "bulan": m, "realisasi": 85.0} for m in (1, 2, 3, 6)
    ]
    comp = table(PENGADUAN_FRAME, [
        complaint("T1", "2018-01-08", "A", "2018-01-09", "2018-01-20"),
        complaint("T2", "2018-01-15", "A", "2018-02-15"),
        complaint("T3", "2018-02-05", "B"),
        complaint("T4", "2018-03-01", "B", "2018-03-02", "2018-03-02", saluran="Posko", kecamatan="Oebobo",
                  kelurahan="Oebobo"),
        complaint("T5", "2018-03-10", "A", status="arsip"),
    ])  # fmt: skip
    return {"units": units, "pk": pk, "realisasi": table(REALISASI_FRAME, real), "pengaduan": comp}
