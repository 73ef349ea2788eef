"""The program as announced on 11 March 2019: seven domains, five criteria, city types,
designations and the criteria set "ประกาศ 1/2562" (version 1)."""

from django.db import migrations

from smartcity.program import seed


def load(apps, schema_editor):
    seed.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
