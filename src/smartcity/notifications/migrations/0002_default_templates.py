"""The first six message templates the platform sends, in Thai and English (see notifications/defaults.py)."""

from django.db import migrations

from smartcity.notifications import defaults


def load(apps, schema_editor):
    defaults.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
