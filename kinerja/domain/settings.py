"""Admin-adjustable settings (SLA days, score cap, minimum count, extra holidays) with defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kinerja.domain.vocabulary import NO_WORDS, YES_WORDS
from kinerja.errors import SettingError


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


@dataclass(frozen=True)
class Settings:
    """One settings object; defaults follow DOMAIN §2.1 and §3 (all changeable by the admin)."""

    # PermenPANRB 62/2018 / SP4N-LAPOR!: verification within 3 hari kerja.
    sla_verifikasi_hk: int = 3
    # Pemkot Kupang LAPOR! launch 2019: first follow-up within 5 hari kerja.
    sla_respon_hk: int = 5
    # Perpres 76/2013: a complaint is finished within 60 (calendar) days.
    sla_selesai_hari: int = 60
    # PermenPANRB 8/2021: capaian > 110 % scores 120 in the unit score.
    batas_nilai: float = 120.0
    # Fair ranking: groups with fewer complaints are shown but not ranked.
    minimal_pengaduan: int = 5
    # Extra non-working dates the admin adds (on top of public holidays and cuti bersama).
    libur_tambahan: tuple[date, ...] = field(default_factory=tuple)
    # Keys used by other parts of the app.
    batas_unggah_mb: int = 20
    tanggal_batas_lapor: int = 10
    unit_lihat_unit_lain: bool = False
    # Issue 14: WhatsApp intake and integrity flags.
    wa_jeda_menit: int = 30
    wa_simpan_media: bool = False
    integritas_toleransi: float = 10.0
    integritas_bagian_pct: int = 30
    integritas_akhir_bulan_pct: int = 50
    integritas_minimal: int = 10
    tanggal_rapat: tuple[date, ...] = field(default_factory=tuple)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Settings:
        """Build from a JSON-like dict; unknown keys are ignored, missing keys take defaults."""
        if not d:
            return cls()
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in d or d[f.name] is None:
                continue
            value = d[f.name]
            if f.name in ("libur_tambahan", "tanggal_rapat"):
                if isinstance(value, str | date):
                    value = [value]
                kwargs[f.name] = tuple(sorted({_to_date(v) for v in value}))
            elif f.name in ("unit_lihat_unit_lain", "wa_simpan_media"):
                kwargs[f.name] = value.strip().lower() in YES_WORDS if isinstance(value, str) else bool(value)
            elif f.name in ("batas_nilai", "integritas_toleransi"):
                kwargs[f.name] = float(value)
            else:
                kwargs[f.name] = int(value)
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict (dates as ISO strings)."""
        d = dataclasses.asdict(self)
        d["libur_tambahan"] = [x.isoformat() for x in self.libur_tambahan]
        d["tanggal_rapat"] = [x.isoformat() for x in self.tanggal_rapat]
        return d


