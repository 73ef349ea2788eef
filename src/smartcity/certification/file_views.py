"""A certificate's files: its PDF (for the city and the program's staff) and its public badge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .badge import badge_svg
from .models import Certificate

BADGE_CACHE_SECONDS = 300


@login_required
@require_safe
def certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    from .pdf import certificate_pdf as render

    certificate = (
        Certificate.objects.select_related("organization", "city_type", "criteria_set").filter(number=number).first()
    )
    if certificate is None:
        raise Http404
    if not request.user.has_perm("certification.view_certificate", certificate):
        raise PermissionDenied
    response = HttpResponse(render(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@cache_control(public=True, max_age=BADGE_CACHE_SECONDS)
def badge(request: HttpRequest, number: str) -> HttpResponse:
    """The embeddable badge. Public: it shows only what the public registry shows."""
    certificate = Certificate.objects.filter(number=number).first()
    if certificate is None:
        raise Http404
    language = request.GET.get("lang", "")
    if language not in ("th", "en"):
        language = translation.get_language() or "th"
    with translation.override(language):
        status = certificate.status
        key = f"certificate-badge:{certificate.number}:{status}:{language}:{certificate.updated_at.isoformat()}"
        svg = cache.get(key)
        if svg is None:
            svg = badge_svg(certificate, status)
            cache.set(key, svg, BADGE_CACHE_SECONDS)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Language"] = language
    # The badge is an image on other sites: it may be shown anywhere, and it runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
