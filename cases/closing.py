"""What apps above cases do when a case closes or is cancelled, in the same transaction as the status change.

The plan of approach lives in interventions, above cases in the layers: it
registers how its open work is settled (InterventionsConfig.ready), and the
case's transition verb calls every registered settler, so no closed case keeps
running interventions or open actions that nobody is reminded of any more.
"""

_settlers = []


def register_settler(settle):
    """Call settle(case, by=user, reason=closing reason code or "" for a cancelled case) on closing."""
    _settlers.append(settle)
    return settle


def settle_open_work(case, *, by, reason):
    for settle in _settlers:
        settle(case, by=by, reason=reason)
