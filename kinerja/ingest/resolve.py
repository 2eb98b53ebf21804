"""Resolve parsed rows against what is stored: units, indicators, complaint destinations (DOMAIN §4)."""

from __future__ import annotations

import pandas as pd

from kinerja.domain import schema, vocabulary
from kinerja.domain.confusables import foreign_letters
from kinerja.domain.satuan import fraction_scale, unit_key
from kinerja.domain.text import normalize_text, suggest
from kinerja.domain.units import UnitResolver, display_name, jenis_of, join_aliases, new_unit_code
from kinerja.ingest.report import ImportReport
from kinerja.ingest.wilayah import Wilayah, kelurahan_office

UNKNOWN_UNIT_HINT = (
    "nama perangkat daerah yang terdaftar{s}; unit baru dan instansi luar Pemkot didaftarkan "
    "di sheet Unit (Kode, Nama, Jenis)"
)


Labels = dict[str, dict[str, str]]  # sheet name → field → `D (Perangkat Daerah)`


def col_label(labels: Labels, row: pd.Series, field: str, default: str) -> str:
    return labels.get(row["_sheet"], {}).get(field, default)


def _unknown_unit(
    report: ImportReport, resolver: UnitResolver, row: pd.Series, name: str, labels: Labels
) -> None:
    guess = resolver.suggest(name)
    hint = UNKNOWN_UNIT_HINT.format(s=f", mungkin maksudnya '{guess}'" if guess else "")
    report.error(
        f"perangkat daerah '{name}' tidak dikenal",
        sheet=row["_sheet"],
        row=int(row["_baris"]),
        column=col_label(labels, row, "unit", "Perangkat Daerah"),
        expected=hint,
    )


def resolve_unit_rows(frame: pd.DataFrame, resolver: UnitResolver) -> pd.DataFrame:
    """Unit sheet rows → UNIT_FRAME rows; an existing unit (by name or alias) gains code and aliases."""
    out = []
    for row in frame.itertuples(index=False):
        kode = resolver.find(row.kode) or resolver.find(row.nama)
        if kode is None:
            kode = str(row.kode).strip()
            jenis = row.jenis if isinstance(row.jenis, str) else jenis_of(row.nama)
            resolver.add(kode, display_name(row.nama), jenis, join_aliases(row.alias))
            out.append([kode, display_name(row.nama), jenis, join_aliases(row.alias)])
            continue
        stored = resolver.units.loc[kode]
        extra = [
            a for a in (row.kode, row.nama) if isinstance(a, str) and a.strip() not in (kode, stored.nama)
        ]
        alias = join_aliases(stored.alias, "|".join(extra), row.alias)
        jenis = row.jenis if isinstance(row.jenis, str) else stored.jenis
        resolver.add(kode, stored.nama, jenis, alias)
        out.append([kode, stored.nama, jenis, alias])
    return pd.DataFrame(out, columns=schema.UNIT_FRAME).drop_duplicates("kode", keep="last")


def _look_alike(report: ImportReport, rows: pd.DataFrame, name: str, known: str, labels: Labels) -> None:
    """A new unit that only looks like a stored one is refused, with the letters that differ."""
    letters = ", ".join(foreign_letters(name)) or "huruf lain"
    for _, row in rows.iterrows():
        report.error(
            f"perangkat daerah '{name}' tampak sama dengan '{known}' tetapi memakai huruf lain ({letters})",
            sheet=row["_sheet"], row=int(row["_baris"]), column=col_label(labels, row, "unit", "Perangkat Daerah"),
            expected=f"ketik ulang nama dengan huruf Latin biasa: '{known}'",
        )  # fmt: skip


