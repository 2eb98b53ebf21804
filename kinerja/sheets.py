"""Turn recognised sheets into canonical frames, reporting every bad cell at once (DOMAIN §4)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from kinerja import parse, schema
from kinerja.report import ImportReport
from kinerja.workbook import RawSheet

_REQUIRED_MESSAGE = {
    "unit": ("Perangkat Daerah kosong", "nama perangkat daerah, mis. Dinas Kesehatan"),
    "tahun": ("Tahun kosong", "tahun empat angka, mis. 2018"),
    "sasaran": ("Sasaran Strategis kosong", "teks sasaran strategis"),
    "indikator": ("Indikator Kinerja kosong", "nama indikator kinerja"),
    "satuan": ("Satuan kosong", "satuan, mis. %, orang, ton"),
    "target": ("Target kosong", "angka target ≥ 0, mis. 85 atau 80-90"),
    "bulan": ("Bulan kosong", "bulan 1–12, nama bulan (Januari, Agt) atau TW I–IV"),
    "tanggal_masuk": ("Tanggal Masuk kosong", "tanggal, mis. 27/02/2018"),
    "kode": ("Kode kosong", "kode unit, mis. DINKES"),
    "nama": ("Nama kosong", "nama unit"),
}
NUMBER_EXPECTED = "angka, mis. 85,5 atau 1.250.000 (koma = desimal)"
DATE_EXPECTED = "tanggal, mis. 27/02/2018, 2018-02-27 atau 27 Februari 2018"


class SheetReader:
    """Parses the columns of one RawSheet, recording problems with file/sheet/row/column."""

    def __init__(self, raw: RawSheet, report: ImportReport) -> None:
        self.raw = raw
        self.report = report
        self.frame = raw.frame
        self.rows = raw.frame["_baris"]

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def col(self, name: str) -> pd.Series:
        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series([None] * len(self.frame), index=self.frame.index, dtype=object)

    def flag(self, name: str, bad: pd.Series, message: str, expected: str, label: str = "") -> None:
        values = self.col(name) if name in self.frame.columns else None
        column = label or self.raw.labels.get(name, name)
        for idx in bad[bad].index:
            shown = "" if values is None else _show(values.at[idx])
            self.report.error(
                message.format(v=shown),
                sheet=self.raw.name,
                row=int(self.rows.at[idx]),
                column=column,
                expected=expected,
            )

    def require_columns(self, names: list[str]) -> bool:
        ok = True
        for name in names:
            if not self.has(name):
                col = next(c for c in schema.COLUMNS[self.raw.kind] if c.field == name)
                also = f" (atau {', '.join(col.synonyms)})" if col.synonyms else ""
                self.report.error(
                    f"kolom {col.name} tidak ditemukan",
                    sheet=self.raw.name,
                    expected=f"judul kolom '{col.name}'{also} di baris judul",
                )
                ok = False
        return ok

    def required(self, name: str) -> pd.Series:
        """The column's blank cells are errors; returns the blank mask."""
        blank = parse.is_blank(self.col(name))
        message, expected = _REQUIRED_MESSAGE[name]
        self.flag(name, blank, message, expected)
        return blank

    def text(self, name: str) -> pd.Series:
        return texts(self.col(name))

    def numbers(self, name: str, expected: str = NUMBER_EXPECTED) -> pd.Series:
        percent = None
        if self.raw.percent is not None and name in self.raw.percent.columns:
            percent = self.raw.percent[name].set_axis(self.frame.index)
        values, bad = parse.parse_numbers(self.col(name), percent)
        self.flag(name, bad, "'{v}' bukan angka yang sah", expected)
        return values

    def dates(self, name: str) -> pd.Series:
        values, bad = parse.parse_dates(self.col(name))
        self.flag(name, bad, "'{v}' bukan tanggal yang sah", DATE_EXPECTED)
        return values

    def year(self) -> pd.Series:
        values, bad = parse.parse_year(self.col("tahun"))
        self.flag("tahun", bad, "'{v}' bukan tahun yang sah", "tahun empat angka, mis. 2018")
        return values

    def choice(self, name: str, mapping: dict[str, list[str]], default: str | None = None) -> pd.Series:
        values, bad = parse.parse_choice(self.col(name), mapping)
        self.flag(name, bad, "'{v}' tidak dikenal", parse.choice_list(mapping))
        if default is not None:
            values = values.fillna(default)
        return values

    def yes_no(self, name: str) -> pd.Series:
        values, bad = parse.parse_yes_no(self.col(name))
        self.flag(name, bad, "'{v}' bukan Ya/Tidak", "Ya atau Tidak (juga Ada/Tidak Ada, Y/T, 1/0, ✓)")
        return values

    def base(self) -> pd.DataFrame:
        return pd.DataFrame({"_sheet": self.raw.name, "_baris": self.rows.astype("int64")})


