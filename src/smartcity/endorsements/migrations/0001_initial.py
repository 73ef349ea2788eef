import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from smartcity.core.moves import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_programrole_moves_to_program"),
        ("certification", "0003_endorsement_moves_to_endorsements"),
        ("program", "0004_programrole_moves_to_program"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The rows stay where they are: the model's state arrives here on the existing tables (the endorsement and
    # its domains), then the tables take this app's name and the content type follows (its id, and so its
    # permissions, are kept). Audit events written before keep the label `certification.endorsement`.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Endorsement",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("juristic_id", models.CharField(max_length=13, verbose_name="juristic person ID")),
                        (
                            "activity",
                            models.CharField(
                                choices=[
                                    ("area_development", "Smart city area development"),
                                    ("system_development", "Smart city system development"),
                                    ("industrial_zone", "Smart industrial estate or zone"),
                                ],
                                max_length=30,
                                verbose_name="BOI activity",
                            ),
                        ),
                        ("project_title", models.CharField(max_length=300, verbose_name="project")),
                        ("description", models.TextField(max_length=5000, verbose_name="description")),
                        (
                            "investment_baht",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=16,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="investment (baht)",
                            ),
                        ),
                        ("lat", models.DecimalField(decimal_places=6, max_digits=9, verbose_name="latitude")),
                        ("lon", models.DecimalField(decimal_places=6, max_digits=9, verbose_name="longitude")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("requested", "Requested"),
                                    ("approved", "Approved"),
                                    ("rejected", "Rejected"),
                                    ("suspended", "Suspended"),
                                ],
                                default="requested",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "code",
                            models.CharField(
                                blank=True, max_length=40, null=True, unique=True, verbose_name="verification code"
                            ),
                        ),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                        ("decision_note", models.TextField(blank=True, max_length=2000, verbose_name="note")),
                        ("suspended_with_certificate", models.BooleanField(default=False)),
                        (
                            "certificate",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="endorsements",
                                to="certification.certificate",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="endorsements",
                                to="accounts.organization",
                                verbose_name="company",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "domains",
                            models.ManyToManyField(
                                related_name="+", to="program.domain", verbose_name="domains of the project"
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "BOI endorsement",
                        "verbose_name_plural": "BOI endorsements",
                        "db_table": "certification_endorsement",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(fields=["juristic_id"], name="endorsement_juristic_id_idx"),
                            models.Index(fields=["status", "created_at"], name="endorsement_status_idx"),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["requested", "rejected"]), ("code__isnull", False), _connector="OR"
                                ),
                                name="endorsement_decided_has_code",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("investment_baht__gte", 0)), name="endorsement_investment_positive"
                            ),
                        ],
                    },
                )
            ]
        ),
        migrations.AlterModelTable(name="endorsement", table=None),
        move_content_types("certification", "endorsements", ["endorsement"]),
    ]
