"""Unggah Data — templates, check and preview uploads, store, history and rollback, report completeness, locks."""

import io

import streamlit as st

from kinerja import access, kelengkapan, periods, riwayat, store
from kinerja.errors import KinerjaError
from kinerja.importer import import_file, today_wita
from kinerja.preview import Preview, annotated_copy, preview_file
from kinerja.templates import write_template
from ui.common import BULAN, acting_user, engine, is_admin, may_upload, scope, settings, version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_LABELS = {"berkas": "Berkas", "sheet": "Sheet", "baris": "Baris", "kolom": "Kolom", "masalah": "Masalah",
                 "diharapkan": "Diharapkan", "tingkat": "Tingkat"}  # fmt: skip
TABLE_ROWS = 30  # reports up to this long are shown as a wrapped table, longer ones as a scrollable grid
WARNA = {"✓": "#d7f0dd", "⚠": "#ffe8a8", "✗": "#f8c9cd"}  # colour only next to the text label

if not may_upload():  # the Wali Kota and mode demo read only (issue 6); the core refuses them too
    st.error(
        "Unggah data hanya untuk admin dan kepala unit (realisasi unit sendiri).", icon=":material/block:"
    )
    st.stop()
eng = engine()
conf = settings()
# Who acts (kept with uploads, rollbacks and locks): the signed-in account (issue 6). Unit heads
# upload their own unit's realisasi; history, rollback, completeness and locks are the admin's.
user = acting_user()
admin = is_admin()
st.title("Unggah Data")
if msg := st.session_state.pop("_unggah_pesan", None):
    st.success(msg, icon=":material/check_circle:")
if admin:
    t_unggah, t_riwayat, t_lengkap, t_kunci, t_templat = st.tabs(
        ["Unggah", "Riwayat", "Kelengkapan laporan", "Kunci periode", "Templat"]
    )
