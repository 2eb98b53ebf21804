"""The Kotak Masuk WhatsApp's parts: loading a chat, the triage editor and its actions, keywords and classifier."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from kinerja.domain.access import Scope
from kinerja.domain.vocabulary import ALASAN_BUANG, PEMILIK_WA
from kinerja.errors import ChatExportError
from kinerja.ingest.whatsapp.dates import ORDERS
from kinerja.services import triase
from kinerja.services.saran import classifier_info, keyword_table, save_keywords, train_classifier
from kinerja.services.whatsapp import import_chat, read_export
from kinerja.views import catalog, fmt
from kinerja.views.kotak_masuk import LABELS, TANPA_TUJUAN, editor_frame, upload_choices
from ui.widgets import PILIH, errors_shown, flash

OTOMATIS = "Otomatis"
EDITABLE = ["uraian", "bukti", "kelurahan", "kecamatan", "kategori", "unit"]
FIELD = {"bukti": "ada_bukti"}


def upload_tab(eng: Engine, scope: Scope) -> None:
    """Upload one export (.txt or .zip) and say whose phone it is; nothing is stored on an error."""
    st.caption("Ekspor chat dari WhatsApp (menu ⋮ → Lainnya → Ekspor chat), dengan atau tanpa media. "
               "Nomor telepon dan nama kontak tidak pernah disimpan; pesan yang sudah pernah dimuat dilewati.")  # fmt: skip
    f = st.file_uploader("Ekspor chat WhatsApp", type=["txt", "zip"], key="wa_berkas")
    a, b, c = st.columns(3)
    pemilik = a.selectbox(
        "Telepon milik", list(PEMILIK_WA), format_func=PEMILIK_WA.get, key="wa_pemilik", placeholder=PILIH
    )
    names = catalog.unit_names(eng)
    unit = (
        b.selectbox("Unit pemilik", sorted(names.values()), key="wa_unit", placeholder=PILIH)
        if pemilik == "unit"
        else None
    )
    urutan = c.selectbox("Urutan tanggal", [OTOMATIS, *ORDERS], key="wa_urutan")
    if f is None:
        return
    data = f.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    senders = st.session_state.get("_wa_pengirim", {}).get(sha)
    chosen: list[str] = []
    if senders:
        st.warning("Pengirim dari pihak pemilik telepon tidak dapat ditentukan otomatis: pilih di bawah "
                   "(nama hanya ditampilkan di sini, tidak disimpan).", icon=":material/person_search:")  # fmt: skip
        chosen = st.multiselect("Pengirim pihak pemilik", senders, key="wa_pengirim_pemilik")
    if st.button("Muat chat", type="primary", key="wa_muat", icon=":material/upload:"):
        with errors_shown() as outcome:
            try:
                result = import_chat(eng, data, f.name, scope=scope, pemilik=pemilik, pemilik_unit=unit,
                                     pengirim_pemilik=chosen, urutan=None if urutan == OTOMATIS else urutan)  # fmt: skip
            except ChatExportError as exc:
                if "pemilik telepon" in str(exc) and not chosen:
                    chat = read_export(data, f.name, None if urutan == OTOMATIS else urutan)
                    st.session_state.setdefault("_wa_pengirim", {})[sha] = list(chat.senders)
                raise
        if not outcome.failed:
            st.session_state["_wa_dipilih"] = result.unggahan_id
            flash(" · ".join(result.lines()))
            st.rerun()


def _edits(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for cid in after.index:
        for col in EDITABLE:
            old, new = before.at[cid, col], after.at[cid, col]
            old, new = (None if pd.isna(v) or v in ("", TANPA_TUJUAN) else v for v in (old, new))
            if old == new:
                continue
            out.setdefault(str(cid), {})[FIELD.get(col, col)] = new
    return out


def _editor_key() -> str:
    return f"wa_editor_{st.session_state.get('_wa_editor_n', 0)}"


def _done(message: str) -> None:
    st.session_state["_wa_editor_n"] = st.session_state.get("_wa_editor_n", 0) + 1
    flash(message)
    st.rerun()


def triage_tab(eng: Engine, scope: Scope) -> None:
    """Candidates of one upload: edit in the table, tick rows, then accept, merge or discard them."""
    choices = upload_choices(eng)
    if not choices:
        st.info(
            "Belum ada chat yang dimuat. Muat ekspor chat di tab **Unggah chat**.", icon=":material/inbox:"
        )
        return
    ids = list(choices)
    default = st.session_state.get("_wa_dipilih")
    uid = st.selectbox("Unggahan chat", ids, index=ids.index(default) if default in ids else 0,
                       format_func=choices.get, key="wa_unggahan")  # fmt: skip
    frame = editor_frame(eng, uid)
    waiting = frame[
        frame["status"].str.startswith("Menunggu") | frame["status"].str.contains("tanggapan baru")
    ]
    done = frame.drop(waiting.index)
    st.caption(f"{fmt.bilangan(len(waiting))} kandidat menunggu triase, {fmt.bilangan(len(done))} sudah ditriase. "
               "Ubah isian langsung di tabel; centang **Pilih** lalu tekan salah satu tombol. Saran dan alasannya "
               "dari daftar wilayah, tabel kata kunci dan pengklasifikasi.")  # fmt: skip
    units = sorted(catalog.unit_names(eng).values())
    edited = st.data_editor(
        waiting, key=_editor_key(), hide_index=True, width="stretch", num_rows="fixed",
        disabled=["waktu", "lampiran", "alasan", "tanggapan", "status", "pengirim"],
        column_config={
            **{c: LABELS[c] for c in LABELS},
            "pilih": st.column_config.CheckboxColumn(LABELS["pilih"], width="small"),
            "bukti": st.column_config.CheckboxColumn("Ada bukti", help="Tidak dicentang: tanpa bukti."),
            "uraian": st.column_config.TextColumn(LABELS["uraian"], width="large"),
            "unit": st.column_config.SelectboxColumn(LABELS["unit"], options=[TANPA_TUJUAN, *units],
                                                     width="medium"),
            "alasan": st.column_config.TextColumn(LABELS["alasan"], width="large"),
            "pengirim": st.column_config.NumberColumn(LABELS["pengirim"], help="Kandidat dari pengirim yang sama di "
                                                      "semua unggahan (dikenali dari hash berkunci, tanpa nomor)."),
        },
    )  # fmt: skip
    picked = [str(i) for i in edited.index[edited["pilih"].astype(bool)]]
    edits = _edits(waiting, edited)
    with st.container(horizontal=True, key="wa_aksi"):
        save = st.button("Simpan perubahan", key="wa_simpan", icon=":material/save:", disabled=not edits)
        accept = st.button(f"Terima ({len(picked)})", type="primary", key="wa_terima", icon=":material/check:",
                           disabled=not picked)  # fmt: skip
        merge = st.button("Gabungkan", key="wa_gabung", icon=":material/merge:", disabled=len(picked) < 2)
        reason = st.selectbox("Alasan dibuang", list(ALASAN_BUANG), format_func=ALASAN_BUANG.get, key="wa_alasan",
                              label_visibility="collapsed", width=200)  # fmt: skip
        discard = st.button("Buang", key="wa_buang", icon=":material/delete:", disabled=not picked)
    if save or accept or merge or discard:
        with errors_shown() as outcome:
            if edits:
                triase.edit_candidates(eng, edits, scope=scope)
            message = f"{len(edits)} kandidat diubah."
            if accept:
                report = triase.accept_candidates(eng, picked, scope=scope)
                message = f"{len(picked)} kandidat diterima sebagai pengaduan (unggahan #{report.upload_id})."
            elif merge:
                triase.merge_candidates(eng, picked[0], picked[1:], scope=scope)
                message = f"{len(picked)} kandidat digabung menjadi satu."
            elif discard:
                triase.discard_candidates(eng, picked, reason, scope=scope)
                message = f"{len(picked)} kandidat dibuang ({ALASAN_BUANG[reason]}); tetap tercatat."
        if not outcome.failed:
            _done(message)
    if len(done):
        with st.expander(f"Sudah ditriase ({fmt.bilangan(len(done))})"):
            st.dataframe(done.drop(columns="pilih"), hide_index=True, key="wa_selesai",
                         column_config={c: LABELS[c] for c in LABELS})  # fmt: skip


def saran_tab(eng: Engine, scope: Scope) -> None:
    """The keyword table (editable) and the classifier (retrained on request, with its accuracy)."""
    st.markdown("**Tabel kata kunci** — frasa dipisah `|`; unit berupa kode atau nama, atau `(kecamatan)` untuk camat "
                "kecamatan yang disebut dalam teks.")  # fmt: skip
    table = st.data_editor(keyword_table(eng), key="wa_kata_kunci", num_rows="dynamic", hide_index=True, width="stretch",
                           column_config={"kata": st.column_config.TextColumn("Kata kunci", width="large"),
                                          "kategori": "Kategori", "unit": "Unit tujuan"})  # fmt: skip
    a, b = st.columns(2)
    if a.button("Simpan tabel kata kunci", key="wa_simpan_kata", icon=":material/save:"):
        with errors_shown() as outcome:
            n = save_keywords(eng, table, scope=scope)
        if not outcome.failed:
            flash(f"Tabel kata kunci disimpan ({n} baris).")
            st.rerun()
    if b.button("Kembalikan tabel bawaan", key="wa_kata_bawaan", icon=":material/restart_alt:"):
        with errors_shown() as outcome:
            save_keywords(eng, None, scope=scope)
        if not outcome.failed:
            flash("Tabel kata kunci bawaan dipakai lagi.")
            st.rerun()
    st.markdown(
        "**Pengklasifikasi teks** — dilatih dari pengaduan yang sudah ditriase (uraian dan tujuannya)."
    )
    info = classifier_info(eng)
    if info is None:
        st.caption("Belum dilatih: saran tujuan hanya dari tabel kata kunci.")
    else:
        acc = "–" if info["akurasi"] is None else fmt.persen(info["akurasi"] * 100, 1)
        st.metric("Akurasi pada data uji", acc, border=True,
                  help=f"Dilatih pada {fmt.bilangan(info['n_latih'])} pengaduan, diuji pada {fmt.bilangan(info['n_uji'])} "
                       "yang disisihkan, lalu dilatih ulang pada semuanya.")  # fmt: skip
    if st.button("Latih ulang pengklasifikasi", key="wa_latih", icon=":material/model_training:"):
        with errors_shown() as outcome:
            model = train_classifier(eng, scope=scope)
        if not outcome.failed:
            flash(f"Pengklasifikasi dilatih pada {fmt.bilangan(model['n'])} pengaduan.")
            st.rerun()
