"""get_FOO_display() and core.rows.choice_label answer from labels built once per field and language."""

from django.utils import translation

from cases.models import Signal
from core.rows import choice_label, with_labels


def test_a_label_follows_the_active_language_every_time():
    signal = Signal(category="GEL", severity="high")
    for _ in range(2):  # the second time from what was built the first
        with translation.override("nl"):
            dutch = (signal.get_severity_display(), choice_label(Signal, "severity", "high"))
        with translation.override("en"):
            english = (signal.get_severity_display(), choice_label(Signal, "severity", "high"))
        assert dutch == ("hoog", "hoog")
        assert english == ("high", "high")


def test_a_value_without_a_label_is_shown_as_it_is():
    assert Signal(severity="onbekend").get_severity_display() == "onbekend"
    assert choice_label(Signal, "severity", None) is None


def test_rows_get_the_labels_their_instances_would_show():
    rows = [{"category": "GEL", "severity": "high"}, {"category": "GEL", "severity": "onbekend"}]
    with translation.override("nl"):
        labelled = with_labels(rows, Signal, "severity")
        shown = Signal(severity="high").get_severity_display()
    assert [row["severity_label"] for row in labelled] == ["hoog", "onbekend"]
    assert labelled[0] == {**rows[0], "severity_label": shown}
