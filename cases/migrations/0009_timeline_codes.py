# Timeline lines become a code and its data, written out in each reader's language (cases/texts.py).
#
# Rows written before stored their sentence as text, in the language of whoever
# caused them. Each gets the code its verb writes now where the row's kind and
# data, or its text matched against the sentence as it was written then (in
# English or in Dutch), give every value that sentence needs; enum labels found
# in a text become their codes again through the frozen tables below. Every
# other row gets the code "legacy" with {"text": its old text}, shown as it is.
#
# The summary column is dropped afterwards: everything a line says is in code
# and data now (a legacy row's text included), and a column nothing reads would
# only invite new code to write sentences again. Going back rebuilds it: the old
# text of a legacy row, an English sentence for the others.
#
# The tables are copies of the sentences and labels as they were when this was
# written, so the migration does not change when the code moves on.

import datetime
import re

from django.db import migrations, models

LEGACY = "legacy"

# Intervention kinds and outcomes: code -> label, in English and in Dutch.
KINDS = {
    "en": {
        "neighbour_mediation": "neighbour mediation",
        "home_visit": "home visit (behind the front door)",
        "warning_letter": "warning letter",
        "last_chance_agreement": "last-chance agreement",
        "tenancy_behaviour_order": "tenancy behaviour order",
        "administrative_warning": "administrative warning",
        "mayors_behaviour_order": "mayor's behaviour order (art. 151d Gemeentewet)",
        "closure_order": "closure order",
        "eviction": "eviction",
        "care_referral": "care referral (Meldpunt Zorg en Overlast)",
        "supported_living": "supported living",
        "debt_help": "debt help",
        "housing_first": "Housing First",
        "skaeve_huse": "Skaeve Huse",
        "conditional_tenancy": "conditional tenancy",
        "zvh_referral": "referral to the Zorg- en Veiligheidshuis",
        "veilig_thuis_report": "report to Veilig Thuis",
        "physical_measure": "physical measure",
        "other": "other",
    },
    "nl": {
        "neighbour_mediation": "buurtbemiddeling",
        "home_visit": "huisbezoek (achter de voordeur)",
        "warning_letter": "waarschuwingsbrief",
        "last_chance_agreement": "laatstekansovereenkomst",
        "tenancy_behaviour_order": "gedragsaanwijzing huurder",
        "administrative_warning": "bestuurlijke waarschuwing",
        "mayors_behaviour_order": "gedragsaanwijzing burgemeester (art. 151d Gemeentewet)",
        "closure_order": "sluitingsbevel",
        "eviction": "ontruiming",
        "care_referral": "zorgmelding (Meldpunt Zorg en Overlast)",
        "supported_living": "beschermd/begeleid wonen",
        "debt_help": "schuldhulpverlening",
        "housing_first": "Housing First",
        "skaeve_huse": "Skaeve Huse",
        "conditional_tenancy": "voorwaardelijk huurcontract",
        "zvh_referral": "verwijzing naar het Zorg- en Veiligheidshuis",
        "veilig_thuis_report": "melding bij Veilig Thuis",
        "physical_measure": "fysieke maatregel",
        "other": "overig",
    },
}
OUTCOMES = {
    "en": {"effective": "effective", "partly": "partly effective", "not_effective": "not effective", "unknown": "unknown"},
    "nl": {"effective": "effectief", "partly": "deels effectief", "not_effective": "niet effectief", "unknown": "onbekend"},
}
# English labels, for going back.
STATUSES = {
    "reported": "reported",
    "triage": "triage",
    "plan": "plan of approach",
    "in_progress": "in progress",
    "monitoring": "monitoring",
    "closed": "closed",
    "escalated": "escalated",
    "cancelled": "cancelled",
}
CLOSING_REASONS = {
    "nuisance_stopped": "nuisance stopped",
    "care_in_place": "care in place",
    "moved": "moved",
    "evicted": "evicted",
    "referred_on": "referred on",
    "unfounded": "unfounded",
    "other": "other",
}
CATEGORIES = {
    "GEL": "noise",
    "RUZ": "neighbour dispute",
    "AGR": "aggression / intimidation",
    "DRU": "drug dealing",
    "HEN": "cannabis farm",
    "VUI": "squalor / neglected home",
    "STA": "odour",
    "ONG": "vermin",
    "DIE": "pets",
    "VAN": "vandalism",
    "ONV": "unsafe common areas",
    "KLI": "misuse of common areas",
    "ONR": "illegal occupancy",
    "BED": "business use",
    "PSY": "confused behaviour (E33)",
    "VER": "addiction",
    "SCH": "rent arrears",
    "JEU": "youth nuisance",
    "ZRG": "welfare concern",
    "HGW": "suspected domestic violence",
    "OVE": "other",
}

