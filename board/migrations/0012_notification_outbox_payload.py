# Account e-mails (allauth's) go through the outbox with their rendered message
# (board/emails/accounts.py). The account_email kind's choice is in 0013, which
# writes the full final set of kinds.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0011_application_active")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="payload",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
    ]
