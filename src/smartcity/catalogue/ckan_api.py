"""The CKAN Action API at /api/3/action/<name> (and /api/action/<name>): CKAN's envelope
``{help, success, result}`` and error objects, so that CKAN clients such as ckanapi and national harvesters
work unchanged. Writes need a platform API token and are limited to the organisations its user edits."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from smartcity.core.errors import NotAllowed, UserFacingError

from . import resources as resource_services
from . import services
from .ckan_actions import READS, STREAM_BATCH, Raw, Stream, resource_show
from .ckan_auth import BadToken, caller
from .errors import InvalidPackage, NotFound
from .models import Dataset
from .schema import reject_nul

JSON_TYPE = "application/json;charset=utf-8"


def _package(dataset: Dataset) -> Raw:
    return Raw(Dataset.objects.values_list("package_json", flat=True).get(pk=dataset.pk))


def _ref(data: dict) -> str:
    ref = data.get("id") or data.get("name")
    if not ref:
        raise InvalidPackage({"id": [_("Missing value")]})
    return str(ref)


def _resource(resource) -> dict:
    return resource_show({"id": str(resource.pk)}, None) if resource else {}


WRITES = {
    "package_create": lambda d, u, f: _package(services.create_dataset(actor=u, data=d)),
    "package_update": lambda d, u, f: _package(services.update_dataset(actor=u, ref=_ref(d), data=d, partial=False)),
    "package_patch": lambda d, u, f: _package(services.update_dataset(actor=u, ref=_ref(d), data=d, partial=True)),
    "package_delete": lambda d, u, f: services.delete_dataset(actor=u, ref=_ref(d)),
    "dataset_purge": lambda d, u, f: services.purge_dataset(actor=u, ref=_ref(d)),
    "resource_create": lambda d, u, f: _resource_written(resource_services.create_resource(actor=u, data=d, upload=f)),
    "resource_update": lambda d, u, f: _resource_written(
        resource_services.update_resource(actor=u, ref=_ref(d), data=d, partial=False, upload=f)
    ),
    "resource_patch": lambda d, u, f: _resource_written(
        resource_services.update_resource(actor=u, ref=_ref(d), data=d, partial=True, upload=f)
    ),
    "resource_delete": lambda d, u, f: resource_services.delete_resource(actor=u, ref=_ref(d)),
}


def _resource_written(resource) -> dict:
    record = json.loads(Dataset.objects.values_list("package_json", flat=True).get(pk=resource.dataset_id))
    return next(r for r in record["resources"] if r["id"] == str(resource.pk))


def encode(value) -> str:
    """JSON text, with stored records (Raw) placed as they are instead of being parsed and encoded again."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + encode(v) for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(encode(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False, default=str)


def _head(action: str) -> str:
    return '{"help":' + json.dumps(f"{settings.SITE_URL}/api/3/action/help_show?name={action}") + ","


def _respond(action: str, status: int, body: dict) -> HttpResponse:
    result = body.get("result")
    if isinstance(result, Stream):
        response = StreamingHttpResponse(
            _streamed(_head(action) + '"success":true,"result":[', result), content_type=JSON_TYPE
        )
    else:
        response = HttpResponse(_head(action) + encode(body)[1:], status=status, content_type=JSON_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _streamed(head: str, stream: Stream, batch: int = STREAM_BATCH) -> Iterator[str]:
    """The envelope's head, the items in batches of ``batch`` (one write each), then the closing brackets."""
    yield head
    pending, separator = [], ""
    for item in stream.items:
        pending.append(encode(item))
        if len(pending) == batch:
            yield separator + ",".join(pending)
            pending, separator = [], ","
    yield (separator + ",".join(pending) if pending else "") + "]}"


def _error(action: str, status: int, kind: str, message: str = "", fields: dict | None = None) -> HttpResponse:
    error = {"__type": kind}
    if message:
        error["message"] = message
    error.update(fields or {})
    return _respond(action, status, {"success": False, "error": error})


def _params(request: HttpRequest) -> dict:
    if request.method == "GET":
        return {key: request.GET.get(key) for key in request.GET}
    if request.content_type == "multipart/form-data" or request.content_type.startswith("application/x-www"):
        return {key: request.POST.get(key) for key in request.POST}
    body = request.body.decode("utf-8") if request.body else ""
    if not body.strip():
        return {}
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data


def _parse_json_fields(data: dict) -> dict:
    # Multipart requests carry JSON values (live_params, tags) as text.
    for key in ("live_params", "tags", "groups", "resources", "title_translated", "notes_translated"):
        if isinstance(data.get(key), str) and data[key][:1] in "[{":
            try:
                data[key] = json.loads(data[key])
            except ValueError:
                raise InvalidPackage({key: [_("Must be valid JSON.")]}) from None
    return data


@csrf_exempt
def action(request: HttpRequest, name: str) -> HttpResponse:
    writing = name in WRITES
    if name not in READS and not writing:
        return _error(name, 400, "Bad Request", _("Bad request - Action name not known: %(name)s") % {"name": name})
    if writing and request.method != "POST":
        return _error(name, 400, "Bad Request", _("Bad request - %(name)s needs POST") % {"name": name})
    try:
        data = _params(request)
    except (ValueError, UnicodeDecodeError) as error:
        return _error(name, 400, "Validation Error", _("Bad request - JSON Error"), {"__body": [str(error)[:200]]})
    try:
        user = caller(request, writing=writing)
        data = _parse_json_fields(data)
        reject_nul(data)
        if writing:
            if not user.is_authenticated:
                raise NotAllowed(_("Action %(name)s requires an API token.") % {"name": name})
            result = WRITES[name](data, user, request.FILES.get("upload"))
        else:
            result = READS[name](data, user)
    except BadToken:
        return _error(name, 403, "Authorization Error", _("The API token is not valid."))
    except InvalidPackage as error:
        return _error(name, 409, "Validation Error", fields=error.errors)
    except NotFound as error:
        return _error(name, 404, "Not Found Error", _("Not found: %(what)s") % {"what": str(error)})
    except NotAllowed as error:
        return _error(name, 403, "Authorization Error", _("Access denied: %(why)s") % {"why": str(error)})
    except UserFacingError as error:
        return _error(name, 409, "Validation Error", fields={error.field or "__all__": [str(error)]})
    return _respond(name, 200, {"success": True, "result": result})