else:
    t_unggah, t_templat = st.tabs(["Unggah", "Templat"])
    st.caption(
        f"Anda dapat mengunggah realisasi unit Anda sendiri ({scope().unit}); unggahan lain ditolak utuh."
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _preview(_eng, url: str, ver: str, locks: tuple, data: bytes, name: str, max_mb: int, day: str):
    """The preview and the marked-up copy of a bad file, until the data, the locks or the day change."""
    pv = preview_file(_eng, data, name, max_mb=max_mb)
    return pv, annotated_copy(data, pv)


def _show_preview(i: int, pv: Preview, marked: bytes | None) -> bool:
    """Render one file's report or preview; True when it should be stored on Simpan."""
    notices = pv.report.notices
    if pv.ok:
        if pv.duplicate_of:
            st.info(f"Berkas yang sama persis sudah tersimpan sebagai unggahan #{pv.duplicate_of}; "
                    "menyimpannya lagi tidak mengubah apa pun.", icon=":material/content_copy:")  # fmt: skip
        st.markdown("**Pratinjau** — baris baru, diubah dan tetap per sheet (belum disimpan):")
        st.dataframe(pv.counts, hide_index=True, key=f"pratinjau_jumlah_{i}")
        if len(pv.realisasi_changes):
            st.warning(f"{len(pv.realisasi_changes)} nilai realisasi menggantikan nilai yang sudah tersimpan "
                       "(lama → baru):", icon=":material/edit_note:")  # fmt: skip
            style = pv.realisasi_changes.style.set_properties(
                subset=["Lama"], **{"background-color": "#f8c9cd", "text-decoration": "line-through"}
            ).set_properties(subset=["Baru"], **{"background-color": "#d7f0dd", "font-weight": "bold"})
            st.dataframe(style.format(precision=2, subset=["Lama", "Baru", "Selisih"]), hide_index=True,
                         key=f"pratinjau_realisasi_{i}")  # fmt: skip
        if len(pv.status_changes):
            st.markdown(f"**{len(pv.status_changes)} pengaduan berpindah status:**")
            st.dataframe(pv.status_changes, hide_index=True, key=f"pratinjau_status_{i}")
    else:
        errors = pv.report.errors
        st.error(f"{len(errors)} masalah ditemukan — berkas ini **belum disimpan**. Perbaiki di Excel lalu "
                 "unggah lagi; setiap masalah menyebut sheet, baris dan kolomnya.", icon=":material/error:")  # fmt: skip
        if pv.waits_for_pk:
            st.info("Realisasi ini menunggu PK unit tersebut. Bila PK-nya ikut diunggah, simpan PK dulu; "
                    "berkas ini akan diperiksa ulang.", icon=":material/info:")  # fmt: skip
    if not pv.ok or notices:
        frame = pv.report.to_frame().rename(columns=REPORT_LABELS).drop(columns="Berkas")
        if len(frame) <= TABLE_ROWS:  # a short report reads best whole, with the text wrapped
            st.table(frame.astype(object).fillna("").astype(str), hide_index=True, border="horizontal")
        else:
            st.dataframe(frame, hide_index=True, key=f"laporan_{i}",
                         column_config={"Baris": st.column_config.NumberColumn(width=60),
                                        "Masalah": st.column_config.TextColumn(width=380),
                                        "Diharapkan": st.column_config.TextColumn(width=320)})  # fmt: skip
    if not pv.ok:
        with st.container(horizontal=True):
            if marked:
                st.download_button("Unduh berkas dengan sel bermasalah ditandai (.xlsx)", marked, mime=XLSX,
                                   file_name=f"periksa_{pv.file_name.rsplit('.', 1)[0]}.xlsx", key=f"unduh_tanda_{i}",
                                   icon=":material/download:", help="Salinan berkas Anda: sel bermasalah berwarna "
                                   "merah dengan komentar, dan sheet pertama berisi daftar masalahnya.")  # fmt: skip
            st.download_button("Unduh laporan masalah (.csv)", pv.report.to_frame().to_csv(index=False).encode(),
                               file_name=f"laporan_{pv.file_name}.csv", mime="text/csv", key=f"unduh_laporan_{i}")  # fmt: skip
        if pv.storable_rows:
            return st.checkbox(
                f"Simpan baris yang valid saja — {pv.skipped} baris bermasalah dilewati dan disimpan bersama "
                "catatan unggahan (dapat diunduh nanti di Riwayat)", key=f"sebagian_{i}",
            )  # fmt: skip
        return False
    return pv.storable_rows > 0 or not pv.duplicate_of


def _confirmation(rep, pv: Preview) -> None:
    added = sum(c.added for c in rep.counts)
    changed = sum(c.updated for c in rep.counts)
    skipped = f", {rep.skipped_rows} baris dilewati" if rep.skipped_rows else ""
    st.success(f"**{pv.file_name}** tersimpan sebagai unggahan #{rep.upload_id}: {added} baris baru, "
               f"{changed} diubah{skipped}.", icon=":material/check_circle:")  # fmt: skip
    if pv.units:
        kode, _, tahun = pv.units[0]
        # The unit page's own widgets; a link opens it on the (first) affected unit.
        st.session_state["pd_unit"], st.session_state["pd_tahun"] = kode, tahun
        st.caption("Lihat halaman unit yang terpengaruh:")
        for kode, nama, tahun in pv.units:
            st.page_link("pages/perangkat_daerah.py", label=f"{nama} ({tahun})", icon=":material/apartment:",
                         query_params={"unit": kode, "tahun": str(tahun)})  # fmt: skip


with t_unggah:
    st.caption(f"Unggah satu atau beberapa berkas .xlsx (PK, Realisasi, Pengaduan, Unit) atau .csv pengaduan, "
               f"paling besar {conf.batas_unggah_mb} MB per berkas. Tidak ada yang disimpan sebelum Anda "
               "menekan **Simpan**.")  # fmt: skip
    files = st.file_uploader(
        "Berkas data", type=["xlsx", "csv", "xls"], accept_multiple_files=True, key="unggah_berkas",
        max_upload_size=max(1, int(conf.batas_unggah_mb)),  # the browser refuses bigger files, the core checks again
    )  # fmt: skip
    locks = tuple(sorted(periods.locked_periods(eng)))
    done = st.session_state.setdefault("_unggah_selesai", {})  # sha256 → (report, preview)
    active = set(store.list_uploads(eng).query("status == 'aktif'")["id"])
    checked = []
    for f in files or []:
        data = f.getvalue()
        pv, marked = _preview(eng, str(eng.url), version(), locks, data, f.name, conf.batas_unggah_mb,
                              str(today_wita()))  # fmt: skip
        checked.append((pv, data, marked))
    chosen = []
    for i, (pv, data, marked) in enumerate(sorted(checked, key=lambda c: (c[0].order, c[0].file_name))):
        stored = done.get(pv.sha256)
        if stored and stored[0].upload_id in active:
            _confirmation(*stored)
            continue
        label = (f"{pv.file_name} — siap disimpan" if pv.ok else
                 f"{pv.file_name} — {len(pv.report.errors)} masalah, belum disimpan")  # fmt: skip
        with st.status(label, state="complete" if pv.ok else "error", expanded=True):
            if _show_preview(i, pv, marked):
                chosen.append((pv, data))
    if checked:
        n = len(chosen)
        if st.button(f"Simpan ({n} berkas)" if n else "Simpan", type="primary", key="simpan_unggahan",
                     disabled=not n, icon=":material/save:"):  # fmt: skip
            failed = False
            for j, (pv, data) in enumerate(chosen):  # each file is its own transaction
                with st.status(f"Menyimpan {pv.file_name}…", expanded=False) as box:
                    rep = import_file(eng, data, pv.file_name, user=user, partial=not pv.ok, scope=scope())
                    if rep.stored:
                        done[pv.sha256] = (rep, pv)
                        box.update(label=f"{pv.file_name} tersimpan", state="complete")
                    else:  # the store changed since the preview (another upload, a new lock)
                        failed = True
                        box.update(label=f"{pv.file_name} tidak disimpan", state="error", expanded=True)
                        st.dataframe(rep.to_frame().rename(columns=REPORT_LABELS), hide_index=True,
                                     key=f"gagal_{j}")  # fmt: skip
            if not failed:
                st.rerun()

if admin:
    with t_riwayat:
        hist = riwayat.upload_history(eng)
        if hist.empty:
            st.caption("Belum ada unggahan.")
        else:
            st.dataframe(hist, hide_index=True, key="tabel_riwayat",
                         column_config={"SHA-256": st.column_config.TextColumn(width="medium")})  # fmt: skip
            aktif = hist[hist["Status"] == "aktif"]
            labels = {
                int(r["No"]): f"#{r['No']} · {r['Berkas']} · {r['Waktu (WITA)']}" for _, r in aktif.iterrows()
            }
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            # No default: rolling back is chosen on purpose, never by a preselected row.
            pick = c1.selectbox("Unggahan yang dibatalkan", list(labels), format_func=labels.get, index=None,
                                placeholder="Pilih unggahan…", key="batalkan_pilih")  # fmt: skip

            def _close_dialog() -> None:
                st.session_state.pop("_batalkan", None)

            @st.dialog("Batalkan unggahan?", on_dismiss=_close_dialog)
            def _confirm_rollback(uid: int) -> None:
                st.write(
                    f"Semua baris yang diubah oleh unggahan **{labels.get(uid, uid)}** dikembalikan seperti sebelum "
                    "unggahan itu. Catatannya tetap ada di riwayat."
                )
                a, b = st.columns(2)
                if a.button("Ya, batalkan", type="primary", key="batalkan_ya"):
                    try:
                        restored = access.rollback_upload(eng, uid, scope(), user)
                    except KinerjaError as exc:
                        st.error(str(exc), icon=":material/error:")
                        return
                    _close_dialog()
                    n = sum(restored.values())
                    st.session_state["_unggah_pesan"] = (
                        f"Unggahan #{uid} dibatalkan ({n} baris dikembalikan)."
                    )
                    st.rerun()
                if b.button("Tidak", key="batalkan_tidak"):
                    _close_dialog()
                    st.rerun()

            if c2.button("Batalkan…", key="batalkan_unggahan", disabled=pick is None, icon=":material/undo:"):
                st.session_state["_batalkan"] = pick
            # Kept in the session so the dialog stays open for its own buttons' reruns.
            if st.session_state.get("_batalkan") in labels:
                _confirm_rollback(st.session_state["_batalkan"])
            skipped = hist[hist["Dilewati"] > 0]
            if len(skipped):
                st.markdown("**Baris yang dilewati** (disimpan bersama catatan unggahannya)")
                d1, d2 = st.columns([3, 1], vertical_alignment="bottom")
                sid = d1.selectbox("Unggahan", list(skipped["No"]), key="dilewati_pilih",
                                   format_func=lambda u: f"#{u} · {skipped.set_index('No').at[u, 'Dilewati']} baris")  # fmt: skip
                book = riwayat.skipped_rows_workbook(eng, int(sid))
                d2.download_button("Unduh baris dilewati", book or b"", file_name=f"baris_dilewati_{sid}.xlsx",
                                   mime=XLSX, key="unduh_dilewati", disabled=book is None)  # fmt: skip
        st.markdown("**Log kejadian** (unggah, batalkan, kunci dan buka kunci periode)")
        st.dataframe(riwayat.events(eng), hide_index=True, key="tabel_kejadian")

pk_years = sorted({int(t) for t in store.read_pk(eng)["tahun"].dropna()}, reverse=True)
if admin:
    with t_lengkap:
        if not pk_years:
            st.caption("Belum ada PK tersimpan; kelengkapan laporan dihitung per unit yang punya PK.")
        else:
            c1, c2 = st.columns([1, 4], vertical_alignment="bottom")
            year = c1.selectbox("Tahun", pk_years, key="lengkap_tahun")
            status = kelengkapan.kelengkapan(eng, year, today_wita().date(), conf.tanggal_batas_lapor)
            units = store.read_units(eng)
            grid = kelengkapan.matrix(status, dict(zip(units["kode"], units["nama"], strict=True)))
            months = kelengkapan.BULAN_SINGKAT
            grid[months] = grid[months].apply(lambda col: col.str.replace(" ", "\u00a0"))  # one line per cell
            c2.caption(f"**✓ tepat** waktu · **⚠ telat**: realisasi bulan itu pertama kali tersimpan setelah tanggal "
                       f"{conf.tanggal_batas_lapor} bulan berikutnya · **✗ belum** lapor padahal batas itu sudah lewat · "
                       "**· nanti**: belum jatuh tempo. Unit yang semua indikatornya dihitung dari pengaduan tidak "
                       "dicantumkan.")  # fmt: skip
            styled = grid.style.map(lambda v: f"background-color: {WARNA.get(str(v)[:1], 'transparent')}",
                                    subset=months)  # fmt: skip
            st.table(styled, hide_index=True, border="horizontal")  # the whole grid at once, fit to the page
            st.markdown("**Jumlah unit per bulan**")
            st.dataframe(kelengkapan.summary(status), key="ringkasan_kelengkapan")

    with t_kunci:
        st.caption("Bulan yang dikunci tidak dapat menerima realisasi baru atau perubahan sampai kuncinya dibuka. "
                   "Setiap kunci dan buka kunci dicatat di Riwayat.")  # fmt: skip
        now = today_wita()
        k1, k2 = st.columns(2)
        k_year = k1.selectbox("Tahun", sorted({*pk_years, now.year}, reverse=True), key="kunci_tahun")
        k_month = k2.selectbox(
            "Bulan", list(range(1, 13)), format_func=lambda m: BULAN[m - 1], key="kunci_bulan"
        )
        locked = (int(k_year), int(k_month)) in set(locks := periods.locked_periods(eng))
        b = st.container(horizontal=True)
        action = None
        if b.button("Kunci periode", key="kunci_periode", disabled=locked, icon=":material/lock:"):
            action = periods.lock_period
        if b.button("Buka kunci", key="buka_kunci", disabled=not locked, icon=":material/lock_open:"):
            action = periods.unlock_period
        if action:
            try:
                access.require_admin(scope(), "Mengunci periode")
                action(eng, int(k_year), int(k_month), user)
            except KinerjaError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                verb = "dikunci" if action is periods.lock_period else "dibuka kuncinya"
                st.session_state["_unggah_pesan"] = f"Periode {BULAN[k_month - 1]} {k_year} {verb}."
                st.rerun()
        current = periods.read_locks(eng)
        if current.empty:
            st.caption("Belum ada periode yang dikunci.")
        else:
            st.dataframe(current.assign(bulan=current["bulan"].map(lambda m: BULAN[m - 1]),
                                        dikunci_pada=current["dikunci_pada"].map(riwayat.wita)).rename(
                columns={"tahun": "Tahun", "bulan": "Bulan", "dikunci_oleh": "Dikunci oleh",
                         "dikunci_pada": "Dikunci pada (WITA)"}), hide_index=True, key="tabel_kunci")  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=32)
