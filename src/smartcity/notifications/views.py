"""The person's notices, and the secretariat's outbox of e-mails (held letters are released from here)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from smartcity.core.errors import UserFacingError

from . import selectors, services
from .rules import can_manage_outbox

NOTICES_PER_PAGE = 50


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notices_for(request.user), NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notice_list.html",
        {"page": page, "unread_count": selectors.unread_notice_count(request.user)},
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(n)s notice marked as read.", "%(n)s notices marked as read.", count) % {"n": count},
        )
    return redirect("notifications:list")


@login_required
def open_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notice's link, marking it read on the way."""
    notice = get_object_or_404(selectors.notices_for(request.user), pk=pk)
    services.mark_read(user=request.user, notice_ids=[notice.pk])
    safe = notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notice.url if safe else "notifications:list")


def _secretariat_only(request: HttpRequest) -> None:
    if not can_manage_outbox(request.user):
        raise PermissionDenied


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    _secretariat_only(request)
    return render(
        request,
        "notifications/outbox.html",
        {
            "held": list(selectors.held_messages_for(request.user)),
            "recent": selectors.recent_messages_for(request.user),
        },
    )


@login_required
@require_POST
def release(request: HttpRequest) -> HttpResponse:
    _secretariat_only(request)
    try:
        released = services.release(actor=request.user, message_ids=request.POST.getlist("message"))
    except UserFacingError as error:
        messages.error(request, str(error))
    else:
        count = len(released)
        messages.success(
            request,
            ngettext(
                "%(n)s message released; it is being sent.", "%(n)s messages released; they are being sent.", count
            )
            % {"n": count},
        )
    return redirect("notifications:outbox")


@login_required
@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    _secretariat_only(request)
    try:
        message = services.cancel(actor=request.user, message_id=request.POST.get("message", ""))
    except UserFacingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The message to %(to)s is cancelled; it will not be sent.") % {"to": message.to_email}
        )
    return redirect("notifications:outbox")
