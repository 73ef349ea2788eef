import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from smartcity.core.moves import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("program", "0003_renewal_window"),
        ("accounts", "0003_programrole_moves_to_program"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The rows stay where they are: the model's state arrives here on the existing table, then the table takes
    # this app's name and the content type follows (its id, and so its permissions, are kept).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProgramRole",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("secretariat", "Secretariat (depa)"),
                                    ("working_group", "Working-group member"),
                                    ("subcommittee", "Subcommittee member"),
                                    ("committee", "Committee member"),
                                    ("boi_officer", "BOI officer"),
                                    ("platform_admin", "Platform administrator"),
                                ],
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        ("is_chair", models.BooleanField(default=False, verbose_name="chair")),
                        (
                            "domain",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to="program.domain",
                                verbose_name="domain",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="program_roles",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "program role",
                        "verbose_name_plural": "program roles",
                        "db_table": "accounts_programrole",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "role", "domain"), name="program_role_unique"),
                            models.UniqueConstraint(
                                condition=models.Q(("domain__isnull", True)),
                                fields=("user", "role"),
                                name="program_role_unique_nodomain",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("domain__isnull", False), ("role", "working_group")),
                                    models.Q(
                                        models.Q(("role", "working_group"), _negated=True), ("domain__isnull", True)
                                    ),
                                    _connector="OR",
                                ),
                                name="program_role_domain_iff_working_group",
                            ),
                        ],
                    },
                )
            ]
        ),
        migrations.AlterModelTable(name="programrole", table=None),
        move_content_types("accounts", "program", ["programrole"]),
    ]
