"""Metodologi — what every number means, its formula and its source (DOMAIN §2, §3, §5)."""

import streamlit as st

from kinerja.views import fmt
from ui.data import settings
from ui.router import through_router

through_router()

s = settings()
st.title("Metodologi")
st.caption(
    "Definisi setiap angka di dasbor ini, rumusnya, dan dasar hukumnya — supaya rapat evaluasi membahas "
    "kinerja, bukan cara menghitung."
)

st.header("Capaian Perjanjian Kinerja")
st.markdown(
    """
**Realisasi s.d. bulan m** — menurut sifat indikator (*akumulasi*):
- *kumulatif*: jumlah realisasi bulan 1 … m;
- *akhir* (posisi): nilai bulan terakhir yang dilaporkan (≤ m);
- *rata-rata*: rata-rata bulan yang dilaporkan (≤ m).

Bulan yang kosong berarti **belum lapor**, bukan nol.

**Target s.d. bulan m** (q = triwulan bulan m): untuk indikator *kumulatif* target diinterpolasi di antara
target triwulan, `TW[q−1] + (TW[q] − TW[q−1]) × (m − 3(q−1)) / 3` dengan TW[0] = 0 — tepat TW[q] pada
bulan 3, 6, 9 dan 12; tanpa kolom TW dipakai target tahunan × m/12. Untuk *akhir* dan *rata-rata*
dipakai TW[q] (atau target tahunan).

**Capaian** (PermenPANRB 8/2021):
- polaritas positif (makin tinggi makin baik): `R ÷ T × 100`;
- polaritas negatif (makin rendah makin baik): `(2 − R ÷ T) × 100`, paling kecil 0;
- target rentang (mis. 80–90): realisasi di dalam rentang = 100; di luar dibandingkan dengan batas
  terdekat;
- target 0: positif → 100 bila R ≥ 0; negatif → 100 bila R = 0, selain itu 0.

Capaian **tidak dipotong** saat ditampilkan: 139,74 % adalah angka yang sah. *Capaian periode*
membandingkan dengan target s.d. bulan, *capaian tahunan* dengan target setahun.
"""
)
st.markdown(
    f"""
**Nilai unit** = rata-rata capaian periode indikator yang sudah dilaporkan, setiap capaian dibatasi
{fmt.ringkas(s.batas_nilai)} (PermenPANRB 8/2021: capaian > 110 % dihitung {fmt.ringkas(s.batas_nilai)}).
Indikator tanpa data tidak dihitung nol; ia mengurangi **kelengkapan** = indikator dilaporkan ÷ indikator
dalam PK × 100.

**Kategori** (Permendagri 86/2017, batas bawah): ≥ 91 *Sangat Tinggi* · ≥ 76 *Tinggi* · ≥ 66 *Sedang* ·
≥ 51 *Rendah* · di bawahnya *Sangat Rendah*. Warna di dasbor selalu disertai nama kategorinya.

**Proyeksi akhir tahun** (laju realisasi): kumulatif → realisasi s.d. bulan × 12 ÷ bulan terakhir yang
dilaporkan; posisi akhir → nilai terakhir ditambah rata-rata perubahan per bulan sampai Desember;
rata-rata → rata-rata sejauh ini. Indikator ditandai **⚠ meleset** bila capaian proyeksi terhadap target
tahunan di bawah 100 %.

**Indikator dari data pengaduan**: indikator PK yang *Sumber Data*-nya `pengaduan:…` dihitung dari
pengaduan yang ditujukan ke unit itu (1 Januari s.d. akhir bulan, posisi akhir bulan); realisasi
unggahan untuk indikator itu ditolak.
"""
)

