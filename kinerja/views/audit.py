"""The audit log for people: event names in words, details as `nama: x · peran: y`, times in WITA."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kinerja.clock import format_wita
from kinerja.domain.vocabulary import AUDIT_LABEL, BULAN
from kinerja.views import fmt

DETAIL_LABEL = {
    "nama": "akun", "peran": "peran", "alasan": "alasan", "ke": "percobaan ke", "sampai": "sampai",
    "berkas": "berkas", "unggahan": "unggahan", "baris": "baris", "baris_dilewati": "baris dilewati",
    "unit": "unit", "email": "e-mail", "via": "lewat", "sesi_diakhiri": "sesi diakhiri",
}  # fmt: skip


def detail_text(detail: Any) -> str:
    """`{"nama": "ani", "peran": "admin"}` → `akun: ani · peran: admin` (months by name, counts with dots)."""
    if not isinstance(detail, dict):
        return "" if detail is None else str(detail)
    if {"tahun", "bulan"} <= set(detail) and isinstance(detail["bulan"], int) and 1 <= detail["bulan"] <= 12:
        rest = {k: v for k, v in detail.items() if k not in ("tahun", "bulan")}
        head = f"{BULAN[detail['bulan'] - 1]} {detail['tahun']}"
        return " · ".join([head, *([detail_text(rest)] if rest else [])])
    parts = []
    for key, value in detail.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {fmt.bilangan(v) if isinstance(v, int) else v}" for k, v in value.items())
        elif isinstance(value, int) and not isinstance(value, bool):
            value = f"#{value}" if key == "unggahan" else fmt.bilangan(value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is None:
            value = fmt.STRIP
        parts.append(f"{DETAIL_LABEL.get(key, key.replace('_', ' '))}: {value}")
    return " · ".join(parts)


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The stored log (id, waktu, pelaku, aksi, detail) as the Log Audit page shows it."""
    return pd.DataFrame({
        "No": log["id"].to_numpy(), "Waktu (WITA)": log["waktu"].map(format_wita).to_numpy(),
        "Pelaku": log["pelaku"].fillna(fmt.STRIP).to_numpy(),
        "Kejadian": log["aksi"].map(lambda a: AUDIT_LABEL.get(a, a)).to_numpy(),
        "Rincian": log["detail"].map(detail_text).to_numpy(),
    })  # fmt: skip
