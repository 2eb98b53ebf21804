"""What the words mean, one copy each: months, kategori bands, status and channel wordings, SLA names."""

from __future__ import annotations

# --- Calendar ---------------------------------------------------------------------------------
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
TW_NAMES = ("TW I", "TW II", "TW III", "TW IV")
# How files write the months (DOMAIN §4: names and abbreviations); the first word is the name.
MONTH_WORDS = (
    "januari jan january",
    "februari feb peb pebruari february",
    "maret mar march",
    "april apr",
    "mei may",
    "juni jun june",
    "juli jul july",
    "agustus agu agt ags aug august",
    "september sep sept",
    "oktober okt oct october",
    "november nov nop nopember",
    "desember des dec december",
)
MONTH_BY_NAME: dict[str, int] = {w: m for m, words in enumerate(MONTH_WORDS, start=1) for w in words.split()}

# --- Kategori (Permendagri 86/2017), applied as lower bounds so decimals fall somewhere --------
KATEGORI_BANDS: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"),
    (76.0, "Tinggi"),
    (66.0, "Sedang"),
    (51.0, "Rendah"),
)
KATEGORI_TERENDAH = "Sangat Rendah"
KATEGORI = (*(name for _, name in KATEGORI_BANDS), KATEGORI_TERENDAH)  # best to worst
KATEGORI_TINGGI = KATEGORI[:2]
KATEGORI_RENDAH = KATEGORI[3:]
BELUM_LAPOR = "Belum lapor"
BATAS_TINGGI = KATEGORI_BANDS[1][0]  # "Tinggi" starts here: the quadrant's vertical line
BATAS_RESPON = 80.0  # the quadrant's and trend's horizontal line: 4 of 5 answered within the SLA

# --- Yes / no (DOMAIN §4: Ya/Tidak, Ada/Tidak Ada, Y/T, Y/N, 1/0, ✓) ----------------------------
YES_WORDS = (
    "ya",
    "y",
    "yes",
    "ada",
    "iya",
    "1",
    "1.0",
    "true",
    "benar",
    "sudah",
    "ok",
    "✓",
    "✔",
    "√",
    "☑",
    "v",
)
NO_WORDS = (
    "tidak", "t", "n", "no", "tidak ada", "tdk", "tdk ada", "tak", "0", "0.0", "false", "salah",
    "belum", "belum ada", "✗", "✘",
)  # fmt: skip

POLARITAS = {
    "positif": ["positif", "maksimal", "maksimum", "naik", "semakin tinggi semakin baik"],
    "negatif": ["negatif", "minimal", "minimum", "turun", "semakin rendah semakin baik"],
}
AKUMULASI = {
    "kumulatif": ["kumulatif", "incremental", "jumlah"],
    "akhir": ["akhir", "posisi akhir", "absolut", "stok"],
    "rata_rata": ["rata_rata", "rata-rata", "rata rata", "ratarata"],
}
STATUS = {
    "belum_diverifikasi": ["Belum Diverifikasi", "Belum Terverifikasi", "Menunggu Verifikasi", "Baru"],
    "belum_ditindaklanjuti": [
        "Belum Ditindaklanjuti",
        "Didisposisi",
        "Diteruskan",
        "Tunda",
        "Ditunda",
        "Pending",
    ],
    "proses": ["Proses", "Dalam Proses", "Sedang Ditindaklanjuti", "Diproses"],
    "selesai": ["Selesai", "Ditutup", "Telah Ditindaklanjuti", "Sudah Ditindaklanjuti"],
    "arsip": ["Arsip", "Diarsipkan", "Bukan Wewenang", "Tidak Valid", "Duplikat", "Ditolak", "Arsipkan"],
}
STATUS_ORDER = ["belum_diverifikasi", "belum_ditindaklanjuti", "proses", "selesai"]
SALURAN = {
    "WhatsApp": ["WhatsApp", "WA", "Whats App"],
    "SP4N-LAPOR!": ["SP4N-LAPOR!", "LAPOR", "LAPOR!", "lapor.go.id", "SP4N", "SP4N LAPOR"],
    "Datang Langsung": ["Datang Langsung", "langsung", "tatap muka", "kantor"],
    "Posko": ["Posko", "Posko Wali Kota"],
    "Telepon": ["Telepon", "Telpon", "Telp"],
    "SMS": ["SMS", "1708", "SMS 1708"],
    "Surat": ["Surat"],
    "Email": ["Email", "E-mail", "Surel"],
    "Media Sosial": ["Media Sosial", "Facebook", "Instagram", "Twitter", "X", "FB", "IG", "Medsos"],
}
SALURAN_LAINNYA = "Lainnya"
SUMBER_PENGADUAN = (
    "pengaduan:tindak_lanjut_pct",
    "pengaduan:selesai_pct",
    "pengaduan:respon_tepat_waktu_pct",
    "pengaduan:selesai_tepat_waktu_pct",
)
UNIT_JENIS = (
    "Dinas", "Badan", "Kecamatan", "Inspektorat", "Satuan", "Sekretariat", "Bagian", "RSUD",
    "Kantor", "Lainnya", "Luar Pemkot",
)  # fmt: skip
LUAR_PEMKOT = "Luar Pemkot"

