"""The landing page and the home page of each role (and of each organisation a person belongs to)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from smartcity.accounts.models import Organization
from smartcity.program.models import Criterion, Domain
from smartcity.program.selectors import open_calls

from .navigation import role_homes
from .selectors import home_context


def landing(request):
    return render(
        request,
        "portal/landing.html",
        {"domains": Domain.objects.all(), "criteria": Criterion.objects.all(), "calls": open_calls()},
    )


class HomeView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "portal/home.html", {"homes": role_homes(request.user)})


class RoleHomeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """One page per program role; the permission name and the selector come from the URL config."""

    role = ""

    def handle_no_permission(self):
        # Strangers are sent to sign in; signed-in people without the role are refused (403).
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        raise PermissionDenied

    def get(self, request: HttpRequest, **kwargs) -> HttpResponse:
        context = home_context(self.role, request.user, **kwargs)
        return render(request, f"portal/home_{self.role}.html", context)


class DomainGroupHomeView(RoleHomeView):
    permission_required = "accounts.view_domain_group"
    role = "domain_group"

    def get_permission_object(self):
        return get_object_or_404(Domain, code=self.kwargs["code"])


class OrganizationHomeView(RoleHomeView):
    permission_required = "accounts.view_organization"
    role = "organization"

    def get_permission_object(self):
        return get_object_or_404(Organization, pk=self.kwargs["pk"])

    def handle_no_permission(self):
        # Do not reveal that another organisation exists.
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        raise Http404
