# Notifications and their preferences moved to the notifications app: the tables are
# renamed here and the models leave this app's state; notifications 0001 adopts them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0004_alert_and_summary_notification_kinds'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='notification',
            new_name='notification_unread_by_user',
            old_name='partners_no_user_id_74a91f_idx',
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='notification', table='notifications_notification'),
                migrations.AlterModelTable(
                    name='notificationpreference', table='notifications_notificationpreference'
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name='Notification'),
                migrations.DeleteModel(name='NotificationPreference'),
            ],
        ),
    ]
