"""The certificate pages: a city's certificates and renewal, the secretariat's lifecycle decisions, the keys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from smartcity.core.errors import UserFacingError
from smartcity.core.web import require

from . import links, selectors, services
from .forms import DecisionNoteForm, ReasonForm, RenewalForm
from .models import Certificate, CertificateStatus, RenewalRequest, RenewalStatus
from .signing import jwks


@cache_control(public=True, max_age=3600)
def public_keys(request):
    """The public keys that verify certificate payloads offline (a JSON Web Key Set)."""
    return JsonResponse(jwks())


def _visible(request: HttpRequest, number: str) -> Certificate:
    certificate = selectors.certificates_for_user(request.user).filter(number=number).first()
    if certificate is None:
        if Certificate.objects.filter(number=number).exists():
            raise PermissionDenied
        raise Http404
    return certificate


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    certificates = selectors.certificates_for_user(request.user)
    if status in CertificateStatus.values:
        certificates = certificates.filter(selectors.status_filter(status, timezone.localdate()))
    context = {
        "certificates": certificates.order_by("-issued_on", "-number"),
        "statuses": CertificateStatus.choices,
        "status": status,
        "renewals": selectors.pending_renewals() if request.user.has_perm("certification.manage_certificate") else [],
    }
    return render(request, "certification/list.html", context)


@login_required
def certificate_detail(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _visible(request, number)
    return render(request, "certification/detail.html", _detail_context(request, certificate))


def _detail_context(request: HttpRequest, certificate: Certificate, **forms) -> dict:
    user = request.user
    can_manage = user.has_perm("certification.manage_certificate", certificate)
    can_renew = user.has_perm("certification.request_renewal", certificate)
    renewals = list(certificate.renewal_requests.select_related("submitted_by", "decided_by").prefetch_related("items"))
    pending = next((r for r in renewals if r.status == RenewalStatus.PENDING), None)
    renewal_refusal = None
    if can_renew and pending is None:
        try:
            services.check_renewable(certificate, timezone.localdate())
        except UserFacingError as error:
            renewal_refusal = str(error)
    domains = list(certificate.domains.order_by("order"))
    return {
        "certificate": certificate,
        "domains": domains,
        "logos": [(domain, links.logo_urls(domain.code)) for domain in domains],
        "badge_html": links.badge_embed_html(certificate, request),
        "badge_url": links.badge_url(certificate, request),
        "verification_url": links.verification_page_url(certificate),
        "can_manage": can_manage,
        "can_renew": can_renew and pending is None and renewal_refusal is None,
        "renewal_refusal": renewal_refusal,
        "renewal_form": forms.get("renewal_form") or (RenewalForm(certificate=certificate) if can_renew else None),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "note_form": forms.get("note_form") or DecisionNoteForm(),
        "state_actions": services.state_actions(certificate) if can_manage else [],
        "renewals": renewals,
        "pending": pending,
        "threshold": certificate.criteria_set.renewal_threshold_percent,
    }


def _again(
    request: HttpRequest, certificate: Certificate, error: UserFacingError | None = None, **forms
) -> HttpResponse:
    """The certificate page again, with the form's errors or the service's refusal, and nothing changed."""
    if error is not None:
        messages.error(request, str(error))
    certificate.refresh_from_db()
    return render(request, "certification/detail.html", _detail_context(request, certificate, **forms), status=400)


@login_required
@require_POST
def request_renewal(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _visible(request, number)
    require(request.user.has_perm("certification.request_renewal", certificate))
    form = RenewalForm(request.POST, certificate=certificate)
    if not form.is_valid():
        return _again(request, certificate, renewal_form=form)
    try:
        services.request_renewal(
            actor=request.user, number=number, items=form.items(), summary=form.cleaned_data["summary"]
        )
    except UserFacingError as error:
        return _again(request, certificate, error, renewal_form=form)
    messages.success(request, _("Your renewal request was sent to the secretariat."))
    return redirect("certification:detail", number=number)


@login_required
@require_POST
def change_state(request: HttpRequest, number: str, action: str) -> HttpResponse:
    certificate = _visible(request, number)
    if action not in services.STATE_CHANGES:
        raise Http404
    require(request.user.has_perm("certification.manage_certificate", certificate))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _again(request, certificate, reason_form=form)
    try:
        changed = services.change_state(
            actor=request.user, number=number, action=action, reason=form.cleaned_data["reason"]
        )
    except UserFacingError as error:
        return _again(request, certificate, error, reason_form=form)
    messages.success(
        request, _("The certificate's status is now “%(status)s”.") % {"status": changed.get_status_display()}
    )
    return redirect("certification:detail", number=number)


@login_required
@require_POST
def decide_renewal(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    renewal = RenewalRequest.objects.select_related("certificate").filter(pk=pk).first()
    if renewal is None or decision not in ("renew", "refuse"):
        raise Http404
    certificate = _visible(request, renewal.certificate.number)
    require(request.user.has_perm("certification.manage_certificate", certificate))
    form = DecisionNoteForm(request.POST)
    if not form.is_valid():
        return _again(request, certificate, note_form=form)
    note = form.cleaned_data["note"]
    try:
        if decision == "renew":
            services.renew_certificate(actor=request.user, request_id=pk, note=note)
            messages.success(request, _("The certificate was renewed."))
        else:
            services.refuse_renewal(actor=request.user, request_id=pk, note=note)
            messages.success(request, _("The renewal was refused; the certificate expires at the end of its period."))
    except UserFacingError as error:
        return _again(request, certificate, error, note_form=form)
    return redirect("certification:detail", number=certificate.number)
