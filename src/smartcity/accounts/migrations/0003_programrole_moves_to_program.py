from django.db import migrations


class Migration(migrations.Migration):
    """ProgramRole moves to `program` (its domain is program's); the table is kept and renamed there."""

    dependencies = [
        ("accounts", "0002_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ProgramRole")]),
    ]
