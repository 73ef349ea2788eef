"""How to fetch a dataset from code: curl, the ckanapi command line and Python, shown on its page."""

from __future__ import annotations

from django.conf import settings


def snippets(record: dict) -> list[tuple[str, str]]:
    site, name = settings.SITE_URL, record["name"]
    first = next((r for r in record["resources"]), None)
    curl = f"curl '{site}/api/3/action/package_show?id={name}'"
    if first:
        curl += f"\ncurl -L -o data '{first['url']}'"
    return [
        ("curl", curl),
        ("ckanapi", f"ckanapi action package_show id={name} -r {site}\nckanapi dump datasets {name} -r {site}"),
        (
            "Python",
            "from ckanapi import RemoteCKAN\n\n"
            f"catalogue = RemoteCKAN('{site}')\n"
            f"dataset = catalogue.action.package_show(id='{name}')\n"
            "for resource in dataset['resources']:\n"
            "    print(resource['name'], resource['format'], resource['url'])",
        ),
        ("DCAT-AP (Turtle)", f"curl -H 'Accept: text/turtle' '{site}/dataset/{name}'"),
    ]
