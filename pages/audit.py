"""Log Audit — the admin's view of logins, failed logins, uploads, rollbacks, locks and account changes."""

import streamlit as st

from kinerja.domain.vocabulary import AUDIT_LABEL
from kinerja.services.audit import read_audit
from kinerja.views.audit import audit_table
from ui.data import engine
from ui.router import through_router
from ui.session import scope
from ui.widgets import errors_shown

through_router()
st.title("Log Audit")
with errors_shown() as outcome:
    log = read_audit(engine(), scope=scope(), limit=2000)  # the core refuses anyone but the admin
if outcome.failed:
    st.stop()
st.caption("2.000 kejadian terakhir, terbaru dulu · waktu WITA. Kata sandi dan hash tidak pernah dicatat.")
aksi = st.multiselect(
    "Jenis kejadian", sorted(log["aksi"].unique()), key="audit_aksi", placeholder="Semua",
    format_func=lambda a: AUDIT_LABEL.get(a, a),
)  # fmt: skip
shown = log[log["aksi"].isin(aksi)] if aksi else log
st.dataframe(audit_table(shown), hide_index=True, key="audit_tabel")
