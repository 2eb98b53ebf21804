"""Log Audit — the admin's view of logins, failed logins, uploads, rollbacks, locks and account changes."""

import json

import streamlit as st

from kinerja import audit
from kinerja.errors import AccessDenied
from kinerja.riwayat import wita
from ui.common import engine, scope

st.title("Log Audit")
try:
    log = audit.read_audit(engine(), scope(), limit=2000)  # the core refuses anyone but the admin
except AccessDenied as exc:
    st.error(str(exc), icon=":material/block:")
    st.stop()
st.caption("2.000 kejadian terakhir, terbaru dulu · waktu WITA. Kata sandi dan hash tidak pernah dicatat.")
aksi = st.multiselect("Jenis kejadian", sorted(log["aksi"].unique()), key="audit_aksi", placeholder="Semua")
shown = log[log["aksi"].isin(aksi)] if aksi else log
st.dataframe(
    shown.assign(
        waktu=shown["waktu"].map(wita),
        detail=shown["detail"].map(lambda d: json.dumps(d, ensure_ascii=False)),
    ).rename(
        columns={
            "id": "No",
            "waktu": "Waktu (WITA)",
            "pelaku": "Pelaku",
            "aksi": "Kejadian",
            "detail": "Rincian",
        }
    ),
    hide_index=True,
    key="audit_tabel",
)