st.header("Layanan pengaduan")
st.markdown(
    f"""
Alur SP4N-LAPOR! (Perpres 76/2013, PermenPANRB 62/2018): *masuk* → *verifikasi* (≤ {s.sla_verifikasi_hk}
hari kerja) → *disposisi* ke unit → *tanggapan pertama* (≤ {s.sla_respon_hk} hari kerja, ketentuan Pemkot
Kupang untuk LAPOR! 2019) → *selesai* (≤ {s.sla_selesai_hari} hari). Pengaduan **arsip** (bukan
wewenang, tidak valid, duplikat) dihitung terpisah dan tidak membebani unit.

**Hari kerja (HK)**: Senin–Jumat, dikurangi hari libur nasional, cuti bersama, dan tanggal libur
tambahan dari admin. HK(a, b) = hari kerja sesudah a sampai dengan b: dijawab di hari yang sama = 0 HK,
Jumat → Senin = 1 HK.

| Angka | Rumus |
|---|---|
| Masuk | pengaduan di periode, tanpa arsip |
| Tindak lanjut | (selesai + proses) ÷ masuk × 100 — definisi evaluasi LAPOR! KemenPANRB |
| Selesai | selesai ÷ masuk × 100 |
| Waktu respon | HK dari disposisi (atau tanggal masuk) sampai tanggapan pertama (atau selesai); median dan P90 |
| Respon tepat waktu | dijawab ≤ {s.sla_respon_hk} HK ÷ (dijawab + belum dijawab yang sudah lewat {s.sla_respon_hk} HK) × 100 |
| Selesai tepat waktu | selesai ≤ {s.sla_selesai_hari} hari ÷ (selesai + belum selesai yang berumur > {s.sla_selesai_hari} hari) × 100 |
| Tunggakan | belum selesai pada tanggal posisi |
| Lewat batas | belum selesai dan (belum dijawab lewat {s.sla_respon_hk} HK, atau berumur > {s.sla_selesai_hari} hari) |
| Dengan bukti | pengaduan dengan bukti ÷ masuk × 100 (kosong = tidak) |
| Umur tunggakan | hari kalender sejak masuk: 0–3, 4–5, 6–14, 15–60, > 60 |

Pengaduan yang masih terbuka tetapi **belum** melewati batas tidak dihitung di penyebut respon tepat
waktu (pelajaran dari dasbor layanan 311 kota-kota lain); yang sudah lewat batas dihitung sebagai
terlambat. Rasio dengan penyebut kosong ditampilkan "–", bukan 0 atau 100.

**Tanggal posisi**: tanggal terakhir yang tercatat di data pengaduan (tidak melewati hari ini, WITA);
untuk bulan yang sudah lewat, akhir bulan itu. Tanggal sesudah tanggal posisi dianggap belum terjadi.

**Peringkat yang adil**: kelompok dengan kurang dari {s.minimal_pengaduan} pengaduan ditampilkan tetapi
tidak diberi peringkat; peringkat menurut respon tepat waktu (tertinggi pertama, nilai sama berbagi
peringkat), dengan interval kepercayaan Wilson 95 % agar unit kecil tidak tampak sempurna atau buruk
karena kebetulan.

**Kuadran kinerja vs pelayanan** (halaman Ringkasan): sumbu datar nilai PK (garis di 76 = *Tinggi*),
sumbu tegak respon tepat waktu (garis di 80 %), besar lingkaran = jumlah pengaduan. Kuadran kanan bawah
— *PK tercapai, aduan terabaikan* — adalah unit yang memenuhi target PK tetapi mengabaikan warga.
"""
)

st.header("Pengaduan WhatsApp dan tanda integritas")
st.markdown(
    f"Pesan beruntun seorang warga dengan jeda ≤ {s.wa_jeda_menit} menit menjadi satu kandidat pengaduan; Tanggal "
    "Masuk = pesan pertama, Tanggal Tanggapan = balasan pertama pemilik telepon; foto, video, dokumen atau lokasi "
    "= ada bukti. **Tanda integritas**: realisasi indikator pengaduan yang dilaporkan unit berbeda lebih dari "
    f"{fmt.ringkas(s.integritas_toleransi, 2)} poin dari angka yang dihitung dari data pengaduan; ≥ "
    f"{s.integritas_bagian_pct} % penutupan sebuah unit pada satu hari, tanpa tanggapan (atau pada saat yang sama), "
    f"atau ≥ {s.integritas_akhir_bulan_pct} % dalam 3 hari terakhir bulan/menjelang rapat atau tanpa bukti "
    f"(unit dengan ≥ {s.integritas_minimal} pengaduan selesai)."
)

st.header("Data pribadi")
st.markdown(
    "Nama, nomor HP/WA, NIK, e-mail dan alamat pelapor **tidak pernah disimpan** (UU 27/2022) — juga nomor dan "
    "nama kontak ekspor chat WhatsApp (pengirim disimpan sebagai hash berkunci); nomor telepon, "
    "NIK dan e-mail di dalam uraian disamarkan saat diunggah. Daftar tunggakan hanya menampilkan nomor tiket, "
    "tanggal masuk dan lama terbuka."
)

st.header("Dasar hukum")
st.markdown(
    """
- Perpres 29/2014 — Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP)
- PermenPANRB 53/2014 — Perjanjian Kinerja, pelaporan kinerja dan LKjIP
- PermenPANRB 8/2021 — rumus capaian, target rentang, capaian > 110 % → 120
- Permendagri 86/2017 — kategori evaluasi 91 / 76 / 66 / 51
- UU 25/2009 dan Perpres 76/2013 — pelayanan publik dan pengelolaan pengaduan (60 hari)
- PermenPANRB 62/2018 dan SP4N-LAPOR! — verifikasi 3 hari kerja
- Peluncuran LAPOR! Pemkot Kupang 2019 — tindak lanjut 5 hari kerja
- UU 27/2022 — pelindungan data pribadi
"""
)
