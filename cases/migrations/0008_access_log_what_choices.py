from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_access_log_copy_names_code_reads'),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslogentry',
            name='what',
            field=models.CharField(choices=[('case_page', 'case page'), ('case', 'case details'), ('notes', 'notes'), ('timeline', 'timeline'), ('participants', 'participants'), ('attachments', 'list of attachments'), ('attachment', 'attachment'), ('edit', 'edit page'), ('status', 'status change page'), ('invite', 'invitation page'), ('end_participation', 'page to end a participation'), ('hand_over', 'page to hand over direction'), ('access_log', 'access log'), ('intervention', 'intervention'), ('action', 'action'), ('review', 'case review'), ('agenda', 'case review agenda')], default='case_page', max_length=32, verbose_name='what'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='kind',
            field=models.CharField(choices=[('case_opened', 'case opened'), ('signal_linked', 'signal linked'), ('note', 'note'), ('attachment', 'attachment'), ('status_changed', 'status changed'), ('participant_added', 'participant added'), ('participant_ended', 'participation ended'), ('case_edited', 'case details changed'), ('direction_handed_over', 'direction handed over'), ('intervention', 'intervention'), ('action', 'action'), ('review', 'case review')], max_length=24, verbose_name='kind'),
        ),
        migrations.RemoveField(
            model_name='accesslogentry',
            name='organisation',
        ),
    ]
