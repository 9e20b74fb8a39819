"""The pay histogram drawn on the server as SVG (templates/includes/pay_insight.html).

Like the listing analytics' charts (board/analytics/charts.py): no script and no
style attribute (the CSP forbids inline styles); presentation attributes only,
geometry in the viewBox's units, scaled by the browser to the width available.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 120
BOTTOM, TOP = 22, 6  # room for the amounts under the bars
PLOT_H = HEIGHT - BOTTOM - TOP


def n(value):
    """A coordinate as SVG reads it ("52.31"): never through the template's number
    localisation, which would write "52,31" in French and costs ~20 µs a number."""
    return str(round(value, 2))


@dataclass(frozen=True)
class Bar:
    # Coordinates as strings (n()).
    x: str
    y: str
    width: str
    height: str
    jobs: int
    low: str  # formatted amounts of the bucket's edges
    high: str


@dataclass(frozen=True)
class PayChart:
    bars: list
    median_x: str  # where the median falls on the amount axis
    labels: list  # (x, anchor, text) under the bars: the first edge, the median, the last
    width: str = str(WIDTH)
    height: str = str(HEIGHT)
    baseline: str = str(HEIGHT - BOTTOM)
    label_y: str = str(HEIGHT - 4)


def pay_chart(insight):
    """The bars of a PayInsight's histogram, tallest bar at full height."""
    buckets = insight.buckets
    tallest = max((jobs for _low, _high, jobs in buckets), default=0) or 1
    slot = WIDTH / len(buckets)
    gap = 2.0
    bars = []
    for index, (low, high, jobs) in enumerate(buckets):
        height = PLOT_H * jobs / tallest
        bars.append(
            Bar(
                x=n(index * slot + gap / 2),
                y=n(TOP + PLOT_H - height),
                width=n(slot - gap),
                height=n(height),
                jobs=jobs,
                low=insight.money(low),
                high=insight.money(high),
            )
        )
    first, last = buckets[0][0], buckets[-1][1]
    span = (last - first) or 1
    median_x = WIDTH * min(1, max(0, (insight.p50 - first) / span))
    labels = [
        ("0", "start", insight.money(first)),
        (n(median_x), "middle", insight.money(insight.p50)),
        (str(WIDTH), "end", insight.money(last)),
    ]
    # The median's label is left out when it would overlap an end's.
    if not WIDTH * 0.2 < median_x < WIDTH * 0.8:
        labels.pop(1)
    return PayChart(bars, n(median_x), labels)
