"""Unggah Data — check and preview uploads, store them; history, completeness, locks and templates (admin)."""

import functools

import streamlit as st

from kinerja.clock import today_wita
from kinerja.domain.vocabulary import MENUNGGU_PENULIS
from kinerja.services.importer import import_file
from kinerja.services.preview import preview_file
from kinerja.views import catalog
from ui import upload_admin, upload_mapping
from ui.data import engine, settings, version
from ui.markdown import md
from ui.router import through_router
from ui.session import is_admin, may_upload, scope
from ui.upload_preview import REPORT_LABELS, confirmation, show_preview
from ui.widgets import errors_shown, show_flash

through_router()
if not may_upload():  # the Wali Kota and mode demo read only (issue 6); the core refuses them too
    st.error(
        "Unggah data hanya untuk admin dan kepala unit (realisasi unit sendiri).", icon=":material/block:"
    )
    st.stop()
eng = engine()
conf = settings()
# Who acts (kept with uploads, rollbacks and locks): the signed-in account (issue 6). Unit heads
# upload their own unit's realisasi; history, rollback, completeness and locks are the admin's.
acting = scope()
admin = is_admin()
st.title("Unggah Data")
show_flash()
if admin:
    t_unggah, t_riwayat, t_lengkap, t_kunci, t_templat, t_profil = st.tabs(
        ["Unggah", "Riwayat", "Kelengkapan laporan", "Kunci periode", "Templat", "Profil kolom"]
    )
else:
    t_unggah, t_saya, t_templat = st.tabs(["Unggah", "Unggahan saya", "Templat"])
    st.caption(
        f"Anda dapat mengunggah realisasi unit Anda sendiri ({acting.unit}); unggahan lain ditolak utuh."
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _preview(_eng, url: str, ver: str, locks: tuple, data: bytes, name: str, max_mb: int, day: str, _scope,
             who: tuple, options, _progress=None):  # fmt: skip
    """The preview of a file, until the data, the locks, the day, the scope or the choices change (the
    marked-up copy of a bad file is built only when its download is clicked: ui.upload_preview)."""
    return preview_file(_eng, data, name, scope=_scope, max_mb=max_mb, options=options, progress=_progress)


with t_unggah:
    st.caption(f"Unggah satu atau beberapa berkas .xlsx (PK, Realisasi, Pengaduan, Unit) atau .csv pengaduan, "
               f"paling besar {conf.batas_unggah_mb} MB per berkas. Tidak ada yang disimpan sebelum Anda "
               "menekan **Simpan**.")  # fmt: skip
    options = upload_mapping.file_options(eng, acting)  # issue 12: unit, year, period the files leave out
    files = st.file_uploader(
        "Berkas data", type=["xlsx", "csv", "xls"], accept_multiple_files=True, key="unggah_berkas",
        max_upload_size=max(1, int(conf.batas_unggah_mb)),  # the browser refuses bigger files, the core checks again
    )  # fmt: skip
    locks = tuple(sorted(catalog.locked_months(eng)))
    done = st.session_state.setdefault("_unggah_selesai", {})  # sha256 → (report, preview)
    active = catalog.active_uploads(eng)
    checked = []
    for f in files or []:
        data = f.getvalue()
        # Progress of the check (issue 13): each step with its counts, written live into the box;
        # a cached check replays the same lines (st.cache_data replays what the function wrote).
        with st.status(f"Memeriksa {f.name}…", expanded=False) as box:
            pv = _preview(eng, str(eng.url), version(), locks, data, f.name, conf.batas_unggah_mb,
                          str(today_wita()), acting, (acting.role, acting.unit), options,
                          _progress=st.write)  # fmt: skip
            box.update(label=f"{f.name}: {pv.steps[-1] if pv.steps else 'diperiksa'}", state="complete")
        checked.append((pv, data))
    chosen = []
    for i, (pv, data) in enumerate(sorted(checked, key=lambda c: (c[0].order, c[0].file_name))):
        stored = done.get(pv.sha256)
        if stored and stored[0].upload_id in active:
            confirmation(*stored)
            continue
        label = (f"{md(pv.file_name)} — siap disimpan" if pv.ok else
                 f"{md(pv.file_name)} — {len(pv.report.errors)} masalah, belum disimpan")  # fmt: skip
        with st.status(label, state="complete" if pv.ok else "error", expanded=True):
            keep, removals = show_preview(i, pv, data)
            if keep:
                chosen.append((pv, data, removals))
            if admin and pv.needs_mapping:  # issue 12 §3: map the columns once, as a profile
                upload_mapping.show_mapping(i, pv.file_name, data, eng, acting)
    if checked:
        n = len(chosen)
        if st.button(f"Simpan ({n} berkas)" if n else "Simpan", type="primary", key="simpan_unggahan",
                     disabled=not n, icon=":material/save:"):  # fmt: skip
            failed = False
            for j, (pv, data, removals) in enumerate(chosen):  # each file is its own transaction
                name = md(pv.file_name)
                with st.status(f"Menyimpan {name}…", expanded=False) as box:
                    wait = functools.partial(
                        box.update, label=f"{name}: {MENUNGGU_PENULIS}"
                    )  # another writer
                    with errors_shown() as outcome:
                        rep = import_file(eng, data, pv.file_name, scope=acting, partial=not pv.ok,
                                          options=options, remove_indicators=removals, on_wait=wait)  # fmt: skip
                    if outcome.failed:  # the database could not be written (waited too long)
                        failed = True
                        box.update(label=f"{name} tidak disimpan", state="error", expanded=True)
                    elif rep.stored:
                        done[pv.sha256] = (rep, pv)
                        box.update(label=f"{name} tersimpan", state="complete")
                    else:  # the store changed since the preview (another upload, a new lock)
                        failed = True
                        box.update(label=f"{name} tidak disimpan", state="error", expanded=True)
                        st.dataframe(rep.to_frame().rename(columns=REPORT_LABELS), hide_index=True,
                                     key=f"gagal_{j}")  # fmt: skip
            if not failed:
                st.rerun()


pk_years = catalog.pk_years(eng)
if admin:
    with t_riwayat:
        upload_admin.riwayat_tab(eng, acting)
    with t_lengkap:
        upload_admin.kelengkapan_tab(eng, conf, pk_years)
    with t_kunci:
        upload_admin.kunci_tab(eng, acting, pk_years)
    with t_profil:
        upload_mapping.profil_tab(eng, acting)
else:
    with t_saya:  # issue 13: a unit head undoes an own upload (the core checks who and what depends on it)
        upload_admin.own_uploads_tab(eng, acting)
with t_templat:
    upload_admin.templat_tab(eng, acting, pk_years)
