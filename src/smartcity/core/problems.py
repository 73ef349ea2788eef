"""RFC 9457 problem details: the one error shape of every HTTP API of the platform.

In the kernel so that any app (the REST API, the public endpoints, the data platform's own APIs where their
standard does not prescribe another shape) answers errors the same way without importing the API app.
"""

from __future__ import annotations

from django.http import JsonResponse

PROBLEM_BASE = "https://smartcity.example/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_body(status: int, code: str, title: str, detail: str = "", **extra) -> dict:
    body = {"type": PROBLEM_BASE + code, "title": title, "status": status, "detail": detail or title, "code": code}
    body.update({k: v for k, v in extra.items() if v not in (None, "")})
    return body


def problem_response(status: int, code: str, title: str, detail: str = "", **extra) -> JsonResponse:
    body = problem_body(status, code, title, detail, **extra)
    return JsonResponse(
        body, status=status, content_type=PROBLEM_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
