# Notification kinds for reports and hidden jobs (board/emails/moderation.py).
# The choices are the full final set, 0012's account_email included.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0012_notification_outbox_payload")]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("new_application", "New application → company members"),
                    ("status_changed", "Application status changed → applicant"),
                    ("job_approved", "Job approved → poster"),
                    ("job_rejected", "Job rejected → poster"),
                    ("invitation", "Team invitation → invitee"),
                    ("expiry_reminder", "Job expires soon → poster"),
                    ("job_alert", "Job alert digest → subscriber"),
                    ("account_email", "Account e-mail (verification, reset…) → account"),
                    ("job_hidden", "Job hidden after reports → poster"),
                    ("job_hidden_staff", "Job hidden after reports → moderators"),
                    ("reports_digest", "New reports → moderators"),
                ],
                max_length=20,
            ),
        ),
    ]
