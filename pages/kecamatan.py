"""Kecamatan — a camat's page: the six kecamatan side by side, complaints located there, own PK."""

import streamlit as st

from kinerja.domain.access import CAMAT
from kinerja.domain.vocabulary import BELUM_LAPOR
from kinerja.views import charts, fmt, pengaduan
from kinerja.views import unit as unit_view
from ui import layout
from ui.router import through_router
from ui.session import can_open, scope, view
from ui.widgets import kategori_style, no_data, period_data, tiles

through_router()
TIDAK_TERSEDIA = "tidak tersedia untuk peran Anda"

st.title("Kecamatan")
year, month, data = period_data("kec")
acting = scope()
names = dict(zip(data.units["kode"].astype(str), data.units["nama"], strict=False))
if acting.reads_all:
    reach = "ke unit mana pun"
elif acting.role == CAMAT:
    reach = f"yang dapat dibaca akun Anda: ke {names.get(acting.unit, acting.unit)} atau berlokasi di Kecamatan {acting.kecamatan}"
else:  # issue 13: an OPD head sees only the complaints sent to the own unit, and is told so
    reach = f"yang dapat dibaca akun Anda: hanya yang ditujukan ke {names.get(acting.unit, acting.unit)}"
st.caption(
    f"Pengaduan yang berlokasi di kecamatan ({reach}), 1 Jan–{fmt.tanggal(data.month_as_of(month))}, "
    "dan nilai PK camat sampai akhir " + fmt.bulan_nama(month)
)

summary = view(pengaduan.kecamatan_summary, year, month)
# A camat reads the complaints of the own kecamatan only: the others' counts are unknown here, not 0.
hidden = (
    summary["kecamatan"] != acting.kecamatan
    if acting is not None and acting.role == CAMAT
    else summary["kecamatan"].isna()
)
with st.container(horizontal=True, wrap=True, key="kartu_kecamatan"):  # ui.layout: wraps, never truncates
    for r, other in zip(summary.itertuples(), hidden, strict=True):
        if other:
            st.metric(r.kecamatan, TIDAK_TERSEDIA, border=True,
                      help=f"Nilai PK camat: {fmt.angka(r.nilai, 2, blank='belum lapor')}; pengaduan kecamatan "
                      "lain tidak tersedia untuk peran Anda.")  # fmt: skip
            continue
        st.metric(
            r.kecamatan,
            f"{fmt.bilangan(r.masuk, blank='0')} aduan",
            f"{fmt.bilangan(r.lewat_batas, blank='0')} lewat batas",
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=f"Nilai PK camat: {fmt.angka(r.nilai, 2, blank='belum lapor')} ({r.kategori or 'belum lapor'}); "
            f"respon tepat waktu {fmt.persen(r.respon_tepat_waktu_pct, blank='–')}.",
        )
table = summary.assign(
    nilai=summary["nilai"].map(lambda v: fmt.angka(v, 2, blank="belum lapor")),
    kategori=summary["kategori"].astype(object).fillna(BELUM_LAPOR),  # all-NaN → float64; text needs object
    tindak_lanjut=summary["tindak_lanjut_pct"].map(lambda v: fmt.persen(v, blank="–")),
    respon=summary["respon_tepat_waktu_pct"].map(lambda v: fmt.persen(v, blank="–")),
)
cols = ["kecamatan", "nilai", "kategori", "masuk", "tindak_lanjut", "respon", "lewat_batas", "tunggakan"]
if hidden.any():
    counts = ["masuk", "lewat_batas", "tunggakan"]  # one type per column: all shown as text
    table = table.assign(**{c: table[c].map(lambda v: fmt.bilangan(v, blank="0")) for c in counts})
    table.loc[hidden.to_numpy(), cols[3:]] = TIDAK_TERSEDIA
st.container(key="tabel_kecamatan").dataframe(
    kategori_style(table[cols], "kategori"),
    hide_index=True,
    key="kec_tabel",
    column_config={
        "kecamatan": "Kecamatan", "nilai": "Nilai PK camat", "kategori": "Kategori", "masuk": "Pengaduan",
        "tindak_lanjut": "Tindak lanjut", "respon": "Respon tepat waktu", "lewat_batas": "Lewat batas",
        "tunggakan": "Belum selesai",
    },
)  # fmt: skip

names = summary["kecamatan"].tolist()
if (sc := acting) is not None and sc.role == CAMAT:  # a camat reads the own kecamatan only (issue 6)
    names = [n for n in names if n == sc.kecamatan]
pilih = st.pills("Kecamatan", names, default=names[0] if names else None, key="kec_pilih", required=True)
if not pilih:
    st.stop()
rows = view(pengaduan.complaint_rows, year, month)
here = rows[rows["kecamatan"] == pilih]
st.subheader(f"Kecamatan {pilih}")
if here.empty:
    no_data("pengaduan di kecamatan ini")
else:
    tiles(pengaduan.tiles(data, here, month), key="kec_tiles")
    a, b, c = st.columns(3)
    kel = pengaduan.counts_by(here, "kelurahan")
    a.plotly_chart(charts.bars(kel, "kelurahan", "jumlah", "Per kelurahan"), key="kec_kelurahan")
    sal = pengaduan.counts_by(here, "saluran")
    b.plotly_chart(charts.bars(sal, "saluran", "jumlah", "Per saluran"), key="kec_saluran")
    kat = pengaduan.counts_by(here, "kategori")
    c.plotly_chart(charts.bars(kat, "kategori", "jumlah", "Per kategori"), key="kec_kategori")

kode = summary.loc[summary["kecamatan"] == pilih, "kode"].iloc[0]
st.subheader(f"Perjanjian Kinerja Camat {pilih}")
has_pk = kode in dict(unit_view.unit_options(data))
ind = view(unit_view.unit_indicators, year, kode, month) if has_pk and can_open(kode) else None
if has_pk and not can_open(kode):  # the PK exists; this role may not open its detail (issue 13)
    st.info(
        f"Perjanjian Kinerja Camat {pilih} {year} ada, tetapi rinciannya hanya dapat dibuka oleh camat itu, "
        "admin dan Wali Kota (pengaturan unit_lihat_unit_lain). Nilainya tercantum di tabel di atas.",
        icon=":material/lock:",
    )
elif ind is None or ind.empty:
    no_data("Perjanjian Kinerja camat")
else:
    labels = data.settings.label_kategori  # the office's kategori names (issue 11)
    table = unit_view.pk_table(ind, month, labels=labels).drop(
        columns=["TW I", "TW II", "TW III", "TW IV", "Tren", "Bilah"]
    )
    layout.tables(table, ["Indikator", "Realisasi", "Capaian periode", "Kategori"], "kec_pk",
                  lambda f: kategori_style(f, "Kategori", labels))  # fmt: skip
