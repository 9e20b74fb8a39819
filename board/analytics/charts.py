"""Bar charts drawn on the server as SVG (templates/employer/bar_chart.svg.html).

No script and no style attribute: the page's CSP forbids inline styles, and SVG's
presentation attributes (fill, x, height) are enough. The numbers here are the
geometry in the chart's own units (its viewBox); the browser scales it to the
width available, a phone's included.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

WIDTH, HEIGHT = 600, 200
LEFT, BOTTOM, TOP = 36, 22, 10  # room for the axis labels
PLOT_W, PLOT_H = WIDTH - LEFT - 4, HEIGHT - BOTTOM - TOP


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str  # "3 Dec: 12 views"


@dataclass(frozen=True)
class Chart:
    slug: str  # for element ids
    title: str
    description: str
    bars: list
    ticks: list  # (y, label) of the value axis
    day_labels: list  # (x, label) under some bars
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM


def nice_top(highest):
    """The value axis's top: 1, 2 or 5 times a power of ten, at least the highest bar."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            if multiple * magnitude >= highest:
                return multiple * magnitude
        magnitude *= 10


# What each chart says, in words a translator can reorder: (one bar, the total, the title).
# Lazy: filled in by bar_chart, in the page's language; "count" picks the plural.
WORDS = {
    "views": (
        ngettext_lazy("%(day)s: %(count)s view", "%(day)s: %(count)s views", "count"),
        ngettext_lazy(
            "%(count)s view in %(days)s days", "%(count)s views in %(days)s days", "count"
        ),
        gettext_lazy("Views per day, last %(days)s days"),
    ),
    "apply_starts": (
        ngettext_lazy("%(day)s: %(count)s apply start", "%(day)s: %(count)s apply starts", "count"),
        ngettext_lazy(
            "%(count)s apply start in %(days)s days",
            "%(count)s apply starts in %(days)s days",
            "count",
        ),
        gettext_lazy("Apply starts per day, last %(days)s days"),
    ),
    "applications": (
        ngettext_lazy("%(day)s: %(count)s application", "%(day)s: %(count)s applications", "count"),
        ngettext_lazy(
            "%(count)s application in %(days)s days",
            "%(count)s applications in %(days)s days",
            "count",
        ),
        gettext_lazy("Applications per day, last %(days)s days"),
    ),
}


def bar_chart(series, name, slug):
    """A chart of one field (`name`: "views", "apply_starts", "applications") of a
    reports.Series."""
    bar_words, total_words, title_words = WORDS[name]
    values = [getattr(day, name) for day in series.days]
    top = nice_top(max(values, default=0))
    slot = PLOT_W / max(len(values), 1)
    gap = min(2.0, slot * 0.2)
    bars = []
    for index, (day, value) in enumerate(zip(series.days, values, strict=True)):
        height = PLOT_H * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + gap / 2, 2),
                y=round(TOP + PLOT_H - height, 2),
                width=round(slot - gap, 2),
                height=round(height, 2),
                value=value,
                label=bar_words % {"day": date_format(day.day, "j M"), "count": value},
            )
        )
    marks = (0, top // 2, top) if top % 2 == 0 else (0, top)
    ticks = [(round(TOP + PLOT_H - PLOT_H * mark / top, 2), mark) for mark in marks]
    every = max(1, len(values) // 6)  # about six dates under the bars
    day_labels = [
        (round(LEFT + index * slot + slot / 2, 2), date_format(day.day, "j M"))
        for index, day in enumerate(series.days)
        if index % every == 0
    ]
    total = sum(values)
    busiest = max(series.days, key=lambda day: getattr(day, name), default=None)
    description = total_words % {"count": total, "days": len(values)}
    if total and busiest is not None:
        description += _("; the most on %(day)s: %(count)s") % {
            "day": date_format(busiest.day, "j F"),
            "count": getattr(busiest, name),
        }
    title = title_words % {"days": len(values)}
    return Chart(slug, title, description + ".", bars, ticks, day_labels)
