from django.db import migrations


class Migration(migrations.Migration):
    """Endorsement moves to the `endorsements` app; the table is kept and renamed there."""

    dependencies = [
        ("certification", "0002_endorsement_codes_and_checks"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Endorsement")]),
    ]
