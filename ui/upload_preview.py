"""The Unggah screen's preview: one file's report, counts, restated values, downloads and confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.domain.vocabulary import CSV_MIME, XLSX_MIME
from kinerja.exports.xlsx import to_csv
from kinerja.ingest.report import ImportReport
from kinerja.services.preview import Preview, annotated_copy, copy_refusal
from kinerja.views import fmt
from kinerja.views.problems import SHOWN, first_problems, problem_counts
from ui.markdown import md, md_frame

REPORT_LABELS = {"berkas": "Berkas", "sheet": "Sheet", "baris": "Baris", "kolom": "Kolom", "masalah": "Masalah",
                 "diharapkan": "Diharapkan", "tingkat": "Tingkat"}  # fmt: skip
TABLE_ROWS = 30  # reports up to this long are shown as a wrapped table, longer ones as a scrollable grid


def show_preview(i: int, pv: Preview, data: bytes) -> tuple[bool, frozenset[str]]:
    """Render one file's report or preview: (store it on Simpan?, the indicator removals confirmed)."""
    if pv.ok:
        _changes(i, pv)
    else:
        errors = pv.report.errors
        st.error(f"{fmt.bilangan(len(errors))} masalah ditemukan — berkas ini **belum disimpan**. Perbaiki di "
                 "Excel lalu unggah lagi; setiap masalah menyebut sheet, baris dan kolomnya.", icon=":material/error:")  # fmt: skip
        if pv.waits_for_pk:
            st.info("Realisasi ini menunggu PK unit tersebut. Bila PK-nya ikut diunggah, simpan PK dulu; "
                    "berkas ini akan diperiksa ulang.", icon=":material/info:")  # fmt: skip
    if not pv.ok or pv.report.notices:
        _report(i, pv)
    if not pv.ok:
        _downloads(i, pv, data)
    removals = _removals(i, pv)
    if removals is None:  # a PK that drops indicators, not (yet) confirmed: nothing is stored
        return False, frozenset()
    confirmed = _warnings(i, pv)
    if not pv.ok:
        if pv.storable_rows:
            keep = confirmed and st.checkbox(
                f"Simpan baris yang valid saja — {fmt.bilangan(pv.skipped)} baris bermasalah dilewati dan disimpan "
                "bersama catatan unggahan (dapat diunduh nanti di Riwayat)", key=f"sebagian_{i}",
            )  # fmt: skip
            return keep, removals
        return False, frozenset()
    return confirmed and (pv.storable_rows > 0 or not pv.duplicate_of), removals


def _warnings(i: int, pv: Preview) -> bool:
    """Plausibility warnings (a lost comma, a negative count, a year-to-date figure): each cell and why;
    the file is stored only once the admin confirms the values are meant (issue 13)."""
    found = pv.report.warnings
    if not found:
        return True
    st.warning(f"{len(found)} nilai tampak tidak wajar — periksa sebelum menyimpan (tidak menghalangi):",
               icon=":material/warning:")  # fmt: skip
    frame = pd.DataFrame([[p.sheet, p.row, p.column, p.message, p.expected] for p in found],
                         columns=["Sheet", "Baris", "Kolom", "Alasan", "Diharapkan"])  # fmt: skip
    st.table(md_frame(frame.astype(str)), hide_index=True, border="horizontal")
    return st.checkbox("Nilai-nilai ini sudah saya periksa dan memang benar; simpan apa adanya",
                       key=f"yakin_{i}")  # fmt: skip


def _changes(i: int, pv: Preview) -> None:
    if pv.duplicate_of:
        st.info(f"Berkas yang sama persis sudah tersimpan sebagai unggahan #{pv.duplicate_of}; "
                "menyimpannya lagi tidak mengubah apa pun.", icon=":material/content_copy:")  # fmt: skip
    st.markdown("**Pratinjau** — baris baru, diubah dan tetap per sheet (belum disimpan):")
    counts = pv.counts.assign(
        **{c: pv.counts[c].map(fmt.bilangan) for c in ("Baru", "Diubah", "Tetap", "Dihapus")}
    )
    st.dataframe(counts, hide_index=True, key=f"pratinjau_jumlah_{i}")  # 30.000, not 30000
    if len(pv.realisasi_changes):
        st.warning(f"{len(pv.realisasi_changes)} nilai realisasi menggantikan nilai yang sudah tersimpan "
                   "(lama → baru):", icon=":material/edit_note:")  # fmt: skip
        style = pv.realisasi_changes.style.set_properties(
            subset=["Lama"], **{"background-color": "#f8c9cd", "text-decoration": "line-through"}
        ).set_properties(subset=["Baru"], **{"background-color": "#d7f0dd", "font-weight": "bold"})
        style = style.format(lambda v: fmt.angka(v, 2), subset=["Lama", "Baru", "Selisih"])  # 125,67
        st.dataframe(style, hide_index=True,
                     key=f"pratinjau_realisasi_{i}")  # fmt: skip
    if len(pv.status_changes):
        st.markdown(f"**{len(pv.status_changes)} pengaduan berpindah status:**")
        st.dataframe(pv.status_changes, hide_index=True, key=f"pratinjau_status_{i}")


