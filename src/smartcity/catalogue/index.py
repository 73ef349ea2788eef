"""Keeping a dataset's derived data current: its CKAN record, its DCAT-AP fragments, its openness and its search
words.

Every service that changes a dataset, its resources, tags or themes calls ``refresh`` in the same transaction.
"""

from __future__ import annotations

import json

from .dcat_pages import dataset_fragments
from .models import Dataset, DatasetToken
from .packages import openness, package_record
from .publishers import publisher_for
from .text import weighted_words


def refresh(dataset: Dataset) -> None:
    resources = list(dataset.resources.order_by("position", "created_at"))
    tags = list(dataset.tags.order_by("name").values_list("name", flat=True))
    themes = list(dataset.themes.order_by("order"))
    publisher = publisher_for(dataset.organization)
    dataset.openness = openness(dataset, resources)
    record = package_record(dataset, publisher, resources, tags, themes)
    dataset.package_json = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    feeds = dataset_fragments(record)
    for column, text in feeds.items():
        setattr(dataset, column, text)
    Dataset.objects.filter(pk=dataset.pk).update(openness=dataset.openness, package_json=dataset.package_json, **feeds)
    _reindex(dataset, tags, themes, resources, publisher)


def _reindex(dataset: Dataset, tags, themes, resources, publisher) -> None:
    org = dataset.organization
    weights = weighted_words(
        (f"{dataset.title_th} {dataset.title_en} {dataset.name.replace('-', ' ')}", 3),
        (" ".join(tags), 2),
        (" ".join(f"{d.name_th} {d.name_en}" for d in themes), 2),
        (f"{dataset.notes_th} {dataset.notes_en}", 1),
        (f"{org.name_th} {org.name_en} {publisher.name.replace('-', ' ')}", 1),
        (" ".join(f"{r.name_th} {r.name_en} {r.description_th} {r.description_en} {r.format}" for r in resources), 1),
    )
    DatasetToken.objects.filter(dataset=dataset).delete()
    DatasetToken.objects.bulk_create(
        [DatasetToken(dataset=dataset, token=token, weight=weight) for token, weight in weights.items()]
    )
