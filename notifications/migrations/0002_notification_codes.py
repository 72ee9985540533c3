# Notifications become a code and its data, written out in each reader's language (notifications/texts.py).
#
# Rows written before stored their message as text in the language of the
# moment. A message that is one of the old sentences without a date or figure
# in it (an invitation, an ended participation, an action due tomorrow; in
# English or in Dutch, copied below as they were) gets the code its sender
# writes now, with the values read from the text. Every other row gets the code
# "legacy" with {"text": its old message}, shown as it is: reminders, alerts and
# weekly summaries carry formatted dates and figures that cannot be read back
# safely, and they are stale within days anyway.
#
# The message column is dropped afterwards: what a notification says is in code
# and data now (a legacy row's text included), and a column nothing reads would
# only invite new code to store sentences again. Going back rebuilds it: the
# old text of a legacy row, an English sentence for the others.

import re

from django.db import migrations, models

LEGACY = "legacy"

# (kind, the old sentence as a pattern, the code it becomes, its English sentence for going back)
OLD_SENTENCES = [
    (
        "invited_to_case",
        r"(?P<organisation>.+) (?:was invited to the case|is uitgenodigd voor de casus) “(?P<case>.*)”",
        "invited_to_case",
        "%(organisation)s was invited to the case “%(case)s”",
    ),
    (
        "participation_ended",
        r"(?P<organisation>.+) (?:no longer takes part in the case|neemt niet meer deel aan de casus) “(?P<case>.*)”",
        "participation_ended",
        "%(organisation)s no longer takes part in the case “%(case)s”",
    ),
    (
        "due_tomorrow",
        (
            r"(?:Action|Actie) “(?P<action>.*)” \((?:case|casus) “(?P<case>.*)”\)"
            r" (?:is due tomorrow|moet uiterlijk morgen klaar zijn)\."
        ),
        "due_tomorrow",
        "Action “%(action)s” (case “%(case)s”) is due tomorrow.",
    ),
]
PATTERNS = [(kind, re.compile(pattern, re.DOTALL), code) for kind, pattern, code, _english in OLD_SENTENCES]
ENGLISH = {code: english for _kind, _pattern, code, english in OLD_SENTENCES} | {LEGACY: "%(text)s"}
CASE_URL = re.compile(r"/casussen/(?P<pk>\d+)/")


def _coded(kind, message, url):
    """(code, data) for one old notification: its sender's code where the text says everything, else legacy."""
    for old_kind, pattern, code in PATTERNS:
        match = pattern.fullmatch(message) if old_kind == kind else None
        if match:
            data = match.groupdict()
            case = CASE_URL.match(url or "")
            if case:
                data["case_id"] = int(case["pk"])
            return code, data
    return LEGACY, {"text": message}


def code_the_notifications(apps, schema_editor):
    """Give every notification a code and data (or the legacy code and its old message)."""
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for notification in Notification.objects.only("kind", "message", "url").iterator(chunk_size=2000):
        notification.code, notification.data = _coded(notification.kind, notification.message, notification.url)
        changed.append(notification)
        if len(changed) == 2000:
            Notification.objects.bulk_update(changed, ["code", "data"])
            changed = []
    Notification.objects.bulk_update(changed, ["code", "data"])


def _english(code, data):
    try:
        return (ENGLISH[code] % data)[:300]
    except (KeyError, TypeError, ValueError):
        return code


def message_the_notifications(apps, schema_editor):
    """Going back: write every notification's message again (a legacy one's old text, else English)."""
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for notification in Notification.objects.only("code", "data").iterator(chunk_size=2000):
        notification.message = _english(notification.code, notification.data or {})
        changed.append(notification)
        if len(changed) == 2000:
            Notification.objects.bulk_update(changed, ["message"])
            changed = []
    Notification.objects.bulk_update(changed, ["message"])


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='code',
            field=models.CharField(default=LEGACY, max_length=40, verbose_name='text'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='notification',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.RunPython(code_the_notifications, message_the_notifications),
        # A default first, so that going back can add the column to a table that has rows.
        migrations.AlterField(
            model_name='notification',
            name='message',
            field=models.CharField(default='', max_length=300, verbose_name='message'),
        ),
        migrations.RemoveField(
            model_name='notification',
            name='message',
        ),
    ]