# (old kind, language, the old sentence as a pattern, the code it becomes). The Dutch
# sentences are the translations of the time; lines without one were written in English.
OLD_SENTENCES = [
    ("case_opened", "en", r"Case opened: (?P<title>.*)", "case_opened"),
    ("case_opened", "nl", r"Casus geopend: (?P<title>.*)", "case_opened"),
    ("signal_linked", "en", r"Signal: (?P<category>.+?) — (?P<description>.*)", "signal_linked"),
    ("signal_linked", "nl", r"Melding: (?P<category>.+?) — (?P<description>.*)", "signal_linked"),
    ("attachment", "en", r"Attachment added: (?P<name>.*)", "attachment_added"),
    ("attachment", "nl", r"Bijlage toegevoegd: (?P<name>.*)", "attachment_added"),
    ("participant_added", "en", r"(?P<organisation>.+) takes part \((?P<basis>.*)\)", "participant_added"),
    ("participant_added", "nl", r"(?P<organisation>.+) neemt deel \((?P<basis>.*)\)", "participant_added"),
    ("participant_ended", "en", r"(?P<organisation>.+) no longer takes part", "participant_ended"),
    ("participant_ended", "nl", r"(?P<organisation>.+) neemt niet meer deel", "participant_ended"),
    (
        "direction_handed_over",
        "en",
        r"Direction handed over to (?P<director>.+?) \((?P<organisation>.+)\)",
        "direction_handed_over",
    ),
    ("intervention", "en", r"Intervention planned: (?P<kind>.+?), led by (?P<organisation>.+)", "intervention_planned"),
    ("intervention", "nl", r"Interventie gepland: (?P<kind>.+?), regie bij (?P<organisation>.+)", "intervention_planned"),
    ("intervention", "en", r"Intervention started: (?P<kind>.+)", "intervention_started"),
    ("intervention", "nl", r"Interventie gestart: (?P<kind>.+)", "intervention_started"),
    ("intervention", "en", r"Intervention done: (?P<kind>.+) \((?P<outcome>[^()]+)\)", "intervention_done"),
    ("intervention", "nl", r"Interventie afgerond: (?P<kind>.+) \((?P<outcome>[^()]+)\)", "intervention_done"),
    ("intervention", "en", r"Intervention stopped: (?P<kind>.+)", "intervention_stopped"),
    ("intervention", "nl", r"Interventie gestopt: (?P<kind>.+)", "intervention_stopped"),
    ("intervention", "en", r"Progress on (?P<kind>.+?): (?P<body>.*)", "intervention_progress"),
    ("intervention", "nl", r"Voortgang (?P<kind>.+?): (?P<body>.*)", "intervention_progress"),
    (
        "intervention",
        "en",
        r"Intervention ended with the case: (?P<kind>.+) \((?P<why>[^()]+)\)",
        "intervention_ended_with_case",
    ),
    ("action", "en", r"Action for (?P<who>.+?): (?P<title>.*)", "action_added"),
    ("action", "nl", r"Actie voor (?P<who>.+?): (?P<title>.*)", "action_added"),
    ("action", "en", r"Action done: (?P<title>.*?) — (?P<result>.*)", "action_done"),
    ("action", "nl", r"Actie afgerond: (?P<title>.*?) — (?P<result>.*)", "action_done"),
    ("action", "en", r"Action reopened: (?P<title>.*)", "action_reopened"),
    ("action", "nl", r"Actie heropend: (?P<title>.*)", "action_reopened"),
    ("action", "en", r"Action ended with the case: (?P<title>.*) \((?P<why>[^()]+)\)", "action_ended_with_case"),
    ("review", "en", r"Case review planned for (?P<date>\d\d-\d\d-\d{4})", "review_planned"),
    ("review", "nl", r"Casusoverleg gepland op (?P<date>\d\d-\d\d-\d{4})", "review_planned"),
    ("review", "en", r"Case review held; (?P<count>\d+) decisions?", "review_held"),
    ("review", "nl", r"Casusoverleg gehouden; (?P<count>\d+) besluit(?:en)?", "review_held"),
]
PATTERNS = [(kind, lang, re.compile(pattern, re.DOTALL), code) for kind, lang, pattern, code in OLD_SENTENCES]


