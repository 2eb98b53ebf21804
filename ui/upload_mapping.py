"""The Unggah screen's file-level choices (unit, year, period) and the column mapping step (issue 12)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from kinerja.clock import today_wita
from kinerja.domain import schema
from kinerja.domain.access import Scope
from kinerja.domain.vocabulary import BULAN, TW_NAMES
from kinerja.services.importer import FileOptions
from kinerja.services.profiles import (
    MappingTable,
    choices,
    delete_profile,
    file_layouts,
    missing_columns,
    rename_profile,
    save_profile,
)
from kinerja.views import catalog, history
from ui.widgets import errors_shown, flash

AS_FILE = "(sesuai berkas)"
PERIODS = {**{f"tw{q}": 3 * q for q in range(1, 5)}, **{f"m{m}": m for m in range(1, 13)}}
PERIOD_LABELS = {
    **{f"tw{q}": TW_NAMES[q - 1] for q in range(1, 5)},
    **{f"m{m}": BULAN[m - 1] for m in range(1, 13)},
}


def file_options(eng: Engine, scope: Scope) -> FileOptions:
    """Unit, year and period for what the files do not say; a unit head's unit is always theirs."""
    names = catalog.unit_names(eng)
    with st.expander("Unit, tahun dan periode untuk berkas yang tidak menyebutnya", icon=":material/tune:"):
        st.caption("Dipakai untuk baris yang tidak menyebutnya di kolom, di judul (\"TAHUN 2025\") atau di baris "
                   "bagian (\"Perangkat Daerah : …\"). Nilai di berkas yang berbeda dengan pilihan ini ditolak "
                   "dengan pesan yang menyebut keduanya.")  # fmt: skip
        c1, c2, c3 = st.columns(3)
        if scope.is_admin:
            unit = c1.selectbox("Perangkat Daerah", [None, *sorted(names, key=lambda k: names[k].casefold())],
                                format_func=lambda k: AS_FILE if k is None else names.get(k, k), key="opsi_unit")  # fmt: skip
        else:
            c1.text_input("Perangkat Daerah", names.get(scope.unit or "", scope.unit or ""), disabled=True,
                          key="opsi_unit_sendiri", help="Unggahan Anda selalu untuk unit Anda sendiri.")  # fmt: skip
            unit = scope.unit
        now = today_wita().year
        tahun = c2.selectbox("Tahun", [None, *range(now + 1, now - 9, -1)], key="opsi_tahun",
                             format_func=lambda y: AS_FILE if y is None else str(y))  # fmt: skip
        periode = c3.selectbox("Triwulan atau bulan realisasi", [None, *PERIODS], key="opsi_periode",
                               format_func=lambda p: AS_FILE if p is None else PERIOD_LABELS[p])  # fmt: skip
    return FileOptions(unit=unit, tahun=tahun, bulan=PERIODS.get(periode) if periode else None,
                       unit_from_account=not scope.is_admin)  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=8)
def _layouts(data: bytes, name: str) -> list[MappingTable]:
    return file_layouts(data, name)


def show_mapping(i: int, file_name: str, data: bytes, eng: Engine, scope: Scope) -> None:
    """Header cells of the sheets Kinerja could not fully read, a field to pick for each, and Simpan profil."""
    tables = [t for t in _layouts(data, file_name) if t.kind is None or t.missing]
    if not tables:
        return
    with st.expander("Petakan kolom berkas ini", expanded=True, icon=":material/table_edit:"):
        st.caption("Kolom wajib belum dikenali. Pilih kolom Kinerja untuk setiap kolom berkas (tebakan Kinerja "
                   "sudah terpilih), beri nama profil, lalu simpan. Berkas berikutnya dengan judul kolom yang "
                   "sama dimuat tanpa ditanya lagi.")  # fmt: skip
        for s, table in enumerate(tables):
            _mapping_form(f"{i}_{s}", table, eng, scope)


