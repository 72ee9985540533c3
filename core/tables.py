"""Tables of figures, and the small-number rule every dashboard figure passes through.

The rule (need-to-know in figures; DESIGN.md "Managers see aggregate figures"):

- Every count from 1 to 4 shows as "<5": on the page, in the chart and in the
  CSV. 0 shows as 0. The rule applies to *every* count, not only to counts that
  include cases the viewer cannot open: deciding that per count is where a leak
  would slip in, and a manager loses nothing by it.
- A figure worked out from a suppressed count is suppressed as well: a rate per
  1,000 households over 1–4 signals, a change where either period has 1–4, a
  median over fewer than 5 completed actions.
- Suppression happens when a `Cell` is made. A suppressed cell does not hold
  the real number, so no template, chart or CSV can show it by mistake; the
  page and its CSV are built from the same `Table`, so they always agree.
- Figures never name a case, an address or a person. Lists of cases appear only
  next to the figures, and only from `Case.objects.visible_to(user)`.

Not covered: secondary suppression. Where a table also shows a total, a single
"<5" cell can be worked out by subtraction. The counts carry no names or
addresses, which is what the need-to-know rule protects.
"""

import functools
from dataclasses import dataclass, field

from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SMALL_COUNTS = range(1, 5)
SUPPRESSED = "<5"
MINUS = "\u2212"  # a real minus sign on the page; screen readers say "minus"


def is_small(n):
    return n in SMALL_COUNTS


@dataclass(frozen=True)
class Cell:
    """One figure: `number` for charts (None when suppressed or unknown), `text` for the page, `csv` for the file."""

    number: float | int | None
    text: str
    csv: str
    suppressed: bool = False

    def __str__(self):
        return self.text


@functools.cache
def _separators(language):
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def _plain(value, decimals=None):
    """For the CSV: a decimal point, no grouping."""
    return str(value) if decimals is None else f"{value:.{decimals}f}"


def _local(value, decimals=None, grouping=False):
    """For the page: the language's separators (Django's number_format, minus its per-call cost on big tables)."""
    decimal_separator, thousand_separator = _separators(get_language())
    spec = ("," if grouping else "") + ("" if decimals is None else f".{decimals}f")
    text = format(value, spec)
    return text.replace(",", "\0").replace(".", decimal_separator).replace("\0", thousand_separator)


def suppressed():
    return Cell(None, SUPPRESSED, SUPPRESSED, suppressed=True)


def not_available():
    text = _("n/a")
    return Cell(None, text, text)


def blank():
    return Cell(None, "", "")


def count(n):
    """A count of cases, signals, actions or interventions: 1–4 become "<5"."""
    n = n or 0
    if is_small(n):
        return suppressed()
    return Cell(n, _local(n, grouping=True), _plain(n))


def reference(value, decimals=None):
    """A published reference figure (CBS households, SES-WOA score, year): never suppressed."""
    if value is None:
        return not_available()
    return Cell(float(value), _local(value, decimals, grouping=decimals is None), _plain(value, decimals))


def year(value):
    if value is None:
        return not_available()
    return Cell(value, str(value), str(value))


def rate(numerator, denominator, *, per=1000, decimals=1):
    """numerator per `per` of denominator; n/a without a denominator, suppressed over 1–4."""
    if not denominator:
        return not_available()
    if is_small(numerator):
        return suppressed()
    value = round(numerator * per / denominator, decimals)
    return Cell(value, _local(value, decimals), _plain(value, decimals))


def _signed(value, decimals=None):
    sign = "+" if value > 0 else ""
    text = _local(abs(value), decimals)
    return (
        f"{sign}{text}" if value >= 0 else f"{MINUS}{text}",
        f"{sign}{_plain(value, decimals)}",
    )


def change(recent, previous):
    """recent − previous as +N; suppressed when either count is 1–4."""
    if is_small(recent) or is_small(previous):
        return suppressed()
    text, csv = _signed(recent - previous)
    return Cell(recent - previous, text, csv)


def change_percent(recent, previous):
    """The change as a whole percentage of `previous`; n/a when previous is 0."""
    if is_small(recent) or is_small(previous):
        return suppressed()
    if not previous:
        return not_available()
    value = round((recent - previous) * 100 / previous)
    text, csv = _signed(value)
    return Cell(value, text, csv)


def days(value, *, basis):
    """A number of days (one decimal) worked out from `basis` items; shown only from 5 items."""
    if not basis:
        return not_available()
    if basis < 5:
        return suppressed()
    value = round(value, 1)
    return Cell(value, _local(value, 1), _plain(value, 1))


@dataclass
class Row:
    label: str
    cells: list
    url: str = ""
    level: int = 0  # 1 = indented under the row above (a neighbourhood under its district)
    is_total: bool = False


@dataclass
class Table:
    """A figure's numbers: rendered as the HTML table under its chart and as its CSV download."""

    slug: str
    title: str
    label_heading: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""
    csv_url: str = ""  # set by the view that shows the table
    xlsx_url: str = ""  # likewise

    def body_rows(self):
        return [row for row in self.rows if not row.is_total]

    def total_row(self):
        return next((row for row in self.rows if row.is_total), None)

    def column(self, index):
        """(label, cell) for one column over the rows that are not totals: what a chart draws."""
        return [(row.label, row.cells[index]) for row in self.body_rows()]


def difference(value, decimals=1):
    """The change in a published or worked-out figure, signed (+1.5, −0.3); n/a when unknown.

    For changes of figures that are not counts of the platform's own cases (CBS
    shares, rates whose counts passed the rule already); a change of counts is `change`.
    """
    if value is None:
        return not_available()
    value = round(value, decimals)
    text, csv = _signed(value, decimals)
    return Cell(value, text, csv)


def label(text):
    """A word in a table (yes, no, a class): shown as it is, in the page and the CSV."""
    return Cell(None, str(text), str(text))
