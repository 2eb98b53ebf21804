"""PK, realisasi and Unit sheets as canonical frames, every bad cell reported at once (DOMAIN §4)."""

from __future__ import annotations

import pandas as pd

from kinerja.domain import vocabulary
from kinerja.domain.text import normalize_key, normalize_text
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import parse_months
from kinerja.ingest.cells.numbers import parse_numbers, parse_target
from kinerja.ingest.cells.pii import mask_pii, masked_notice
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.reader import NUMBER_EXPECTED, REQUIRED_MESSAGE, SheetReader
from kinerja.ingest.report import ImportReport


def parse_pk(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """PK rows: blank Perangkat Daerah, Tahun or Sasaran continue the value above (DOMAIN §4)."""
    r = SheetReader(raw, report)
    needed = ["unit", "tahun", "sasaran", "indikator", "satuan", "target"]
    if not r.require_columns(needed):
        return r.base().iloc[0:0]
    for name in ("unit", "tahun", "sasaran"):
        col = r.frame[name]
        r.frame[name] = col.mask(is_blank(col)).ffill()
    for name in needed:
        r.required(name)
    out = r.base()
    out["unit"] = r.text("unit")
    out["tahun"] = r.year()
    for name in ("sasaran", "kode_indikator", "indikator", "satuan", "program", "nama_kepala"):
        out[name] = r.text(name)
    percent = r.raw.percent["target"].set_axis(r.frame.index) if r.raw.percent is not None else None
    target, bad = parse_target(r.col("target"), percent)
    r.flag("target", bad, "'{v}' bukan target yang sah", "angka ≥ 0 atau rentang, mis. 85 atau 80-90")
    out[["target", "target_min", "target_max"]] = target[["target", "target_min", "target_max"]]
    for q in range(1, 5):
        out[f"tw{q}"] = r.numbers(f"tw{q}")
        r.flag(f"tw{q}", out[f"tw{q}"] < 0, "target triwulan negatif ({v})", "angka ≥ 0")
    out["polaritas"] = r.choice("polaritas", vocabulary.POLARITAS, "positif")
    out["akumulasi"] = r.choice("akumulasi", vocabulary.AKUMULASI, "akhir")
    sumber = r.text("sumber_data").str.lower().str.replace(" ", "", regex=False)
    bad_sumber = sumber.notna() & ~sumber.isin(vocabulary.SUMBER_PENGADUAN)
    r.flag(
        "sumber_data",
        bad_sumber,
        "Sumber Data '{v}' tidak dikenal",
        "kosong, atau " + ", ".join(vocabulary.SUMBER_PENGADUAN),
    )
    out["sumber_data"] = sumber.where(~bad_sumber)
    out["anggaran"] = r.numbers("anggaran", "nilai rupiah, mis. 1.250.000.000")
    out["tanggal_perjanjian"] = r.dates("tanggal_perjanjian")
    out["kunci"] = indicator_key(out["kode_indikator"], out["indikator"])
    return out


def indicator_key(kode: pd.Series, nama: pd.Series) -> pd.Series:
    """An indicator's identity: its Kode, else its normalised name (DOMAIN §4)."""
    by_code = kode.astype(object).where(kode.notna(), None)
    by_name = normalize_key(nama.fillna("").astype(str))
    return by_code.str.upper().where(kode.notna(), by_name)


def parse_realisasi(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """Long or wide (one column per month or quarter) realisasi as one row per value."""
    r = SheetReader(raw, report)
    wide = bool(raw.wide) and not r.has("bulan")
    needed = ["unit", "tahun"] + ([] if wide else ["bulan", "realisasi"])
    ok = r.require_columns(needed)
    if not r.has("indikator") and not r.has("kode_indikator"):
        report.error(
            "kolom Indikator Kinerja atau Kode Indikator tidak ditemukan",
            sheet=raw.name,
            expected="judul kolom 'Indikator Kinerja' atau 'Kode Indikator'",
        )
        ok = False
    if not ok:
        return r.base().iloc[0:0]
    for name in ("unit", "tahun"):
        r.required(name)
    base = r.base()
    base["unit"] = r.text("unit")
    base["tahun"] = r.year()
    base["kode_indikator"] = r.text("kode_indikator")
    base["indikator"] = r.text("indikator")
    no_indicator = base["kode_indikator"].isna() & base["indikator"].isna()
    r.flag(
        "indikator",
        no_indicator,
        "Indikator Kinerja dan Kode Indikator kosong",
        "nama atau kode indikator dari PK",
    )
    for name, what in (("keterangan", "Keterangan"), ("bukti", "Bukti")):
        base[name], masked = mask_pii(r.text(name))  # free text: masked like Uraian (UU 27/2022)
        if notice := masked_notice(what, masked):
            report.notice(notice, sheet=raw.name)
    base["realisasi_anggaran"] = r.numbers("realisasi_anggaran", "nilai rupiah, mis. 1.250.000")
    if not wide:
        base["realisasi"] = r.numbers("realisasi")
        months, bad = parse_months(r.col("bulan"))
        r.required("bulan")
        r.flag("bulan", bad, "'{v}' bukan bulan yang sah", REQUIRED_MESSAGE["bulan"][1])
        base["bulan"] = months
        base["_kolom"] = raw.labels["realisasi"]
        # a blank Realisasi means "not reported" and is skipped; an unreadable one stays (reported)
        kept = base["realisasi"].notna() | ~is_blank(r.col("realisasi"))
        _notice_ignored_notes(base.loc[~kept], raw, report)
        return base.loc[kept].reset_index(drop=True)
    parts = []
    for label, month in raw.wide.items():
        percent = raw.percent[label].set_axis(r.frame.index) if raw.percent is not None else None
        values, bad = parse_numbers(r.frame[label], percent)
        r.flag(label, bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED, label=label)
        part = base.assign(bulan=month, realisasi=values, _kolom=label)
        parts.append(part.loc[values.notna() | bad])
    out = pd.concat(parts, ignore_index=True) if parts else base.iloc[0:0]
    out["bulan"] = out["bulan"].astype("Int64")
    _notice_ignored_notes(base.loc[~base["_baris"].isin(out["_baris"])], raw, report)
    return out


def _notice_ignored_notes(blank: pd.DataFrame, raw: RawSheet, report: ImportReport) -> None:
    """A blank Realisasi with a Keterangan or Bukti: the note is not stored either, so say so (issue 10)."""
    for name, what in (("keterangan", "Keterangan"), ("bukti", "Bukti")):
        for baris in blank.loc[blank[name].notna(), "_baris"].head(50):
            report.notice(f"Realisasi kosong: {what} di baris ini tidak disimpan; isi Realisasi agar "
                          f"{what} ikut tersimpan", sheet=raw.name, row=int(baris),
                          column=raw.labels.get("realisasi", "Realisasi"))  # fmt: skip


def parse_units(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """Unit rows: Kode and Nama required; Jenis from the known list (DOMAIN §4 Unit sheet)."""
    r = SheetReader(raw, report)
    if not r.require_columns(["kode", "nama"]):
        return r.base().iloc[0:0]
    r.required("kode")
    r.required("nama")
    out = r.base()
    out["kode"] = r.text("kode")
    out["nama"] = r.text("nama")
    jenis = r.text("jenis")
    known = {normalize_text(j): j for j in vocabulary.UNIT_JENIS}
    canon = jenis.map(lambda j: known.get(normalize_text(j)) if isinstance(j, str) else None)
    r.flag(
        "jenis", jenis.notna() & canon.isna(), "Jenis '{v}' tidak dikenal", ", ".join(vocabulary.UNIT_JENIS)
    )
    out["jenis"] = canon.astype(object)
    out["alias"] = r.text("alias")
    return out
