"""The applicant's pages: list, start, overview with the checklist, one page per section, submit, versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.accounts.models import MembershipRole, Organization
from smartcity.core.errors import UserFacingError
from smartcity.core.pagination import page_of
from smartcity.program.selectors import open_calls

from . import forms, sections, services
from .document import SECTIONS
from .models import Proposal
from .rules_check import blocking, by_criterion
from .selectors import proposal_for_user, proposals_for_user
from .workflow import allowed_actions


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


def checklist(proposal: Proposal, findings) -> dict:
    """The findings by criterion, each with the link to the field that fixes it."""
    return {
        criterion: [(f, sections.fix_url(proposal.pk, f.field)) for f in items]
        for criterion, items in by_criterion(findings).items()
    }


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    findings = services.findings_for(proposal)
    can_edit = request.user.has_perm("proposals.change_proposal", proposal)
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "findings_by_criterion": checklist(proposal, findings),
            "blocking_count": len(blocking(findings)),
            "actions": allowed_actions(request.user, proposal),
            "can_edit": can_edit,
            "section_states": sections.section_states(pk, findings) if can_edit else [],
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
