"""The demo's ~3,000 complaints of 2018: channels, seasons, working-day response times, fake contacts."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd

from kinerja.demo import catalogue as sd
from kinerja.demo.seed import AKHIR, AWAL_ADUAN, TAHUN, one, pick

PENGADUAN_COLUMNS = [
    "no_tiket", "tanggal_masuk", "saluran", "saluran_catatan", "kategori", "uraian", "kecamatan",
    "kelurahan", "unit", "unit_nama", "tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan",
    "tanggal_selesai", "status", "ada_bukti", "tinjau_lapangan", "uraian_kontak",
]  # fmt: skip


def _holidays() -> np.ndarray:
    days = holidays.country_holidays("ID", categories=("public", "government"), years=(TAHUN, TAHUN + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


def _add_hk(start: np.ndarray, k: np.ndarray, hol: np.ndarray) -> np.ndarray:
    """The k-th working day after start (k = 0: the same day)."""
    moved = np.busday_offset(start, k, roll="backward", holidays=hol)
    return np.where(k == 0, start, moved)


def build_pengaduan(names: dict[str, str], wil: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    hol = _holidays()
    days = pd.date_range(AWAL_ADUAN, AKHIR, freq="D")
    day64 = days.to_numpy().astype("datetime64[D]")
    kerja = np.is_busday(day64, holidays=hol)
    month_w = np.array([0, 1.0, 1.0, 1.3, 1.05, 0.85, 0.75, 0.75, 0.8, 0.85, 0.95, 1.25, 1.45])
    w = month_w[days.month] * np.where(kerja, 1.0, 0.5)
    n = 3000 + int(rng.integers(-120, 121))
    di = np.sort(rng.choice(len(days), n, p=w / w.sum()))
    masuk_d = day64[di]
    saluran = np.where(kerja[di], pick(rng, sd.SALURAN_P, n), pick(rng, sd.SALURAN_LIBUR, n))
    wa = saluran == "WhatsApp"
    minutes = np.where(wa, rng.integers(6 * 60, 23 * 60, n), 0)
    masuk = pd.to_datetime(masuk_d) + pd.to_timedelta(minutes, unit="m")
    catatan = pick(rng, {"Radio": 2, "Dialog RRI": 1}, n)
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
        kategori[idx] = pick(rng, opts, int(idx.sum()))
    unit = np.empty(n, dtype=object)
    for k, spec in sd.KATEGORI.items():
        idx = kategori == k
        unit[idx] = pick(rng, dict(spec[3]), int(idx.sum()))
    kec_unit = np.array(["KEC-" + k.upper().replace(" ", "") for k in kec], dtype=object)
    tujuan = unit.copy()  # KEC still a placeholder: the texts depend on the kind of destination
    unit = np.where(unit == sd.KEC, kec_unit, unit)
    bukti = rng.random(n) < np.array([sd.BUKTI_P[s] for s in saluran])
    lapangan = rng.random(n) < np.where(np.isin(kategori, list(sd.KATEGORI_LAPANGAN)), 0.6, 0.15)
    arsip = rng.random(n) < 0.04
    status_arsip = pick(rng, {"Diarsipkan": 35, "Bukan Wewenang": 35, "Duplikat": 20, "Tidak Valid": 10}, n)
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
    sigma_s = np.ones(n)
    for kode, (days, sigma) in sd.SELESAI_HARI.items():
        med_s, sigma_s = np.where(unit == kode, days, med_s), np.where(unit == kode, sigma, sigma_s)
    selesai = tanggap + np.minimum(np.rint(rng.lognormal(np.log(med_s), sigma_s)), 400).astype(
        "timedelta64[D]"
    )
    tak_dijawab = rng.random(n) < np.where(lambat, 0.18, 0.03)
    tak_selesai = rng.random(n) < np.where(lambat, 0.12, 0.04)
    hanya_selesai = rng.random(n) < 0.03  # answered, but only the closing date was recorded
    nat = np.datetime64("NaT", "D")
    end = np.datetime64(AKHIR.date(), "D")
    tanggap = np.where(tak_dijawab | hanya_selesai | arsip, nat, tanggap)
    selesai = np.where(tak_dijawab | tak_selesai | arsip, nat, selesai)
    dispo = np.where(arsip, nat, dispo)
    tanggap, selesai = _integrity_habits(unit, tanggap, selesai, hol)
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
    uraian, kontak = _uraian(rng, kategori, kel, tujuan)
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


def _integrity_habits(
    unit: np.ndarray, tanggap: np.ndarray, selesai: np.ndarray, hol: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two units' habits the integrity panel should see (deterministic, no random draws)."""
    bulk = (unit == sd.BORONGAN) & ~np.isnat(selesai)
    month_end = (selesai.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    last_work = np.busday_offset(
        np.where(bulk, month_end, np.datetime64("2018-12-31")), 0, roll="backward", holidays=hol
    )
    late = bulk & ((selesai - selesai.astype("datetime64[M]").astype("datetime64[D]")).astype(int) >= 11)
    selesai = np.where(late & (last_work >= selesai), last_work, selesai)
    close = (unit == sd.TUTUP_SEKETIKA) & ~np.isnat(selesai) & ~np.isnat(tanggap)
    close &= (selesai - tanggap).astype(int) <= 12
    return np.where(close, selesai, tanggap), selesai


def uraian_templates(kategori: str, tujuan: str | None = None) -> tuple[str, ...]:
    """The texts of a complaint of this kategori sent to this kind of destination (KEC: a camat)."""
    return sd.URAIAN_TUJUAN.get((kategori, str(tujuan)), sd.URAIAN[kategori])


def _uraian(
    rng: np.random.Generator, kategori: np.ndarray, kel: np.ndarray, tujuan: np.ndarray
) -> tuple[list[str], np.ndarray]:
    out = []
    kontak = rng.random(len(kategori)) < 0.03
    for k, kl, pii, u in zip(kategori, kel, kontak, tujuan, strict=True):
        tpl = one(rng, uraian_templates(k, u))
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
