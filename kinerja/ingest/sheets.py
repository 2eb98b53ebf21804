"""PK, realisasi and Unit sheets as canonical frames, every bad cell reported at once (DOMAIN §4)."""

from __future__ import annotations

import pandas as pd

from kinerja.domain import vocabulary
from kinerja.domain.text import normalize_key, normalize_text
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import parse_months, parse_year
from kinerja.ingest.cells.numbers import parse_numbers, parse_target
from kinerja.ingest.cells.units import split_units, unit_mismatch
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.reader import NUMBER_EXPECTED, REQUIRED_MESSAGE, SheetReader, show_value
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
    target, sign = _targets(r, "target", out["satuan"])
    out[["target", "target_min", "target_max"]] = target[["target", "target_min", "target_max"]]
    for q in range(1, 5):
        values, unit, _ = split_units(r.col(f"tw{q}"))
        out[f"tw{q}"], bad = parse_numbers(values, _percent(r, f"tw{q}"))
        r.flag(f"tw{q}", bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED)
        flag_units(r, f"tw{q}", unit, out["satuan"], bad)
        r.flag(f"tw{q}", out[f"tw{q}"] < 0, "target triwulan negatif ({v})", "angka ≥ 0")
    out["polaritas"] = r.choice("polaritas", vocabulary.POLARITAS, "positif")
    _sign_notices(r, sign, out["polaritas"])
    out["rumus_capaian"] = r.choice("rumus_capaian", vocabulary.RUMUS_CAPAIAN, "standar")
    renstra, _ = _targets(r, "target_renstra", out["satuan"])
    out["target_renstra"] = renstra["target"]
    out["target_renstra_min"], out["target_renstra_max"] = renstra["target_min"], renstra["target_max"]
    years, bad_year = parse_year(r.col("tahun_renstra"))
    r.flag("tahun_renstra", bad_year, "'{v}' bukan tahun yang sah", "tahun empat angka, mis. 2021")
    out["tahun_renstra"] = years
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


def _percent(r: SheetReader, name: str) -> pd.Series | None:
    if r.raw.percent is None or name not in r.raw.percent.columns:
        return None
    return r.raw.percent[name].set_axis(r.frame.index)


def _targets(r: SheetReader, name: str, satuan: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """A target column written as reports write it (`30 LPK`, `≥ 95`, `80 s.d. 90 %`); its signs."""
    values, unit, sign = split_units(r.col(name))
    target, bad = parse_target(values, _percent(r, name))
    r.flag(name, bad, "'{v}' bukan target yang sah", "angka ≥ 0 atau rentang, mis. 85 atau 80-90")
    flag_units(r, name, unit, satuan, bad)
    return target, sign.where(~bad)


def flag_units(
    r: SheetReader, name: str, unit: pd.Series, satuan: pd.Series, bad: pd.Series, label: str = ""
) -> None:
    """A number written with another unit than the indicator's Satuan is refused, naming both."""
    wrong = unit_mismatch(unit, satuan) & ~bad & satuan.notna()
    values = r.col(name) if not label else r.frame[label]
    for idx in wrong[wrong].index:
        r.report.error(
            f"'{show_value(values.at[idx])}' memakai satuan '{unit.at[idx]}', padahal Satuan indikator "
            f"ini '{satuan.at[idx]}'",
            sheet=r.raw.name, row=int(r.rows.at[idx]), column=label or r.raw.labels.get(name, name),
            expected=f"angka saja, atau angka dengan satuan '{satuan.at[idx]}'",
        )  # fmt: skip


def _sign_notices(r: SheetReader, sign: pd.Series, polaritas: pd.Series) -> None:
    """`≥ 95` on a negatif indicator (or `≤ 5` on a positif one): a warning, the number is used."""
    words = {"positif": "semakin tinggi semakin baik", "negatif": "semakin rendah semakin baik"}
    clash = sign.notna() & (sign != polaritas)
    for idx in clash[clash].index:
        r.report.notice(
            f"Target '{show_value(r.col('target').at[idx])}' berarti {words[sign.at[idx]]}, tetapi "
            f"Polaritas indikator ini {polaritas.at[idx]}; angkanya dipakai, periksa Polaritas",
            sheet=r.raw.name, row=int(r.rows.at[idx]), column=r.raw.labels.get("target", "Target"),
        )  # fmt: skip


def indicator_key(kode: pd.Series, nama: pd.Series) -> pd.Series:
    """An indicator's identity: its Kode, else its normalised name (DOMAIN §4)."""
    by_code = kode.astype(object).where(kode.notna(), None)
    by_name = normalize_key(nama.fillna("").astype(str))
    return by_code.str.upper().where(kode.notna(), by_name)


def parse_realisasi(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """Long or wide (one column per month or quarter) realisasi as one row per value."""
    r = SheetReader(raw, report)
    wide = bool(raw.wide) and not r.has("bulan")
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
    for name in ("keterangan", "bukti"):
        base[name] = r.text(name)
    base["realisasi_anggaran"] = r.numbers("realisasi_anggaran", "nilai rupiah, mis. 1.250.000")
    base["pembilang"] = r.numbers("pembilang", "jumlah kejadian, mis. 10")
    base["penyebut"] = r.numbers("penyebut", "jumlah sasaran, mis. 5.350")
    r.flag("penyebut", base["penyebut"] == 0, "Penyebut nol", "penyebut lebih dari 0")
    if not wide:
        values, unit, _ = split_units(r.col("realisasi"))
        base["realisasi"], bad = parse_numbers(values, _percent(r, "realisasi"))
        r.flag("realisasi", bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED)
        base["_satuan_sel"] = unit
        months, bad = parse_months(r.col("bulan"))
        r.required("bulan")
        r.flag("bulan", bad, "'{v}' bukan bulan yang sah", REQUIRED_MESSAGE["bulan"][1])
        base["bulan"] = months
        base["_kolom"] = raw.labels.get("realisasi", raw.labels.get("pembilang", "Realisasi"))
        # a blank Realisasi means "not reported" and is skipped; an unreadable one stays (reported)
        fraction = base["pembilang"].notna() | base["penyebut"].notna()  # checked when resolved
        budget = base["realisasi_anggaran"].notna()  # a budget-only row keeps its rupiah (issue 11)
        kept = base["realisasi"].notna() | ~is_blank(r.col("realisasi")) | fraction | budget
        return base.loc[kept].reset_index(drop=True)
    parts = []
    for label, month in raw.wide.items():
        percent = raw.percent[label].set_axis(r.frame.index) if raw.percent is not None else None
        cells, unit, _ = split_units(r.frame[label])
        values, bad = parse_numbers(cells, percent)
        r.flag(label, bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED, label=label)
        part = base.assign(bulan=month, realisasi=values, _kolom=label, _satuan_sel=unit)
        part = part.assign(pembilang=float("nan"), penyebut=float("nan"))  # one per row, not per month
        parts.append(part.loc[values.notna() | bad])
    out = pd.concat(parts, ignore_index=True) if parts else base.iloc[0:0]
    out["bulan"] = out["bulan"].astype("Int64")
    return out


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
