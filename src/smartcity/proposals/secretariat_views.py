"""The secretariat's side of a submitted proposal: return it for revision with a comment per section."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smartcity.core.errors import UserFacingError

from . import forms, services
from .views import visible_proposal


@login_required
def return_for_revision(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    if not request.user.has_perm("proposals.return_proposal", proposal):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            deadline = data.pop("deadline")
            services.return_for_revision(actor=request.user, proposal_id=pk, comments=data, deadline=deadline)
        except UserFacingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The proposal is returned to the applicant with your comments."))
            return redirect("proposals:detail", pk)
    return render(
        request,
        "proposals/return.html",
        {"proposal": proposal, "form": form},
        status=400 if request.method == "POST" else 200,
    )
