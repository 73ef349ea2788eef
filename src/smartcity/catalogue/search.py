"""``package_search``: the parsed ``q``/``fq`` as SQL, facets computed by the database, one page of CKAN
records read as stored text. Queries per search: one count, one page, one per facet field — never per row."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from . import query as ql
from .errors import InvalidPackage
from .models import Dataset, DatasetState, DatasetToken, Publisher, Resource
from .rules import member_organization_ids
from .text import words
from .vocabularies import LICENCES_BY_ID

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id", "classification", "frequency")
SORT_FIELDS = {
    "score": "score",
    "metadata_modified": "updated_at",
    "metadata_created": "created_at",
    "name": "name",
    "title_string": "title_th",
    "id": "id",
}
DEFAULT_SORT = "score desc, metadata_modified desc"


@dataclass
class SearchResult:
    count: int
    records: list[str]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    sort: str = DEFAULT_SORT


# --- q and fq to SQL ---------------------------------------------------------------------------------------


def _text_q(text: str, scored: list[str]) -> Q:
    if text.endswith("*") and len(text) > 1:
        return Q(pk__in=DatasetToken.objects.filter(token__startswith=text[:-1].lower()).values("dataset_id"))
    terms = sorted(set(words(text)))
    scored.extend(terms)
    if len(terms) < 2:
        return Q(pk__in=DatasetToken.objects.filter(token__in=terms).values("dataset_id"))
    # Datasets with every word: one pass over the words' postings, grouped, instead of one semi-join per word
    # (which PostgreSQL plans as a nested loop per word on a segmented Thai query of three or four words).
    having_all = (
        DatasetToken.objects.filter(token__in=terms)
        .values("dataset_id")
        .annotate(found=Count("token"))
        .filter(found=len(terms))
    )
    return Q(pk__in=having_all.values("dataset_id"))


def _through(relation: str, **lookup) -> Q:
    model = getattr(Dataset, relation).through
    return Q(pk__in=model.objects.filter(**lookup).values("dataset_id"))


def _moment(text: str) -> dt.datetime | None:
    if text == "*":
        return None
    if text.upper().startswith("NOW"):
        return dt.datetime.now(dt.UTC)
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ql.QuerySyntaxError(f"not a date: {text}") from exc
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _range_q(column: str, value: ql.Range) -> Q:
    result = Q()
    low, high = _moment(value.low), _moment(value.high)
    if low is not None:
        result &= Q(**{f"{column}__{'gte' if value.include_low else 'gt'}": low})
    if high is not None:
        result &= Q(**{f"{column}__{'lte' if value.include_high else 'lt'}": high})
    return result


def _field_value_q(name: str, text: str, scored: list[str]) -> Q:
    any_value = text == "*"
    simple = {
        "name": "name",
        "license_id": "license_id",
        "classification": "classification",
        "frequency": "frequency",
        "state": "state",
    }
    if name in simple:
        return ~Q(**{simple[name]: ""}) if any_value else Q(**{simple[name]: text})
    if name in ("organization", "owner_org"):
        publishers = Publisher.objects.filter(**({"name": text} if name == "organization" else {"id": _uuid(text)}))
        return Q(organization_id__in=publishers.values("organization_id"))
    if name == "id":
        return Q(pk=_uuid(text))
    if name == "tags":
        return _through("tags") if any_value else _through("tags", tag__name=text)
    if name == "groups":
        return _through("themes") if any_value else _through("themes", domain__code=text)
    if name == "res_format":
        resources = Resource.objects.all() if any_value else Resource.objects.filter(format__iexact=text)
        return Q(pk__in=resources.values("dataset_id"))
    if name == "capacity":
        return Q(private=text != "public")
    if name in ("text", "title", "notes"):
        return _text_q(text, scored)
    raise ql.QuerySyntaxError(f"unknown field {name}")


def _uuid(text: str):
    import uuid

    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise ql.QuerySyntaxError(f"not an id: {text}") from exc


def _field_q(name: str, value, scored: list[str]) -> Q:
    if isinstance(value, ql.Range):
        if name not in ("metadata_modified", "metadata_created"):
            raise ql.QuerySyntaxError(f"{name} takes no range")
        return _range_q("updated_at" if name == "metadata_modified" else "created_at", value)
    if isinstance(value, ql.Term):
        return _field_value_q(name, value.text, scored)
    if isinstance(value, ql.Not):
        return ~_field_q(name, value.item, scored)
    return _combine(value.op, [_field_q(name, item, scored) for item in value.items])


def _combine(op: str, parts: list[Q]) -> Q:
    result = parts[0]
    for part in parts[1:]:
        result = (result | part) if op == "OR" else (result & part)
    return result


def to_q(tree, scored: list[str]) -> Q:
    if isinstance(tree, ql.MatchAll):
        return Q()
    if isinstance(tree, ql.Term):
        return _text_q(tree.text, scored)
    if isinstance(tree, ql.Field):
        return _field_q(tree.name, tree.value, scored)
    if isinstance(tree, ql.Not):
        return ~to_q(tree.item, scored)
    if tree.op == "AND":
        # Plain words joined by AND ("คุณภาพอากาศ ภูเก็ต") are matched together, in one pass (_text_q).
        plain = [item for item in tree.items if isinstance(item, ql.Term) and not item.text.endswith("*")]
        rest = [to_q(item, scored) for item in tree.items if item not in plain]
        if len(plain) > 1:
            return _combine("AND", [_text_q(" ".join(item.text for item in plain), scored), *rest])
    return _combine(tree.op, [to_q(item, scored) for item in tree.items])


def parsed(text: str, key: str, scored: list[str]) -> Q:
    try:
        return to_q(ql.parse(text), scored)
    except ql.QuerySyntaxError as error:
        raise InvalidPackage({key: [_("Invalid search query: %(reason)s") % {"reason": str(error)}]}) from error


# --- visibility, sorting, paging, facets --------------------------------------------------------------------


def visible(user, include_private: bool = False, include_drafts: bool = False) -> QuerySet:
    """Public active datasets, plus (when asked) the private ones and drafts of the user's organisations."""
    public = Q(state=DatasetState.ACTIVE, private=False)
    members = member_organization_ids(user) if (include_private or include_drafts) else set()
    if not members:
        return Dataset.objects.filter(public)
    states = [DatasetState.ACTIVE] + ([DatasetState.DRAFT] if include_drafts else [])
    own = Q(organization_id__in=members, state__in=states)
    if not include_private:
        own &= Q(private=False) | Q(state=DatasetState.DRAFT)
    return Dataset.objects.filter(public | own)


