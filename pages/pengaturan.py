"""Pengaturan — the admin changes SLA days, the score cap, ranking minimum, holidays and limits (audited)."""

import streamlit as st

from kinerja.domain.settings import SPECS, setting_text
from kinerja.services.settings import set_settings
from ui.data import engine, settings
from ui.router import through_router
from ui.session import is_admin, scope
from ui.widgets import errors_shown, flash, show_flash

through_router()
st.title("Pengaturan")
if not is_admin():  # the core refuses too (services.settings)
    st.error("Pengaturan hanya dapat diubah oleh admin Bagian Organisasi.", icon=":material/block:")
    st.stop()
show_flash()
st.caption(
    "Setiap perubahan diperiksa lebih dulu, disimpan dalam satu transaksi dan dicatat di Log Audit "
    "(nilai lama → baru). Angka di dasbor dihitung ulang dengan pengaturan baru."
)
current = settings()
with st.form("pengaturan", border=True):
    texts: dict[str, str] = {}
    for key, spec in SPECS.items():
        value = getattr(current, key)
        if spec.kind == "bool":
            texts[key] = (
                "ya"
                if st.toggle(spec.label, value=bool(value), help=spec.help, key=f"set_{key}")
                else "tidak"
            )
        elif spec.kind == "labels":
            texts[key] = st.text_input(spec.label, setting_text(value), help=spec.help, key=f"set_{key}")
        elif spec.kind == "dates":
            texts[key] = st.text_input(spec.label, setting_text(value), help=spec.help, key=f"set_{key}",
                                       placeholder="mis. 2018-06-15, 2018-06-18")  # fmt: skip
        else:
            step = 1.0 if spec.kind == "float" else 1
            number = st.number_input(
                spec.label, min_value=type(step)(spec.minimum), max_value=type(step)(spec.maximum),
                value=type(step)(value), step=step, help=spec.help, key=f"set_{key}",
            )  # fmt: skip
            texts[key] = setting_text(number)
    saved = st.form_submit_button(
        "Simpan pengaturan", type="primary", key="simpan_pengaturan", icon=":material/save:"
    )
if saved:
    changed = {k: t for k, t in texts.items() if t != setting_text(getattr(current, k))}
    if not changed:
        st.info("Tidak ada pengaturan yang berubah.", icon=":material/info:")
    else:
        with errors_shown() as outcome:
            set_settings(engine(), changed, scope=scope())
        if not outcome.failed:
            flash(f"{len(changed)} pengaturan disimpan: {', '.join(SPECS[k].label for k in changed)}.")
            st.rerun()