def _label_code(table, lang, label):
    """The code of a label, in the sentence's language first: labels were translated even where the sentence
    around them was not (an English sentence without a Dutch translation shows Dutch labels)."""
    for language in sorted(table, key=lambda language: language != lang):
        code = next((code for code, known in table[language].items() if known == label), None)
        if code is not None:
            return code
    return None


def _from_text(kind, summary, data, signal_categories):
    """(code, data) for an old line whose text is one of its kind's old sentences, else None."""
    for old_kind, lang, pattern, code in PATTERNS:
        match = pattern.fullmatch(summary) if old_kind == kind else None
        if match is None:
            continue
        values = {**data, **match.groupdict()}
        if "kind" in values:
            values["kind"] = _label_code(KINDS, lang, values["kind"])
            if values["kind"] is None:
                continue
        if "outcome" in values:
            values["outcome"] = _label_code(OUTCOMES, lang, values["outcome"])
            if values["outcome"] is None:
                continue
        if "why" in values:
            # The closing reason's code is in the data; the sentence only showed its label.
            del values["why"]
            if not data.get("ended_with_case"):
                continue
            if data["ended_with_case"] == "cancelled":
                code = code.replace("_ended_", "_cancelled_")
        if code == "signal_linked":
            # The category was shown as its label; the signal keeps the code (it cannot change).
            values["category"] = signal_categories.get(data.get("signal_id"))
            if values["category"] is None:
                continue
        if code == "review_planned":
            values["date"] = datetime.datetime.strptime(values["date"], "%d-%m-%Y").date().isoformat()
        if code == "review_held":
            values["count"] = int(values["count"])
        return code, values
    return None


def _coded(kind, summary, data, signal_categories):
    """(code, data) for one old line: its verb's code where everything is known, else legacy with its text."""
    data = data if isinstance(data, dict) else {}
    if kind == "status_changed" and {"previous", "status"} <= set(data):
        if data["status"] == "closed" and data.get("reason"):
            return "case_closed", data
        if data["status"] == "escalated" and data.get("escalated_to"):
            return "case_escalated", data
        return "status_changed", data
    if kind == "note":
        # The line was the note's own opening words: no sentence, no language of ours.
        return "note_added", {**data, "excerpt": summary}
    if kind == "case_edited" and isinstance(data.get("changes"), dict):
        return "case_edited", data
    return _from_text(kind, summary, data, signal_categories) or (LEGACY, {**data, "text": summary})


def code_the_timeline(apps, schema_editor):
    """Give every timeline entry a code and the data its sentence needs (or the legacy code and its text)."""
    Entry = apps.get_model("cases", "TimelineEntry")
    Signal = apps.get_model("cases", "Signal")
    signal_categories = dict(Signal.objects.filter(case__isnull=False).values_list("pk", "category"))
    changed = []
    for entry in Entry.objects.only("kind", "summary", "data").iterator(chunk_size=2000):
        entry.code, entry.data = _coded(entry.kind, entry.summary, entry.data, signal_categories)
        changed.append(entry)
        if len(changed) == 2000:
            Entry.objects.bulk_update(changed, ["code", "data"])
            changed = []
    Entry.objects.bulk_update(changed, ["code", "data"])


