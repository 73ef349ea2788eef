"""The applicant's pages: list, start, overview with the checklist, one page per section, submit, versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.accounts.models import MembershipRole, Organization
from smartcity.core.errors import UserFacingError
from smartcity.core.pagination import page_of
from smartcity.program.selectors import open_calls

from . import forms, services
from .document import SECTIONS
from .models import Proposal
from .rules_check import blocking, by_criterion
from .selectors import proposal_for_user, proposals_for_user
from .workflow import allowed_actions

SECTION_TEMPLATES = {name: f"proposals/section_{name}.html" for name in SECTIONS}


def visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return proposal_for_user(request.user, pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error


def _fail(request: HttpRequest, error: UserFacingError, form=None) -> None:
    if form is not None and error.field and error.field in form.fields:
        form.add_error(error.field, str(error))
    else:
        messages.error(request, str(error))


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, proposals_for_user(request.user).order_by("-updated_at", "-pk"))
    editable_orgs = Organization.objects.filter(
        memberships__user=request.user, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR]
    )
    return render(
        request,
        "proposals/list.html",
        {"page": page, "proposals": page.object_list, "can_start": editable_orgs.exists() and open_calls().exists()},
    )


@login_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.filter(
        memberships__user=request.user, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR]
    )
    form = forms.NewProposalForm(request.POST or None, organizations=organizations, calls=open_calls())
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(actor=request.user, **form.cleaned_data)
        except UserFacingError as error:
            _fail(request, error, form)
        else:
            return redirect("proposals:detail", proposal.pk)
    return render(request, "proposals/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    findings = services.findings_for(proposal)
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "findings_by_criterion": by_criterion(findings),
            "blocking_count": len(blocking(findings)),
            "actions": allowed_actions(request.user, proposal),
            "can_edit": request.user.has_perm("proposals.change_proposal", proposal),
            "versions": proposal.versions.select_related("submitted_by"),
            "comments": proposal.section_comments.select_related("author"),
            "revision_requests": proposal.revision_requests.all(),
            "sections": SECTIONS,
        },
    )


def editable_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = visible_proposal(request, pk)
    if not request.user.has_perm("proposals.change_proposal", proposal):
        raise PermissionDenied
    return proposal


@login_required
def edit_general(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    initial = {"domains": list(proposal.domains.all()), "partners": list(proposal.partners.all())}
    form = forms.GeneralForm(request.POST or None, instance=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("title_th", "title_en", "city_type")}
        domains = [d.code for d in form.cleaned_data["domains"]]
        partners = [org.pk for org in form.cleaned_data["partners"]]
        if _save(
            request,
            form,
            lambda: services.update_proposal(
                actor=request.user,
                proposal_id=pk,
                revision=_revision(request),
                changes=changes,
                domains=domains,
                partners=partners,
            ),
        ):
            return redirect("proposals:detail", pk)
    return _render_section(request, proposal, "general", {"form": form})


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _save(request: HttpRequest, form, action) -> bool:
    try:
        with transaction.atomic():
            action()
    except UserFacingError as error:
        _fail(request, error, form)
        return False
    messages.success(request, _("Saved."))
    return True


def _render_section(request, proposal, name, context) -> HttpResponse:
    """Show a section form. After a POST it is shown again only when something was refused: 400."""
    proposal.refresh_from_db(fields=["revision"])
    findings = services.findings_for(proposal)
    return render(
        request,
        f"proposals/section_{name}.html",
        {
            "proposal": proposal,
            "section": name,
            "findings_by_criterion": by_criterion(findings),
            **context,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def edit_area_goals(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    initial_units = ", ".join(proposal.admin_units or [])
    form = forms.AreaGoalsForm(request.POST or None, instance=proposal, initial={"admin_units_text": initial_units})
    goals = forms.item_formset("goals", request.POST or None, initial=_initial(proposal.goals.all(), "goals"))
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("population", "baseline_problems", "vision")}
        changes["admin_units"] = form.cleaned_data["admin_units_text"]
        revision = _revision(request)

        def save():
            services.update_proposal(actor=request.user, proposal_id=pk, revision=revision, changes=changes)
            services.replace_items(
                actor=request.user,
                proposal_id=pk,
                revision=revision + 1 if revision else None,
                kind="goals",
                rows=forms.rows_from_formset(goals),
            )

        if _save(request, form, save):
            return redirect("proposals:detail", pk)
    return _render_section(
        request, proposal, "area_goals", {"form": form, "formset": goals, "area_form": forms.AreaForm()}
    )


def _initial(queryset, kind: str) -> list[dict]:
    _model, fields = forms.ITEM_FIELDS[kind]
    return [{f: (getattr(obj, f + "_id") if f == "domain" else getattr(obj, f)) for f in fields} for obj in queryset]


@login_required
@require_POST
def edit_area(request: HttpRequest, pk: int) -> HttpResponse:
    editable_proposal(request, pk)
    form = forms.AreaForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["upload"]
        data = upload.read(6 * 1024 * 1024) if upload else form.cleaned_data["geojson"]
        if upload and upload.size > 5 * 1024 * 1024:
            data = b" " * (5 * 1024 * 1024 + 1)  # let the geometry check name the limit in its own words
        if data:
            try:
                services.set_area(
                    actor=request.user,
                    proposal_id=pk,
                    revision=_revision(request),
                    geojson=data,
                    repair=form.cleaned_data["repair"],
                )
                messages.success(request, _("The area is saved."))
            except UserFacingError as error:
                messages.error(request, str(error))
                if error.code == "invalid_geometry":
                    messages.info(request, _("Tick “repair it automatically” and save again to fix the shape."))
        else:
            messages.error(request, _("Draw the area on the map or choose a GeoJSON file."))
    else:
        messages.error(request, _("The area could not be read."))
    return redirect("proposals:edit_area_goals", pk)


def _item_section(name: str, kind: str, form_class=None):
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        proposal = editable_proposal(request, pk)
        form = form_class(request.POST or None, instance=proposal) if form_class else None
        formset = forms.item_formset(kind, request.POST or None, initial=_initial(getattr(proposal, kind).all(), kind))
        if request.method == "POST" and formset.is_valid() and (form is None or form.is_valid()):
            revision = _revision(request)

            def save():
                next_revision = revision
                if form is not None:
                    services.update_proposal(
                        actor=request.user, proposal_id=pk, revision=revision, changes=dict(form.cleaned_data)
                    )
                    next_revision = revision + 1 if revision else None
                services.replace_items(
                    actor=request.user,
                    proposal_id=pk,
                    revision=next_revision,
                    kind=kind,
                    rows=forms.rows_from_formset(formset),
                )

            if _save(request, form or formset, save):
                return redirect("proposals:detail", pk)
        return _render_section(request, proposal, name, {"form": form, "formset": formset})

    return view


edit_infrastructure = _item_section("infrastructure", "infrastructure_items")
edit_data_platform = _item_section("data_platform", "datasets", forms.DataPlatformForm)
edit_services = _item_section("services", "services")


@login_required
def edit_management(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    form = forms.ManagementForm(request.POST or None, instance=proposal)

    def save():
        services.update_proposal(
            actor=request.user, proposal_id=pk, revision=_revision(request), changes=dict(form.cleaned_data)
        )

    if request.method == "POST" and form.is_valid() and _save(request, form, save):
        return redirect("proposals:detail", pk)
    return _render_section(request, proposal, "management", {"form": form})


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    visible_proposal(request, pk)
    try:
        version = services.submit_proposal(actor=request.user, proposal_id=pk)
        messages.success(request, _("Submitted as version %(n)s.") % {"n": version.number})
    except UserFacingError as error:
        messages.error(request, str(error))
    return redirect("proposals:detail", pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    visible_proposal(request, pk)
    try:
        services.withdraw_proposal(actor=request.user, proposal_id=pk, reason=request.POST.get("reason", ""))
        messages.success(request, _("The proposal is withdrawn."))
    except UserFacingError as error:
        messages.error(request, str(error))
    return redirect("proposals:detail", pk)


@login_required
def thailand_outline(request: HttpRequest) -> JsonResponse:
    from . import geometry

    return JsonResponse(geometry.to_geojson(geometry.thailand_outline()))


@login_required
def area_geojson(request: HttpRequest, pk: int) -> JsonResponse:
    proposal = visible_proposal(request, pk)
    return JsonResponse({"area": proposal.area, "area_km2": float(proposal.area_km2 or 0)})
