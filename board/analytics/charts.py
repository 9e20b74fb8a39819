"""Bar charts drawn on the server as SVG (templates/employer/bar_chart.svg.html).

No script and no style attribute: the page's CSP forbids inline styles, and SVG's
presentation attributes (fill, x, height) are enough. The numbers here are the
geometry in the chart's own units (its viewBox); the browser scales it to the
width available, a phone's included.
"""

from dataclasses import dataclass

from django.utils.formats import date_format

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


def bar_chart(series, name, noun, slug):
    """A chart of one field (`name`: "views", "applications"…) of a reports.Series."""
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
                label=f"{date_format(day.day, 'j M')}: {value} {noun}",
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
    description = f"{total} {noun} in {len(values)} days"
    if total and busiest is not None:
        description += f"; the most on {date_format(busiest.day, 'j F')}: {getattr(busiest, name)}"
    title = f"{noun.capitalize()} per day, last {len(values)} days"
    return Chart(slug, title, description + ".", bars, ticks, day_labels)