def _order_by(sort: str, has_score: bool) -> list[str]:
    ordering = []
    for clause in (sort or DEFAULT_SORT).split(","):
        parts = clause.split()
        if not parts:
            continue
        if len(parts) > 2 or parts[0] not in SORT_FIELDS or (len(parts) == 2 and parts[1] not in ("asc", "desc")):
            raise InvalidPackage({"sort": [_("Cannot sort by “%(clause)s”.") % {"clause": clause.strip()}]})
        if parts[0] == "score" and not has_score:
            continue
        prefix = "-" if len(parts) == 2 and parts[1] == "desc" else ""
        ordering.append(prefix + SORT_FIELDS[parts[0]])
    return ordering + ["name"]


def _facet(ids, name: str, limit: int, mincount: int) -> list[tuple[str, str, int]]:
    """The counts of one facet over the matching datasets (``ids``: a list of ids or a subquery)."""
    if name == "organization":
        rows = (
            Publisher.objects.filter(organization__datasets__in=ids)
            .values_list("name", "organization__name_th")
            .annotate(n=Count("organization__datasets"))
        )
    elif name == "tags":
        rows = Dataset.tags.through.objects.filter(dataset__in=ids).values_list("tag__name", "tag__name")
        rows = rows.annotate(n=Count("dataset"))
    elif name == "groups":
        rows = Dataset.themes.through.objects.filter(dataset__in=ids).values_list("domain__code", "domain__name_th")
        rows = rows.annotate(n=Count("dataset"))
    elif name == "res_format":
        rows = Resource.objects.filter(dataset__in=ids).exclude(format="").values_list("format", "format")
        rows = rows.annotate(n=Count("dataset", distinct=True))
    else:
        rows = Dataset.objects.filter(pk__in=ids).order_by().values_list(name, name).annotate(n=Count("pk"))
    rows = rows.filter(n__gte=mincount).order_by("-n", rows.query.values_select[0])
    result = list(rows[:limit] if limit >= 0 else rows)
    if name == "license_id":
        result = [(v, LICENCES_BY_ID[v].title_en if v in LICENCES_BY_ID else v, n) for v, _d, n in result]
    return result


