"""Complaint sheets as canonical frames: dates in order, status, channel, wilayah, masked Uraian, ticket ids."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from kinerja.domain import schema, vocabulary
from kinerja.domain.text import normalize_key
from kinerja.ingest.cells.choices import parse_saluran
from kinerja.ingest.cells.pii import mask_pii, masked_notice
from kinerja.ingest.klaim import RIWAYAT_EXPECTED, parse_riwayat
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.reader import SheetReader, show_value
from kinerja.ingest.report import ImportReport
from kinerja.ingest.wilayah import Wilayah


def parse_pengaduan(raw: RawSheet, report: ImportReport, today: pd.Timestamp) -> pd.DataFrame:
    """Complaint rows: dates, status, channel, wilayah, masked Uraian and derived ticket ids."""
    r = SheetReader(raw, report)
    if not r.has("tanggal_masuk") and r.has("uraian"):  # issue 12: say what the file is not
        report.error(
            "daftar teks pengaduan tanpa Tanggal Masuk (bukan ekspor pengaduan): kolom Tanggal Masuk tidak ditemukan",
            sheet=raw.name, expected="kolom 'Tanggal Masuk' (atau Tanggal Laporan, Tanggal Dibuat …) di baris judul",
        )  # fmt: skip
        return r.base().iloc[0:0]
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
    out["saluran"], catatan = parse_saluran(r.col("saluran"))
    # UU 27/2022: every free-text field is masked like Uraian, the Saluran note too (`WA 0815 …`)
    for name, what, values in (("saluran_catatan", "catatan Saluran", catatan),
                               ("kategori", "Kategori", r.text("kategori")), ("uraian", "Uraian", r.text("uraian"))):  # fmt: skip
        out[name], masked = mask_pii(values)
        if notice := masked_notice(what, masked):
            report.notice(notice, sheet=raw.name)
    kecamatan, kelurahan = r.text("kecamatan"), r.text("kelurahan")
    if r.has("lokasi"):  # issue 12: a Lokasi text naming kelurahan and kecamatan, split on the reference list
        kec_of, kel_of = Wilayah.load().split_lokasi(r.text("lokasi"))
        kecamatan, kelurahan = kecamatan.fillna(kec_of), kelurahan.fillna(kel_of)
    wil = Wilayah.load().normalize(kecamatan, kelurahan)
    for (name, message, expected), where in _grouped(wil.problems).items():
        r.flag(name, pd.Series(r.frame.index.isin(where), index=r.frame.index), message, expected)
    out["kecamatan"], out["kelurahan"] = wil.kecamatan, wil.kelurahan
    out["unit"] = r.text("unit")
    out["status"] = r.choice("status", vocabulary.STATUS)
    out["ada_bukti"] = r.yes_no("ada_bukti")
    out["tinjau_lapangan"] = r.yes_no("tinjau_lapangan")
    riwayat, bad_riwayat = parse_riwayat(r.col("riwayat_status"))
    r.flag("riwayat_status", bad_riwayat, "Riwayat Status '{v}' tidak terbaca", RIWAYAT_EXPECTED)
    out[list(riwayat.columns)] = riwayat
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
    if dup.any():
        _duplicate_errors(raw, report, out, dup)
    return out


def _duplicate_errors(raw: RawSheet, report: ImportReport, out: pd.DataFrame, dup: pd.Series) -> None:
    first_row = out.groupby("no_tiket")["_baris"].transform("min")
    for idx in dup[dup].index:
        report.error(
            f"No Tiket '{out.at[idx, 'no_tiket']}' ganda (sudah ada di baris {first_row.at[idx]})",
            sheet=raw.name,
            row=int(out.at[idx, "_baris"]),
            column=raw.labels.get("no_tiket", "No Tiket"),
            expected="setiap pengaduan satu baris dengan No Tiket yang unik",
        )


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


def field_label(name: str) -> str:
    return next(c.name for c in schema.PENGADUAN_COLUMNS if c.field == name)


def _grouped(problems: list) -> dict[tuple[str, str, str], list]:
    """Problems as {(field, message, expected): row labels}: one flag per kind, not per row."""
    out: dict[tuple[str, str, str], list] = {}
    for idx, name, message, expected in problems:
        out.setdefault((name, message, expected), []).append(idx)
    return out


def _check_date_order(r: SheetReader, out: pd.DataFrame, today: pd.Timestamp) -> None:
    bad = date_order_violations(out)
    for (later, earlier), pair in bad.groupby(["later", "earlier"], sort=False):
        mask = pd.Series(r.frame.index.isin(pair["idx"]), index=r.frame.index)
        r.flag(
            later,
            mask,
            f"{field_label(later)} '{{v}}' lebih awal dari {field_label(earlier)}",
            "urutan masuk ≤ verifikasi ≤ disposisi ≤ tanggapan ≤ selesai",
        )
    for name in schema.COMPLAINT_DATES:
        future = out[name].dt.normalize() > today
        r.flag(name, future, "tanggal '{v}' setelah hari ini", f"tanggal paling lambat {today:%d/%m/%Y}")


def _claimed_status_notices(r: SheetReader, out: pd.DataFrame) -> None:
    """A Status later than the dates show is a warning; the complaint keeps it (DOMAIN §4)."""
    order = {s: i for i, s in enumerate(vocabulary.STATUS_ORDER)}
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
            f"Status '{show_value(r.col('status').at[idx])}' mendahului tanggal yang terisi; status ini "
            "dipakai sejak tanggal data berkas ini (bulan sebelumnya tidak berubah), tetapi pengaduan tidak "
            "dihitung pada ukuran yang butuh tanggal tersebut",
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
        + normalize_key(rows["uraian"].fillna("").astype(str)).fillna("")  # blank Uraian: "" (issue 12 §5)
    )
    digests = parts.map(lambda t: hashlib.sha1(t.encode()).hexdigest()[:12].upper())
    return "T-" + rows["tanggal_masuk"].dt.strftime("%Y%m%d").fillna("0") + "-" + digests


def merged_date_errors(merged: pd.DataFrame | None, batch: schema.Batch, report: ImportReport) -> set[str]:
    """After merging with what is stored, the date order is checked again (DOMAIN §4); bad tickets."""
    if merged is None or not len(merged):
        return set()
    bad = date_order_violations(merged.reset_index(drop=True))
    if bad.empty:
        return set()
    where = batch.pengaduan.set_index("no_tiket")[["_sheet", "_baris"]]
    tickets: set[str] = set()
    for _, v in bad.iterrows():
        tiket = merged.reset_index(drop=True).at[v["idx"], "no_tiket"]
        tickets.add(tiket)
        sheet, row = where.loc[tiket] if tiket in where.index else ("", None)
        report.error(
            f"setelah digabung dengan data tersimpan, {field_label(v['later'])} pengaduan {tiket} "
            f"lebih awal dari {field_label(v['earlier'])}",
            sheet=sheet, row=None if row is None else int(row), column=field_label(v["later"]),
            expected="tanggal yang konsisten dengan unggahan sebelumnya (batalkan unggahan yang salah)",
        )  # fmt: skip
    return tickets
