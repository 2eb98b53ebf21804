"""Admin-adjustable settings (SLA days, score cap, minimum count, extra holidays) with defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Engine


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
            if f.name == "libur_tambahan":
                if isinstance(value, str | date):
                    value = [value]
                kwargs[f.name] = tuple(sorted({_to_date(v) for v in value}))
            elif f.name == "unit_lihat_unit_lain":
                kwargs[f.name] = (
                    value.strip().lower() in ("1", "true", "ya", "yes")
                    if isinstance(value, str)
                    else bool(value)
                )
            elif f.name == "batas_nilai":
                kwargs[f.name] = float(value)
            else:
                kwargs[f.name] = int(value)
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict (dates as ISO strings)."""
        d = dataclasses.asdict(self)
        d["libur_tambahan"] = [x.isoformat() for x in self.libur_tambahan]
        return d


def load_settings(engine: Engine) -> Settings:
    """Settings stored in the database (defaults for anything not stored)."""
    from kinerja import store  # lazy: store imports much more than the core needs

    return Settings.from_dict(store.get_settings(engine))


def save(engine: Engine, settings: Settings, pengguna: str) -> None:
    """Store the settings, recording who changed them."""
    from kinerja import store

    store.save_settings(engine, settings.to_dict(), pengguna)
