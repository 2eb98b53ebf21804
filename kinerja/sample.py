"""Seeded Kota Kupang 2018 demo data: the truth frames and the messy workbooks made from them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import holidays
import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kinerja import sample_data as sd

T = TypeVar("T")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TAHUN = 2018
TANGGAL_PK = pd.Timestamp("2018-02-27")
AWAL_ADUAN, AKHIR = pd.Timestamp("2018-02-28"), pd.Timestamp("2018-12-31")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni",
         "Juli", "Agustus", "September", "Oktober", "November", "Desember")  # fmt: skip
PK_COLUMNS = [
    "unit_nama", "unit", "tahun", "urutan", "sasaran", "kode_indikator", "indikator", "satuan", "target",
    "target_min", "target_max", "tw1", "tw2", "tw3", "tw4", "polaritas", "akumulasi", "sumber_data",
    "program", "anggaran", "nama_kepala", "tanggal_perjanjian",
]  # fmt: skip
PENGADUAN_COLUMNS = [
    "no_tiket", "tanggal_masuk", "saluran", "saluran_catatan", "kategori", "uraian", "kecamatan",
    "kelurahan", "unit", "unit_nama", "tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan",
    "tanggal_selesai", "status", "ada_bukti", "tinjau_lapangan", "uraian_kontak",
]  # fmt: skip


@dataclass
class DemoData:
    """The truth behind the demo workbooks (canonical values; `unit` is the unit kode)."""

    units: pd.DataFrame
    pk: pd.DataFrame
    realisasi: pd.DataFrame
    pengaduan: pd.DataFrame


def load_units() -> pd.DataFrame:
    """Reference units (data/units.csv)."""
    return pd.read_csv(DATA_DIR / "units.csv", dtype=str, keep_default_na=False)


def load_wilayah() -> pd.DataFrame:
    """Reference kecamatan and kelurahan (data/wilayah.csv)."""
    return pd.read_csv(DATA_DIR / "wilayah.csv", dtype=str, keep_default_na=False)


def build_demo(seed: int = 2018) -> DemoData:
    """Build the seeded demo: PKs of 26 units, their monthly realisasi and ~3,000 complaints."""
    rng = np.random.default_rng(seed)
    units = load_units()
    names = dict(zip(units["kode"], units["nama"], strict=True))
    pk = _build_pk(names)
    realisasi = _build_realisasi(pk, rng)
    pengaduan = _build_pengaduan(names, load_wilayah(), rng)
    used = units[units["kode"].isin(set(pk["unit"]) | set(pengaduan["unit"].dropna()))]
    return DemoData(used.reset_index(drop=True), pk, realisasi, pengaduan)


def target_text(target: sd.Target) -> str:
    """`85`, `7.5` or `80-90` (DOMAIN §2.1: a range prints as `80-90`)."""
    if isinstance(target, tuple):
        return f"{target[0]:g}-{target[1]:g}"
    return f"{target:g}"


def _build_pk(names: dict[str, str]) -> pd.DataFrame:
    rows = []
    for u in sd.DEMO_PK:
        urutan = 0
        for si, s in enumerate(u.sasaran, 1):
            for ii, ind in enumerate(s.indikator, 1):
                urutan += 1
                lo, hi = ind.target if isinstance(ind.target, tuple) else (ind.target, ind.target)
                tw = ind.tw or (math.nan,) * 4
                rows.append([
                    names[u.kode], u.kode, TAHUN, urutan, s.teks,
                    f"{u.prefix}-{si}.{ii}" if u.prefix else None, ind.indikator, ind.satuan,
                    target_text(ind.target), float(lo), float(hi), *map(float, tw),
                    ind.polaritas, ind.akumulasi, ind.sumber or None, s.program,
                    float(s.anggaran) if ii == 1 else math.nan, u.kepala, TANGGAL_PK,
                ])  # fmt: skip
    return pd.DataFrame(rows, columns=PK_COLUMNS)


def _target_path(ind: dict, m: int) -> float:
    """Expected to-date target at month m (DOMAIN §2.1)."""
    if m <= 0:
        return 0.0
    annual = (ind["target_min"] + ind["target_max"]) / 2
    q = math.ceil(m / 3)
    tw = [ind[f"tw{i}"] for i in range(1, 5)]
    if any(pd.isna(tw)):
        tw = [annual * i / 4 for i in range(1, 5)] if ind["akumulasi"] == "kumulatif" else [annual] * 4
    if ind["akumulasi"] != "kumulatif":
        return tw[q - 1]
    prev = tw[q - 2] if q > 1 else 0.0
    return prev + (tw[q - 1] - prev) * (m - 3 * (q - 1)) / 3


def _months(lapor: str, unit: str, rng: np.random.Generator) -> list[int]:
    periods = {"M": range(1, 13), "Q": (3, 6, 9, 12), "S": (6, 12), "Y": (5,)}[lapor]
    months = [m for m in periods if not (unit in sd.STOP_AFTER_OCT and m > 10)]
    if lapor == "M":  # a few gaps
        months = [m for m in months if m == months[-1] or rng.random() > 0.05]
    return months


def _value(ind: dict, m: int, step: int, perf: float, rng: np.random.Generator) -> float:
    """A realisasi near the target path: perf is the share of the target reached."""
    positif = ind["polaritas"] == "positif"
    factor = perf if positif else 2 - perf  # negatif: capaian = 2 - R/T
    t = _target_path(ind, m)
    if ind["akumulasi"] == "kumulatif":
        v = (t - _target_path(ind, m - step)) * factor * rng.lognormal(0, 0.2)
    elif ind["akumulasi"] == "akhir":
        drift = 0.94 + 0.06 * m / 12 if positif else 1.06 - 0.06 * m / 12
        v = t * factor * drift * rng.normal(1, 0.015)
    else:
        v = t * factor * rng.normal(1, 0.04)
    v = max(v, 0.0)
    if ind["satuan"] == "%" and positif:
        v = min(v, 100.0)
    digits = 0 if ind["satuan"] in sd.SATUAN_BULAT else 1 if ind["satuan"] == "%" else 2
    return float(round(v, digits))


def _build_realisasi(pk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    lapor = {(u.kode, i.indikator): i.lapor for u in sd.DEMO_PK for s in u.sasaran for i in s.indikator}
    rows = []
    perf_u = 1.0
    for i, ind in enumerate(pk.to_dict("records")):
        unit = ind["unit"]
        if i == 0 or unit != pk["unit"].iat[i - 1]:
            perf_u = sd.PERFORMA.get(unit, float(np.clip(rng.normal(0.9, 0.08), 0.72, 1.1)))
        if pd.notna(ind["sumber_data"]):  # complaint-linked: computed, never uploaded (DOMAIN §2.2)
            continue
        perf = perf_u * float(np.clip(rng.normal(1.0, 0.04), 0.9, 1.1))
        lp = lapor[(unit, ind["indikator"])]
        step = 3 if lp == "Q" else 1
        for m in _months(lp, unit, rng):
            v = _value(ind, m, step, perf, rng)
            rows.append([ind["unit_nama"], unit, TAHUN, m, ind["kode_indikator"], ind["indikator"], v])
    cols = ["unit_nama", "unit", "tahun", "bulan", "kode_indikator", "indikator", "realisasi"]
    return pd.DataFrame(rows, columns=cols)


def _holidays() -> np.ndarray:
    days = holidays.country_holidays("ID", categories=("public", "government"), years=(TAHUN, TAHUN + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


def _add_hk(start: np.ndarray, k: np.ndarray, hol: np.ndarray) -> np.ndarray:
    """The k-th working day after start (k = 0: the same day)."""
    moved = np.busday_offset(start, k, roll="backward", holidays=hol)
    return np.where(k == 0, start, moved)


def one(rng: np.random.Generator, options: Sequence[T]) -> T:
    """One of the options (plain indexing: much faster than rng.choice on a list)."""
    return options[int(rng.integers(len(options)))]


def _pick(rng: np.random.Generator, options: Mapping[str, float], n: int) -> np.ndarray:
    keys = list(options)
    p = np.array([options[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), n, p=p / p.sum())]


def _build_pengaduan(names: dict[str, str], wil: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    hol = _holidays()
    days = pd.date_range(AWAL_ADUAN, AKHIR, freq="D")
    day64 = days.to_numpy().astype("datetime64[D]")
    kerja = np.is_busday(day64, holidays=hol)
    month_w = np.array([0, 1.0, 1.0, 1.3, 1.05, 0.85, 0.75, 0.75, 0.8, 0.85, 0.95, 1.25, 1.45])
    w = month_w[days.month] * np.where(kerja, 1.0, 0.5)
    n = 3000 + int(rng.integers(-120, 121))
    di = np.sort(rng.choice(len(days), n, p=w / w.sum()))
    masuk_d = day64[di]
    saluran = np.where(kerja[di], _pick(rng, sd.SALURAN_P, n), _pick(rng, sd.SALURAN_LIBUR, n))
    wa = saluran == "WhatsApp"
    minutes = np.where(wa, rng.integers(6 * 60, 23 * 60, n), 0)
    masuk = pd.to_datetime(masuk_d) + pd.to_timedelta(minutes, unit="m")
    catatan = _pick(rng, {"Radio": 2, "Dialog RRI": 1}, n)
    catatan[saluran != "Lainnya"] = None
    # kelurahan: uneven weights, every one of the 51 at least once
    ki = rng.choice(len(wil), n, p=(g := rng.gamma(4.0, 1.0, len(wil))) / g.sum())
    ki[rng.permutation(n)[: len(wil)]] = np.arange(len(wil))
    kel, kec = wil["kelurahan"].to_numpy()[ki], wil["kecamatan"].to_numpy()[ki]
    # kategori by season (rainy Nov-Apr, dry Jul-Oct)
    months = days.month.to_numpy()[di]
    kategori = np.empty(n, dtype=object)
    for season, idx in (
        (1, np.isin(months, (1, 2, 3, 4, 11, 12))),
        (2, np.isin(months, (7, 8, 9, 10))),
        (0, np.isin(months, (5, 6))),
    ):
        opts = {k: base * (1.0, rain, dry)[season] for k, (base, rain, dry, _) in sd.KATEGORI.items()}
        kategori[idx] = _pick(rng, opts, int(idx.sum()))
    unit = np.empty(n, dtype=object)
    for k, spec in sd.KATEGORI.items():
        idx = kategori == k
        unit[idx] = _pick(rng, dict(spec[3]), int(idx.sum()))
    kec_unit = np.array(["KEC-" + k.upper().replace(" ", "") for k in kec], dtype=object)
    unit = np.where(unit == sd.KEC, kec_unit, unit)
    bukti = rng.random(n) < np.array([sd.BUKTI_P[s] for s in saluran])
    lapangan = rng.random(n) < np.where(np.isin(kategori, list(sd.KATEGORI_LAPANGAN)), 0.6, 0.15)
    arsip = rng.random(n) < 0.04
    status_arsip = _pick(rng, {"Diarsipkan": 35, "Bukan Wewenang": 35, "Duplikat": 20, "Tidak Valid": 10}, n)
    # lifecycle: verifikasi 0-3 HK (a few late), disposisi same/next HK, tanggapan lognormal HK
    kv = rng.choice(6, n, p=[0.42, 0.3, 0.15, 0.08, 0.03, 0.02])
    kv = np.where(np.is_busday(masuk_d, holidays=hol), kv, np.maximum(kv, 1))
    verif = _add_hk(masuk_d, kv, hol)
    dispo = _add_hk(verif, (rng.random(n) < 0.3).astype(int), hol)
    lambat = np.isin(unit, list(sd.LAMBAT))
    med = np.array([sd.RESPON_HK.get(u, 2.0) for u in unit])
    kt = np.minimum(np.rint(rng.lognormal(np.log(med), 0.9)), 200).astype(int)
    tanggap = _add_hk(dispo, kt, hol)
    med_s = np.where(lambat, 21.0, np.where(unit == "PDAM", 10.0, 6.0))
    selesai = tanggap + np.minimum(np.rint(rng.lognormal(np.log(med_s), 1.0)), 400).astype("timedelta64[D]")
    tak_dijawab = rng.random(n) < np.where(lambat, 0.18, 0.03)
    tak_selesai = rng.random(n) < np.where(lambat, 0.12, 0.04)
    hanya_selesai = rng.random(n) < 0.03  # answered, but only the closing date was recorded
    nat = np.datetime64("NaT", "D")
    end = np.datetime64(AKHIR.date(), "D")
    tanggap = np.where(tak_dijawab | hanya_selesai | arsip, nat, tanggap)
    selesai = np.where(tak_dijawab | tak_selesai | arsip, nat, selesai)
    dispo = np.where(arsip, nat, dispo)
    frame = {}
    for name, arr in (("verif", verif), ("dispo", dispo), ("tanggap", tanggap), ("selesai", selesai)):
        arr = np.where(arr > end, nat, arr)
        frame[name] = pd.to_datetime(arr)
    stage = np.where(
        frame["selesai"].notna(),
        "selesai",
        np.where(
            frame["tanggap"].notna(),
            "proses",
            np.where(
                frame["verif"].notna() | frame["dispo"].notna(), "belum_ditindaklanjuti", "belum_diverifikasi"
            ),
        ),
    )
    status = np.array([sd.WORDING[s][int(rng.integers(len(sd.WORDING[s])))] for s in stage], dtype=object)
    status = np.where(arsip, status_arsip, status)
    unit[arsip & (status == "Bukan Wewenang")] = None
    uraian, kontak = _uraian(rng, kategori, kel)
    df = pd.DataFrame({
        "no_tiket": None, "tanggal_masuk": masuk, "saluran": saluran, "saluran_catatan": catatan,
        "kategori": kategori, "uraian": uraian, "kecamatan": kec, "kelurahan": kel, "unit": unit,
        "unit_nama": [names.get(u) if u else None for u in unit],
        "tanggal_verifikasi": frame["verif"], "tanggal_disposisi": frame["dispo"],
        "tanggal_tanggapan": frame["tanggap"], "tanggal_selesai": frame["selesai"], "status": status,
        "ada_bukti": np.where(bukti, "Ya", "Tidak"),
        "tinjau_lapangan": np.where(lapangan & ~arsip, "Ya", "Tidak"), "uraian_kontak": kontak,
    })  # fmt: skip
    df["no_tiket"] = _tickets(df, rng)
    return df[PENGADUAN_COLUMNS]


def _uraian(rng: np.random.Generator, kategori: np.ndarray, kel: np.ndarray) -> tuple[list[str], np.ndarray]:
    out = []
    kontak = rng.random(len(kategori)) < 0.03
    for k, kl, pii in zip(kategori, kel, kontak, strict=True):
        tpl = one(rng, sd.URAIAN[k])
        jalan = one(rng, sd.JALAN)
        lok = f"{jalan} RT {rng.integers(1, 40):03d}/RW {rng.integers(1, 12):03d} {kl}"
        text = tpl.format(lok=lok, n=int(rng.integers(2, 15)))
        if pii:
            text += (
                f". Hubungi saya di {fake_phone(rng)}" if rng.random() < 0.7 else f". Balas ke {_email(rng)}"
            )
        out.append(text)
    return out, kontak


def fake_phone(rng: np.random.Generator) -> str:
    """A made-up Indonesian mobile number in one of the spellings people use."""
    prefix = one(rng, ("12", "13", "21", "22", "52", "53", "77", "78"))
    d = f"8{prefix}{rng.integers(10_000_000, 99_999_999)}"
    style = int(rng.integers(4))
    return (
        f"0{d[:3]}-{d[3:7]}-{d[7:]}",
        f"0{d}",
        f"0{d[:3]} {d[3:7]} {d[7:]}",
        f"+62 {d[:3]}-{d[3:7]}-{d[7:]}",
    )[style]


def _email(rng: np.random.Generator) -> str:
    first = one(rng, sd.NAMA_DEPAN).lower()
    last = one(rng, sd.NAMA_BELAKANG).lower()
    return f"{first}.{last}{rng.integers(10, 99)}@{one(rng, ('gmail.com', 'yahoo.co.id'))}"


def _tickets(df: pd.DataFrame, rng: np.random.Generator) -> list[str | None]:
    """KPG-2018-000123, unique; blank for ~10 % (WhatsApp/posko rows) whose derived key is unique."""
    blank = df["saluran"].isin(["WhatsApp", "Posko"]).to_numpy() & (rng.random(len(df)) < 0.18)
    key = df["tanggal_masuk"].astype(str) + "|" + df["saluran"] + "|" + df["kelurahan"] + "|" + df["uraian"]
    blank &= ~key.duplicated(keep=False).to_numpy()
    out: list[str | None] = []
    i = 0
    for b in blank:
        if b:
            out.append(None)
        else:
            i += 1
            out.append(f"KPG-{TAHUN}-{i:06d}")
    return out


def write_demo(out_dir: Path, seed: int = 2018) -> list[Path]:
    """Write the demo as messy-but-valid workbooks (DOMAIN §4) into out_dir; returns the paths."""
    data = build_demo(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 1])
    return [
        _write_pk(data, out_dir / f"PK_{TAHUN}_Kota_Kupang.xlsx", rng),
        _write_realisasi(data, out_dir / f"Realisasi_{TAHUN}.xlsx", rng),
        _write_pengaduan(data, out_dir / f"Pengaduan_{TAHUN}.xlsx", rng),
    ]


# --- Writing: messy exactly within DOMAIN §4's tolerances ------------------------------------------
def id_number(x: float) -> str:
    """An Indonesian number as text: `1.250.000`, `85,5`, `1.234,56`."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    text = f"{x:,.2f}".rstrip("0")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def date_text(ts: pd.Timestamp, style: int) -> str:
    """A date as people type it: `27/2/2018`, `27 Februari 2018`, `2018-02-27`, `27-02-2018`."""
    d = pd.Timestamp(ts)
    return (
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day} {BULAN[d.month - 1]} {d.year}",
        d.strftime("%Y-%m-%d"),
        d.strftime("%d-%m-%Y"),
    )[style % 4]