def _report(i: int, pv: Preview) -> None:
    """The first SHOWN problems; for a longer report, the counts per column and kind first."""
    total = len(pv.report.problems)
    if total > SHOWN:
        st.markdown(f"**Masalah per kolom dan jenis** (dari {fmt.bilangan(total)} temuan; daftar di bawah "
                    f"menampilkan {fmt.bilangan(SHOWN)} pertama, laporan .csv memuat semuanya):")  # fmt: skip
        st.dataframe(problem_counts(pv.report), hide_index=True, key=f"ringkasan_masalah_{i}")
    frame = first_problems(pv.report).rename(columns=REPORT_LABELS).drop(columns="Berkas")
    if len(frame) <= TABLE_ROWS:  # a short report reads best whole, with the text wrapped
        st.table(md_frame(frame.astype(object).fillna("").astype(str)), hide_index=True, border="horizontal")
    else:
        st.dataframe(frame, hide_index=True, key=f"laporan_{i}",
                     column_config={"Baris": st.column_config.NumberColumn(width=60),
                                    "Masalah": st.column_config.TextColumn(width=380),
                                    "Diharapkan": st.column_config.TextColumn(width=320)})  # fmt: skip


def _downloads(i: int, pv: Preview, data: bytes) -> None:
    """The marked-up copy and the full report, each built only when its button is clicked."""
    stem = pv.file_name.rsplit(".", 1)[0]
    refusal = copy_refusal(data, pv)
    with st.container(horizontal=True):
        if refusal is None:
            st.download_button("Unduh berkas dengan sel bermasalah ditandai (.xlsx)",
                               lambda: annotated_copy(data, pv) or b"", mime=XLSX_MIME,
                               file_name=f"periksa_{stem}.xlsx", key=f"unduh_tanda_{i}", icon=":material/download:",
                               help="Salinan berkas Anda: sel bermasalah berwarna merah dengan komentar, dan sheet "
                               "pertama berisi daftar masalahnya. Dibuat saat tombol ini ditekan.")  # fmt: skip
        st.download_button("Unduh laporan masalah (.csv)", lambda: to_csv(pv.report.to_frame()),
                           file_name=f"laporan_{stem}.csv", mime=CSV_MIME, key=f"unduh_laporan_{i}")  # fmt: skip
    if refusal is not None:
        st.caption(md(f"Tanpa salinan bertanda: {refusal}."))


def _removals(i: int, pv: Preview) -> frozenset[str] | None:
    """A PK that drops indicators deletes their realisasi: the box names what goes (issue 10)."""
    if not pv.removed:
        return frozenset()
    n, real = len(pv.removed), int(pv.removed_table["Realisasi dihapus"].sum())
    st.warning(f"PK ini tidak lagi memuat **{n} indikator** yang tersimpan: indikator itu dan **{real} "
               "realisasinya akan dihapus**.", icon=":material/delete_forever:")  # fmt: skip
    st.table(md_frame(pv.removed_table.astype(object)), hide_index=True, border="horizontal")
    names = "; ".join(f"{nama} ({unit} {tahun})" for unit, tahun, _k, nama, _r in pv.removed)
    if st.checkbox(
        md(f"Ya, hapus {n} indikator ini beserta {real} realisasinya: {names}"), key=f"hapus_indikator_{i}"
    ):
        return pv.removal_ids
    st.caption("Tanpa centang ini berkas tidak disimpan.")
    return None


def confirmation(rep: ImportReport, pv: Preview) -> None:
    """What was stored, with links to the pages of the units the file touched."""
    added = sum(c.added for c in rep.counts)
    changed = sum(c.updated for c in rep.counts)
    skipped = f", {rep.skipped_rows} baris dilewati" if rep.skipped_rows else ""
    st.success(f"**{md(pv.file_name)}** tersimpan sebagai unggahan #{rep.upload_id}: {added} baris baru, "
               f"{changed} diubah{skipped}.", icon=":material/check_circle:")  # fmt: skip
    if pv.units:
        kode, _, tahun = pv.units[0]
        # The unit page's own widgets; a link opens it on the (first) affected unit.
        st.session_state["pd_unit"], st.session_state["pd_tahun"] = kode, tahun
        st.caption("Lihat halaman unit yang terpengaruh:")
        for kode, nama, tahun in pv.units:
            st.page_link("pages/perangkat_daerah.py", label=md(f"{nama} ({tahun})"), icon=":material/apartment:",
                         query_params={"unit": kode, "tahun": str(tahun)})  # fmt: skip
