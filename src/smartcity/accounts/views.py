"""Sign-in (with TOTP for staff), sign-out and personal API tokens. The home pages are the portal's."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from smartcity.core.audit import record_event
from smartcity.core.errors import UserFacingError

from . import throttle, two_factor
from .forms import SignInForm, TokenForm
from .models import ApiToken, User
from .services import create_api_token, revoke_api_token

PENDING_KEY = "pending_two_factor"
PENDING_SECONDS = 600


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _wait_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return _("Too many failed sign-in attempts. Try again in %(minutes)s minutes.") % {"minutes": minutes}


class SignInView(View):
    template_name = "accounts/sign_in.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, self.template_name, {"form": SignInForm(), "next": _safe_next(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignInForm(request.POST)
        context = {"form": form, "next": _safe_next(request)}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        email = form.cleaned_data["email"]
        address = throttle.client_address(request)
        wait = throttle.seconds_until_allowed(email, address)
        if wait:
            form.add_error(None, _wait_message(wait))
            return render(request, self.template_name, context, status=429)
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is None:
            throttle.record_failure(email, address)
            form.add_error(None, _("The email or password is not correct."))
            return render(request, self.template_name, context, status=400)
        throttle.clear_account(email)
        if two_factor.requires_two_factor(user):
            request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": context["next"]}
            return redirect("accounts:two_factor")
        return _complete_sign_in(request, user, context["next"])


def _complete_sign_in(request: HttpRequest, user: User, next_url: str, device=None) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    if user.language:
        request.session["_language"] = user.language
    record_event(actor=user, action="user.signed_in", obj=user, after={"two_factor": device is not None})
    response = redirect(next_url or settings.LOGIN_REDIRECT_URL)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
    return response


class TwoFactorView(View):
    """Second step for staff: enter a TOTP code, enrolling a device first if they have none."""

    template_name = "accounts/two_factor.html"

    def _pending_user(self, request: HttpRequest) -> User | None:
        pending = request.session.get(PENDING_KEY)
        if not pending or time.time() - pending["at"] > PENDING_SECONDS:
            return None
        return User.objects.filter(pk=pending["user"], is_active=True).first()

    def _context(self, user: User, form: TokenForm) -> dict:
        device = two_factor.confirmed_device(user)
        context = {"form": form, "enrolling": device is None}
        if device is None:
            enrolment = two_factor.enrolment_device(user)
            context.update(qr_svg=two_factor.qr_svg(enrolment), secret=enrolment.bin_key.hex())
        return context

    def get(self, request: HttpRequest) -> HttpResponse:
        user = self._pending_user(request)
        if user is None:
            return redirect("accounts:login")
        return render(request, self.template_name, self._context(user, TokenForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        user = self._pending_user(request)
        if user is None:
            messages.error(request, _("Your sign-in took too long. Please sign in again."))
            return redirect("accounts:login")
        form = TokenForm(request.POST)
        address = throttle.client_address(request)
        wait = throttle.seconds_until_allowed(user.email, address)
        if wait:
            form.add_error(None, _wait_message(wait))
            return render(request, self.template_name, self._context(user, form), status=429)
        if form.is_valid():
            device = self._verify(user, form.cleaned_data["token"])
            if device is not None:
                next_url = request.session.pop(PENDING_KEY, {}).get("next", "")
                return _complete_sign_in(request, user, next_url, device)
            throttle.record_failure(user.email, address)
            form.add_error("token", _("This code is not correct or has expired."))
        return render(request, self.template_name, self._context(user, form), status=400)

    @staticmethod
    def _verify(user: User, token: str):
        with transaction.atomic():
            device = two_factor.confirmed_device(user)
            if device is not None:
                return device if device.verify_token(token) else None
            enrolment = two_factor.enrolment_device(user)
            if not enrolment.verify_token(token):
                return None
            enrolment.confirmed = True
            enrolment.save(update_fields=["confirmed"])
            record_event(actor=user, action="user.two_factor_enrolled", obj=user)
            return enrolment


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


class ApiTokensView(LoginRequiredMixin, View):
    """Personal tokens for the REST API: create (the key is shown once) and revoke."""

    def get(self, request: HttpRequest, new_key: str = "") -> HttpResponse:
        tokens = request.user.api_tokens.all()
        return render(request, "accounts/tokens.html", {"tokens": tokens, "new_key": new_key})

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            if "revoke" in request.POST:
                revoke_api_token(actor=request.user, token_id=int(request.POST["revoke"]))
                messages.success(request, _("The token is revoked."))
            else:
                _token, key = create_api_token(actor=request.user, name=request.POST.get("name", ""))
                return self.get(request, new_key=key)
        except (ValueError, ApiToken.DoesNotExist) as error:
            raise Http404 from error
        except UserFacingError as error:
            messages.error(request, str(error))
        return redirect("accounts:tokens")
