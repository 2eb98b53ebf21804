"""Plotly figures for the dashboard: DataFrame in, Figure out (no streamlit here).

Colour never carries meaning alone: every coloured mark also has a text label (kategori names,
values on bars and cells), so the charts survive colour-blind eyes and grey printouts.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kinerja.domain.vocabulary import KATEGORI, KATEGORI_BANDS
from kinerja.views import fmt
from kinerja.views.labels import spread_labels

# ColorBrewer RdYlBu (colour-blind safe), best to worst; Permendagri 86/2017 bands.
WARNA_KATEGORI = {
    "Sangat Tinggi": "#2c7bb6",
    "Tinggi": "#abd9e9",
    "Sedang": "#ffffbf",
    "Rendah": "#fdae61",
    "Sangat Rendah": "#d7191c",
    "Belum lapor": "#d9d9d9",
}
TEKS_GELAP = {"Tinggi", "Sedang", "Rendah", "Belum lapor"}  # light fills get dark text
# Permendagri 86/2017 bands on the 0–120 nilai scale, worst first (vocabulary.KATEGORI_BANDS).
_LOWER = [0.0, *(bound for bound, _ in reversed(KATEGORI_BANDS))]
BANDS = tuple(
    (lo, hi, name) for lo, hi, name in zip(_LOWER, [*_LOWER[1:], 120.0], reversed(KATEGORI), strict=True)
)
TITLE_WIDTH = 44  # characters a title line holds in a phone-width chart (15 px font)
BIRU, ORANYE, ABU = "#2c7bb6", "#e66101", "#636363"
SALURAN_WARNA = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
                 "#fb9a99", "#fdbf6f", "#cab2d6"]  # fmt: skip


def _layout(fig: go.Figure, title: str | None = None, height: int = 360, **kw) -> go.Figure:
    # a long title wraps (a phone-width chart cut "⚠ proyeksi meleset" off); axes make room for their
    # labels (tick labels turned on a narrow chart were clipped to "J", "F", "M")
    lines = textwrap.wrap(title, TITLE_WIDTH) if title else []
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(
        title={"text": "<br>".join(lines), "x": 0, "xanchor": "left", "font": {"size": 15}}
        if title
        else None,
        template="plotly_white",
        separators=",.",  # Indonesian: decimal comma, thousands dot
        height=height + 20 * max(len(lines) - 1, 0),
        margin={"l": 10, "r": 10, "t": 30 + 20 * len(lines) if title else 20, "b": 10},
        # the legend in the figure's own bottom margin, below the tick labels however tall they turn
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "title": None},
        font={"family": "Source Sans Pro, sans-serif", "size": 13},
        hoverlabel={"font_size": 13},
        **kw,
    )
    return fig


def _colorscale() -> list[list]:
    """Step colourscale over nilai 0–120 following the kategori bands."""
    scale: list[list] = []
    for lo, hi, name in BANDS:
        scale += [[lo / 120, WARNA_KATEGORI[name]], [hi / 120, WARNA_KATEGORI[name]]]
    return scale


def heatmap(matrix: pd.DataFrame, title: str = "Nilai unit per bulan") -> go.Figure:
    """Units × months, cells coloured by kategori band and printed with their nilai."""
    z = matrix.to_numpy(dtype="float64")
    text = [[fmt.angka(v, 1, blank="–") for v in row] for row in z]
    kat = [[_band(v) for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=np.clip(z, 0, 120), x=list(matrix.columns), y=list(matrix.index), text=text, customdata=kat,
            texttemplate="%{text}", textfont={"size": 11}, zmin=0, zmax=120, colorscale=_colorscale(),
            xgap=2, ygap=2, hovertemplate="%{y}<br>%{x}: %{text} (%{customdata})<extra></extra>",
            colorbar={"title": {"text": "Kategori"}, "tickvals": [25.5, 58.5, 71, 83.5, 105.5],
                      "ticktext": [b[2] for b in BANDS], "len": 0.6, "lenmode": "fraction", "thickness": 14,
                      "y": 1, "yanchor": "top"},
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top")
    return _layout(fig, title, height=max(320, 28 * len(matrix) + 90))


def _band(v: float) -> str:
    if fmt.kosong(v):
        return "belum lapor"
    for lo, _, name in reversed(BANDS):
        if v >= lo:
            return name
    return "Sangat Rendah"


def kategori_bars(counts: pd.DataFrame, title: str = "Indikator per kategori") -> go.Figure:
    """Stacked bars: indicators per kategori for each month, value printed in each segment."""
    fig = go.Figure()
    months = [fmt.BULAN_SINGKAT[m - 1] for m in counts.index]
    for name in counts.columns:
        vals = counts[name].to_numpy()
        fig.add_bar(
            x=months, y=vals, name=name, marker_color=WARNA_KATEGORI.get(name, ABU),
            marker_line={"color": "#555", "width": 0.5},
            text=[fmt.bilangan(v) if v else "" for v in vals], textposition="inside", textangle=0,
            insidetextfont={"color": "#222" if name in TEKS_GELAP else "white", "size": 13},
            hovertemplate=f"{name}<br>%{{x}}: %{{y}} indikator<extra></extra>",
        )  # fmt: skip
    # level, readable numbers: a segment too thin for a 12 px number shows it on hover only
    fig.update_layout(barmode="stack", uniformtext={"minsize": 12, "mode": "hide"})
    fig.update_xaxes(tickangle=0, tickfont={"size": 13})
    fig.update_yaxes(title="indikator")
    return _layout(fig, title, height=340)


def quadrant(q: pd.DataFrame, x_line: float, y_line: float, title: str | None = None) -> go.Figure:
    """Kinerja vs pelayanan: nilai (x) against on-time response % (y); bubble size = complaints."""
    fig = go.Figure()
    size = q["masuk"].astype("float64")
    sizeref = 2.0 * max(float(size.max()) if len(size) else 1.0, 1.0) / 45**2
    for kat, part in q.groupby("kategori", sort=False):
        fig.add_scatter(
            x=part["nilai"], y=part["respon_tepat_waktu_pct"], mode="markers", name=str(kat), showlegend=True,
            marker={"size": part["masuk"], "sizemode": "area", "sizeref": sizeref, "sizemin": 6,
                    "color": WARNA_KATEGORI.get(str(kat), ABU), "line": {"color": "#333", "width": 1}},
            customdata=np.column_stack([part["nama"], part["masuk"].map(fmt.bilangan),
                                        part["nilai"].map(lambda v: fmt.angka(v, 1)),
                                        part["respon_tepat_waktu_pct"].map(fmt.persen), part["kuadran"]]),
            hovertemplate="<b>%{customdata[0]}</b><br>Nilai %{customdata[2]} · respon tepat waktu "
                          "%{customdata[3]}<br>%{customdata[1]} pengaduan<br>%{customdata[4]}<extra></extra>",
        )  # fmt: skip
    fig.add_vline(x=x_line, line_dash="dash", line_color=ABU)
    fig.add_hline(y=y_line, line_dash="dash", line_color=ABU)
    # Labels of the units that need a look, pushed apart so none overprints another (issue 13:
    # "PUPR" on "Dishub"); a moved label keeps a thin line to its bubble.
    shown = q[q["kuadran"] != "PK tercapai, aduan dilayani"]
    x, y = shown["nilai"].to_numpy(dtype="float64"), shown["respon_tepat_waktu_pct"].to_numpy(dtype="float64")
    # a bubble's radius in px (area sizing: diameter = sqrt(size / sizeref)): the label starts past its edge
    radius = np.sqrt(np.maximum(shown["masuk"].to_numpy(dtype="float64"), 36 * sizeref) / sizeref) / 2
    anchors = spread_labels(x, y)
    for (px, py), (lx, ly), r, label in zip(
        zip(x, y, strict=True), anchors, radius, shown["label"], strict=True
    ):
        moved = bool(ly != py)  # plotly draws the text at the arrow's tail (ax, ay) and points at (x, y)
        fig.add_annotation(
            x=float(px), y=float(py), ax=float(lx), ay=float(ly), axref="x", ayref="y", text=str(label),
            showarrow=moved, arrowwidth=0.8, arrowcolor=ABU, arrowhead=0, xanchor="left",
            xshift=float(r) + 3, font={"size": 12}, bgcolor="rgba(255,255,255,0.8)",
        )  # fmt: skip
    xmax = max(x_line + 10, float(q["nilai"].max()) + 9 if len(q) else 120.0)  # room for a label on the right
    xmin = min(x_line - 16, float(q["nilai"].min()) - 5 if len(q) else 40.0)
    corners = [
        (xmax, 112, "PK tercapai, aduan dilayani", "right"),
        (xmax, -14, "PK tercapai, aduan terabaikan", "right"),
        (xmin, 112, "PK tertinggal, aduan dilayani", "left"),
        (xmin, -14, "PK tertinggal, aduan terabaikan", "left"),
    ]
    for x, y, text, anchor in corners:  # two lines each: side by side on a phone they collided
        fig.add_annotation(x=x, y=y, text="<b>" + text.replace(", ", ",<br>") + "</b>", showarrow=False,
                           xanchor=anchor, yanchor="top" if y > 50 else "bottom", align=anchor,
                           font={"color": ABU, "size": 12})  # fmt: skip
    fig.update_xaxes(title="Nilai kinerja (capaian PK)", range=[xmin, xmax])
    fig.update_yaxes(title="Respon tepat waktu (%)", range=[-14, 112])
    _layout(fig, title, height=520)
    fig.update_layout(legend_title_text="Kategori nilai: ")
    return fig


def trend(
    t: pd.DataFrame, title: str, satuan: str = "", meleset: bool = False, negatif: bool = False
) -> go.Figure:
    """Realisasi to date against the target-to-date line, with the year-end projection when one is drawn.

    For a negatif indicator (lower is better) the target is a ceiling: the area above it is tinted
    and labelled, so a line above the target reads as bad, not good.
    """
    fig = go.Figure()
    x = t["bulan_label"]
    ranged = not np.allclose(t["target_min"].fillna(0), t["target_max"].fillna(0))
    name = "Batas atas s.d. bulan" if negatif else "Target s.d. bulan"
    if ranged:
        fig.add_scatter(x=x, y=t["target_max"], mode="lines", line={"width": 0}, showlegend=False,
                        hoverinfo="skip")  # fmt: skip
        fig.add_scatter(x=x, y=t["target_min"], mode="lines", fill="tonexty", name="Rentang target",
                        line={"width": 0}, fillcolor="rgba(99,99,99,0.18)")  # fmt: skip
    else:
        fig.add_scatter(x=x, y=t["target_min"], mode="lines", name=name,
                        line={"color": ABU, "dash": "dash"})  # fmt: skip
    if t["proyeksi"].notna().sum() >= 2:  # a projection line exists only before December
        fig.add_scatter(x=x, y=t["proyeksi"], mode="lines", name="Proyeksi akhir tahun",
                        line={"color": ORANYE if meleset else BIRU, "dash": "dot", "width": 2})  # fmt: skip
    fig.add_scatter(x=x, y=t["realisasi"], mode="lines+markers", name="Realisasi s.d. bulan",
                    line={"color": BIRU, "width": 3}, marker={"size": 7})  # fmt: skip
    if negatif:
        ceiling = t["target_max"].where(t["target_max"].notna(), t["target_min"])
        top = float(np.nanmax([ceiling.max(), t["realisasi"].max(), t["proyeksi"].max(), 1.0])) * 1.15
        fig.add_scatter(x=x, y=ceiling, mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=x, y=[top] * len(x), mode="lines", line={"width": 0}, fill="tonexty",
                        fillcolor="rgba(215,25,28,0.08)", name="Di atas batas = buruk", hoverinfo="skip")  # fmt: skip
        fig.add_annotation(x=0, xref="paper", y=1, yref="paper", text="▼ semakin rendah semakin baik",
                           showarrow=False, xanchor="left", yanchor="bottom", font={"size": 12, "color": ORANYE})  # fmt: skip
        fig.update_yaxes(range=[0, top])
    fig.update_yaxes(title=satuan or None, rangemode="tozero")
    fig.update_xaxes(categoryorder="array", categoryarray=list(x))
    return _layout(fig, title, height=340)


def funnel(f: pd.DataFrame, title: str = "Alur penanganan pengaduan") -> go.Figure:
    fig = go.Figure(go.Funnel(y=f["tahap"], x=f["jumlah"], textinfo="value+percent initial",
                              marker={"color": [BIRU, "#4393c3", "#92c5de", "#1a9850"]}))  # fmt: skip
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, height=300)


def response_histogram(hk: pd.Series, sla: int, title: str = "Waktu respon (hari kerja)") -> go.Figure:
    """Distribution of first-response times in HK with the SLA line; bars past it in orange."""
    v = hk.dropna().astype(int)
    top = int(min(max(v.max() if len(v) else sla + 5, sla + 5), 40))
    counts = v.clip(upper=top).value_counts().reindex(range(top + 1), fill_value=0)
    labels = [str(i) if i < top else f"≥ {top}" for i in counts.index]
    colors = [BIRU if i <= sla else ORANYE for i in counts.index]
    fig = go.Figure(go.Bar(x=labels, y=counts.to_numpy(), marker_color=colors,
                           hovertemplate="%{x} HK: %{y} pengaduan<extra></extra>"))  # fmt: skip
    fig.add_vline(x=sla + 0.5, line_dash="dash", line_color="#333")
    fig.add_annotation(x=sla + 0.5, y=1, yref="paper", text=f"batas {sla} HK", showarrow=False,
                       xanchor="left", font={"size": 12})  # fmt: skip
    late = int(v.gt(sla).sum())
    fig.update_xaxes(title=f"hari kerja · oranye: lewat {sla} HK ({fmt.bilangan(late)} pengaduan)")
    fig.update_yaxes(title="pengaduan")
    return _layout(fig, title, height=320, bargap=0.1)


def stacked_months(table: pd.DataFrame, title: str = "Pengaduan masuk per bulan dan saluran") -> go.Figure:
    fig = go.Figure()
    for i, col in enumerate(table.columns):
        fig.add_bar(x=list(table.index), y=table[col], name=str(col), marker_color=SALURAN_WARNA[i % 11],
                    hovertemplate=f"{col}<br>%{{x}}: %{{y}}<extra></extra>")  # fmt: skip
    total = table.sum(axis=1)
    fig.add_scatter(x=list(table.index), y=total, mode="text", text=[fmt.bilangan(v) for v in total],
                    textposition="top center", showlegend=False, hoverinfo="skip")  # fmt: skip
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="pengaduan", range=[0, max(float(total.max()) if len(total) else 1.0, 1.0) * 1.15])
    return _layout(fig, title, height=360)


def rate_trend(t: pd.DataFrame, target: float, title: str = "Tren layanan (posisi akhir bulan)") -> go.Figure:
    fig = go.Figure()
    for col, name, color in (("respon_tepat_waktu_pct", "Respon tepat waktu", BIRU),
                             ("tindak_lanjut_pct", "Tindak lanjut", "#1a9850"),
                             ("selesai_tepat_waktu_pct", "Selesai ≤ 60 hari", ORANYE)):  # fmt: skip
        mode = (
            "lines+markers+text" if col == "respon_tepat_waktu_pct" else "lines+markers"
        )  # one labelled line
        fig.add_scatter(x=t["bulan_label"], y=t[col], name=name, mode=mode,
                        text=[fmt.angka(v, 0, blank="") for v in t[col]], textposition="bottom center",
                        line={"color": color}, hovertemplate=f"{name} %{{x}}: %{{y:.1f}} %<extra></extra>")  # fmt: skip
    fig.add_hline(
        y=target,
        line_dash="dash",
        line_color=ABU,
        annotation_text=f"acuan {fmt.bilangan(target)} %",
        annotation_position="top left",
    )
    fig.update_yaxes(title="%", range=[0, 108])
    return _layout(fig, title, height=340)


def bars(df: pd.DataFrame, label: str, value: str, title: str, color: str = BIRU, height: int | None = None,
         colors: list[str] | None = None) -> go.Figure:  # fmt: skip
    """Horizontal bars, largest on top, each with its value printed."""
    d = df.sort_values(value, ascending=True)
    fig = go.Figure(go.Bar(
        y=d[label].astype(str), x=d[value], orientation="h", marker_color=colors or color,
        text=[fmt.bilangan(v) for v in d[value]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))  # fmt: skip
    fig.update_yaxes(automargin=True)
    top = float(d[value].max()) if len(d) else 1.0
    fig.update_xaxes(title=None, showticklabels=False, range=[0, max(top, 1.0) * 1.18])
    return _layout(fig, title, height=height or max(260, 26 * len(d) + 80))


def aging(a: pd.DataFrame, title: str = "Umur tunggakan (hari sejak masuk)") -> go.Figure:
    colors = ["#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"][: len(a)]  # one ramp: older is darker
    fig = go.Figure(go.Bar(x=a["umur"], y=a["jumlah"], marker_color=colors,
                           text=[fmt.bilangan(v) for v in a["jumlah"]], textposition="outside",
                           cliponaxis=False, hovertemplate="%{x}: %{y} pengaduan<extra></extra>"))  # fmt: skip
    fig.update_yaxes(title="pengaduan terbuka", rangemode="tozero")
    return _layout(fig, title, height=320)