def resolve_pk(
    pk: pd.DataFrame, resolver: UnitResolver, report: ImportReport, labels: Labels
) -> pd.DataFrame:
    """Unit codes for PK rows; a PK may introduce a new unit. Adds `urutan`, checks duplicates."""
    new_units = []
    codes = resolver.resolve(pk["unit"])
    for name in pk.loc[codes.isna() & pk["unit"].notna(), "unit"].unique():
        if (known := resolver.look_alike(name)) is not None:
            _look_alike(report, pk.loc[pk["unit"] == name], name, known, labels)
            continue
        kode = new_unit_code(name)
        resolver.add(kode, display_name(name), jenis_of(display_name(name)))
        new_units.append([kode, display_name(name), jenis_of(display_name(name)), None])
        report.notice(f"unit baru dari PK: {display_name(name)} (kode {kode})", sheet=pk["_sheet"].iat[0])
    pk = pk.assign(unit=resolver.resolve(pk["unit"]))
    outside = pk["unit"].map(lambda k: resolver.jenis(k) == vocabulary.LUAR_PEMKOT)
    for _, row in pk.loc[outside].iterrows():
        report.error(
            f"{resolver.name(row['unit'])} adalah instansi luar Pemkot dan tidak memiliki PK",
            sheet=row["_sheet"], row=int(row["_baris"]),
            column=col_label(labels, row, "unit", "Perangkat Daerah"),
            expected="perangkat daerah Pemerintah Kota Kupang",
        )  # fmt: skip
    dup = pk.duplicated(["unit", "tahun", "kunci"], keep="first") & pk["kunci"].notna()
    for _, row in pk.loc[dup].iterrows():
        report.error(
            f"indikator '{row['indikator']}' tercantum dua kali dalam PK {resolver.name(row['unit'])} {row['tahun']}",
            sheet=row["_sheet"], row=int(row["_baris"]), column=col_label(labels, row, "indikator", "Indikator Kinerja"),
            expected="setiap indikator satu kali per PK (bedakan dengan Kode Indikator)",
        )  # fmt: skip
    pk["urutan"] = pk.groupby(["unit", "tahun"], dropna=False).cumcount() + 1
    kum = pk["akumulasi"].eq("kumulatif") & pk["tw4"].notna() & pk["target_min"].eq(pk["target_max"])
    for _, row in pk.loc[kum & (pk["tw4"] != pk["target_max"])].iterrows():
        report.notice(
            f"Target TW IV ({row['tw4']:g}) tidak sama dengan target tahunan ({row['target_max']:g}) "
            "untuk indikator kumulatif",
            sheet=row["_sheet"], row=int(row["_baris"]),
        )  # fmt: skip
    if new_units:
        pk.attrs["new_units"] = pd.DataFrame(new_units, columns=schema.UNIT_FRAME)
    return pk


def resolve_realisasi(
    real: pd.DataFrame,
    indicators: pd.DataFrame,
    resolver: UnitResolver,
    report: ImportReport,
    labels: Labels,
    locked: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
) -> pd.DataFrame:
    """Match each value to an indicator of that unit's PK for that year (by Kode, else by name)."""
    real = real.assign(
        _unit_text=real["unit"],
        unit=resolver.resolve(real["unit"]),
        kunci=pd.Series(pd.NA, index=real.index, dtype=object),
    )
    by_code: dict[tuple, str] = {}
    by_name: dict[tuple, str] = {}
    names: dict[tuple, list[str]] = {}
    linked: set[tuple] = set()
    satuan: dict[tuple, object] = {}
    for row in indicators.itertuples(index=False):
        ut = (row.unit, int(row.tahun))
        satuan[(*ut, row.kunci)] = getattr(row, "satuan", None)
        if isinstance(row.kode_indikator, str):
            by_code[(*ut, row.kode_indikator.upper())] = row.kunci
        by_name[(*ut, normalize_text(row.indikator))] = row.kunci
        names.setdefault(ut, []).append(row.indikator)
        if isinstance(row.sumber_data, str) and row.sumber_data.startswith("pengaduan:"):
            linked.add((*ut, row.kunci))
    for idx, row in real.iterrows():
        where = {"sheet": row["_sheet"], "row": int(row["_baris"])}
        if pd.isna(row["unit"]):
            if isinstance(row["_unit_text"], str):
                _unknown_unit(report, resolver, row, row["_unit_text"], labels)
            continue
        if pd.isna(row["tahun"]):
            continue
        ut = (row["unit"], int(row["tahun"]))
        if ut not in names:
            report.error(
                f"belum ada PK {resolver.name(row['unit'])} tahun {ut[1]}",
                column=col_label(labels, row, "unit", "Perangkat Daerah"),
                expected="unggah PK unit itu untuk tahun tersebut lebih dulu", **where,
            )  # fmt: skip
            continue
        kunci = None
        if isinstance(row["kode_indikator"], str):
            kunci = by_code.get((*ut, row["kode_indikator"].upper()))
        if kunci is None and isinstance(row["indikator"], str):
            kunci = by_name.get((*ut, normalize_text(row["indikator"])))
        if kunci is None:
            shown = row["indikator"] if isinstance(row["indikator"], str) else row["kode_indikator"]
            guess = suggest(str(shown), names[ut])
            report.error(
                f"indikator '{shown}' tidak ada dalam PK {resolver.name(row['unit'])} {ut[1]}",
                column=col_label(
                    labels,
                    row,
                    "indikator" if isinstance(row["indikator"], str) else "kode_indikator",
                    "Indikator Kinerja",
                ),
                expected="indikator dari PK unit ini" + (f", mungkin maksudnya '{guess}'" if guess else ""),
                **where,
            )
            continue
        if (*ut, kunci) in linked:
            report.error(
                "realisasi indikator ini dihitung dari data pengaduan dan tidak boleh diunggah",
                column=row["_kolom"], expected="kosongkan baris ini (Sumber Data: pengaduan)", **where,
            )  # fmt: skip
            continue
        if (ut[1], int(row["bulan"])) in locked if pd.notna(row["bulan"]) else False:
            report.error(
                f"periode {vocabulary.BULAN[int(row['bulan']) - 1]} {ut[1]} sudah dikunci",
                column=row["_kolom"], expected="minta admin membuka kunci periode ini", **where,
            )  # fmt: skip
            continue
        if not _value_checked(report, row, satuan.get((*ut, kunci)), where):
            continue
        real.at[idx, "kunci"] = kunci
        if pd.notna(row.get("pembilang")) and pd.notna(row.get("penyebut")) and row["penyebut"] != 0:
            real.at[idx, "realisasi"] = (
                row["pembilang"] / row["penyebut"] * fraction_scale(satuan.get((*ut, kunci)))
            )
    dup = real.duplicated(["unit", "tahun", "kunci", "bulan"], keep="first") & real["kunci"].notna()
    for _, row in real.loc[dup].iterrows():
        report.error(
            f"dua nilai untuk indikator yang sama pada bulan {int(row['bulan'])}",
            sheet=row["_sheet"], row=int(row["_baris"]), column=row["_kolom"],
            expected="satu nilai per indikator per bulan dalam satu berkas",
        )  # fmt: skip
    return real.drop(columns="_unit_text")


