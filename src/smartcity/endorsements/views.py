"""BOI endorsements in the browser: the company's request and letter, the secretariat's inbox and decision,
the BOI officers' list and code check. Every write calls a service in ``endorsements``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.accounts.models import Organization
from smartcity.certification.models import Certificate, CertificateStatus
from smartcity.core.errors import UserFacingError
from smartcity.core.pagination import page_of
from smartcity.core.web import act, require

from . import forms, selectors, services
from .checks import rule_checks
from .letter import render_letter_pdf
from .models import Endorsement, EndorsementStatus


def explain(endorsement: Endorsement) -> tuple[str, str]:
    """The effective status in plain words, with the CSS class that colours it."""
    status = endorsement.effective_status
    if status == EndorsementStatus.APPROVED:
        return "ok", _("Approved and in force: the city's certificate is current.")
    if status == EndorsementStatus.SUSPENDED:
        certificate_status = CertificateStatus(endorsement.certificate.status).label
        return "bad", _(
            "Suspended: the city's certificate is “%(status)s”. The endorsement does not support a BOI "
            "application until the certificate is current again."
        ) % {"status": certificate_status}
    if status == EndorsementStatus.REJECTED:
        return "bad", _("Not approved by the secretariat.")
    return "warn", _("Waiting for the secretariat's decision.")


def _annotated(endorsements) -> list[Endorsement]:
    rows = list(endorsements)
    for row in rows:
        row.status_class, row.status_words = explain(row)
    return rows


# --- the company ---------------------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    require(selectors.member_companies(request.user).exists())
    requesting = list(selectors.requesting_companies(request.user))
    endorsements = _annotated(selectors.company_endorsements(request.user).order_by("-created_at")[:500])
    return render(
        request,
        "endorsements/mine.html",
        {"endorsements": endorsements, "requesting": requesting},
    )


def _chosen_company(request: HttpRequest, companies: list[Organization]) -> Organization | None:
    value = request.POST.get("company") or request.GET.get("company") or ""
    if not value:
        return companies[0] if len(companies) == 1 else None
    company_id = services.as_id(value)
    if company_id is None:
        raise Http404
    company = get_object_or_404(Organization, pk=company_id)
    require(company in companies)
    return company


def _map_data(certificates: list[Certificate]) -> dict:
    return {
        c.number: {"city": c.city_name, "area": c.area, "lat": float(c.centroid_lat), "lon": float(c.centroid_lon)}
        for c in certificates
    }


@login_required
def new(request: HttpRequest) -> HttpResponse:
    require(request.user.has_perm("endorsements.request_endorsement"))
    companies = list(selectors.requesting_companies(request.user))
    company = _chosen_company(request, companies)
    if company is None:
        return render(request, "endorsements/choose_company.html", {"companies": companies})
    certificates = list(services.partner_certificates(company))
    initial = {"juristic_id": company.juristic_id}
    form = forms.EndorsementRequestForm(request.POST or None, initial=initial, certificates=certificates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            endorsement = services.request_endorsement(
                actor=request.user,
                company_id=company.pk,
                certificate_number=data["certificate"],
                juristic_id=data["juristic_id"],
                activity=data["activity"],
                domain_codes=data["domains"],
                project_title=data["project_title"],
                description=data["description"],
                investment_baht=data["investment_baht"],
                lat=data["lat"],
                lon=data["lon"],
            )
        except UserFacingError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your request is sent to the secretariat."))
            return redirect("endorsements:detail", endorsement.pk)
    return render(
        request,
        "endorsements/form.html",
        {
            "form": form,
            "company": company,
            "certificates": certificates,
            "map_data": _map_data(certificates),
            "activity_rules": forms.ACTIVITY_RULES,
        },
        status=400 if request.method == "POST" else 200,
    )


def _visible(request: HttpRequest, pk: int) -> Endorsement:
    """404 both for an id that does not exist and for one the person may not see: ids are sequential, so a 403
    would tell anyone how many endorsements there are."""
    endorsement = get_object_or_404(
        Endorsement.objects.select_related("certificate", "company", "requested_by", "decided_by").prefetch_related(
            "domains", "certificate__domains"
        ),
        pk=pk,
    )
    if not request.user.has_perm("endorsements.view_endorsement", endorsement):
        raise Http404
    return endorsement


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    endorsement = _visible(request, pk)
    endorsement.status_class, endorsement.status_words = explain(endorsement)
    staff = request.user.has_perm("endorsements.check_endorsements")
    can_decide = request.user.has_perm("endorsements.decide_endorsement")
    return render(
        request,
        "endorsements/detail.html",
        {
            "endorsement": endorsement,
            "checks": rule_checks(endorsement, timezone.localdate()) if staff else None,
            "can_decide": can_decide and endorsement.status == EndorsementStatus.REQUESTED,
            "decision_form": forms.DecisionForm(),
            "map_data": _map_data([endorsement.certificate]),
            "has_letter": endorsement.effective_status == EndorsementStatus.APPROVED,
        },
    )


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:

    endorsement = _visible(request, pk)
    if endorsement.effective_status != EndorsementStatus.APPROVED:
        raise Http404
    response = HttpResponse(render_letter_pdf(endorsement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{endorsement.code}.pdf"'
    return response


# --- the secretariat -----------------------------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user.has_perm("endorsements.decide_endorsement"))
    today = timezone.localdate()
    rows = _annotated(selectors.secretariat_inbox()[:300])
    waiting = [row for row in rows if row.status == EndorsementStatus.REQUESTED]
    for row in waiting:
        row.checks = rule_checks(row, today)
    return render(
        request,
        "endorsements/inbox.html",
        {
            "waiting": waiting,
            "decided": [row for row in rows if row.status != EndorsementStatus.REQUESTED],
            "decision_form": forms.DecisionForm(),
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user.has_perm("endorsements.decide_endorsement"))
    get_object_or_404(Endorsement, pk=pk)
    form = forms.DecisionForm(request.POST)
    action = request.POST.get("action")
    if action not in ("approve", "reject"):
        raise Http404
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("note", [])))
    elif action == "approve":
        act(
            request,
            lambda: services.approve_endorsement(actor=request.user, endorsement_id=pk, note=form.cleaned_data["note"]),
            _("The endorsement is approved; the company can download its letter."),
        )
    else:
        act(
            request,
            lambda: services.reject_endorsement(actor=request.user, endorsement_id=pk, note=form.cleaned_data["note"]),
            _("The request is not approved; the company is told why."),
        )
    return redirect(_safe_next(request, reverse("endorsements:detail", args=[pk])))


# --- BOI officers --------------------------------------------------------------------------------------------


@login_required
def boi_list(request: HttpRequest) -> HttpResponse:
    require(request.user.has_perm("endorsements.check_endorsements"))
    companies = Organization.objects.filter(pk__in=Endorsement.objects.values("company")).order_by("name_th")
    certificates = Certificate.objects.filter(pk__in=Endorsement.objects.values("certificate")).order_by("number")
    form = forms.BoiFilterForm(request.GET or None, companies=companies, certificates=certificates)
    endorsements = selectors.endorsements_for_user(request.user).order_by("-created_at")
    if form.is_valid():
        data = form.cleaned_data
        endorsements = selectors.filtered(
            endorsements,
            status=data["status"],
            activity=data["activity"],
            company_id=data["company"],
            certificate_number=data["city"],
            juristic_id=data["juristic_id"],
        )
    page = page_of(request, endorsements)
    page.object_list = _annotated(page.object_list)
    return render(
        request,
        "endorsements/boi_list.html",
        {"form": form, "page": page},
    )


@login_required
def check(request: HttpRequest) -> HttpResponse:
    require(request.user.has_perm("endorsements.check_endorsements"))
    form = forms.CheckForm(request.GET or None)
    result = None
    if form.is_valid():
        try:
            result = services.check_endorsement(actor=request.user, code=form.cleaned_data["code"])
        except UserFacingError as error:
            form.add_error("code", str(error))
        if result is not None and result.found:
            endorsement = result.endorsement
            endorsement.status_class, endorsement.status_words = explain(endorsement)
    return render(request, "endorsements/check.html", {"form": form, "result": result})
