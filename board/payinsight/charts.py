"""The pay histogram drawn on the server as SVG (templates/includes/pay_insight.html).

Like the listing analytics' charts (board/analytics/charts.py): no script and no
style attribute (the CSP forbids inline styles); presentation attributes only,
geometry in the viewBox's units, scaled by the browser to the width available.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 120
BOTTOM, TOP = 22, 6  # room for the amounts under the bars
PLOT_H = HEIGHT - BOTTOM - TOP


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    jobs: int
    low: str  # formatted amounts of the bucket's edges
    high: str


@dataclass(frozen=True)
class PayChart:
    bars: list
    median_x: float  # where the median falls on the amount axis
    labels: list  # (x, anchor, text) under the bars: the first edge, the median, the last
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM


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
                x=round(index * slot + gap / 2, 2),
                y=round(TOP + PLOT_H - height, 2),
                width=round(slot - gap, 2),
                height=round(height, 2),
                jobs=jobs,
                low=insight.money(low),
                high=insight.money(high),
            )
        )
    first, last = buckets[0][0], buckets[-1][1]
    span = (last - first) or 1
    median_x = round(WIDTH * min(1, max(0, (insight.p50 - first) / span)), 2)
    labels = [
        (0, "start", insight.money(first)),
        (median_x, "middle", insight.money(insight.p50)),
        (WIDTH, "end", insight.money(last)),
    ]
    # The median's label is left out when it would overlap an end's.
    if not WIDTH * 0.2 < median_x < WIDTH * 0.8:
        labels.pop(1)
    return PayChart(bars, median_x, labels)
