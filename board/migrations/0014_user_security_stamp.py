from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0013_moderation_notifications")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="security_stamp",
            field=models.CharField(blank=True, default="", editable=False, max_length=32),
        ),
    ]
