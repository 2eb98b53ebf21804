"""PK, realisasi and Unit sheets as canonical frames, every bad cell reported at once (DOMAIN §4)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.domain import vocabulary
from kinerja.domain.text import normalize_key, normalize_text
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import parse_months, parse_quarters, parse_year
from kinerja.ingest.cells.numbers import parse_numbers
from kinerja.ingest.cells.pii import mask_pii, masked_notice
from kinerja.ingest.cells.units import split_units
from kinerja.ingest.filelevel import add_missing_columns, fill_blanks, keep_file_unit
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.pkrows import needed_columns, prepare_pk, target_from_tw4
from kinerja.ingest.reader import NUMBER_EXPECTED, REQUIRED_MESSAGE, SheetReader
from kinerja.ingest.report import ImportReport
from kinerja.ingest.written import flag_units, percent_of, sign_notices, targets


def parse_pk(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """PK rows: blank Perangkat Daerah, Tahun or Sasaran continue the value above (DOMAIN §4)."""
    r = SheetReader(prepare_pk(raw, report), report)
    add_missing_columns(r, ("unit", "tahun"))
    needed = needed_columns(r)
    if not r.require_columns(needed):
        return r.base().iloc[0:0]
    for name in ("unit", "tahun", "sasaran"):
        if r.has(name):
            col = r.frame[name]
            r.frame[name] = col.mask(is_blank(col)).ffill()
    fill_blanks(r, ("unit", "tahun"))
    for name in needed:
        r.required(name)
    out = r.base()
    out["unit"] = r.text("unit")
    out["tahun"] = r.year()
    keep_file_unit(r, out)
    for name in ("sasaran", "kode_indikator", "indikator", "satuan", "program", "nama_kepala"):
        out[name] = r.text(name)
    target, sign = targets(r, "target", out["satuan"])
    out[["target", "target_min", "target_max"]] = target[["target", "target_min", "target_max"]]
    for q in range(1, 5):
        values, unit, _ = split_units(r.col(f"tw{q}"))
        out[f"tw{q}"], bad = parse_numbers(values, percent_of(r, f"tw{q}"))
        r.flag(f"tw{q}", bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED)
        flag_units(r, f"tw{q}", unit, out["satuan"], bad)
        r.flag(f"tw{q}", out[f"tw{q}"] < 0, "target triwulan negatif ({v})", "angka ≥ 0")
    out["polaritas"] = r.choice("polaritas", vocabulary.POLARITAS, "positif")
    sign_notices(r, sign, out["polaritas"])
    out["rumus_capaian"] = r.choice("rumus_capaian", vocabulary.RUMUS_CAPAIAN, "standar")
    renstra, _ = targets(r, "target_renstra", out["satuan"])
    out["target_renstra"] = renstra["target"]
    out["target_renstra_min"], out["target_renstra_max"] = renstra["target_min"], renstra["target_max"]
    years, bad_year = parse_year(r.col("tahun_renstra"))
    r.flag("tahun_renstra", bad_year, "'{v}' bukan tahun yang sah", "tahun empat angka, mis. 2021")
    out["tahun_renstra"] = years
    out["akumulasi"] = r.choice("akumulasi", vocabulary.AKUMULASI, raw.akumulasi or "akhir")
    target_from_tw4(r, out)
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


# A Bulan column headed `Triwulan`/`TW` holds quarters: its `2` is TW II (June), not February.
QUARTER_WORDS = {"triwulan", "tw", "trw", "kuartal"}
QUARTER_EXPECTED = "triwulan 1–4, I–IV atau TW I–IV (disimpan sebagai bulan akhir triwulan)"


def parse_realisasi(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """Long or wide (one column per month or quarter) realisasi as one row per value."""
    r = SheetReader(raw, report)
    wide = bool(raw.wide) and not r.has("bulan")
    add_missing_columns(r, ("unit", "tahun") if wide else ("unit", "tahun", "bulan"))
    fraction_only = r.has("pembilang") and r.has("penyebut") and not r.has("realisasi")
    needed = ["unit", "tahun"] + ([] if wide else ["bulan"] + ([] if fraction_only else ["realisasi"]))
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
    fill_blanks(r, ("unit", "tahun") if wide else ("unit", "tahun", "bulan"))
    for name in ("unit", "tahun"):
        r.required(name)
    base = r.base()
    base["unit"] = r.text("unit")
    base["tahun"] = r.year()
    keep_file_unit(r, base)
    base["kode_indikator"] = r.text("kode_indikator")
    base["indikator"] = r.text("indikator")
    no_indicator = base["kode_indikator"].isna() & base["indikator"].isna()
    r.flag(
        "indikator",
        no_indicator,
        "Indikator Kinerja dan Kode Indikator kosong",
        "nama atau kode indikator dari PK",
    )
    for name, title in (("keterangan", "Keterangan"), ("bukti", "Bukti")):
        base[name], masked = mask_pii(r.text(name))  # free text: masked like Uraian (UU 27/2022)
        if notice := masked_notice(title, masked):
            report.notice(notice, sheet=raw.name)
    base["realisasi_anggaran"] = r.numbers("realisasi_anggaran", "nilai rupiah, mis. 1.250.000")
    base["pembilang"] = r.numbers("pembilang", "jumlah kejadian, mis. 10")
    base["penyebut"] = r.numbers("penyebut", "jumlah sasaran, mis. 5.350")
    r.flag("penyebut", base["penyebut"] == 0, "Penyebut nol", "penyebut lebih dari 0")
    base["capaian_tercetak"] = r.numbers("capaian") if r.has("capaian") else np.nan
    if not wide:
        values, unit, _ = split_units(r.col("realisasi"))
        base["realisasi"], bad = parse_numbers(values, percent_of(r, "realisasi"))
        r.flag("realisasi", bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED)
        base["_satuan_sel"] = unit
        header = re.fullmatch(r"[A-Z]+ \((.*)\)", raw.labels.get("bulan", ""))  # `C (Triwulan)`
        words = set(normalize_text(header.group(1) if header else "").split())
        quarterly = bool(words & QUARTER_WORDS) and words <= QUARTER_WORDS | {"ke", "periode"}
        months, bad = (parse_quarters if quarterly else parse_months)(r.col("bulan"))
        r.required("bulan")
        what = ("triwulan", QUARTER_EXPECTED) if quarterly else ("bulan", REQUIRED_MESSAGE["bulan"][1])
        r.flag("bulan", bad, f"'{{v}}' bukan {what[0]} yang sah", what[1])
        base["bulan"] = months
        base["_kolom"] = raw.labels.get("realisasi", raw.labels.get("pembilang", "Realisasi"))
        # a blank Realisasi means "not reported" and is skipped; an unreadable one stays (reported)
        fraction = base["pembilang"].notna() | base["penyebut"].notna()  # checked when resolved
        budget = base["realisasi_anggaran"].notna()  # a budget-only row keeps its rupiah (issue 11)
        kept = base["realisasi"].notna() | ~is_blank(r.col("realisasi")) | fraction | budget
        _notice_ignored_notes(base.loc[~kept], raw, report)
        return base.loc[kept].reset_index(drop=True)
    parts = []
    budget = {month: label for label, month in raw.wide_budget.items()}
    for label, month in raw.wide.items():
        percent = raw.percent[label].set_axis(r.frame.index) if raw.percent is not None else None
        cells, unit, _ = split_units(r.frame[label])
        values, bad = parse_numbers(cells, percent)
        r.flag(label, bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED, label=label)
        part = base.assign(bulan=month, realisasi=values, _kolom=label, _satuan_sel=unit)
        part = part.assign(pembilang=float("nan"), penyebut=float("nan"))  # one per row, not per month
        if month in budget:  # `Rp.` under the same quarter: the realisasi anggaran of that period
            spent, bad_rp = parse_numbers(r.frame[budget[month]])
            r.flag(budget[month], bad_rp, "'{v}' bukan angka yang sah", NUMBER_EXPECTED, label=budget[month])
            part["realisasi_anggaran"] = spent
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