def _int(params: dict, key: str, default: int, low: int) -> int:
    try:
        value = int(params.get(key, default))
    except (TypeError, ValueError):
        raise InvalidPackage({key: [_("Invalid integer")]}) from None
    if value < low:
        raise InvalidPackage({key: [_("Must be at least %(n)s.") % {"n": low}]})
    return value


def _facet_fields(params: dict) -> list[str]:
    raw = params.get("facet.field")
    if raw in (None, ""):
        return []
    try:
        fields = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        fields = [raw]
    if isinstance(fields, str):
        fields = [fields]
    if not isinstance(fields, list) or any(f not in FACET_FIELDS for f in fields):
        raise InvalidPackage({"facet.field": [_("Facets available: %(f)s.") % {"f": ", ".join(FACET_FIELDS)}]})
    return fields


def _filtered(params: dict, user, scored: list[str]) -> tuple[QuerySet, bool]:
    """The datasets ``q``, ``fq`` and ``fq_list`` select among those the user sees, and whether any of them did."""
    flag = lambda key: str(params.get(key, "")).lower() in ("true", "1", "yes")  # noqa: E731
    queryset = visible(user, flag("include_private"), flag("include_drafts"))
    text = str(params.get("q") or "")
    queryset = queryset.filter(parsed(text, "q", scored))
    fq_list = params.get("fq_list") or []
    filters = [str(f) for f in [params.get("fq") or "", *(fq_list if isinstance(fq_list, list) else [fq_list])] if f]
    for fq in filters:
        queryset = queryset.filter(parsed(fq, "fq", []))
    return queryset, bool(text.strip() or filters)


def package_search(params: dict, user=None) -> SearchResult:
    rows = min(_int(params, "rows", 10, 0), settings.CATALOGUE_SEARCH_MAX_ROWS)
    start = _int(params, "start", 0, 0)
    limit = _int(params, "facet.limit", 50, -1)
    mincount = _int(params, "facet.mincount", 1, 0)
    facet_fields = _facet_fields(params)
    sort = str(params.get("sort") or DEFAULT_SORT)
    scored: list[str] = []
    queryset, narrowed = _filtered(params, user, scored)
    ordering = _order_by(sort, bool(scored))
    ids, count = _matches(queryset, narrowed)
    page = queryset if count is None else Dataset.objects.filter(pk__in=ids)
    if scored:
        weights = DatasetToken.objects.filter(dataset=OuterRef("pk"), token__in=scored).values("dataset")
        score = Subquery(weights.annotate(s=Sum("weight")).values("s"), output_field=IntegerField())
        page = page.annotate(score=Coalesce(score, Value(0)))
    records = list(page.order_by(*ordering).values_list("package_json", flat=True)[start : start + rows])
    facets = {name: _facet(ids, name, limit, mincount) for name in facet_fields}
    return SearchResult(queryset.count() if count is None else count, records, facets, sort)


def _matches(queryset: QuerySet, narrowed: bool) -> tuple[object, int | None]:
    """The matching ids, read once when a query narrows the catalogue to at most CATALOGUE_SEARCH_ID_SET ids, so
    that the page, the count and every facet read that short list instead of re-running the word matching each
    (as Solr keeps a filter's document set); otherwise a subquery that each of them runs."""
    if narrowed:
        ids = list(queryset.order_by().values_list("pk", flat=True)[: settings.CATALOGUE_SEARCH_ID_SET + 1])
        if len(ids) <= settings.CATALOGUE_SEARCH_ID_SET:
            return ids, len(ids)
    return queryset.values("pk"), None