ENGLISH = {
    "case_opened": "Case opened: %(title)s",
    "signal_linked": "Signal: %(category)s — %(description)s",
    "status_changed": "Status: %(previous)s → %(status)s",
    "case_closed": "Status: %(previous)s → %(status)s (%(reason)s)",
    "case_escalated": "Status: %(previous)s → %(status)s (%(escalated_to)s)",
    "participant_added": "%(organisation)s takes part (%(basis)s)",
    "participant_ended": "%(organisation)s no longer takes part",
    "direction_handed_over": "Direction handed over to %(director)s (%(organisation)s)",
    "note_added": "%(excerpt)s",
    "attachment_added": "Attachment added: %(name)s",
    "case_edited": "Case details changed: %(fields)s",
    "intervention_planned": "Intervention planned: %(kind)s, led by %(organisation)s",
    "intervention_started": "Intervention started: %(kind)s",
    "intervention_done": "Intervention done: %(kind)s (%(outcome)s)",
    "intervention_stopped": "Intervention stopped: %(kind)s",
    "intervention_progress": "Progress on %(kind)s: %(body)s",
    "intervention_ended_with_case": "Intervention ended with the case: %(kind)s (%(reason)s)",
    "intervention_cancelled_with_case": "Intervention ended with the case: %(kind)s (case cancelled)",
    "action_added": "Action for %(who)s: %(title)s",
    "action_done": "Action done: %(title)s — %(result)s",
    "action_reopened": "Action reopened: %(title)s",
    "action_ended_with_case": "Action ended with the case: %(title)s (%(reason)s)",
    "action_cancelled_with_case": "Action ended with the case: %(title)s (case cancelled)",
    "review_planned": "Case review planned for %(date)s",
    "review_held": "Case review held; %(count)s decisions",
    LEGACY: "%(text)s",
}


def _english(code, data):
    """An old-style English summary of a coded line (going back); the code itself if it does not fit."""
    values = dict(data)
    for name, table in [("previous", STATUSES), ("status", STATUSES), ("category", CATEGORIES)]:
        if name in values:
            values[name] = table.get(values[name], values[name])
    if "kind" in values:
        values["kind"] = KINDS["en"].get(values["kind"], values["kind"])
    if "outcome" in values:
        values["outcome"] = OUTCOMES["en"].get(values["outcome"], values["outcome"])
    reason = values.get("ended_with_case") or values.get("reason")
    values["reason"] = CLOSING_REASONS.get(reason, reason)
    if code == "case_edited":
        values["fields"] = ", ".join(values.get("changes") or {})
    if code == "review_planned" and values.get("date"):
        values["date"] = datetime.date.fromisoformat(values["date"]).strftime("%d-%m-%Y")
    if code == "review_held" and values.get("count") == 1:
        return "Case review held; 1 decision"
    try:
        return (ENGLISH[code] % values)[:300]
    except (KeyError, TypeError, ValueError):
        return code


def summarise_the_timeline(apps, schema_editor):
    """Going back: write every entry's summary again (a legacy entry's old text, else English)."""
    Entry = apps.get_model("cases", "TimelineEntry")
    changed = []
    for entry in Entry.objects.only("code", "data").iterator(chunk_size=2000):
        entry.summary = _english(entry.code, entry.data or {})
        changed.append(entry)
        if len(changed) == 2000:
            Entry.objects.bulk_update(changed, ["summary"])
            changed = []
    Entry.objects.bulk_update(changed, ["summary"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_access_log_what_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='timelineentry',
            name='code',
            field=models.CharField(default=LEGACY, max_length=40, verbose_name='text'),
            preserve_default=False,
        ),
        migrations.RunPython(code_the_timeline, summarise_the_timeline),
        # A default first, so that going back can add the column to a table that has rows.
        migrations.AlterField(
            model_name='timelineentry',
            name='summary',
            field=models.CharField(default='', max_length=300, verbose_name='summary'),
        ),
        migrations.RemoveField(
            model_name='timelineentry',
            name='summary',
        ),
    ]