class _Book:
    """An XlsxWriter workbook with the demo's formats and a `put` that writes any value."""

    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path))
        self.wb.set_properties({"created": datetime(2018, 12, 31), "author": "Bagian Organisasi Setda"})
        add = self.wb.add_format
        self.title = add({"bold": True, "align": "center", "font_size": 12})
        self.head = add({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True,
                         "bg_color": "#D9E1F2"})  # fmt: skip
        self.colnum = add({"italic": True, "align": "center", "border": 1, "font_size": 8})
        self.text = add({"border": 1, "valign": "top"})
        self.date = add({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"})
        self.stamp = add({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy hh:mm"})
        self.pct = add({"border": 1, "valign": "top", "num_format": "0.0%"})
        self.rp = add({"border": 1, "valign": "top", "num_format": "#,##0"})

    def put(self, ws: Worksheet, r: int, c: int, value: object, fmt: Format | None = None) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
            ws.write_blank(r, c, None, fmt or self.text)
        elif isinstance(value, pd.Timestamp | datetime):
            ts = pd.Timestamp(value)
            ws.write_datetime(
                r, c, ts.to_pydatetime(), fmt or (self.stamp if ts != ts.normalize() else self.date)
            )
        elif isinstance(value, int | float | np.integer | np.floating):
            ws.write_number(r, c, float(value), fmt or self.text)
        else:
            ws.write_string(r, c, str(value), fmt or self.text)

    def titles(self, ws: Worksheet, lines: tuple[str, ...], width: int) -> None:
        for r, line in enumerate(lines):
            ws.merge_range(r, 0, r, width - 1, line, self.title)

    def close(self, path: Path) -> Path:
        self.wb.close()
        return path


def _unit_text(kode: str, nama: str, rng: np.random.Generator) -> str:
    """The unit as an export spells it (matched by name, code, alias or `Kec.`/`Camat`)."""
    if kode.startswith("KEC-"):
        base = nama.removeprefix("Kecamatan ")
        return one(rng, (nama, nama, f"Kec. {base}", f"Camat {base}", nama.upper()))
    long = nama if nama.endswith("Kupang") else f"{nama} Kota Kupang"
    return one(rng, (nama,) * 6 + (long, long, kode, nama.upper()))


def _number_cell(book: _Book, v: float, satuan: str, rng: np.random.Generator) -> tuple[object, Format]:
    """Mostly Excel numbers; some Indonesian text (`85,5`, `85,5%`, `1.250`) or `0.0%` cells."""
    u = rng.random()
    if satuan == "%" and u < 0.08:
        return v / 100, book.pct
    if u < 0.14:
        return id_number(v) + ("%" if satuan == "%" and u < 0.11 else ""), book.text
    if u < 0.16 and satuan.startswith("Rp"):
        return f"Rp {id_number(v)}", book.text
    return v, book.text


def _target_cell(book: _Book, row: dict, rng: np.random.Generator) -> tuple[object, Format]:
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
    book = _Book(path)
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


def _anggaran_cell(book: _Book, value: float, rng: np.random.Generator) -> tuple[object, Format]:
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


def _spread(book: _Book, ws: Worksheet, c: int, first: int, last: int, value: str, style: str) -> None:
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
        return BULAN[m - 1]
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
    book = _Book(path)
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
        book.put(ws, r, 1, _unit_text(row["unit"], row["unit_nama"], rng))
        book.put(ws, r, 2, TAHUN)
        book.put(ws, r, 3, _month_cell(int(row["bulan"]), rng))
        book.put(ws, r, 4, kode_ind)
        book.put(ws, r, 5, _indikator_text(row["indikator"], kode_ind is None, rng))
        if pd.isna(row["realisasi"]):
            book.put(ws, r, 6, one(rng, ("-", None)))
            book.put(ws, r, 7, "belum lapor")
        else:
            book.put(
                ws, r, 6, *_number_cell(book, row["realisasi"], satuan[(row["unit"], row["indikator"])], rng)
            )
        r += 1
    ws.merge_range(r, 0, r, 5, "Jumlah", book.head)  # a trailing total row, ignored by the reader
    book.put(ws, r, 6, float(long["realisasi"].sum()), book.head)
    ws.set_column(1, 1, 38)
    ws.set_column(5, 5, 55)
    _write_wide(book, data, sd.WIDE_MONTHLY, "Realisasi Bulanan", BULAN, rng)
    _write_wide(book, data, sd.WIDE_QUARTERLY, "Realisasi TW", ("TW I", "TW II", "TW III", "TW IV"), rng)
    book.wb.add_worksheet("Catatan").write_string(0, 0, "Data diolah Bagian Organisasi Setda Kota Kupang.")
    return book.close(path)


def _write_wide(
    book: _Book, data: DemoData, unit: str, sheet: str, periods: tuple[str, ...], rng: np.random.Generator
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
            cell = _number_cell(book, v, row["satuan"], rng) if v is not None else (None, book.text)
            book.put(ws, r, len(cells) + p, *cell)
    ws.set_column(len(header) - len(periods) - 1, len(header) - len(periods) - 1, 50)


def _write_pengaduan(data: DemoData, path: Path, rng: np.random.Generator) -> Path:
    book = _Book(path)
    ws = book.wb.add_worksheet("Pengaduan")
    book.titles(
        ws, (f"REKAPITULASI PENGADUAN MASYARAKAT KOTA KUPANG TAHUN {TAHUN}",), len(sd.PENGADUAN_HEADER)
    )
    for c, name in enumerate(sd.PENGADUAN_HEADER):
        ws.write_string(2, c, name, book.head)
    wil = load_wilayah()
    varian = {k: v.split("|") for k, v in zip(wil["kelurahan"], wil["varian_ejaan"], strict=True) if v}
    kec_of = dict(zip(wil["kelurahan"], wil["kecamatan"], strict=True))
    names = dict(zip(data.units["kode"], data.units["nama"], strict=True))
    for i, row in enumerate(data.pengaduan.to_dict("records")):
        r = 3 + i
        u = rng.random(8)
        masuk = row["tanggal_masuk"]
        wa = row["saluran"] == "WhatsApp"
        cells: list[object] = [
            i + 1,
            row["no_tiket"] if pd.notna(row["no_tiket"]) else None,
            date_text(masuk, int(u[0] * 100)) if not wa and u[0] < 0.08 else masuk,
            row["saluran_catatan"]
            if row["saluran"] == "Lainnya"
            else one(rng, sd.SALURAN_TULIS[row["saluran"]]),
            row["kategori"],
            row["uraian"],
            f"{one(rng, sd.NAMA_DEPAN)} {one(rng, sd.NAMA_BELAKANG)}",
            fake_phone(rng),
            None if u[1] < 0.02 else f"Kec. {row['kecamatan']}" if u[1] < 0.12 else row["kecamatan"],
            _kelurahan_text(row["kelurahan"], varian, u[2]),
            _tujuan_text(row["unit"], names, row["kelurahan"], kec_of, rng),
        ]
        for j, col in enumerate(
            ("tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai")
        ):
            d = row[col]
            cells.append(date_text(d, int(u[3] * 1000) + j) if pd.notna(d) and u[3] < 0.07 else d)
        cells.append(row["status"])
        cells.append(one(rng, sd.YA_TULIS if row["ada_bukti"] == "Ya" else sd.TIDAK_TULIS))
        cells.append(row["tinjau_lapangan"] if u[4] > 0.05 else row["tinjau_lapangan"][0])
        for c, value in enumerate(cells):
            book.put(ws, r, c, value)
    ws.set_column(2, 2, 16)
    ws.set_column(5, 5, 60)
    return book.close(path)


def _kelurahan_text(kel: str, varian: dict[str, list[str]], u: float) -> str:
    if kel in varian and u < 0.35:
        return varian[kel][int(u * 100) % len(varian[kel])]
    return f"Kel. {kel}" if u > 0.95 else kel


def _tujuan_text(
    kode: object, names: dict[str, str], kel: str, kec_of: dict[str, str], rng: np.random.Generator
) -> str | None:
    """Destination as written; some kecamatan complaints name the kelurahan office instead."""
    if not isinstance(kode, str):
        return None
    if kode.startswith("KEC-") and rng.random() < 0.15:
        return f"Kelurahan {kel}"
    return _unit_text(kode, names[kode], rng)
