"""Downloads of uploaded files and of live resources. Private datasets' files are for their members only."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from smartcity.core.errors import CheckFailed

from .live import kind_for
from .models import Resource, ResourceKind
from .rules import can_see_dataset


def _resource(request: HttpRequest, dataset_id, resource_id, kind: str) -> Resource:
    resource = (
        Resource.objects.select_related("dataset", "dataset__organization")
        .filter(pk=resource_id, dataset_id=dataset_id, kind=kind)
        .first()
    )
    if resource is None or not can_see_dataset(request.user, resource.dataset):
        raise Http404
    return resource


def _harden(response: HttpResponse) -> HttpResponse:
    # Files come from the public: never let a browser run them as a page of this site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request: HttpRequest, dataset_id, resource_id, file_name: str) -> HttpResponse:
    resource = _resource(request, dataset_id, resource_id, ResourceKind.UPLOAD)
    if not resource.file:
        raise Http404
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=resource.format not in ("PDF",),
        filename=resource.file_name or "file",
        content_type=resource.media_type or "application/octet-stream",
    )
    return _harden(response)


@require_safe
def live(request: HttpRequest, dataset_id, resource_id) -> HttpResponse:
    resource = _resource(request, dataset_id, resource_id, ResourceKind.LIVE)
    try:
        kind = kind_for(resource.live_kind)
        content = kind.stream(resource.dataset.organization, resource.live_params)
    except CheckFailed:
        return HttpResponse(_("This live resource is not available now."), status=503, content_type="text/plain")
    response = StreamingHttpResponse(content.chunks, content_type=content.media_type)
    response["Content-Disposition"] = f'inline; filename="{content.file_name}"'
    response["Cache-Control"] = "no-cache"
    return _harden(response)