# --- Files and events -------------------------------------------------------------------------
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"

# Audit log events (aksi), one name each.
LOGIN, LOGIN_GAGAL, LOGOUT, AKUN_DIKUNCI = "login", "login_gagal", "logout", "akun_dikunci"
UNGGAH, UNGGAH_DITOLAK, BATAL_UNGGAH = "unggah", "unggah_ditolak", "batal_unggah"
KUNCI_PERIODE, BUKA_PERIODE, UBAH_PENGATURAN = "kunci_periode", "buka_kunci_periode", "ubah_pengaturan"
AKUN_DIBUAT, AKUN_DINONAKTIFKAN, AKUN_DIAKTIFKAN = "akun_dibuat", "akun_dinonaktifkan", "akun_diaktifkan"
SANDI_DIRESET = "sandi_direset"
AKUN_DIBUKA = "akun_dibuka"  # `user unlock NAMA`: failed-login delays and locks lifted (issue 10)

# A writer waiting for another (kinerja.store.writer); said by the CLI and the Unggah page.
MENUNGGU_PENULIS = "menunggu unggahan lain selesai…"
PROFIL_DISIMPAN, PROFIL_DIGANTI_NAMA, PROFIL_DIHAPUS = (
    "profil_disimpan",
    "profil_diganti_nama",
    "profil_dihapus",
)

# --- WhatsApp intake (issue 14) ------------------------------------------------------------------
ZIP_MIME, TEXT_MIME = "application/zip", "text/plain"
# Owners of a phone whose chats are uploaded: their messages are the responses.
PEMILIK_WA = {"posko": "Posko Wali Kota", "walikota": "Wali Kota", "unit": "Perangkat daerah"}
# Attachment kinds; the first four are evidence (bukti) of a complaint.
LAMPIRAN_BUKTI = ("foto", "video", "dokumen", "lokasi")
LAMPIRAN_JENIS = (*LAMPIRAN_BUKTI, "audio", "stiker", "kontak", "media")
# Triage of a candidate, and why one is discarded (kept as such, never deleted).
KANDIDAT_STATUS = ("baru", "diterima", "dibuang", "digabung")
ALASAN_BUANG = {"bukan_pengaduan": "Bukan pengaduan", "spam": "Spam", "duplikat": "Duplikat"}
TANPA_BUKTI = "Tanpa bukti"
WA_IMPOR, WA_TRIASE, WA_KATA_KUNCI, WA_LATIH = "wa_impor", "wa_triase", "wa_kata_kunci", "wa_latih"