def texts(values: pd.Series) -> pd.Series:
    """Cell values as stripped text; whole-number floats lose their `.0`; blank → <NA>."""
    blank = parse.is_blank(values).to_numpy(dtype=bool)
    if isinstance(values.dtype, pd.StringDtype):
        stripped = values.str.strip().astype(object)
        return stripped.where(~blank, pd.NA)
    arr = values.to_numpy(dtype=object)
    out = np.full(len(arr), pd.NA, dtype=object)
    is_str = np.frompyfunc(lambda v: isinstance(v, str), 1, 1)(arr).astype(bool) & ~blank
    if is_str.any():
        out[is_str] = pd.Series(arr[is_str], dtype=object).str.strip().to_numpy(dtype=object)
    for i in np.flatnonzero(~is_str & ~blank):  # numbers and dates in a text column: few
        v = arr[i]
        out[i] = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
    return pd.Series(out, index=values.index, dtype=object)


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:60]


def read_pk(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
    """PK rows: blank Perangkat Daerah, Tahun or Sasaran continue the value above (DOMAIN §4)."""
    r = SheetReader(raw, report)
    needed = ["unit", "tahun", "sasaran", "indikator", "satuan", "target"]
    if not r.require_columns(needed):
        return r.base().iloc[0:0]
    for name in ("unit", "tahun", "sasaran"):
        col = r.frame[name]
        r.frame[name] = col.mask(parse.is_blank(col)).ffill()
    for name in needed:
        r.required(name)
    out = r.base()
    out["unit"] = r.text("unit")
    out["tahun"] = r.year()
    for name in ("sasaran", "kode_indikator", "indikator", "satuan", "program", "nama_kepala"):
        out[name] = r.text(name)
    percent = r.raw.percent["target"].set_axis(r.frame.index) if r.raw.percent is not None else None
    target, bad = parse.parse_target(r.col("target"), percent)
    r.flag("target", bad, "'{v}' bukan target yang sah", "angka ≥ 0 atau rentang, mis. 85 atau 80-90")
    out[["target", "target_min", "target_max"]] = target[["target", "target_min", "target_max"]]
    for q in range(1, 5):
        out[f"tw{q}"] = r.numbers(f"tw{q}")
        r.flag(f"tw{q}", out[f"tw{q}"] < 0, "target triwulan negatif ({v})", "angka ≥ 0")
    out["polaritas"] = r.choice("polaritas", schema.POLARITAS, "positif")
    out["akumulasi"] = r.choice("akumulasi", schema.AKUMULASI, "akhir")
    sumber = r.text("sumber_data").str.lower().str.replace(" ", "", regex=False)
    bad_sumber = sumber.notna() & ~sumber.isin(schema.SUMBER_PENGADUAN)
    r.flag(
        "sumber_data",
        bad_sumber,
        "Sumber Data '{v}' tidak dikenal",
        "kosong, atau " + ", ".join(schema.SUMBER_PENGADUAN),
    )
    out["sumber_data"] = sumber.where(~bad_sumber)
    out["anggaran"] = r.numbers("anggaran", "nilai rupiah, mis. 1.250.000.000")
    out["tanggal_perjanjian"] = r.dates("tanggal_perjanjian")
    out["kunci"] = indicator_key(out["kode_indikator"], out["indikator"])
    return out


def indicator_key(kode: pd.Series, nama: pd.Series) -> pd.Series:
    """An indicator's identity: its Kode, else its normalised name (DOMAIN §4)."""
    by_code = kode.astype(object).where(kode.notna(), None)
    by_name = parse.normalize_key(nama.fillna("").astype(str))
    return by_code.str.upper().where(kode.notna(), by_name)


def read_realisasi(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
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
    for name in ("keterangan", "bukti"):
        base[name] = r.text(name)
    base["realisasi_anggaran"] = r.numbers("realisasi_anggaran", "nilai rupiah, mis. 1.250.000")
    if not wide:
        base["realisasi"] = r.numbers("realisasi")
        months, bad = parse.parse_months(r.col("bulan"))
        r.required("bulan")
        r.flag("bulan", bad, "'{v}' bukan bulan yang sah", _REQUIRED_MESSAGE["bulan"][1])
        base["bulan"] = months
        base["_kolom"] = raw.labels["realisasi"]
        # a blank Realisasi means "not reported" and is skipped; an unreadable one stays (reported)
        kept = base["realisasi"].notna() | ~parse.is_blank(r.col("realisasi"))
        return base.loc[kept].reset_index(drop=True)
    parts = []
    for label, month in raw.wide.items():
        percent = raw.percent[label].set_axis(r.frame.index) if raw.percent is not None else None
        values, bad = parse.parse_numbers(r.frame[label], percent)
        r.flag(label, bad, "'{v}' bukan angka yang sah", NUMBER_EXPECTED, label=label)
        part = base.assign(bulan=month, realisasi=values, _kolom=label)
        parts.append(part.loc[values.notna() | bad])
    out = pd.concat(parts, ignore_index=True) if parts else base.iloc[0:0]
    out["bulan"] = out["bulan"].astype("Int64")
    return out


def read_units(raw: RawSheet, report: ImportReport) -> pd.DataFrame:
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
    known = {parse.normalize_text(j): j for j in schema.UNIT_JENIS}
    canon = jenis.map(lambda j: known.get(parse.normalize_text(j)) if isinstance(j, str) else None)
    r.flag("jenis", jenis.notna() & canon.isna(), "Jenis '{v}' tidak dikenal", ", ".join(schema.UNIT_JENIS))
    out["jenis"] = canon.astype(object)
    out["alias"] = r.text("alias")
    return out


def read_complaints(raw: RawSheet, report: ImportReport, today: pd.Timestamp) -> pd.DataFrame:
    """Complaint rows: dates, status, channel, wilayah, masked Uraian and derived ticket ids."""
    r = SheetReader(raw, report)
    if not r.require_columns(["tanggal_masuk"]):
        return r.base().iloc[0:0]
    if raw.dropped_identity:
        report.notice(
            "kolom identitas pelapor tidak disimpan (UU 27/2022): " + ", ".join(raw.dropped_identity),
            sheet=raw.name,
        )
    r.required("tanggal_masuk")
    out = r.base()
    out["no_tiket"] = r.text("no_tiket")
    for name in schema.COMPLAINT_DATES:
        out[name] = r.dates(name)
    _check_date_order(r, out, today)
    out["saluran"], out["saluran_catatan"] = parse.parse_saluran(r.col("saluran"))
    out["kategori"] = r.text("kategori")
    uraian, masked = parse.mask_pii(r.text("uraian"))
    out["uraian"] = uraian
    if any(masked.values()):
        parts = [f"{n} {k}" for k, n in masked.items() if n]
        report.notice("data pribadi dalam Uraian disamarkan: " + ", ".join(parts), sheet=raw.name)
    wil = parse.Wilayah.load().normalize(r.text("kecamatan"), r.text("kelurahan"))
    for idx, name, message, expected in wil.problems:
        r.flag(name, pd.Series(r.frame.index == idx, index=r.frame.index), message, expected)
    out["kecamatan"], out["kelurahan"] = wil.kecamatan, wil.kelurahan
    out["unit"] = r.text("unit")
    out["status"] = r.choice("status", schema.STATUS)
    out["ada_bukti"] = r.yes_no("ada_bukti")
    out["tinjau_lapangan"] = r.yes_no("tinjau_lapangan")
    _claimed_status_notices(r, out)
    out["tiket_turunan"] = out["no_tiket"].isna()
    out.loc[out["tiket_turunan"], "no_tiket"] = derived_ticket_ids(out.loc[out["tiket_turunan"]])
    if out["tiket_turunan"].any():
        report.notice(
            f"{int(out['tiket_turunan'].sum())} pengaduan tanpa No Tiket diberi nomor turunan "
            "(dari Tanggal Masuk, Saluran, Kelurahan dan Uraian)",
            sheet=raw.name,
        )
    dup = out["no_tiket"].duplicated(keep="first") & out["no_tiket"].notna()
    first_row = out.groupby("no_tiket")["_baris"].transform("min")
    for idx in dup[dup].index:
        report.error(
            f"No Tiket '{out.at[idx, 'no_tiket']}' ganda (sudah ada di baris {first_row.at[idx]})",
            sheet=raw.name,
            row=int(out.at[idx, "_baris"]),
            column=raw.labels.get("no_tiket", "No Tiket"),
            expected="setiap pengaduan satu baris dengan No Tiket yang unik",
        )
    return out


def date_order_violations(frame: pd.DataFrame) -> pd.DataFrame:
    """Pairs of complaint dates out of order, compared as calendar dates (DOMAIN §4)."""
    days = {n: frame[n].dt.normalize() for n in schema.COMPLAINT_DATES}
    found = []
    names = list(schema.COMPLAINT_DATES)
    for j, later in enumerate(names[1:], start=1):
        for earlier in names[:j]:
            bad = days[earlier].notna() & days[later].notna() & (days[later] < days[earlier])
            if bad.any():
                found.append(pd.DataFrame({"idx": frame.index[bad], "earlier": earlier, "later": later}))
    if not found:
        return pd.DataFrame(columns=["idx", "earlier", "later"])
    return pd.concat(found).drop_duplicates("idx")


def _label(name: str) -> str:
    return next(c.name for c in schema.PENGADUAN_COLUMNS if c.field == name)


def _check_date_order(r: SheetReader, out: pd.DataFrame, today: pd.Timestamp) -> None:
    for _, v in date_order_violations(out).iterrows():
        mask = pd.Series(r.frame.index == v["idx"], index=r.frame.index)
        r.flag(
            v["later"],
            mask,
            f"{_label(v['later'])} '{{v}}' lebih awal dari {_label(v['earlier'])}",
            "urutan masuk ≤ verifikasi ≤ disposisi ≤ tanggapan ≤ selesai",
        )
    for name in schema.COMPLAINT_DATES:
        future = out[name].dt.normalize() > today
        r.flag(name, future, "tanggal '{v}' setelah hari ini", f"tanggal paling lambat {today:%d/%m/%Y}")


def _claimed_status_notices(r: SheetReader, out: pd.DataFrame) -> None:
    """A Status later than the dates show is a warning; the complaint keeps it (DOMAIN §4)."""
    order = {s: i for i, s in enumerate(schema.STATUS_ORDER)}
    by_dates = np.select(
        [
            out["tanggal_selesai"].notna(),
            out["tanggal_tanggapan"].notna(),
            out["tanggal_verifikasi"].notna() | out["tanggal_disposisi"].notna(),
        ],
        [3, 2, 1],
        0,
    )
    claimed = pd.to_numeric(out["status"].astype(object).map(order), errors="coerce")
    later = claimed.notna() & (claimed > by_dates) & ~((claimed == 1) & (by_dates == 0))
    for idx in later[later].index:
        r.report.notice(
            f"Status '{_show(r.col('status').at[idx])}' mendahului tanggal yang terisi; status ini "
            "dipakai, tetapi pengaduan tidak dihitung pada ukuran yang butuh tanggal tersebut",
            sheet=r.raw.name,
            row=int(out.at[idx, "_baris"]),
            column=r.raw.labels.get("status", "Status"),
        )


def derived_ticket_ids(rows: pd.DataFrame) -> pd.Series:
    """Stable ids for complaints without No Tiket: Tanggal Masuk (with time), Saluran, Kelurahan, Uraian."""
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=object)
    masuk = rows["tanggal_masuk"].dt.strftime("%Y-%m-%dT%H:%M:%S").fillna("")
    parts = (
        masuk
        + "|"
        + rows["saluran"].fillna("").astype(str)
        + "|"
        + rows["saluran_catatan"].fillna("").astype(str)
        + "|"
        + rows["kelurahan"].fillna("").astype(str)
        + "|"
        + parse.normalize_key(rows["uraian"].fillna("").astype(str))
    )
    digests = parts.map(lambda t: hashlib.sha1(t.encode()).hexdigest()[:12].upper())
    return "T-" + rows["tanggal_masuk"].dt.strftime("%Y%m%d").fillna("0") + "-" + digests
