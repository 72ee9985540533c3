"""The demo world behind `manage.py load_demo`.

Two Amsterdam wijkteams (Oost and Nieuw-West), their partner organisations and
people, a year of signals and a set of cases in every status, with notes,
interventions, actions and reviews. Everything is fictional; the neighbourhoods
are real CBS buurten imported from the shipped CBS file.

The world is deterministic (one seeded random generator, specs in fixed order)
and dated relative to today, so a demo always looks current. It is built
through the domain verbs, each called at its moment in the past (history.py),
so its timeline reads exactly as real use writes it.

    people.py        organisations, users, teams
    signal_texts.py  what signals say, who reports what
    signals.py       drawing the signals and reporting them
    spec.py          the vocabulary of the case specs
    cases_*.py       the hand-written cases, by neighbourhood
    case_story.py    one case spec told through the verbs
    history.py       dates, and verb calls replayed at their moments
    build.py         putting it together
"""

from .build import DemoResult, demo_counts, load_demo_world
from .people import DEMO_LOGINS, PASSWORD

__all__ = ["DEMO_LOGINS", "PASSWORD", "DemoResult", "demo_counts", "load_demo_world"]
