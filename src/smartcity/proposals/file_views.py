"""The proposal's files: attachments, the portable file (export and import), version PDFs and diffs."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.accounts.models import MembershipRole, Organization
from smartcity.core.errors import UserFacingError
from smartcity.program.selectors import open_calls

from . import forms, portable, services
from .diff_words import changes_in_words
from .document import prefetched, proposal_to_document
from .models import Proposal
from .views import editable_proposal, visible_proposal


@login_required
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    can_edit = request.user.has_perm("proposals.change_proposal", proposal)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_attachment(
                    actor=request.user,
                    proposal_id=pk,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
            except UserFacingError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("The file is attached."))
                return redirect("proposals:attachments", pk)
    return render(
        request,
        "proposals/attachments.html",
        {
            "proposal": proposal,
            "form": form,
            "can_edit": can_edit,
            "attachments": proposal.attachments.all(),
            "used_mb": sum(a.size for a in proposal.attachments.all()) / 1024 / 1024,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    if not proposal.attachments.filter(pk=attachment_id).exists():
        raise Http404
    try:
        services.remove_attachment(actor=request.user, proposal_id=pk, attachment_id=attachment_id)
        messages.success(request, _("The file is removed."))
    except UserFacingError as error:
        messages.error(request, str(error))
    return redirect("proposals:attachments", pk)


@login_required
def download_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    from django.http import FileResponse

    attachment = visible_proposal(request, pk).attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )


@login_required
def export_file(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    document = proposal_to_document(prefetched(Proposal.objects.filter(pk=proposal.pk)).get())
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="proposal-{proposal.pk}.proposal.json"'
    return response


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.filter(
        memberships__user=request.user, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR]
    )
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, organizations=organizations, calls=open_calls()
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > portable.MAX_FILE_BYTES:
                raise portable.file_too_large(upload.size)
            document = portable.load_document(upload.read())
            proposal = portable.import_document(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                call=form.cleaned_data["call"],
                document=document,
            )
        except UserFacingError as error:
            form.add_error("file", str(error))
            problems = list(getattr(error, "problems", []))
        else:
            messages.success(request, _("The proposal file is imported as a new draft."))
            return redirect("proposals:detail", proposal.pk)
    return render(
        request,
        "proposals/import.html",
        {"form": form, "problems": problems},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    versions = {v.number: v for v in proposal.versions.all()}
    try:
        a, b = versions[int(request.GET["from"])], versions[int(request.GET["to"])]
    except (KeyError, ValueError) as error:
        raise Http404 from error
    return render(
        request,
        "proposals/diff.html",
        {"proposal": proposal, "a": a, "b": b, "changes": changes_in_words(a.document, b.document)},
    )


@login_required
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    from . import pdf

    version = visible_proposal(request, pk).versions.filter(number=number).first()
    if version is None:
        raise Http404
    response = HttpResponse(pdf.render_version_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="proposal-{pk}-v{number}.pdf"'
    return response
