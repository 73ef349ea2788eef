"""Moving a model from one app to another without touching its rows (used by migrations).

The schema moves with `SeparateDatabaseAndState` (the state moves, the table stays) followed by
`AlterModelTable` (the table is renamed to the new app's name, on SQLite and PostgreSQL alike). What is left is
the content type: renamed in place, its id is kept, so the permissions granted on the model (and anything else
that points at the content type) keep working. Audit events keep the label they were written with (the hash
covers it), so old events still read ``old_app.model`` and still verify.
"""

from __future__ import annotations

from django.db import migrations


def move_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    def relabel(source: str, target: str):
        def run(apps, schema_editor):
            content_type = apps.get_model("contenttypes", "ContentType")
            for model in models:
                if content_type.objects.filter(app_label=target, model=model).exists():
                    continue  # already there (created by a post_migrate in between); the old row is stale
                content_type.objects.filter(app_label=source, model=model).update(app_label=target)

        return run

    return migrations.RunPython(relabel(old_app, new_app), relabel(new_app, old_app), elidable=False)
