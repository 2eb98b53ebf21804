"""`import --unit/--tahun/--triwulan/--bulan/--profil` and `profil list|rename|delete` (issue 12), in-process."""

from __future__ import annotations

from pathlib import Path

from kinerja.store.engine import connect
from kinerja.store.readers import read_realisasi
from tests.helpers.xlsx import Sheet, make_xlsx, pk_rows


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_unit_year_and_quarter_given_at_import(run, db: str, tmp_path: Path) -> None:
    assert run(db, "import", _write(tmp_path, "pk.xlsx", make_xlsx(Sheet("PK", pk_rows())))).rc == 0
    quarterly = make_xlsx(Sheet("Worksheet", [["Kode Indikator", "Realisasi TW"], ["DINKES-1", 81]]))
    path = _write(tmp_path, "tw3.xlsx", quarterly)
    out = run(db, "import", path, "--unit", "Dinkes", "--tahun", "2018", "--triwulan", "3")
    assert out.rc == 0, out.err
    engine = connect(db)
    real = read_realisasi(engine, 2018, "DINKES")
    engine.dispose()
    assert list(zip(real["kunci"], real["bulan"], real["realisasi"], strict=True)) == [("DINKES-1", 9, 81.0)]
    both = run(db, "import", path, "--triwulan", "3", "--bulan", "9")
    assert both.rc == 2 and both.err.strip() == "galat: pilih salah satu: --triwulan atau --bulan"
    wrong = run(db, "import", path, "--triwulan", "5")
    assert wrong.rc == 2 and "argumen --triwulan: pilihan 5 tidak dikenal" in wrong.err


def test_profil_commands(run, db: str) -> None:
    empty = run(db, "profil", "list")
    assert empty.rc == 0 and "belum ada profil kolom" in empty.out
    missing = run(db, "profil", "delete", "Tidak Ada")
    assert missing.rc == 2 and missing.err.strip() == "galat: profil 'Tidak Ada' tidak ada"
    renamed = run(db, "profil", "rename", "A", "B")
    assert renamed.rc == 2 and "profil 'A' tidak ada" in renamed.err


def test_profil_list_rename_delete_a_saved_profile(run, db: str, tmp_path: Path) -> None:
    from kinerja.services.profiles import file_layouts, save_profile
    from tests.conftest import ADMIN

    header = ["Satker", "Thn", "Tujuan", "Uraian Indikator", "Ukuran", "Angka Sasaran"]
    data = make_xlsx(Sheet("Data", [header, ["Dinas Kesehatan", 2018, "S1", "Ind A", "%", 85]]))
    (layout,) = file_layouts(data, "x.xlsx")
    engine = connect(db)
    mapping = dict(zip(header, ["unit", "tahun", "sasaran", "indikator", "satuan", "target"], strict=True))
    save_profile(engine, "Ekspor Satker", "pk", mapping, layout.signature, scope=ADMIN)
    engine.dispose()
    listed = run(db, "profil", "list")
    assert listed.rc == 0 and "Ekspor Satker" in listed.out and "PK" in listed.out
    assert run(db, "profil", "rename", "Ekspor Satker", "SIKAP").out.startswith(
        "profil 'Ekspor Satker' kini bernama 'SIKAP'"
    )
    assert run(db, "import", _write(tmp_path, "satker.xlsx", data), "--profil", "SIKAP").rc == 0
    uploads = run(db, "uploads")
    assert "SIKAP" in uploads.out  # the history names the profile
    assert run(db, "profil", "delete", "SIKAP").rc == 0
    assert "belum ada profil kolom" in run(db, "profil", "list").out
