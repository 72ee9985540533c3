"""Panels that apps above this one add to this app's pages, without this app importing them.

The case page and "Mijn werk" show more than cases: the plan of approach and
the open actions come from interventions, which sits above cases in the layers
(pyproject.toml). Such an app registers a panel here when it loads
(AppConfig.ready); the page asks every registered panel for its template and
context, in the order they were registered. Each panel decides what its rows
are through `visible_in` / `visible_to`, like the page itself.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    """A template, and a function giving its context: context(request, access) or context(request)."""

    name: str
    template: str
    context: Callable


_case_panels = []
_home_panels = []


def register_case_panel(panel):
    """Show `panel` on the case page; its context is called as context(request, access), with the
    user's CaseAccess (cases/access.py) to the case."""
    _case_panels.append(panel)
    return panel


def register_home_panel(panel):
    """Show `panel` first on "Mijn werk"; its context is called as context(request)."""
    _home_panels.append(panel)
    return panel


def case_panels(request, access):
    """(templates in order, their merged context) for the case page."""
    context = {}
    for panel in _case_panels:
        context.update(panel.context(request, access))
    return [panel.template for panel in _case_panels], context


def home_panels(request):
    """(templates in order, their merged context) for "Mijn werk"."""
    context = {}
    for panel in _home_panels:
        context.update(panel.context(request))
    return [panel.template for panel in _home_panels], context
