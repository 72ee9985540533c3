"""The vocabulary of the hand-written case specs (the `cases_*.py` modules).

A case spec is a dict: title, scope, buurt (CBS code), address, the status it
has reached, priority, case director and lead organisation (the director's
own, as the case-opening form has it), day offsets for when it was opened,
last changed and is next reviewed (days relative to today, negative = in the
past), and lists of participants, signals, notes, interventions, loose actions
and reviews written with the helpers below.
`case_story.py` tells each spec through the domain verbs.
"""

from cases.models import CaseScope, CaseStatus, Category, ClosingReason, ParticipantRole, Priority
from interventions.models import InterventionKind, InterventionStatus, Outcome, SolutionDirection

C = Category
K = InterventionKind
D = SolutionDirection
S = InterventionStatus
__all__ = ["C", "D", "K", "S", "CaseScope", "CaseStatus", "ClosingReason", "Outcome", "ParticipantRole", "Priority"]

ZVH = "Zorg- en Veiligheidshuis Amsterdam-Amstelland"

LEGAL_BASES = {
    "woonoverlast": "Wet aanpak woonoverlast – signalering en aanpak overlast (art. 151d Gemeentewet)",
    "huur": "Uitvoering huurovereenkomst – goed huurderschap (art. 7:213 BW)",
    "regie": "Casusregie Zorg en Veiligheid – convenant wijkaanpak Amsterdam",
    "politie": "Wet politiegegevens art. 16 – verstrekking aan samenwerkingsverband",
    "ggz": "Toestemming cliënt / Wet verplichte ggz – afstemming zorg bij overlast",
    "wmo": "Wmo 2015 – ondersteuning bij zelfredzaamheid",
    "opium": "Opiumwet art. 13b – aanpak drugshandel vanuit woningen",
    "zvh": "Convenant Zorg- en Veiligheidshuis Amsterdam-Amstelland",
    "jeugd": "Jeugdwet / Wmo 2015 – integrale aanpak jeugdoverlast",
    "meldcode": "Wet verplichte meldcode huiselijk geweld en kindermishandeling",
    "verhuur": "Huisvestingsverordening Amsterdam – handhaving vakantieverhuur",
    "schulden": "Wet gemeentelijke schuldhulpverlening – vroegsignalering",
}
DEFAULT_BASIS = {
    "veste": "huur",
    "baken": "huur",
    "gemeente": "woonoverlast",
    "politie": "politie",
    "ggz": "ggz",
    "buurtteam": "wmo",
    "linde": "wmo",
}


def P(org, role=ParticipantRole.PARTNER, since=None, until=None, basis=None):
    """A participating organisation: from `since` (default: the day the case opened) until `until`, if it left."""
    return {"org": org, "role": role, "since": since, "until": until, "basis": basis}


def N(days, author, body, own=False):
    """A note; `own` makes it visible to the author's organisation only."""
    return {"days": days, "author": author, "body": body, "own": own}


def A(title, assignee, due, done=None, result=""):
    """An action for `assignee` (and so their organisation), due on day `due`, done on day `done` with `result`."""
    return {"title": title, "assignee": assignee, "due": due, "done": done, "result": result}


def IV(kind, direction, lead, owner, start, due, status, goal, *, contributions=(), outcome="", evaluation="",
       actions=(), updates=()):  # fmt: skip
    """An intervention that has reached `status`; `updates` are (author, day, text) progress updates."""
    return {
        "kind": kind,
        "direction": direction,
        "lead": lead,
        "owner": owner,
        "start": start,
        "due": due,
        "status": status,
        "goal": goal,
        "contributions": contributions,
        "outcome": outcome,
        "evaluation": evaluation,
        "actions": actions,
        "updates": updates,
    }


def R(days, attendees, minutes=""):
    """A case review on day `days`; one in the past is held, with its minutes."""
    return {"days": days, "attendees": attendees, "minutes": minutes}
