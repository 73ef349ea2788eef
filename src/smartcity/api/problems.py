"""One error shape for the whole API: RFC 9457 problem details, with messages in the caller's language."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from smartcity.core.errors import UserFacingError
from smartcity.core.problems import PROBLEM_CONTENT_TYPE, problem_body


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, title: str, detail: str = "", **extra
) -> HttpResponse:
    response = api.create_response(request, problem_body(status, code, title, detail, **extra), status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def _location(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "form", "file")]
    path = ""
    for part in parts:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path


def install(api: NinjaAPI) -> None:
    @api.exception_handler(UserFacingError)
    def user_facing(request, error: UserFacingError):
        listed = [{"field": p.path, "message": p.message} for p in getattr(error, "problems", [])]
        return problem(api, request, error.status, error.code, str(error), field=error.field, errors=listed or None)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, error: NinjaValidationError):
        errors = [{"field": _location(e.get("loc", [])), "message": e.get("msg", "")} for e in error.errors]
        first = errors[0] if errors else {"field": "", "message": ""}
        detail = _("%(field)s: %(message)s") % first if first["field"] else first["message"]
        return problem(
            api,
            request,
            422,
            "validation_error",
            _("The request is not valid."),
            detail,
            field=first["field"],
            errors=errors,
        )

    @api.exception_handler(Http404)
    def not_found(request, error):
        return problem(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def missing_object(request, error):
        # A service asked for a row by an id from the request: the same answer as any unknown address.
        return problem(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, error):
        return problem(
            api,
            request,
            401,
            "unauthenticated",
            _("Sign in, or send a personal API token as “Authorization: Bearer …”."),
        )

    @api.exception_handler(HttpError)
    def http_error(request, error: HttpError):
        return problem(api, request, error.status_code, "http_error", str(error))
