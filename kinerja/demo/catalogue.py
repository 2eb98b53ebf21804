"""Catalogue behind the seeded demo: PK indicators per unit, complaint categories and word lists."""

from __future__ import annotations

from dataclasses import dataclass

Target = float | tuple[float, float]


@dataclass(frozen=True)
class Ind:
    """One demo PK indicator; `lapor` is when realisasi is reported (M monthly, Q, S, Y)."""

    indikator: str
    satuan: str
    target: Target
    polaritas: str = "positif"
    akumulasi: str = "akhir"
    tw: tuple[float, float, float, float] | None = None
    sumber: str = ""
    lapor: str = "M"


@dataclass(frozen=True)
class Sasaran:
    """A sasaran strategis with its program, anggaran (Rp) and indicators."""

    teks: str
    program: str
    anggaran: int
    indikator: tuple[Ind, ...]


@dataclass(frozen=True)
class UnitPK:
    """The PK of one unit: kode (data/units.csv), Kode Indikator prefix ('' = none), head."""

    kode: str
    prefix: str
    kepala: str
    sasaran: tuple[Sasaran, ...]


PCT = "%"
TL, STW = "pengaduan:tindak_lanjut_pct", "pengaduan:selesai_tepat_waktu_pct"

OPD_PK: tuple[UnitPK, ...] = (
    UnitPK(
        "DINKES",
        "DINKES",
        "dr. Maria Y. Lado, M.Kes",
        (
            Sasaran(
                "Meningkatnya derajat kesehatan masyarakat",
                "Program Upaya Kesehatan Masyarakat",
                8_450_000_000,
                (
                    Ind("Angka kematian ibu", "per 100.000 KH", 120, "negatif"),
                    Ind("Angka kematian bayi", "per 1.000 KH", 7.5, "negatif"),
                    Ind("Persentase balita gizi buruk yang mendapat perawatan", PCT, 100),
                ),
            ),
            Sasaran(
                "Meningkatnya mutu pelayanan kesehatan dasar",
                "Program Peningkatan Pelayanan Kesehatan",
                3_250_000_000,
                (
                    Ind(
                        "Cakupan imunisasi dasar lengkap pada bayi",
                        PCT,
                        95,
                        akumulasi="kumulatif",
                        tw=(20, 45, 70, 95),
                    ),
                    Ind("Persentase puskesmas terakreditasi", PCT, 82),
                    Ind(
                        "Jumlah kasus demam berdarah dengue",
                        "kasus",
                        250,
                        "negatif",
                        "kumulatif",
                        (100, 140, 170, 250),
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "DISDIK",
        "DISDIK",
        "Drs. Yohanes M. Bana, M.Pd",
        (
            Sasaran(
                "Meningkatnya akses pendidikan dasar",
                "Program Wajib Belajar Pendidikan Dasar Sembilan Tahun",
                12_500_000_000,
                (
                    Ind("Angka Partisipasi Murni SD", PCT, 98),
                    Ind("Angka Partisipasi Murni SMP", PCT, 85),
                    Ind("Angka putus sekolah SMP", PCT, 0.5, "negatif"),
                ),
            ),
            Sasaran(
                "Meningkatnya mutu pendidikan",
                "Program Peningkatan Mutu Pendidik dan Tenaga Kependidikan",
                2_100_000_000,
                (
                    Ind("Persentase guru berkualifikasi S1/D-IV", PCT, 92),
                    Ind(
                        "Rata-rata nilai Ujian Nasional SMP",
                        "nilai",
                        (55, 65),
                        akumulasi="rata_rata",
                        lapor="Y",
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "PUPR",
        "PUPR",
        "Ir. Dominggus F. Manafe, MT",
        (
            Sasaran(
                "Meningkatnya kualitas infrastruktur jalan",
                "Program Pembangunan Jalan dan Jembatan",
                45_000_000_000,
                (
                    Ind("Persentase panjang jalan kota dalam kondisi mantap", PCT, 75),
                    Ind(
                        "Panjang jalan yang ditingkatkan", "km", 18, akumulasi="kumulatif", tw=(2, 6, 12, 18)
                    ),
                ),
            ),
            Sasaran(
                "Berkurangnya kawasan rawan genangan",
                "Program Pembangunan Saluran Drainase/Gorong-gorong",
                15_750_000_000,
                (
                    Ind(
                        "Panjang saluran drainase yang dibangun dan direhabilitasi",
                        "m",
                        12_500,
                        akumulasi="kumulatif",
                    ),
                    Ind("Luas kawasan tergenang saat hujan", "Ha", 40, "negatif"),
                ),
            ),
            Sasaran(
                "Meningkatnya tertib pemanfaatan ruang",
                "Program Perencanaan Tata Ruang",
                1_200_000_000,
                (Ind("Persentase bangunan yang sesuai dengan RTRW", PCT, (80, 90)),),
            ),
        ),
    ),
    UnitPK(
        "DLHK",
        "DLHK",
        "Ir. Agustinus Ch. Tefa, M.Si",
        (
            Sasaran(
                "Meningkatnya kualitas pengelolaan persampahan",
                "Program Pengembangan Kinerja Pengelolaan Persampahan",
                18_300_000_000,
                (
                    Ind(
                        "Volume sampah terangkut ke TPA",
                        "ton",
                        52_000,
                        akumulasi="kumulatif",
                        tw=(13_000, 26_000, 39_000, 52_000),
                    ),
                    Ind("Persentase sampah tertangani", PCT, 80),
                    Ind(
                        "Persentase pengaduan persampahan yang direspon tepat waktu",
                        PCT,
                        85,
                        sumber="pengaduan:respon_tepat_waktu_pct",
                    ),
                ),
            ),
            Sasaran(
                "Meningkatnya kualitas lingkungan hidup",
                "Program Pengendalian Pencemaran dan Perusakan Lingkungan Hidup",
                2_400_000_000,
                (
                    Ind("Indeks Kualitas Lingkungan Hidup", "indeks", (60, 70), lapor="S"),
                    Ind("Jumlah taman dan ruang terbuka hijau yang dipelihara", "lokasi", 35),
                ),
            ),
        ),
    ),
    UnitPK(
        "DUKCAPIL",
        "DUKCAPIL",
        "Marthen L. Nalle, SH",
        (
            Sasaran(
                "Meningkatnya cakupan kepemilikan dokumen kependudukan",
                "Program Penataan Administrasi Kependudukan",
                3_800_000_000,
                (
                    Ind("Persentase penduduk wajib KTP ber-KTP-el", PCT, 95),
                    Ind("Persentase anak 0-18 tahun yang memiliki akta kelahiran", PCT, 90),
                    Ind("Persentase anak yang memiliki Kartu Identitas Anak", PCT, 40),
                ),
            ),
            Sasaran(
                "Meningkatnya kualitas pelayanan administrasi kependudukan",
                "Program Peningkatan Pelayanan Publik",
                650_000_000,
                (
                    Ind("Rata-rata waktu penerbitan Kartu Keluarga", "hari", 3, "negatif", "rata_rata"),
                    Ind(
                        "Persentase pengaduan layanan adminduk yang selesai",
                        PCT,
                        90,
                        sumber="pengaduan:selesai_pct",
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "DINSOS",
        "DINSOS",
        "Dra. Yuliana S. Amalo",
        (
            Sasaran(
                "Meningkatnya perlindungan dan jaminan sosial",
                "Program Perlindungan dan Jaminan Sosial",
                4_200_000_000,
                (
                    Ind("Persentase PMKS yang memperoleh bantuan sosial", PCT, 60),
                    Ind(
                        "Jumlah keluarga penerima PKH yang diverifikasi",
                        "KK",
                        9_500,
                        akumulasi="kumulatif",
                        tw=(2_000, 4_500, 7_000, 9_500),
                    ),
                ),
            ),
            Sasaran(
                "Meningkatnya rehabilitasi sosial",
                "Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial",
                1_150_000_000,
                (
                    Ind(
                        "Jumlah penyandang disabilitas yang direhabilitasi",
                        "orang",
                        240,
                        akumulasi="kumulatif",
                    ),
                    Ind("Persentase anak jalanan dan gelandangan yang tertangani", PCT, (70, 80)),
                ),
            ),
        ),
    ),
    UnitPK(
        "DP3A",
        "",
        "Dra. Selfina R. Kana, M.Si",
        (
            Sasaran(
                "Meningkatnya perlindungan perempuan dan anak",
                "Program Perlindungan Perempuan dan Anak",
                1_350_000_000,
                (
                    Ind("Persentase kasus kekerasan terhadap perempuan dan anak yang ditangani", PCT, 100),
                    Ind("Jumlah kasus kekerasan terhadap anak", "kasus", 60, "negatif", "kumulatif"),
                ),
            ),
            Sasaran(
                "Meningkatnya pemberdayaan perempuan",
                "Program Peningkatan Kualitas Hidup Perempuan",
                780_000_000,
                (
                    Ind("Jumlah kelurahan layak anak", "kelurahan", 10),
                    Ind("Persentase perempuan dalam jabatan struktural", PCT, 30),
                ),
            ),
        ),
    ),
    UnitPK(
        "DISHUB",
        "DISHUB",
        "Ferdinand J. Riwu, ST, M.Si",
        (
            Sasaran(
                "Meningkatnya kualitas layanan perhubungan",
                "Program Peningkatan Pelayanan Angkutan",
                6_500_000_000,
                (
                    Ind(
                        "Persentase kendaraan wajib uji yang lulus uji berkala",
                        PCT,
                        90,
                        akumulasi="rata_rata",
                    ),
                    Ind(
                        "Jumlah titik lampu PJU yang terpasang",
                        "titik",
                        600,
                        akumulasi="kumulatif",
                        tw=(100, 250, 400, 600),
                    ),
                    Ind("Persentase angkutan kota yang laik jalan", PCT, 85),
                ),
            ),
            Sasaran(
                "Menurunnya angka kecelakaan lalu lintas",
                "Program Peningkatan Keselamatan Lalu Lintas",
                2_300_000_000,
                (
                    Ind(
                        "Jumlah kecelakaan lalu lintas di jalan kota", "kejadian", 180, "negatif", "kumulatif"
                    ),
                    Ind("Rasio rambu lalu lintas terpasang terhadap kebutuhan", PCT, 70),
                ),
            ),
        ),
    ),
    UnitPK(
        "DPMPTSP",
        "DPMPTSP",
        "Lodowik Y. Fanggidae, SE, MM",
        (
            Sasaran(
                "Meningkatnya kualitas pelayanan perizinan",
                "Program Peningkatan Pelayanan Perizinan",
                1_900_000_000,
                (
                    Ind(
                        "Persentase izin yang diterbitkan tepat waktu sesuai SOP",
                        PCT,
                        95,
                        akumulasi="rata_rata",
                    ),
                    Ind("Rata-rata waktu penerbitan IMB", "hari", 14, "negatif", "rata_rata"),
                    Ind("Indeks Kepuasan Masyarakat layanan perizinan", "nilai SKM", (80, 90), lapor="S"),
                ),
            ),
            Sasaran(
                "Meningkatnya realisasi investasi",
                "Program Peningkatan Iklim Investasi dan Realisasi Investasi",
                850_000_000,
                (
                    Ind(
                        "Nilai realisasi investasi PMDN dan PMA",
                        "Rp miliar",
                        1_250,
                        akumulasi="kumulatif",
                        tw=(250, 600, 900, 1_250),
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "KOMINFO",
        "KOMINFO",
        "Ir. Ernest S. Ludji, M.Si",
        (
            Sasaran(
                "Meningkatnya keterbukaan informasi publik",
                "Program Pengembangan Komunikasi, Informasi dan Media Massa",
                2_050_000_000,
                (
                    Ind("Persentase OPD yang memutakhirkan informasi di website resmi", PCT, 80),
                    Ind("Jumlah diseminasi informasi pembangunan", "kegiatan", 120, akumulasi="kumulatif"),
                    Ind("Persentase permohonan informasi publik yang dilayani", PCT, 100),
                ),
            ),
            Sasaran(
                "Meningkatnya penerapan e-government",
                "Program Pengembangan Aplikasi Informatika",
                1_600_000_000,
                (
                    Ind("Jumlah layanan publik berbasis aplikasi", "aplikasi", 12),
                    Ind(
                        "Persentase gangguan jaringan yang ditangani kurang dari 24 jam",
                        PCT,
                        90,
                        akumulasi="rata_rata",
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "DISPAR",
        "DISPAR",
        "Drs. Stefanus D. Pah",
        (
            Sasaran(
                "Meningkatnya kunjungan wisata",
                "Program Pengembangan Pemasaran Pariwisata",
                2_700_000_000,
                (
                    Ind(
                        "Jumlah kunjungan wisatawan nusantara",
                        "orang",
                        250_000,
                        akumulasi="kumulatif",
                        tw=(55_000, 115_000, 180_000, 250_000),
                    ),
                    Ind("Jumlah kunjungan wisatawan mancanegara", "orang", 9_000, akumulasi="kumulatif"),
                    Ind("Rata-rata lama tinggal wisatawan", "hari", 2.5, akumulasi="rata_rata"),
                ),
            ),
            Sasaran(
                "Meningkatnya daya tarik destinasi",
                "Program Pengembangan Destinasi Pariwisata",
                1_400_000_000,
                (Ind("Jumlah event pariwisata yang diselenggarakan", "event", 12, akumulasi="kumulatif"),),
            ),
        ),
    ),
    UnitPK(
        "DISTAN",
        "DISTAN",
        "Ir. Wilhelmus A. Kore",
        (
            Sasaran(
                "Meningkatnya produksi pertanian perkotaan",
                "Program Peningkatan Produksi Pertanian",
                1_800_000_000,
                (
                    Ind("Produksi sayuran", "ton", 3_200, akumulasi="kumulatif"),
                    Ind("Jumlah kelompok tani yang dibina", "kelompok", 85),
                    Ind("Persentase ternak yang divaksinasi", PCT, 75),
                ),
            ),
            Sasaran(
                "Meningkatnya ketahanan pangan",
                "Program Peningkatan Ketahanan Pangan",
                950_000_000,
                (Ind("Skor Pola Pangan Harapan", "skor", 85, lapor="S"),),
            ),
        ),
    ),
    UnitPK(
        "PERKIM",
        "PERKIM",
        "Ir. Benyamin K. Messakh",
        (
            Sasaran(
                "Meningkatnya kualitas permukiman",
                "Program Pengembangan Perumahan",
                7_400_000_000,
                (
                    Ind(
                        "Jumlah rumah tidak layak huni yang direhabilitasi",
                        "unit",
                        450,
                        akumulasi="kumulatif",
                        tw=(0, 100, 250, 450),
                    ),
                    Ind("Luas kawasan permukiman kumuh", "Ha", 120, "negatif"),
                    Ind("Persentase rumah tangga dengan akses sanitasi layak", PCT, 85),
                ),
            ),
            Sasaran(
                "Meningkatnya ketersediaan PSU perumahan",
                "Program Penyediaan Prasarana, Sarana dan Utilitas",
                3_100_000_000,
                (Ind("Jumlah lokasi PSU perumahan yang dibangun", "lokasi", 25, akumulasi="kumulatif"),),
            ),
        ),
    ),
    UnitPK(
        "BKAD",
        "BKAD",
        "Jefri E. Pelt, SE, M.Si",
        (
            Sasaran(
                "Meningkatnya akuntabilitas pengelolaan keuangan daerah",
                "Program Peningkatan dan Pengembangan Pengelolaan Keuangan Daerah",
                5_600_000_000,
                (
                    Ind(
                        "Persentase realisasi belanja daerah",
                        PCT,
                        95,
                        akumulasi="kumulatif",
                        tw=(15, 40, 65, 95),
                    ),
                    Ind("Persentase SP2D yang diterbitkan tepat waktu", PCT, 98, akumulasi="rata_rata"),
                    Ind("Jumlah temuan BPK atas pengelolaan aset", "temuan", 10, "negatif"),
                ),
            ),
            Sasaran(
                "Meningkatnya tertib administrasi aset",
                "Program Pengelolaan Barang Milik Daerah",
                1_250_000_000,
                (Ind("Persentase aset tanah yang bersertifikat", PCT, 60),),
            ),
        ),
    ),
    UnitPK(
        "BAPENDA",
        "BAPENDA",
        "Drs. Paulus Radja Lay, MM",
        (
            Sasaran(
                "Meningkatnya pendapatan asli daerah",
                "Program Peningkatan Penerimaan Pajak Daerah",
                3_900_000_000,
                (
                    Ind(
                        "Realisasi penerimaan pajak daerah",
                        "Rp juta",
                        95_000,
                        akumulasi="kumulatif",
                        tw=(20_000, 45_000, 70_000, 95_000),
                    ),
                    Ind("Persentase realisasi PBB-P2 terhadap ketetapan", PCT, 75),
                    Ind("Jumlah wajib pajak daerah terdaftar", "WP", 14_500),
                    Ind("Persentase tunggakan pajak daerah", PCT, 15, "negatif"),
                ),
            ),
        ),
    ),
    UnitPK(
        "BPBD",
        "BPBD",
        "Thomas Ch. Dagang, S.Sos",
        (
            Sasaran(
                "Meningkatnya kesiapsiagaan menghadapi bencana",
                "Program Pencegahan Dini dan Penanggulangan Korban Bencana Alam",
                1_700_000_000,
                (
                    Ind("Jumlah kelurahan tangguh bencana", "kelurahan", 8),
                    Ind("Rata-rata waktu tanggap darurat bencana", "jam", 2, "negatif", "rata_rata"),
                    Ind(
                        "Jumlah sosialisasi pengurangan risiko bencana", "kegiatan", 24, akumulasi="kumulatif"
                    ),
                    Ind("Persentase korban bencana yang tertangani", PCT, 100),
                ),
            ),
        ),
    ),
    UnitPK(
        "SATPOLPP",
        "SATPOL",
        "Kornelis Y. Bolla, SH",
        (
            Sasaran(
                "Meningkatnya ketenteraman dan ketertiban umum",
                "Program Pemeliharaan Kantrantibmas dan Pencegahan Tindak Kriminal",
                3_300_000_000,
                (
                    Ind("Persentase penegakan Perda yang ditindaklanjuti", PCT, 85),
                    Ind(
                        "Jumlah pelanggaran Perda", "kasus", 300, "negatif", "kumulatif", (90, 160, 230, 300)
                    ),
                    Ind("Jumlah patroli ketertiban", "kali", 365, akumulasi="kumulatif"),
                    Ind(
                        "Persentase pengaduan ketertiban umum yang ditindaklanjuti", PCT, (80, 90), sumber=TL
                    ),
                ),
            ),
            Sasaran(
                "Meningkatnya kapasitas satuan perlindungan masyarakat",
                "Program Peningkatan Kapasitas Linmas",
                600_000_000,
                (Ind("Jumlah anggota Linmas yang dilatih", "orang", 300, akumulasi="kumulatif"),),
            ),
        ),
    ),
    UnitPK(
        "RSUD",
        "RSUD",
        "dr. Gerardus B. Tallo, Sp.PD",
        (
            Sasaran(
                "Meningkatnya mutu pelayanan rumah sakit",
                "Program Peningkatan Mutu Pelayanan BLUD",
                22_000_000_000,
                (
                    Ind("Bed Occupancy Rate (BOR)", PCT, (60, 80), akumulasi="rata_rata"),
                    Ind("Net Death Rate (NDR)", "per 1.000 pasien", 25, "negatif", "rata_rata"),
                    Ind("Rata-rata waktu tunggu rawat jalan", "menit", 60, "negatif", "rata_rata"),
                    Ind("Indeks Kepuasan Masyarakat RSUD", "nilai SKM", 80, lapor="S"),
                ),
            ),
        ),
    ),
    UnitPK(
        "INSPEKTORAT",
        "",
        "Drs. Albertus Ng. Pandie, M.Si",
        (
            Sasaran(
                "Meningkatnya kualitas pengawasan internal",
                "Program Peningkatan Sistem Pengawasan Internal",
                2_450_000_000,
                (
                    Ind("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", PCT, 80, lapor="Q"),
                    Ind(
                        "Jumlah OPD yang diaudit",
                        "OPD",
                        36,
                        akumulasi="kumulatif",
                        tw=(9, 18, 27, 36),
                        lapor="Q",
                    ),
                    Ind("Level maturitas SPIP", "level", 3, lapor="Q"),
                ),
            ),
            Sasaran(
                "Meningkatnya akuntabilitas aparatur",
                "Program Peningkatan Akuntabilitas Aparatur",
                900_000_000,
                (
                    Ind(
                        "Jumlah pengaduan aparatur yang ditindaklanjuti",
                        "kasus",
                        40,
                        akumulasi="kumulatif",
                        lapor="Q",
                    ),
                ),
            ),
        ),
    ),
    UnitPK(
        "SETDA-ORG",
        "ORG",
        "Drs. Hendrik Y. Ndun, M.Si",
        (
            Sasaran(
                "Meningkatnya akuntabilitas kinerja perangkat daerah",
                "Program Penataan Kelembagaan dan Ketatalaksanaan",
                1_050_000_000,
                (
                    Ind("Nilai SAKIP Kota Kupang", "nilai", 60, lapor="S"),
                    Ind("Persentase OPD yang menyusun Perjanjian Kinerja tepat waktu", PCT, 100),
                    Ind("Persentase OPD dengan SOP pelayanan yang dimutakhirkan", PCT, 75),
                ),
            ),
            Sasaran(
                "Meningkatnya kualitas pengelolaan pengaduan masyarakat",
                "Program Peningkatan Pelayanan Publik",
                500_000_000,
                (
                    Ind(
                        "Persentase pengaduan yang diverifikasi paling lama 3 hari kerja",
                        PCT,
                        95,
                        akumulasi="rata_rata",
                    ),
                ),
            ),
        ),
    ),
)

# The 6 kecamatan sign the same PK (as Kupang's camat did); two indicators come from complaints.
KEC_SASARAN: tuple[Sasaran, ...] = (
    Sasaran(
        "Meningkatnya kualitas pelayanan publik di kecamatan",
        "Program Peningkatan Pelayanan Kecamatan",
        850_000_000,
        (
            Ind("Persentase layanan PATEN yang selesai sesuai SOP", PCT, (85, 95), akumulasi="rata_rata"),
            Ind("Indeks Kepuasan Masyarakat", "nilai SKM", 78, lapor="S"),
        ),
    ),
    Sasaran(
        "Meningkatnya penanganan pengaduan masyarakat",
        "Program Peningkatan Pelayanan Publik",
        150_000_000,
        (
            Ind("Persentase pengaduan masyarakat yang ditindaklanjuti", PCT, 90, sumber=TL),
            Ind("Persentase penyelesaian pengaduan tepat waktu", PCT, 80, sumber=STW),
        ),
    ),
    Sasaran(
        "Meningkatnya ketenteraman dan partisipasi masyarakat",
        "Program Peningkatan Partisipasi Masyarakat",
        400_000_000,
        (
            Ind(
                "Jumlah kegiatan Jumat Bersih di kelurahan",
                "kali",
                48,
                akumulasi="kumulatif",
                tw=(12, 24, 36, 48),
            ),
            Ind("Jumlah kasus gangguan ketertiban umum", "kasus", 24, "negatif", "kumulatif"),
        ),
    ),
)
KEC_PK: tuple[UnitPK, ...] = tuple(
    UnitPK(kode, kode.removeprefix("KEC-"), kepala, KEC_SASARAN)
    for kode, kepala in (
        ("KEC-ALAK", "Imanuel F. Laiskodat, S.Sos"),
        ("KEC-MAULAFA", "Yoseph B. Leki, SH"),
        ("KEC-OEBOBO", "Drs. Jacob N. Sinlae"),
        ("KEC-KOTARAJA", "Maria G. Lerrick, S.STP"),
        ("KEC-KELAPALIMA", "Alfred W. Manu, SE"),
        ("KEC-KOTALAMA", "Yunus A. Kolo, S.Sos"),
    )
)
DEMO_PK: tuple[UnitPK, ...] = OPD_PK + KEC_PK

# Unit performance (share of target reached): strong and weak units make the ranking worth reading.
PERFORMA = {"PUPR": 1.07, "DISHUB": 1.06, "DISTAN": 0.47, "PERKIM": 0.62, "DISPAR": 0.86}
STOP_AFTER_OCT = ("BPBD", "DISPAR")  # stopped reporting after October
WIDE_MONTHLY, WIDE_QUARTERLY = "BKAD", "INSPEKTORAT"  # realisasi in wide sheets

# --- Complaints ----------------------------------------------------------------------------------
KEC = "KEC"  # placeholder: the kecamatan of the complaint's kelurahan
SALURAN_P = {
    "WhatsApp": 40, "Datang Langsung": 16, "Posko": 13, "SP4N-LAPOR!": 9, "Telepon": 7, "SMS": 5,
    "Media Sosial": 4, "Surat": 1.5, "Email": 1, "Lainnya": 0.5,
}  # fmt: skip
SALURAN_LIBUR = {"WhatsApp": 70, "SP4N-LAPOR!": 10, "SMS": 10, "Media Sosial": 10}  # weekends, holidays
SALURAN_TULIS = {  # how the exports spell the channel (the truth keeps the canonical name)
    "WhatsApp": ("WhatsApp", "WhatsApp", "WA", "Whatsapp", "Whats App"),
    "Datang Langsung": ("Datang Langsung", "Datang Langsung", "Tatap Muka", "langsung"),
    "Posko": ("Posko", "Posko", "Posko Wali Kota"),
    "SP4N-LAPOR!": ("SP4N-LAPOR!", "LAPOR!", "lapor.go.id"),
    "Telepon": ("Telepon", "Telp"),
    "SMS": ("SMS", "SMS 1708"),
    "Media Sosial": ("Facebook", "Instagram", "Media Sosial"),
    "Surat": ("Surat",),
    "Email": ("Email", "E-mail"),
    "Lainnya": ("Radio", "Radio", "Dialog RRI"),
}
BUKTI_P = {
    "WhatsApp": 0.85, "Datang Langsung": 0.55, "Posko": 0.6, "SP4N-LAPOR!": 0.8, "Telepon": 0.2, "SMS": 0.3,
    "Media Sosial": 0.8, "Surat": 0.5, "Email": 0.7, "Lainnya": 0.3,
}  # fmt: skip

# kategori: (base weight, rainy-season factor, dry-season factor, destinations with weights)
KATEGORI: dict[str, tuple[float, float, float, tuple[tuple[str, float], ...]]] = {
    "Sampah": (18, 1.2, 1.0, (("DLHK", 0.6), (KEC, 0.4))),
    "Air Bersih": (13, 0.6, 1.8, (("PDAM", 0.85), ("PUPR", 0.15))),
    "Jalan Rusak": (11, 1.6, 0.7, (("PUPR", 1.0),)),
    "Drainase": (9, 2.0, 0.4, (("PUPR", 0.7), (KEC, 0.3))),
    "Penerangan Jalan": (7, 1.0, 1.0, (("DISHUB", 0.75), ("PLN", 0.25))),
    "Administrasi Kependudukan": (11, 1.0, 1.0, (("DUKCAPIL", 0.65), (KEC, 0.35))),
    "Pelayanan Kesehatan": (6, 1.1, 1.0, (("DINKES", 0.5), ("RSUD", 0.35), ("BPJS-KES", 0.15))),
    "Ketertiban Umum": (7, 1.0, 1.0, (("SATPOLPP", 0.55), (KEC, 0.3), ("POLRESTA", 0.15))),
    "Pelayanan Kelurahan": (5, 1.0, 1.0, ((KEC, 1.0),)),
    "Bantuan Sosial": (4, 1.0, 1.0, (("DINSOS", 0.7), (KEC, 0.3))),
    "Pendidikan": (3, 1.0, 1.0, (("DISDIK", 1.0),)),
    "Listrik": (2, 1.2, 1.0, (("PLN", 1.0),)),
    "Angkutan Kota": (2, 1.0, 1.0, (("DISHUB", 1.0),)),
    "Perizinan": (1, 1.0, 1.0, (("DPMPTSP", 1.0),)),
    "Pertanahan": (0.6, 1.0, 1.0, (("BPN", 1.0),)),
    "Kekerasan Perempuan dan Anak": (0.4, 1.0, 1.0, (("DP3A", 1.0),)),
}
KATEGORI_LAPANGAN = {"Sampah", "Air Bersih", "Jalan Rusak", "Drainase", "Penerangan Jalan", "Ketertiban Umum"}
URAIAN = {
    "Sampah": (
        "Sampah menumpuk di {lok} sudah {n} hari tidak diangkut",
        "Bak sampah di {lok} penuh dan bau",
        "Warga membuang sampah sembarangan di {lok}, mohon ditertibkan",
    ),
    "Air Bersih": (
        "Air PDAM tidak mengalir di {lok} sudah {n} hari",
        "Pipa air bocor di {lok}",
        "Air keruh dan berbau di {lok}",
    ),
    "Jalan Rusak": (
        "Jalan berlubang di {lok}, sudah ada pengendara jatuh",
        "Aspal rusak parah di {lok}",
        "Jalan di {lok} rusak sejak {n} minggu lalu belum diperbaiki",
    ),
    "Drainase": (
        "Saluran got tersumbat di {lok}, air meluap ke rumah warga",
        "Banjir di {lok} setiap hujan",
        "Got di {lok} belum selesai dikerjakan dan membahayakan",
    ),
    "Penerangan Jalan": ("Lampu jalan mati di {lok} sudah {n} hari", "Lampu PJU di {lok} rusak, jalan gelap"),
    "Administrasi Kependudukan": (
        "KTP-el belum jadi sejak {n} minggu, rekam di {lok}",
        "Pengurusan KK baru di {lok} dipersulit",
        "Blangko KTP-el kosong, warga {lok}",
    ),
    "Pelayanan Kesehatan": (
        "Antrean puskesmas dekat {lok} sangat lama",
        "Petugas puskesmas tidak ramah, warga {lok}",
        "Obat tidak tersedia di puskesmas, warga {lok}",
    ),
    "Ketertiban Umum": (
        "Pedagang berjualan di trotoar {lok}",
        "Bunyi musik keras sampai larut malam di {lok}",
        "Hewan ternak berkeliaran di {lok}",
    ),
    "Pelayanan Kelurahan": (
        "Pelayanan surat keterangan di kantor kelurahan lambat, warga {lok}",
        "Kantor kelurahan tutup pada jam kerja, warga {lok}",
    ),
    "Bantuan Sosial": (
        "Bantuan beras sejahtera tidak tepat sasaran di {lok}",
        "Warga miskin di {lok} belum terdata",
    ),
    "Pendidikan": ("Pungutan di sekolah dekat {lok}", "Kelas rusak di sekolah dekat {lok}"),
    "Listrik": ("Listrik sering padam di {lok}", "Kabel listrik menjuntai di {lok}"),
    "Angkutan Kota": ("Bemo ugal-ugalan di {lok}", "Angkot menaikkan tarif di {lok}"),
    "Perizinan": ("Izin usaha belum terbit sejak {n} minggu, usaha di {lok}", "Bangunan tanpa IMB di {lok}"),
    "Pertanahan": ("Sengketa batas tanah di {lok}", "Sertifikat tanah di {lok} belum terbit"),
    "Kekerasan Perempuan dan Anak": (
        "Dugaan kekerasan terhadap anak di {lok}",
        "Anak putus sekolah dipekerjakan di {lok}",
    ),
}
JALAN = (
    "Jl. Timor Raya", "Jl. El Tari", "Jl. Frans Seda", "Jl. W.J. Lalamentik", "Jl. Piet A. Tallo",
    "Jl. Soeharto", "Jl. Adisucipto", "Jl. Cak Doko", "Jl. Sumba", "Jl. Alor", "Jl. Nangka", "Jl. Kelapa",
    "Jl. Bundaran PU", "Jl. Perintis Kemerdekaan", "Jl. Herewila", "Jl. Jend. Sudirman", "Jl. Kejora",
    "Jl. Amabi", "Jl. Fetor Funay", "Jl. Bajawa", "gang dekat gereja", "depan pasar", "dekat SD Inpres",
)  # fmt: skip
NAMA_DEPAN = (
    "Yohanes", "Maria", "Fransiskus", "Agustinus", "Yuliana", "Dominggus", "Ferdinand", "Marthen", "Naomi",
    "Selfina", "Yosef", "Anselmus", "Kristina", "Elisabeth", "Daniel", "Rosalinda", "Abdul", "Siti", "Made",
    "Imanuel", "Oktovianus", "Debora", "Sarlota", "Melkianus",
)  # fmt: skip
NAMA_BELAKANG = (
    "Ndun", "Lado", "Manafe", "Tefa", "Bana", "Kana", "Nalle", "Lay", "Amalo", "Pah", "Fanggidae", "Messakh",
    "Radja", "Riwu", "Kore", "Sabu", "Tallo", "Bessie", "Lenggu", "Nope", "Taek", "Saudale", "Haning",
)  # fmt: skip

# --- How the demo's exports spell things ---------------------------------------------------------
SATUAN_BULAT = {"kasus", "kali", "orang", "unit", "titik", "KK", "kelurahan", "event", "kegiatan",
                "lokasi", "OPD", "WP", "temuan", "aplikasi", "kelompok", "kejadian"}  # fmt: skip
# Response behaviour: median first response (HK) and median days to finish after it.
RESPON_HK = {"PUPR": 9.0, "DISHUB": 10.0, "PDAM": 5.0, "PLN": 4.0, "BPN": 8.0, "POLRESTA": 4.0,
             "KEC-KOTALAMA": 4.0, "KEC-OEBOBO": 1.0, "DUKCAPIL": 1.5}  # fmt: skip
LAMBAT = {"PUPR", "DISHUB"}  # meet their PK targets, ignore complaints
WORDING = {
    "selesai": ("Selesai",) * 8 + ("Ditutup", "Sudah Ditindaklanjuti"),
    "proses": ("Dalam Proses",) * 6 + ("Proses", "Sedang Ditindaklanjuti"),
    "belum_ditindaklanjuti": ("Belum Ditindaklanjuti",) * 6 + ("Didisposisi", "Diteruskan"),
    "belum_diverifikasi": ("Belum Diverifikasi", "Menunggu Verifikasi", "Baru"),
}
PK_HEADER = (
    "No", "OPD", "Tahun", "Sasaran Strategis", "Kode Indikator", "Indikator", "Satuan", "Target 2018",
    "TW I", "TW II", "TW III", "TW IV", "Polaritas", "Sifat", "Sumber Data", "Program",
    "Anggaran (Rp)", "Pihak Pertama", "Tanggal Perjanjian",
)  # fmt: skip
PK_NAMA = {
    "DINKES": "Dinas Kesehatan Kota Kupang",
    "DISDIK": "DINAS PENDIDIKAN",
    "KEC-OEBOBO": "Kec. Oebobo",
    "KEC-ALAK": "Camat Alak",
    "PUPR": "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang",
    "KEC-KOTALAMA": "KECAMATAN KOTA LAMA",
    "SETDA-ORG": "SETDA-ORG",
}
POLARITAS_TULIS = {
    "positif": ("Positif", "Positif", "Maksimal", "Semakin tinggi semakin baik", None),
    "negatif": ("Negatif", "Negatif", "Minimal", "Semakin rendah semakin baik", "turun"),
}
AKUMULASI_TULIS = {
    "kumulatif": ("Kumulatif", "Kumulatif", "Incremental", "jumlah"),
    "akhir": ("Akhir", "Posisi Akhir", "Absolut", "Stok", None),
    "rata_rata": ("Rata-rata", "rata rata"),
}
BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nop", "Des")
PENGADUAN_HEADER = (
    "No", "No Tiket", "Tanggal Laporan", "Kanal", "Kategori", "Uraian", "Nama Pelapor",
    "No HP/WA", "Kecamatan", "Kelurahan", "OPD Tujuan", "Tanggal Verifikasi", "Tanggal Disposisi",
    "Tanggal Tindak Lanjut",
    "Tanggal Selesai", "Status", "Bukti", "Tinjau Lapangan",
)  # fmt: skip
YA_TULIS = ("Ya",) * 8 + ("Ada", "Y", "ya")
TIDAK_TULIS = ("Tidak",) * 8 + ("Tidak Ada", "T", "tidak")

# --- Issue 14: WhatsApp intake and integrity flags ----------------------------------------------
# Texts that tell one kategori's destinations apart (the primary destination keeps URAIAN above);
# the keyword table and the classifier learn the difference from words like these.
URAIAN_TUJUAN: dict[tuple[str, str], tuple[str, ...]] = {
    ("Sampah", KEC): (
        "Petugas kebersihan kelurahan tidak datang, sampah di {lok} menumpuk",
        "Kerja bakti sampah di {lok} tidak dikoordinasi pihak kelurahan",
    ),
    ("Air Bersih", "PUPR"): (
        "Hidran umum di {lok} rusak, warga antre air",
        "Sumur bor bantuan pemerintah di {lok} tidak berfungsi",
    ),
    ("Drainase", KEC): (
        "Got lingkungan di {lok} perlu kerja bakti, mohon lurah turun tangan",
        "Saluran kecil di gang {lok} tersumbat, minta kelurahan bantu",
    ),
    ("Penerangan Jalan", "PLN"): (
        "Kabel PLN lampu jalan di {lok} putus",
        "Tiang listrik lampu jalan di {lok} miring, mohon PLN periksa",
    ),
    ("Administrasi Kependudukan", KEC): (
        "Surat pengantar KTP di kantor camat lama sekali, warga {lok}",
        "Pelayanan KK di kantor kecamatan lambat untuk warga {lok}",
    ),
    ("Pelayanan Kesehatan", "RSUD"): (
        "Antrean di RSUD S.K. Lerik sangat lama, warga {lok}",
        "Pasien rawat inap RSUD dari {lok} tidak dilayani dengan baik",
    ),
    ("Pelayanan Kesehatan", "BPJS-KES"): (
        "Kartu BPJS warga {lok} tiba-tiba tidak aktif",
        "Iuran BPJS warga {lok} tertagih dua kali",
    ),
    ("Ketertiban Umum", KEC): (
        "Pesta sampai pagi di {lok}, mohon lurah menegur",
        "Keributan antarwarga di {lok}, mohon camat memediasi",
    ),
    ("Ketertiban Umum", "POLRESTA"): (
        "Pemuda mabuk miras di {lok} setiap malam",
        "Balap liar di {lok} setiap malam minggu",
    ),
    ("Bantuan Sosial", KEC): (
        "Pendataan penerima bantuan di kelurahan untuk warga {lok} tidak adil",
        "Ketua RT di {lok} tidak mendata warga miskin untuk bantuan",
    ),
}
# Camat Alak reports "penyelesaian pengaduan tepat waktu" itself (no Sumber Data): 92,86 % in
# December, while the complaint records sent to the camat give far less (the integrity flag).
SWALAPOR: dict[tuple[str, str], dict[int, float]] = {
    ("KEC-ALAK", "Persentase penyelesaian pengaduan tepat waktu"): {
        3: 90.0, 4: 91.67, 5: 92.31, 6: 91.3, 7: 92.0, 8: 92.59, 9: 92.86, 10: 92.86, 11: 92.86, 12: 92.86,
    },
}  # fmt: skip
# (median, sigma) of the lognormal days from the response to closing (others: 6 days, sigma 1)
SELESAI_HARI = {"KEC-ALAK": (31.25, 1.1)}
BORONGAN = "DISHUB"  # closes in bulk on the month's last working day (from the 20th on)
TUTUP_SEKETIKA = "PUPR"  # records the response at the closing instant when both are close