def _mapping_form(key: str, table: MappingTable, eng: Engine, scope: Scope) -> None:
    st.markdown(f"**Sheet {table.sheet}** · baris judul kolom {table.row}")
    kinds = list(schema.KIND_LABEL)
    kind = st.segmented_control("Jenis sheet", kinds, default=table.kind or schema.PK, key=f"peta_jenis_{key}",
                                format_func=schema.KIND_LABEL.get) or table.kind or schema.PK  # fmt: skip
    options = choices(kind)
    fields, labels = [f for f, _ in options], dict(options)
    mapping: dict[str, str] = {}
    cols = st.columns(3)
    for c, (letter, label, guess, sample) in enumerate(zip(table.letters, table.labels, table.guesses,
                                                           table.samples, strict=True)):  # fmt: skip
        if c and c % 3 == 0:  # a new row of three: on a phone the columns stack in the file's order
            cols = st.columns(3)
        picked = cols[c % 3].selectbox(
            f"{letter} · {label}", fields, index=fields.index(guess) if guess in fields else 0,
            format_func=labels.get, key=f"peta_{key}_{c}", help=f"Contoh isi: {sample}" if sample else None,
        )  # fmt: skip
        mapping[label] = picked
    missing = missing_columns(kind, set(mapping.values()))
    if missing:
        st.warning("Belum dipetakan: " + ", ".join(missing) + ". Unit, tahun dan periode dapat dipilih di atas "
                   "bila berkas tidak menyebutnya.", icon=":material/warning:")  # fmt: skip
    n1, n2 = st.columns([3, 1], vertical_alignment="bottom")
    name = n1.text_input(
        "Nama profil", placeholder="mis. Ekspor SIKAP Laporan Pencapaian", key=f"peta_nama_{key}"
    )
    if n2.button("Simpan profil", type="primary", key=f"peta_simpan_{key}", icon=":material/save:"):
        with errors_shown() as outcome:
            saved = save_profile(eng, name, kind, mapping, table.signature, scope=scope)
        if not outcome.failed:
            flash(f"Profil kolom '{saved.name}' disimpan; berkas diperiksa ulang dengan pemetaan itu.")
            st.rerun()


def profil_tab(eng: Engine, scope: Scope) -> None:
    """Saved column mappings: listed, renamed and deleted by the admin (each change is audited)."""
    st.caption("Profil kolom dibuat saat kolom sebuah berkas dipetakan di tab Unggah. Berkas dengan judul kolom "
               "yang sama memakai profilnya tanpa ditanya; di baris perintah: `import BERKAS --profil NAMA`. "
               "Riwayat unggahan mencatat profil yang dipakai.")  # fmt: skip
    table = history.profile_list(eng)
    if table.empty:
        st.caption("Belum ada profil kolom.")
        return
    st.dataframe(table, hide_index=True, key="tabel_profil")
    names = list(table["Nama"])
    r1, r2, r3 = st.columns([2, 2, 1], vertical_alignment="bottom")
    old = r1.selectbox("Profil", names, key="profil_pilih")
    new = r2.text_input("Nama baru", key="profil_nama_baru")
    if r3.button("Ganti nama", key="profil_ganti", icon=":material/edit:"):
        with errors_shown() as outcome:
            renamed = rename_profile(eng, old, new, scope=scope)
        if not outcome.failed:
            flash(f"Profil '{old}' kini bernama '{renamed}'.")
            st.rerun()
    d1, d2 = st.columns([3, 1], vertical_alignment="bottom")
    sure = d1.checkbox(f"Ya, hapus profil '{old}' (berkas dengan tata letak itu akan ditanyakan lagi)",
                       key="profil_yakin")  # fmt: skip
    if d2.button("Hapus", key="profil_hapus", disabled=not sure, icon=":material/delete:"):
        with errors_shown() as outcome:
            delete_profile(eng, old, scope=scope)
        if not outcome.failed:
            flash(f"Profil '{old}' dihapus.")
            st.rerun()
