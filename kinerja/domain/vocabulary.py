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
    "positif": ["positif", "maksimal", "maksimum", "naik", "semakin tinggi semakin baik",
                "semakin besar semakin baik", "maximize", "maximise", "maksimalkan"],
    "negatif": ["negatif", "minimal", "minimum", "turun", "semakin rendah semakin baik",
                "semakin kecil semakin baik", "minimize", "minimise", "minimalkan"],
}  # fmt: skip
# PK column Rumus Capaian (issue 11): the rule real LKjIPs use for an indicator (DOMAIN §2.1).
RUMUS_CAPAIAN = {
    "standar": ["standar", "standard", "baku", "PermenPANRB 8/2021"],
    "kebalikan": ["kebalikan", "invers", "inverse", "T/R", "target/realisasi"],
    "maks_100": ["maks 100", "maks. 100", "maksimal 100", "max 100", "dibatasi 100", "batas 100"],
}
RUMUS_LABEL = {"standar": "standar", "kebalikan": "kebalikan", "maks_100": "maks 100"}
# Target written with a sign (`≥ 95`, `minimal 95`, `≤ 5`): the polaritas the sign means.
TARGET_SIGN_WORDS = {
    "positif": ("≥", ">=", "=>", ">", "minimal", "min.", "min", "sekurang-kurangnya", "paling sedikit",
                "paling rendah", "tidak kurang dari", "at least"),
    "negatif": ("≤", "<=", "=<", "<", "maksimal", "maks.", "maks", "max", "setinggi-tingginya",
                "paling banyak", "paling tinggi", "tidak lebih dari", "at most"),
}  # fmt: skip
PERSEN_WORDS = ("%", "persen", "prosen", "persentase")  # units that mean a percentage
TERCAPAI = 100.0  # an indicator is tercapai when its capaian is at least this (LKjIP practice)
TAHUN_SEBELUMNYA = 3  # previous years printed beside this year's (Manggarai Timur prints 2015–2018)
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
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"

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
AUDIT_LABEL = {  # what the Log Audit page says for each event
    LOGIN: "Masuk", LOGIN_GAGAL: "Gagal masuk", LOGOUT: "Keluar", AKUN_DIKUNCI: "Akun dikunci",
    UNGGAH: "Unggah data", UNGGAH_DITOLAK: "Unggahan ditolak", BATAL_UNGGAH: "Unggahan dibatalkan",
    KUNCI_PERIODE: "Periode dikunci", BUKA_PERIODE: "Kunci periode dibuka", UBAH_PENGATURAN: "Pengaturan diubah",
    AKUN_DIBUAT: "Akun dibuat", AKUN_DINONAKTIFKAN: "Akun dinonaktifkan", AKUN_DIAKTIFKAN: "Akun diaktifkan",
    SANDI_DIRESET: "Kata sandi direset", PROFIL_DISIMPAN: "Profil kolom disimpan",
    PROFIL_DIGANTI_NAMA: "Profil kolom diganti nama", PROFIL_DIHAPUS: "Profil kolom dihapus",
    WA_IMPOR: "Impor WhatsApp", WA_TRIASE: "Triase WhatsApp", WA_KATA_KUNCI: "Kata kunci WhatsApp",
    WA_LATIH: "Model WhatsApp dilatih",
}  # fmt: skip
AKUMULASI_LABEL = {"kumulatif": "kumulatif", "akhir": "posisi akhir", "rata_rata": "rata-rata"}
