"""The demo's posko WhatsApp chats of 2018 (three exports: Android Indonesian, Android English .zip, iOS),
loaded through the triage path with the suggestions accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.demo import catalogue as sd
from kinerja.demo.chat_formats import ANDROID_EN, ANDROID_ID, IOS_ID, Event, archive, render
from kinerja.demo.complaints import fake_phone, uraian_templates
from kinerja.demo.seed import one, pick
from kinerja.demo.truth import load_units, load_wilayah
from kinerja.domain.access import admin_scope
from kinerja.errors import TriageError
from kinerja.ingest.report import ImportReport
from kinerja.services.saran import train_classifier
from kinerja.services.triase import accept_suggestions, discard_candidates
from kinerja.services.whatsapp import import_chat, list_candidates

GROUP = "Posko Pengaduan Wali Kota"
OWNER = "Posko Wali Kota Kupang"
# (file, style, first day, last day): the posko exported its group chat three times in 2018.
EXPORTS = (
    ("Chat WhatsApp dengan Posko Pengaduan Wali Kota.txt", ANDROID_ID, "2018-02-28", "2018-05-31"),
    ("WhatsApp Chat with Posko Pengaduan Wali Kota.zip", ANDROID_EN, "2018-06-01", "2018-08-31"),
    ("Posko Pengaduan Wali Kota (iPhone).txt", IOS_ID, "2018-09-01", "2018-12-20"),
)
PER_EXPORT = 55
GREETINGS = (
    "Selamat pagi pak",
    "Selamat siang, mau lapor",
    "Permisi pak, izin melapor",
    "Shalom bapak/ibu posko",
)
REPLIES = (
    "Terima kasih laporannya, sudah kami teruskan ke {unit}.",
    "Baik, laporan Bapak/Ibu kami catat dan teruskan ke {unit}.",
    "Siap, segera kami koordinasikan dengan {unit}. Terima kasih.",
)
NOISE = (
    "Terima kasih banyak pak",
    "Mantap posko 👍",
    "Promo pulsa murah, hubungi admin",
    "Selamat malam semua 🙏",
)


@dataclass(frozen=True)
class DemoChat:
    """One written export and the truth behind its complaints (for tests and the benchmark)."""

    path: Path
    style: str
    truth: pd.DataFrame  # tanggal_masuk, pengirim (label), kategori, unit, kelurahan, uraian
    contacts: list[str]  # every phone number and name the export shows


def _people(rng: np.random.Generator, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        label = (
            fake_phone(rng)
            if rng.random() < 0.5
            else f"{one(rng, sd.NAMA_DEPAN)} {one(rng, sd.NAMA_BELAKANG)}"
        )
        if label.startswith("0"):  # WhatsApp shows an unsaved number in international form
            label = "+62 " + label[1:].replace(" ", "-")
        if label not in out:
            out.append(label)
    return out


def _complaint(
    rng: np.random.Generator, wil: pd.DataFrame, names: dict[str, str]
) -> tuple[str, str, str, str]:
    weights = {k: spec[0] for k, spec in sd.KATEGORI.items()}
    kategori = str(pick(rng, weights, 1)[0])
    tujuan = str(pick(rng, dict(sd.KATEGORI[kategori][3]), 1)[0])
    row = wil.iloc[int(rng.integers(len(wil)))]
    kel = str(row["kelurahan"])
    variants = [v for v in str(row["varian_ejaan"]).split("|") if v]
    spelled = one(rng, variants) if variants and rng.random() < 0.3 else kel
    lok = f"{one(rng, sd.JALAN)} {spelled}"
    text = one(rng, uraian_templates(kategori, tujuan)).format(lok=lok, n=int(rng.integers(2, 15)))
    unit = "KEC-" + str(row["kecamatan"]).upper().replace(" ", "") if tujuan == sd.KEC else tujuan
    return kategori, unit, kel, text


def _events(
    rng: np.random.Generator, style: str, start: str, end: str, people: list[str]
) -> tuple[list, list[dict]]:
    wil = load_wilayah()
    names = dict(zip(load_units()["kode"], load_units()["nama"], strict=True))
    first = datetime.fromisoformat(start) + timedelta(hours=8)
    events: list[tuple[Event, str | None]] = [(Event(first, None, "enkripsi"), None)]
    days = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).days
    starts = sorted(first + timedelta(days=int(d), minutes=int(m))
                    for d, m in zip(rng.integers(0, days, PER_EXPORT), rng.integers(0, 14 * 60, PER_EXPORT), strict=True))  # fmt: skip
    truth, n_media = [], 0
    joined: set[str] = set()
    for t in starts:
        who = one(rng, people)
        if who not in joined and rng.random() < 0.5:
            events.append((Event(t - timedelta(minutes=1), None, "gabung"), who))
        joined.add(who)
        kategori, unit, kel, text = _complaint(rng, wil, names)
        at = t
        if rng.random() < 0.35:
            events.append((Event(at, who, "teks", one(rng, GREETINGS)), who))
            at += timedelta(minutes=int(rng.integers(1, 4)))
        if rng.random() < 0.1:
            events.append((Event(at, who, "dihapus"), who))
        body = text
        first_name = who.split()[0] if not who.startswith("+") else one(rng, sd.NAMA_DEPAN)
        if rng.random() < 0.12:
            body += f"\nSaya {first_name}, bisa dihubungi di {fake_phone(rng)}"
        events.append((Event(at, who, "teks", body, diedit=rng.random() < 0.06), who))
        truth.append(
            {
                "tanggal_masuk": t,
                "pengirim": who,
                "kategori": kategori,
                "unit": unit,
                "kelurahan": kel,
                "uraian": text,
            }
        )
        u = rng.random()
        at += timedelta(minutes=int(rng.integers(1, 10)))
        if u < 0.62:
            n_media += 1
            kind = "foto" if rng.random() < 0.85 else "video"
            if style == ANDROID_ID and rng.random() < 0.2:
                events.append((Event(at, who, "media"), who))
            else:
                events.append(
                    (
                        Event(
                            at,
                            who,
                            kind,
                            "ini buktinya" if rng.random() < 0.3 else "",
                            _file(style, kind, at, n_media),
                        ),
                        who,
                    )
                )
        elif u < 0.75:
            lat, lon = -10.15 - rng.random() * 0.06, 123.55 + rng.random() * 0.1
            events.append((Event(at, who, "lokasi", f"https://maps.google.com/?q={lat:.6f},{lon:.6f}"), who))
        elif u < 0.8:
            n_media += 1
            events.append((Event(at, who, "dokumen", "", _file(style, "dokumen", at, n_media)), who))
        elif u < 0.85:
            n_media += 1
            events.append((Event(at, who, "audio", "", _file(style, "audio", at, n_media)), who))
        if rng.random() < 0.04:
            card = f"{one(rng, sd.NAMA_DEPAN)} {one(rng, sd.NAMA_BELAKANG)}"
            events.append(
                (
                    Event(at + timedelta(minutes=1), who, "kontak", "", _file(style, "kontak", at, 0, card)),
                    who,
                )
            )
        if rng.random() < 0.88:
            reply_at = at + timedelta(minutes=int(rng.integers(5, 8 * 60)))
            reply = one(rng, REPLIES).format(unit=names.get(unit, unit))
            if rng.random() < 0.3 and not who.startswith("+"):
                reply = f"Baik Pak/Ibu {first_name}. " + reply
            events.append((Event(reply_at, OWNER, "teks", reply), OWNER))
        if rng.random() < 0.15:
            later = at + timedelta(hours=int(rng.integers(3, 30)))
            events.append((Event(later, who, "teks", one(rng, NOISE)), who))
    events.sort(key=lambda e: e[0].waktu)
    return events, truth


def _file(style: str, kind: str, at: datetime, n: int, card: str | None = None) -> str:
    if kind == "kontak":
        return f"{card}.vcf" if style != IOS_ID else f"{n:08d}-{card}.vcf"
    ext = {"foto": "jpg", "video": "mp4", "dokumen": "pdf", "audio": "opus"}[kind]
    if style == IOS_ID:
        word = {"foto": "PHOTO", "video": "VIDEO", "dokumen": "Laporan", "audio": "AUDIO"}[kind]
        return f"{n:08d}-{word}-{at:%Y-%m-%d-%H-%M-%S}.{ext}"
    prefix = {"foto": "IMG", "video": "VID", "dokumen": "DOC", "audio": "PTT"}[kind]
    return f"{prefix}-{at:%Y%m%d}-WA{n:04d}.{ext}"


def write_chats(out_dir: Path, seed: int = 2018) -> list[DemoChat]:
    """Write the three exports into out_dir (the .zip with small stand-in media files)."""
    rng = np.random.default_rng([seed, 14])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    people = _people(rng, 90)
    chats = []
    for name, style, start, end in EXPORTS:
        events, truth = _events(rng, style, start, end, people)
        text = render(events, style, GROUP)
        path = out_dir / name
        if name.endswith(".zip"):
            media = {e.berkas: b"\xff\xd8\xff\xe0" + rng.bytes(512 + int(rng.integers(2048)))
                     for e, _ in events if e.berkas}  # fmt: skip
            path.write_bytes(archive(name.removesuffix(".zip") + ".txt", text, media))
        else:
            path.write_text(text, encoding="utf-8")
        contacts = sorted({lab for _, lab in events if lab and lab != OWNER} | {e.berkas.rsplit(".", 1)[0].split("-", 1)[-1]
                           for e, _ in events if e.jenis == "kontak" and e.berkas})  # fmt: skip
        chats.append(DemoChat(path, style, pd.DataFrame(truth), contacts))
    return chats


def load_whatsapp(engine: Engine, out_dir: Path, seed: int = 2018) -> list[ImportReport]:
    """Write the exports and take them through triage as the admin would with `--terima-saran`:
    the classifier trained on the stored complaints, each chat imported, candidates without a
    destination discarded as not a complaint, the rest accepted with their suggestions."""
    scope = admin_scope("demo")
    try:
        train_classifier(engine, scope=scope)
    except TriageError:
        pass  # too few complaints yet: keyword suggestions only
    reports = []
    for chat in write_chats(out_dir, seed):
        result = import_chat(engine, chat.path.read_bytes(), chat.path.name, scope=scope, pemilik="posko")
        found = list_candidates(engine, result.unggahan_id)
        idle = found.loc[found["unit"].isna() & found["status"].eq("baru"), "id"].tolist()
        if idle:
            discard_candidates(engine, idle, "bukan_pengaduan", scope=scope)
        report, _ = accept_suggestions(engine, result.unggahan_id, scope=scope)
        if report is not None:
            reports.append(report)
    return reports