def _template(kind: str, url: str, ver: str, unit: str | None = None, year: int | None = None) -> bytes:
    buf = io.BytesIO()
    if unit is None:
        write_template(kind, buf)
    else:
        pk = store.read_pk(engine(), tahun=year, unit=unit)
        names = dict(zip(store.read_units(engine())["kode"], store.read_units(engine())["nama"], strict=True))
        write_template(kind, buf, unit=names.get(unit, unit), year=year, indicators=pk)
    return buf.getvalue()


with t_templat:
    st.caption("Templat kosong dengan petunjuk pengisian; realisasi dapat disiapkan per unit dan tahun berisi "
               "semua indikator PK-nya, tinggal mengisi kolom Realisasi.")  # fmt: skip
    cols = st.columns(3)
    for col, kind, label in zip(cols, ("pk", "pengaduan", "unit"), ("PK", "Pengaduan", "Unit"), strict=True):
        col.download_button(f"Templat {label}", _template(kind, str(eng.url), version()), mime=XLSX,
                            file_name=f"templat_{kind}.xlsx", key=f"unduh_templat_{kind}", icon=":material/download:")  # fmt: skip
    st.markdown("**Templat realisasi terisi**")
    if not pk_years:
        st.caption("Belum ada PK tersimpan: unggah PK dulu agar templat realisasi dapat disiapkan.")
    else:
        r1, r2 = st.columns([1, 3])
        t_year = r1.selectbox("Tahun", pk_years, key="templat_tahun")
        pk_units = sorted(set(store.read_pk(eng, tahun=t_year)["unit"]))
        if not admin:  # a unit head's template is the own unit's
            pk_units = [u for u in pk_units if u == scope().unit]
        names = dict(zip(store.read_units(eng)["kode"], store.read_units(eng)["nama"], strict=True))
        t_unit = r2.selectbox(
            "Perangkat daerah", pk_units, format_func=lambda u: names.get(u, u), key="templat_unit"
        )
        st.download_button(f"Templat realisasi {names.get(t_unit, t_unit)} {t_year}",
                           _template("realisasi", str(eng.url), version(), t_unit, int(t_year)), mime=XLSX,
                           file_name=f"realisasi_{t_unit}_{t_year}.xlsx", key="unduh_templat_realisasi",
                           icon=":material/download:")  # fmt: skip
