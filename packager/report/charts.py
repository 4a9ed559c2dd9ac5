"""Charts as inline SVG, drawn with matplotlib's SVG backend (no CDN, no script).

Each chart is a picture of a table printed right under it, so the SVG is hidden from screen
readers (the table is what they read) and its text stays text (`svg.fonttype: none`). Ids
inside each SVG get the chart's own prefix, so several charts can share one HTML page.
Same data, same bytes: no date in the metadata and a fixed hash salt.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from packager.report.course import ReportCourse
from packager.report.tables import Table
from packager.trail_map import MAP_HEIGHT, MAP_WIDTH

MAP_MOVES = 25  # the most taken steps drawn on the map; the table lists them all
INK, ACCENT, SOFT, GROUND = "#1f2933", "#0b6e4f", "#9fd3c0", "#f4f1e8"
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "trail-report", "font.size": 10,
                     "font.family": "DejaVu Sans", "axes.edgecolor": INK, "text.color": INK,
                     "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK})


def _svg(fig: Figure, key: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'id="([^"]+)"', rf'id="{key}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{key}-\1)', text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', text)
    return text.replace("<svg ", '<svg aria-hidden="true" focusable="false" class="chart" ', 1)


def _numbers(table: Table, name: str) -> list[float]:
    return [float(x) if isinstance(x, int | float) else 0.0 for x in table.column(name)]


def bars(table: Table, label: str, value: str, key: str, xlabel: str, share: bool = False) -> str:
    """Horizontal bars, one per row, first row on top."""
    labels = [str(x) for x in table.column(label)]
    values = _numbers(table, value)
    if share:
        values = [v * 100 for v in values]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(labels) + 0.9))
    ax.barh(range(len(labels)), values, color=ACCENT)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if share:
        ax.set_xlim(0, 100)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, key)


def paired_bars(table: Table, label: str, first: str, second: str, key: str, names: tuple[str, str]) -> str:
    """Two shares per row side by side (e.g. right at the first try and at the end), in percent."""
    labels = [str(x) for x in table.column(label)]
    a, b = [[v * 100 for v in _numbers(table, c)] for c in (first, second)]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(labels) + 1.1))
    ys = range(len(labels))
    ax.barh([y - 0.2 for y in ys], a, height=0.4, color=SOFT, edgecolor=INK, label=names[0])
    ax.barh([y + 0.2 for y in ys], b, height=0.4, color=ACCENT, label=names[1])
    ax.set_yticks(list(ys), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of learners")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, key)


def columns(table: Table, label: str, value: str, key: str, ylabel: str) -> str:
    """Vertical bars over time (weeks)."""
    labels = [str(x) for x in table.column(label)]
    values = _numbers(table, value)
    fig, ax = plt.subplots(figsize=(7, 2.8))
    ax.bar(range(len(labels)), values, color=ACCENT)
    many = len(labels) > 8
    ax.set_xticks(range(len(labels)), labels, rotation=60 if many else 0, ha="right" if many else "center")
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, key)


def trail_map(course: ReportCourse, moves: Table, key: str) -> str:
    """The trail map with the steps learners take between sites: line width by learners."""
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.set_xlim(0, MAP_WIDTH)
    ax.set_ylim(MAP_HEIGHT, 0)
    ax.set_aspect("equal")
    ax.set_facecolor(GROUND)
    ax.set_xticks([])
    ax.set_yticks([])
    where = {s.number: (s.x, s.y) for s in course.sites}
    xs, ys = zip(*[where[s.number] for s in course.sites], strict=True) if course.sites else ((), ())
    ax.plot(xs, ys, color="#c9bfa6", linewidth=6, zorder=1, solid_capstyle="round")
    counts = [float(n) for n in moves.column("learners") if isinstance(n, int)]
    top = max(counts, default=1.0)
    for row in moves.as_dicts()[:MAP_MOVES]:
        a, b, n = where.get(row["from_number"]), where.get(row["to_number"]), row["learners"]  # type: ignore[arg-type]
        if a is None or b is None or not isinstance(n, int):
            continue
        ax.annotate("", xy=b, xytext=a, zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": ACCENT, "alpha": 0.8, "shrinkA": 16, "shrinkB": 16,
                                "linewidth": 1 + 7 * n / top, "connectionstyle": "arc3,rad=0.15"})
    for s in course.sites:
        ax.scatter([s.x], [s.y], s=420, color="white", edgecolors=INK, linewidths=1.5, zorder=3)
        ax.text(s.x, s.y, str(s.number), ha="center", va="center", zorder=4, fontsize=9)
    return _svg(fig, key)
