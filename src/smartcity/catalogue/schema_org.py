"""The Schema.org ``Dataset`` description embedded in every dataset page (for search engines' dataset search)."""

from __future__ import annotations

import json

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def schema_org(record: dict) -> dict:
    title, notes = record["title_translated"], record["notes_translated"]
    document = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": record["url"],
        "url": record["url"],
        "identifier": record["id"],
        "name": title["th"],
        "alternateName": title["en"] or None,
        "description": notes["th"] or notes["en"] or title["th"],
        "inLanguage": ["th", "en"],
        "keywords": [tag["name"] for tag in record["tags"]],
        "license": record["license_url"] or None,
        "isAccessibleForFree": True,
        "dateCreated": record["metadata_created"],
        "dateModified": record["metadata_modified"],
        "creator": {"@type": "Organization", "name": record["organization"]["title"]},
        "publisher": {"@type": "Organization", "name": record["organization"]["title"]},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": resource["name"],
                "contentUrl": resource["url"],
                "encodingFormat": resource["mimetype"] or resource["format"],
            }
            for resource in record["resources"]
        ],
    }
    if record.get("temporal_start") or record.get("temporal_end"):
        document["temporalCoverage"] = f"{record.get('temporal_start') or '..'}/{record.get('temporal_end') or '..'}"
    return {key: value for key, value in document.items() if value not in (None, [], "")}


def schema_org_json(record: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json"> (no "</script>" can close it early)."""
    return json.dumps(schema_org(record), ensure_ascii=False).translate(_ESCAPES)
