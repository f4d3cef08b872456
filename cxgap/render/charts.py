"""Geometry of the HTML report's inline SVG charts (horizontal bars, one row
per stage): numbers only; the templates draw them. Horizontal bars keep long
and CJK stage names readable without rotating text.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from cxgap.analysis.rules.effort_imbalance import THRESHOLD
from cxgap.render.view import StageView

WIDTH = 540
LABEL_W = 180
"""Room for stage names, left of the bars."""
BAR_X = LABEL_W + 10
BAR_W = 290
TOP = 8
LABEL_UNITS = 27
"""How many narrow characters fit in the label column (a CJK character counts two)."""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str
    """CSS class suffix: the series, or the coverage level (low/mid/good)."""
    value: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Row:
    label: str
    full_label: str
    label_y: float
    bars: tuple[Bar, ...]
    flag: bool = False
    """Marked (effort and importance shares more than 15 points apart)."""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    plot_top: float
    label_x: int = LABEL_W


def fit(text: str, units: int = LABEL_UNITS) -> str:
    """``text`` shortened with an ellipsis to about ``units`` narrow characters."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used > units:
            return text[:i].rstrip() + "…"
    return text


def _x(value: float, scale_max: float) -> float:
    return round(BAR_W * max(0.0, min(value, scale_max)) / scale_max, 1)


def _ticks(scale_max: float, step: float, axis_y: float) -> tuple[Tick, ...]:
    count = round(scale_max / step)
    return tuple(Tick(round(BAR_X + _x(i * step, scale_max), 1), f"{i * step:g}%") for i in range(count + 1))


def coverage_chart(stages: tuple[StageView, ...], na: str) -> Chart:
    """Coverage of each stage, 0-100%; ``na`` is shown for stages nobody researched."""
    row_h, bar_h = 30, 16
    rows = []
    for i, st in enumerate(stages):
        y = TOP + i * row_h
        value = st.coverage_value
        width = _x(value, 100) if value is not None else 0.0
        kind = "none" if value is None else "low" if value < 50 else "mid" if value < 80 else "good"
        text = st.coverage if value is not None else na
        bar = Bar(BAR_X, y + (row_h - bar_h) / 2, width, bar_h, kind, text, BAR_X + width + 6, y + row_h / 2 + 4)
        rows.append(Row(fit(st.name), st.name, y + row_h / 2 + 4, (bar,)))
    axis_y = TOP + len(stages) * row_h
    return Chart(WIDTH, axis_y + 24, tuple(rows), _ticks(100, 25, axis_y), axis_y, TOP)


def shares_chart(stages: tuple[StageView, ...]) -> Chart:
    """Importance share next to effort share, per stage; rows further apart than the
    ``effort_imbalance`` threshold are flagged."""
    row_h, bar_h = 44, 14
    top = max([10.0] + [max(s.importance_share_value, s.effort_share_value) for s in stages])
    scale_max = float(min(100, math.ceil(top / 10) * 10))
    step = 10.0 if scale_max <= 50 else 20.0
    scale_max = math.ceil(scale_max / step) * step
    rows = []
    for i, st in enumerate(stages):
        y = TOP + i * row_h
        bars = []
        for j, (kind, value, text) in enumerate((("importance", st.importance_share_value, st.importance_share),
                                                 ("effort", st.effort_share_value, st.effort_share))):
            by = y + 6 + j * (bar_h + 2)
            width = _x(value, scale_max)
            bars.append(Bar(BAR_X, by, width, bar_h, kind, text, BAR_X + width + 6, by + bar_h - 3))
        flag = abs(st.effort_share_value - st.importance_share_value) > THRESHOLD
        rows.append(Row(fit(st.name), st.name, y + row_h / 2 + 4, tuple(bars), flag))
    axis_y = TOP + len(stages) * row_h
    return Chart(WIDTH, axis_y + 24, tuple(rows), _ticks(scale_max, step, axis_y), axis_y, TOP)


CURVE_STAGE_W = 100
"""Width of one stage in the experience curve's own units; the SVG stretches over the map's stage columns."""
CURVE_H = 100
CURVE_PAD = 10


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    title: str
    """Tooltip: whose point and what value."""


@dataclass(frozen=True)
class Curve:
    """The experience curve drawn over the journey map: one point per touchpoint that gives an emotion,
    and a line through the stages' importance-weighted means (stages without an emotion are skipped)."""

    width: int
    height: int
    points: tuple[CurvePoint, ...]
    means: tuple[CurvePoint, ...]
    path: str
    levels: tuple[float, ...]
    """y of the 0, 50 and 100 lines."""


def _curve_y(value: float) -> float:
    return round(CURVE_PAD + (100 - value) * (CURVE_H - 2 * CURVE_PAD) / 100, 1)


def experience_curve(stages: tuple[StageView, ...]) -> Curve | None:
    """The curve's geometry; None when no touchpoint gives an emotion (there is nothing to draw)."""
    if all(st.experience_value is None for st in stages):
        return None
    points, means = [], []
    for i, st in enumerate(stages):
        felt = [tp for tp in st.customer if tp.emotion is not None]
        for j, tp in enumerate(felt):
            value = (tp.emotion + 2) * 25 if tp.emotion is not None else 0
            x = round(i * CURVE_STAGE_W + (j + 1) * CURVE_STAGE_W / (len(felt) + 1), 1)
            points.append(CurvePoint(x, _curve_y(value), f"{tp.name}: {tp.emotion:+d} {tp.emotion_label} ({value})"))
        if st.experience_value is not None:
            x = i * CURVE_STAGE_W + CURVE_STAGE_W / 2
            means.append(CurvePoint(x, _curve_y(st.experience_value), f"{st.name}: {st.experience}"))
    path = " ".join(f"{'M' if k == 0 else 'L'}{p.x:g} {p.y:g}" for k, p in enumerate(means))
    return Curve(len(stages) * CURVE_STAGE_W, CURVE_H, tuple(points), tuple(means), path,
                 tuple(_curve_y(v) for v in (100, 50, 0)))
