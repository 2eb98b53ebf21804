"""Plausibility of uploaded realisasi: values that are possible but probably a typing slip (not errors).

Three patterns seen in real uploads (issue 13), each named with the month's earlier values:
- a percentage ten times what the indicator's months so far were (`850` for ~85: a lost comma),
  which turned a 85 % position into 1.133,33 % capaian and moved the unit up a kategori;
- a negative value, which no count, percentage or amount can be;
- a year-to-date figure in a `kumulatif` indicator, whose months are summed: the value is about
  the sum of the previous months (plus one more month), so it would be counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kinerja.domain.vocabulary import BULAN

JUMP = 5.0  # a value this many times (or 1/JUMP of) the usual one is a slip, not a change
YTD_TOLERANCE = 0.15  # "about the sum of the previous months": within 15 %


@dataclass(frozen=True)
class Implausible:
    """One suspicious value: where it is (sheet, Excel row, month), and why."""

    sheet: str
    row: int
    bulan: int
    message: str
    expected: str


def _is_percent(satuan: object) -> bool:
    s = str(satuan or "").strip().lower()
    return "%" in s or "persen" in s


def _fmt(v: float) -> str:
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def check_values(new: pd.DataFrame, pk: pd.DataFrame, stored: pd.DataFrame) -> list[Implausible]:
    """Suspicious values among `new` realisasi rows (with `_sheet`, `_baris`), against the months before.

    `pk`: the indicators (unit, tahun, kunci, indikator, satuan, akumulasi); `stored`: realisasi
    already in the store (unit, tahun, kunci, bulan, realisasi). A value in the file replaces the
    stored one of the same month; earlier months come from both.
    """
    if new.empty:
        return []
    key = ["unit", "tahun", "kunci"]
    info = pk.drop_duplicates(key).set_index(key)
    both = pd.concat(
        [stored[[*key, "bulan", "realisasi"]], new[[*key, "bulan", "realisasi"]]], ignore_index=True
    )
    both = both.dropna(subset=["realisasi"]).drop_duplicates([*key, "bulan"], keep="last")
    history = {k: g.set_index("bulan")["realisasi"].astype("float64") for k, g in both.groupby(key)}
    out: list[Implausible] = []
    for r in new.dropna(subset=["realisasi", "kunci", "bulan"]).to_dict(
        "records"
    ):  # a bad month is an error already
        k = (r["unit"], r["tahun"], r["kunci"])
        if k not in info.index:
            continue
        ind = info.loc[k]
        v, month = float(r["realisasi"]), int(r["bulan"])
        series = history.get(k, pd.Series(dtype="float64"))
        before = series[series.index < month].sort_index()
        where: dict[str, Any] = {"sheet": str(r["_sheet"]), "row": int(r["_baris"]), "bulan": month}
        name = str(ind["indikator"])
        if v < 0:
            out.append(Implausible(**where, message=f"nilai negatif ({_fmt(v)}) untuk '{name}' "
                                   f"bersatuan {ind['satuan'] or '(tanpa satuan)'}",
                                   expected="angka 0 atau lebih; periksa tanda minus"))  # fmt: skip
            continue
        if len(before) < 2:
            continue
        usual = float(np.median(before.to_numpy()))
        months = f"{BULAN[int(before.index[0]) - 1]}–{BULAN[int(before.index[-1]) - 1]}"
        if str(ind["akumulasi"]) == "kumulatif":
            total = float(before.sum())
            ytd = total + usual
            near = min(abs(v - ytd) / ytd, abs(v - total) / total) if total > 0 else np.inf
            if v >= 1.5 * float(before.max()) and near <= YTD_TOLERANCE:
                out.append(Implausible(**where, message=(
                    f"nilai {_fmt(v)} hampir sama dengan jumlah bulan-bulan sebelumnya ({months}: {_fmt(total)}); "
                    f"'{name}' berakumulasi kumulatif, jadi angka bulanannya dijumlahkan"),
                    expected=f"angka bulan {BULAN[month - 1]} saja (biasanya sekitar {_fmt(usual)}), bukan "
                    "akumulasi sejak Januari"))  # fmt: skip
            continue
        percent_slip = _is_percent(ind["satuan"]) and usual <= 100 < v and v >= 2 * usual
        if usual > 0 and (v >= JUMP * usual or percent_slip):
            out.append(Implausible(**where, message=(
                f"nilai {_fmt(v)} jauh di atas bulan-bulan sebelumnya ({months}: sekitar {_fmt(usual)}) untuk "
                f"'{name}' ({ind['satuan'] or 'tanpa satuan'})"),
                expected=f"angka sekitar {_fmt(usual)}; periksa koma desimal (mis. {_fmt(v / 10)})"))  # fmt: skip
    return out
