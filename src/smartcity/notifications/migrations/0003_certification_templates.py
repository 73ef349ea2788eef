"""The certification messages: issued, expiry reminders, renewal decisions, state changes, endorsements."""

from django.db import migrations

from smartcity.notifications import defaults


def load(apps, schema_editor):
    defaults.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_default_templates")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