@dataclass(frozen=True)
class SettingSpec:
    """What one setting is, for the admin form, `setting list` and the checks of `setting set`."""

    key: str
    label: str
    kind: str  # int | float | bool | dates
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec("sla_verifikasi_hk", "Batas verifikasi (hari kerja)", "int", 1, 30,
                    "PermenPANRB 62/2018: pengaduan diverifikasi paling lama 3 hari kerja."),
        SettingSpec("sla_respon_hk", "Batas tanggapan pertama (hari kerja)", "int", 1, 60,
                    "Pemkot Kupang (LAPOR! 2019): tindak lanjut pertama paling lama 5 hari kerja."),
        SettingSpec("sla_selesai_hari", "Batas selesai (hari kalender)", "int", 1, 365,
                    "Perpres 76/2013: pengaduan selesai paling lama 60 hari."),
        SettingSpec("batas_nilai", "Batas capaian dalam nilai unit", "float", 100, 200,
                    "PermenPANRB 8/2021: capaian > 110 % dinilai 120."),
        SettingSpec("minimal_pengaduan", "Pengaduan minimal untuk diperingkat", "int", 1, 1000,
                    "Kelompok dengan pengaduan lebih sedikit ditampilkan tetapi tidak diperingkat."),
        SettingSpec("libur_tambahan", "Hari libur tambahan", "dates", None, None,
                    "Tanggal tidak bekerja di luar libur nasional dan cuti bersama, dipisah koma."),
        SettingSpec("batas_unggah_mb", "Batas ukuran unggahan (MB)", "int", 1, 200,
                    "Berkas yang lebih besar ditolak sebelum dibaca."),
        SettingSpec("tanggal_batas_lapor", "Tanggal batas laporan bulanan", "int", 1, 28,
                    "Laporan sebuah bulan terlambat bila pertama tersimpan setelah tanggal ini bulan berikutnya."),
        SettingSpec("unit_lihat_unit_lain", "Kepala unit boleh membuka rincian unit lain", "bool", None, None,
                    "Ya: kepala OPD dan camat dapat membuka halaman unit lain; Tidak: hanya unitnya sendiri."),
        SettingSpec("wa_jeda_menit", "Jeda pesan WhatsApp satu pengaduan (menit)", "int", 1, 1440,
                    "Pesan beruntun seorang warga dengan jeda sampai batas ini menjadi satu kandidat pengaduan."),
        SettingSpec("wa_simpan_media", "Simpan berkas media WhatsApp", "bool", None, None,
                    "Ya: foto, video dan dokumen dari .zip disimpan di folder data/media (di luar basis data)."),
        SettingSpec("integritas_toleransi", "Toleransi angka lapor mandiri (poin %)", "float", 0, 100,
                    "Realisasi indikator pengaduan yang dilaporkan unit ditandai bila berbeda lebih dari ini "
                    "dari angka yang dihitung dari data pengaduan."),
        SettingSpec("integritas_bagian_pct", "Bagian penutupan yang tidak wajar (%)", "int", 1, 100,
                    "Ditandai bila bagian pengaduan selesai sebuah unit yang ditutup pada satu hari, tanpa tanggapan, atau tanpa bukti mencapai batas ini."),
        SettingSpec("integritas_akhir_bulan_pct", "Penutupan menjelang akhir bulan/rapat (%)", "int", 1, 100,
                    "Ditandai bila bagian penutupan dalam 3 hari sebelum akhir bulan atau rapat mencapai batas ini."),
        SettingSpec("integritas_minimal", "Pengaduan selesai minimal untuk tanda integritas", "int", 1, 1000,
                    "Unit dengan lebih sedikit pengaduan selesai tidak diberi tanda penutupan."),
        SettingSpec("tanggal_rapat", "Tanggal rapat evaluasi", "dates", None, None,
                    "Tanggal rapat evaluasi Wali Kota, dipisah koma (untuk tanda penutupan menjelang rapat)."),
    )
}  # fmt: skip


def _number(spec: SettingSpec, text: str) -> float:
    raw = text.strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{spec.key}: '{text}' bukan angka (diharapkan: {_range(spec)})") from None
    if spec.kind == "int" and not value.is_integer():
        raise SettingError(f"{spec.key}: '{text}' bukan bilangan bulat (diharapkan: {_range(spec)})")
    lo, hi = spec.minimum, spec.maximum
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise SettingError(f"{spec.key}: {text} di luar batas (diharapkan: {_range(spec)})")
    return value


def _range(spec: SettingSpec) -> str:
    kind = "bilangan bulat" if spec.kind == "int" else "angka"
    return f"{kind} {spec.minimum:g}–{spec.maximum:g}"


def _dates(spec: SettingSpec, text: str) -> tuple[date, ...]:
    out = set()
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            if "/" in part:
                d, m, y = (int(x) for x in part.split("/"))
                out.add(date(y, m, d))
            else:
                out.add(date.fromisoformat(part))
        except ValueError:
            raise SettingError(
                f"{spec.key}: '{part}' bukan tanggal yang sah (diharapkan: 2018-06-15 atau 15/06/2018, dipisah koma)"
            ) from None
    return tuple(sorted(out))


def parse_setting(key: str, text: str) -> Any:
    """The value of setting `key` written as `text` (from the CLI or a form), or SettingError."""
    spec = SPECS.get(key)
    if spec is None:
        raise SettingError(
            f"pengaturan '{key}' tidak dikenal (diharapkan salah satu dari: {', '.join(SPECS)})"
        )
    if spec.kind == "bool":
        word = text.strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise SettingError(f"{key}: '{text}' bukan ya/tidak (diharapkan: ya atau tidak)")
    if spec.kind == "dates":
        return _dates(spec, text)
    value = _number(spec, text)
    return int(value) if spec.kind == "int" else value


def setting_text(value: Any) -> str:
    """A setting's value as the admin writes it (`ya`, `5`, `2018-06-15, 2018-06-18`)."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, tuple | list):
        return ", ".join(d.isoformat() for d in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
