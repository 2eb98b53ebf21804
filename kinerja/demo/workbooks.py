"""The demo as messy workbooks, exactly within DOMAIN §4's tolerances: PK and realisasi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kinerja.demo import catalogue as sd
from kinerja.demo.book import Book, date_text, id_number, number_cell, unit_text
from kinerja.demo.complaint_workbook import write_pengaduan
from kinerja.demo.seed import TAHUN, TANGGAL_PK, one
from kinerja.demo.truth import DemoData, build_demo
from kinerja.domain import vocabulary


def write_demo(out_dir: Path, seed: int = 2018) -> list[Path]:
    """Write the demo as messy-but-valid workbooks (DOMAIN §4) into out_dir; returns the paths."""
    data = build_demo(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 1])
    return [
        _write_pk(data, out_dir / f"PK_{TAHUN}_Kota_Kupang.xlsx", rng),
        _write_realisasi(data, out_dir / f"Realisasi_{TAHUN}.xlsx", rng),
        write_pengaduan(data, out_dir / f"Pengaduan_{TAHUN}.xlsx", rng),
    ]


def _target_cell(book: Book, row: dict, rng: np.random.Generator) -> tuple[object, Format]:
    lo, hi, u = row["target_min"], row["target_max"], rng.random()
    if lo != hi:
        sep = (" - ", "-", " – ", " s.d. ")[int(rng.integers(4))]
        return f"{id_number(lo)}{sep}{id_number(hi)}", book.text
    if row["satuan"] == "%" and u < 0.15:
        return lo / 100, book.pct
    if not float(lo).is_integer() or (lo >= 1000 and u < 0.5) or u > 0.9:
        return id_number(lo) + ("%" if row["satuan"] == "%" else ""), book.text
    return lo, book.text


def _write_pk(data: DemoData, path: Path, rng: np.random.Generator) -> Path:
    book = Book(path)
    ws = book.wb.add_worksheet("Perjanjian Kinerja")
    width = len(sd.PK_HEADER)
    book.titles(ws, (f"PERJANJIAN KINERJA TAHUN {TAHUN}", "PEMERINTAH KOTA KUPANG"), width)
    for c, name in enumerate(sd.PK_HEADER):  # two-row header: `Target` merged over TW I..TW IV
        if 8 <= c <= 11:
            ws.write_string(4, c, name, book.head)
        elif c == 14:  # one header not merged down: its lower cell stays blank
            ws.write_string(3, c, name, book.head)
            ws.write_blank(4, c, None, book.head)
        else:
            ws.merge_range(3, c, 4, c, name, book.head)
    ws.merge_range(3, 8, 3, 11, "Target", book.head)
    for c in range(width):
        ws.write_string(5, c, f"({c + 1})", book.colnum)
    r = 6
    for ui, (kode, rows) in enumerate(data.pk.groupby("unit", sort=False)):
        recs = rows.to_dict("records")
        nama = sd.PK_NAMA.get(str(kode), recs[0]["unit_nama"])
        first, last = r, r + len(recs) - 1
        _spread(book, ws, 1, first, last, nama, ("merge", "once", "every")[ui % 3])
        tgl: object = TANGGAL_PK if ui % 5 else date_text(TANGGAL_PK, ui // 5)
        for i, row in enumerate(recs):
            rr = first + i
            book.put(ws, rr, 0, rr - 5)
            if i == 0 or ui % 7 != 5:  # one unit prints Tahun once (blank continues the value above)
                book.put(ws, rr, 2, str(TAHUN) if ui % 7 == 3 else TAHUN)
            book.put(ws, rr, 4, row["kode_indikator"] if pd.notna(row["kode_indikator"]) else None)
            book.put(ws, rr, 5, row["indikator"])
            book.put(ws, rr, 6, row["satuan"])
            book.put(ws, rr, 7, *_target_cell(book, row, rng))
            for q in range(4):
                tw = row[f"tw{q + 1}"]
                book.put(ws, rr, 8 + q, id_number(tw) if pd.notna(tw) and ui % 4 == 1 else tw)
            for c, (key, words) in (
                (12, ("polaritas", sd.POLARITAS_TULIS)),
                (13, ("akumulasi", sd.AKUMULASI_TULIS)),
            ):
                book.put(ws, rr, c, words[row[key]][int(rng.integers(len(words[row[key]])))])
            book.put(ws, rr, 14, row["sumber_data"] if pd.notna(row["sumber_data"]) else None)
            book.put(ws, rr, 15, row["program"])
            book.put(ws, rr, 16, *_anggaran_cell(book, row["anggaran"], rng))
            book.put(ws, rr, 17, row["nama_kepala"])
            book.put(ws, rr, 18, tgl)
        for s_first, s_last, sasaran in _groups(recs, "sasaran", first):
            _spread(book, ws, 3, s_first, s_last, sasaran, ("once", "merge", "every")[ui % 3])
        r = last + 1
    ws.set_column(3, 3, 40)
    ws.set_column(5, 5, 50)
    return book.close(path)


def _anggaran_cell(book: Book, value: float, rng: np.random.Generator) -> tuple[object, Format]:
    if pd.isna(value):
        return None, book.text
    u = rng.random()
    return (
        (id_number(value), book.text)
        if u < 0.15
        else (f"Rp {id_number(value)}", book.text)
        if u < 0.3
        else (
            value,
            book.rp,
        )
    )


def _groups(recs: list[dict], key: str, first: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for i, rec in enumerate(recs):
        if out and out[-1][2] == rec[key]:
            out[-1] = (out[-1][0], first + i, rec[key])
        else:
            out.append((first + i, first + i, rec[key]))
    return out


def _spread(book: Book, ws: Worksheet, c: int, first: int, last: int, value: str, style: str) -> None:
    """Print a value over rows: merged vertically, once (blank below) or on every row."""
    if style == "merge" and last > first:
        ws.merge_range(first, c, last, c, value, book.text)
        return
    for r in range(first, last + 1):
        book.put(ws, r, c, value if style == "every" or r == first else None)


def _month_cell(m: int, rng: np.random.Generator) -> object:
    u = rng.random()
    if u < 0.6:
        return m
    if u < 0.85:
        return vocabulary.BULAN[m - 1]
    if u < 0.95:
        return sd.BULAN_SINGKAT[m - 1]
    return pd.Timestamp(TAHUN, m, 1) + pd.offsets.MonthEnd(0)


def _indikator_text(name: str, by_name: bool, rng: np.random.Generator) -> str:
    """Where the name is the identity, a few rows differ in case and spacing only."""
    u = rng.random()
    if by_name and u < 0.15:
        return name.lower()
    if by_name and u < 0.3:
        return "  " + name.replace(" ", "  ", 1) + " "
    return name


def _write_realisasi(data: DemoData, path: Path, rng: np.random.Generator) -> Path:
    book = Book(path)
    real = data.realisasi
    pk = data.pk.set_index(["unit", "indikator"])
    satuan = pk["satuan"].to_dict()
    wide_units = (sd.WIDE_MONTHLY, sd.WIDE_QUARTERLY)
    long = real[~real["unit"].isin(wide_units)].copy()
    # months never reported: some appear as rows with a blank or `-` Realisasi (not reported)
    gaps = []
    for _, g in long.groupby(["unit", "indikator"], sort=False):
        if len(g) >= 10:
            first = g.iloc[0].to_dict()
            for m in sorted(set(range(1, int(g["bulan"].max()) + 1)) - set(g["bulan"])):
                if rng.random() < 0.6:
                    gaps.append({**first, "bulan": m, "realisasi": None})
    order = {k: i for i, k in enumerate(zip(data.pk["unit"], data.pk["indikator"], strict=True))}
    long = pd.concat([long, pd.DataFrame(gaps, columns=long.columns)], ignore_index=True)
    long["_o"] = [order[k] for k in zip(long["unit"], long["indikator"], strict=True)]
    long = long.sort_values(["bulan", "_o"], kind="stable")
    ws = book.wb.add_worksheet("Realisasi")
    header = ("No", "Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Indikator Kinerja", "Realisasi",
              "Keterangan")  # fmt: skip
    book.titles(
        ws, ("LAPORAN REALISASI KINERJA PERANGKAT DAERAH", f"PEMERINTAH KOTA KUPANG TAHUN {TAHUN}"), 8
    )
    for c, name in enumerate(header):
        ws.write_string(3, c, name, book.head)
    r = 4
    for row in long.to_dict("records"):
        kode_ind = row["kode_indikator"] if pd.notna(row["kode_indikator"]) else None
        book.put(ws, r, 0, r - 3)
        book.put(ws, r, 1, unit_text(row["unit"], row["unit_nama"], rng))
        book.put(ws, r, 2, TAHUN)
        book.put(ws, r, 3, _month_cell(int(row["bulan"]), rng))
        book.put(ws, r, 4, kode_ind)
        book.put(ws, r, 5, _indikator_text(row["indikator"], kode_ind is None, rng))
        if pd.isna(row["realisasi"]):
            book.put(ws, r, 6, one(rng, ("-", None)))
            book.put(ws, r, 7, "belum lapor")
        else:
            book.put(
                ws, r, 6, *number_cell(book, row["realisasi"], satuan[(row["unit"], row["indikator"])], rng)
            )
        r += 1
    ws.merge_range(r, 0, r, 5, "Jumlah", book.head)  # a trailing total row, ignored by the reader
    book.put(ws, r, 6, float(long["realisasi"].sum()), book.head)
    ws.set_column(1, 1, 38)
    ws.set_column(5, 5, 55)
    _write_wide(book, data, sd.WIDE_MONTHLY, "Realisasi Bulanan", vocabulary.BULAN, rng)
    _write_wide(book, data, sd.WIDE_QUARTERLY, "Realisasi TW", ("TW I", "TW II", "TW III", "TW IV"), rng)
    book.wb.add_worksheet("Catatan").write_string(0, 0, "Data diolah Bagian Organisasi Setda Kota Kupang.")
    return book.close(path)


def _write_wide(
    book: Book, data: DemoData, unit: str, sheet: str, periods: tuple[str, ...], rng: np.random.Generator
) -> None:
    """One column per month or quarter (DOMAIN §4 wide realisasi)."""
    ws = book.wb.add_worksheet(sheet)
    step = 12 // len(periods)
    with_kode = step == 1
    header = (
        "No",
        "Perangkat Daerah",
        "Tahun",
        *(("Kode Indikator",) if with_kode else ()),
        "Indikator Kinerja",
        *periods,
    )
    top = 0
    if with_kode:
        book.titles(ws, (f"REALISASI KINERJA BULANAN TAHUN {TAHUN}",), len(header))
        top = 2
    for c, name in enumerate(header):
        ws.write_string(top, c, name, book.head)
    values = data.realisasi[data.realisasi["unit"] == unit].set_index(["indikator", "bulan"])["realisasi"]
    pk = data.pk[(data.pk["unit"] == unit) & data.pk["sumber_data"].isna()]
    for i, row in enumerate(pk.to_dict("records"), 1):
        r = top + i
        cells: list[object] = [i, row["unit_nama"], TAHUN]
        if with_kode:
            cells.append(row["kode_indikator"])
        cells.append(row["indikator"])
        for c, value in enumerate(cells):
            book.put(ws, r, c, value)
        for p in range(len(periods)):
            v = values.get((row["indikator"], step * (p + 1)))
            cell = number_cell(book, v, row["satuan"], rng) if v is not None else (None, book.text)
            book.put(ws, r, len(cells) + p, *cell)
    ws.set_column(len(header) - len(periods) - 1, len(header) - len(periods) - 1, 50)
