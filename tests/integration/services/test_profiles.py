"""Mapping profiles (issue 12 §3) and the printed-Capaian check (§2), through the services on a real store."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.domain.access import OPD, Scope
from kinerja.errors import AccessDenied, ProfileError
from kinerja.services.importer import FileOptions, import_file
from kinerja.services.profiles import delete_profile, file_layouts, rename_profile, save_profile
from kinerja.store.audit import read_audit
from kinerja.store.profiles import read_profiles
from kinerja.store.readers import read_pk, read_realisasi
from tests.conftest import ADMIN
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
HEADER = ["Satker", "Thn", "Tujuan", "Uraian Indikator", "Ukuran", "Angka Sasaran"]
MAPPING = dict(zip(HEADER, ["unit", "tahun", "sasaran", "indikator", "satuan", "target"], strict=True))
FILE = make_xlsx(
    Sheet("Data", [["REKAP PK SATKER"], HEADER, ["Dinas Kesehatan", 2018, "S1", "Ind A", "%", 85]])
)


def _save(engine, name: str = "Ekspor Satker", mapping: dict | None = None):
    (layout,) = file_layouts(FILE, "satker.xlsx")
    return save_profile(engine, name, "pk", mapping or MAPPING, layout.signature, scope=ADMIN)


def test_a_saved_profile_reads_the_layout_and_is_recorded(engine) -> None:
    refused = import_file(engine, FILE, "satker.xlsx", scope=ADMIN, today=TODAY)
    assert not refused.stored
    (layout,) = file_layouts(FILE, "satker.xlsx")
    assert (layout.row, layout.labels) == (2, HEADER)
    _save(engine)
    report = import_file(engine, FILE, "satker.xlsx", scope=ADMIN, today=TODAY)
    assert report.stored, [p.line() for p in report.errors]
    pk = read_pk(engine, 2018, "DINKES")
    assert (pk.at[0, "indikator"], pk.at[0, "satuan"], pk.at[0, "target_max"]) == ("Ind A", "%", 85.0)
    assert [e for e in read_audit(engine)["aksi"] if e.startswith("profil")] == ["profil_disimpan"]


def test_a_named_profile_is_applied_to_a_layout_that_changed(engine) -> None:
    _save(engine)
    moved = make_xlsx(
        Sheet("Data", [[*HEADER, "Catatan"], ["Dinas Kesehatan", 2018, "S1", "Ind A", "%", 85, "x"]])
    )
    assert not import_file(engine, moved, "baru.xlsx", scope=ADMIN, today=TODAY).stored  # not the same layout
    forced = import_file(
        engine, moved, "baru.xlsx", scope=ADMIN, today=TODAY, options=FileOptions(profil="ekspor satker")
    )
    assert forced.stored, [p.line() for p in forced.errors]
    unknown = import_file(
        engine, moved, "baru.xlsx", scope=ADMIN, today=TODAY, options=FileOptions(profil="Lain")
    )
    assert [p.message for p in unknown.errors] == [
        "profil kolom 'Lain' tidak ada (profil tersimpan: Ekspor Satker)"
    ]


def test_profiles_are_the_admins_and_checked(engine) -> None:
    head = Scope(OPD, unit="DINKES", user="kadis")
    (layout,) = file_layouts(FILE, "satker.xlsx")
    with pytest.raises(AccessDenied):
        save_profile(engine, "X", "pk", MAPPING, layout.signature, scope=head)
    with pytest.raises(ProfileError, match="nama profil kosong"):
        _save(engine, "  ")
    with pytest.raises(ProfileError, match="dipetakan ke dua kolom berkas: Indikator Kinerja"):
        _save(engine, mapping={**MAPPING, "Tujuan": "indikator"})
    with pytest.raises(ProfileError, match="tidak dikenal untuk PK: tanggal_masuk"):
        _save(engine, mapping={**MAPPING, "Tujuan": "tanggal_masuk"})
    _save(engine)
    with pytest.raises(ProfileError, match="sudah dipetakan oleh profil 'Ekspor Satker'"):
        _save(engine, "Lain")
    with pytest.raises(AccessDenied):
        rename_profile(engine, "Ekspor Satker", "Y", scope=head)
    with pytest.raises(AccessDenied):
        delete_profile(engine, "Ekspor Satker", scope=head)
    assert rename_profile(engine, "Ekspor Satker", " SIKAP   Satker ", scope=ADMIN) == "SIKAP Satker"
    delete_profile(engine, "SIKAP Satker", scope=ADMIN)
    assert read_profiles(engine) == []
    with pytest.raises(ProfileError, match="tidak ada"):
        delete_profile(engine, "SIKAP Satker", scope=ADMIN)
    actions = [e for e in read_audit(engine)["aksi"] if e.startswith("profil")]
    assert sorted(actions) == sorted(["profil_disimpan", "profil_diganti_nama", "profil_dihapus"])


# --- the Capaian a file prints --------------------------------------------------------------------
PENCAPAIAN = ["Kode", "IKU", "Target", "Satuan", "Polaritas", "Realisasi", "Capaian", "Unit Kerja", "Sasaran"]


@pytest.mark.parametrize(
    ("printed", "noticed"), [("75%", True), ("66,67%", False), ("66,66%", False), ("66,65%", True)],
    ids=["75 against 66,67", "rounded as printed", "within 0,01", "beyond 0,01"],
)  # fmt: skip
def test_a_printed_capaian_that_differs_from_kinerjas_is_a_notice_naming_both(
    sqlite_engine, printed, noticed
) -> None:
    rows = [PENCAPAIAN, ["IKU-22", "IKU 2-2", 6, "Lokasi", "positif", 4, printed, "Dinas Kesehatan", "S2"],
            ["IKU-31", "IKU 3-1", 6, "kasus", "negatif", 3, "150%", "Dinas Kesehatan", "S3"]]  # fmt: skip
    data = make_xlsx(Sheet("Laporan Pencapaian", rows))
    report = import_file(
        sqlite_engine, data, "lp.xlsx", scope=ADMIN, today=TODAY, options=FileOptions(tahun=2018, bulan=6)
    )
    assert report.stored, [p.line() for p in report.errors]
    shown = printed.rstrip("%")
    found = [p for p in report.notices if p.message.startswith("Capaian tercetak")]
    expected = [f"Capaian tercetak {shown} berbeda dengan capaian Kinerja 66,67 untuk indikator 'IKU 2-2'"]
    assert [p.message.split(" (")[0] for p in found] == (
        expected if noticed else []
    )  # IKU 3-1: (2 − 3/6) = 150
    assert list(read_realisasi(sqlite_engine, 2018)["realisasi"]) == [
        4.0,
        3.0,
    ]  # the realisasi, not the capaian
