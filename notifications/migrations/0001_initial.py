# The models were created in the partners app (0002, 0003) and moved here; the
# tables already exist under these names (partners 0005 renamed them).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('partners', '0005_notifications_move_to_their_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('invited_to_case', 'your organisation was invited to a case'), ('participation_ended', "your organisation's part in a case ended"), ('due_tomorrow', 'an action is due tomorrow'), ('overdue', 'an action is overdue'), ('escalation', 'an action is long overdue (to the case director)'), ('review_upcoming', 'a case review is coming up'), ('case_quiet', 'a case went quiet'), ('neighbourhood_alert', 'signals are rising in a neighbourhood'), ('address_alert', 'several partners report signals about one address'), ('weekly_summary', 'the weekly summary')], max_length=32, verbose_name='kind')),
                        ('message', models.CharField(max_length=300, verbose_name='message')),
                        ('url', models.CharField(blank=True, max_length=300, verbose_name='link')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='notification_unread_by_user')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('invited_to_case', 'your organisation was invited to a case'), ('participation_ended', "your organisation's part in a case ended"), ('due_tomorrow', 'an action is due tomorrow'), ('overdue', 'an action is overdue'), ('escalation', 'an action is long overdue (to the case director)'), ('review_upcoming', 'a case review is coming up'), ('case_quiet', 'a case went quiet'), ('neighbourhood_alert', 'signals are rising in a neighbourhood'), ('address_alert', 'several partners report signals about one address'), ('weekly_summary', 'the weekly summary')], max_length=32, verbose_name='kind')),
                        ('by_email', models.BooleanField(default=True, verbose_name='also by e-mail')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'notification preference',
                        'verbose_name_plural': 'notification preferences',
                        'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='one_preference_per_kind')],
                    },
                ),
            ],
        ),
    ]