def _value_checked(report: ImportReport, row: pd.Series, satuan: object, where: dict) -> bool:
    """The value's unit word is the indicator's Satuan; Realisasi agrees with Pembilang ÷ Penyebut."""
    unit = row.get("_satuan_sel")
    if isinstance(unit, str) and unit_key(unit) != unit_key(satuan) and isinstance(satuan, str):
        report.error(
            f"realisasi memakai satuan '{unit}', padahal Satuan indikator ini '{satuan}'",
            column=row["_kolom"], expected=f"angka saja, atau angka dengan satuan '{satuan}'", **where,
        )  # fmt: skip
        return False
    num, den, value = row.get("pembilang"), row.get("penyebut"), row.get("realisasi")
    if pd.isna(num) != pd.isna(den):
        report.error(
            "Pembilang dan Penyebut harus diisi berdua",
            column=row["_kolom"], expected="keduanya diisi (mis. 10 dan 5.350) atau keduanya kosong", **where,
        )  # fmt: skip
        return False
    if pd.notna(num) and pd.notna(den) and den != 0 and pd.notna(value):
        exact = num / den * fraction_scale(satuan)
        if abs(exact - value) > 0.005 + 1e-9 * abs(exact):  # as printed, to 2 decimals
            report.error(
                f"Realisasi {value:g} tidak sama dengan Pembilang ÷ Penyebut × {fraction_scale(satuan):g} "
                f"= {exact:.2f}",
                column=row["_kolom"], expected="kosongkan Realisasi (dihitung) atau isi nilai yang sama", **where,
            )  # fmt: skip
            return False
    return True


def resolve_complaint_units(
    comp: pd.DataFrame, resolver: UnitResolver, report: ImportReport, labels: Labels
) -> pd.DataFrame:
    """Destination unit codes; a complaint sent to a kelurahan office counts for its kecamatan."""
    text = comp["unit"]
    codes = resolver.resolve(text)
    wil = Wilayah.load()
    for name in text[codes.isna() & text.notna()].unique():
        kel = kelurahan_office(name)
        kecamatan = wil.kecamatan_of(kel) if kel else None
        code = resolver.kecamatan_unit(kecamatan) if kecamatan else None
        if code:
            codes[text == name] = code
            continue
        for _, row in comp.loc[text == name].iterrows():
            _unknown_unit(report, resolver, row, name, labels)
    return comp.assign(unit=codes)
