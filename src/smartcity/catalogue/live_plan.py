"""A live kind on data the platform already holds: the goals and KPIs of the city's certified plan.

Served as CSV with Thai headers (UTF-8 with a byte-order mark so that Excel shows Thai correctly), read from the
organisation's most recent certificate that is not revoked, so an update of the plan shows at the next download.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext_lazy as _

from smartcity.certification.models import Certificate, CertificateState

from .live import LiveContent, LiveKind, register

HEADERS = ["ด้าน", "Domain", "เป้าหมาย", "ตัวชี้วัด", "หน่วย", "ค่าฐาน", "ค่าเป้าหมาย", "ปีเป้าหมาย (พ.ศ.)"]


def _check(organization, params: dict) -> dict:
    return {}


def _rows(organization):
    certificate = (
        Certificate.objects.filter(organization=organization)
        .exclude(state=CertificateState.REVOKED)
        .order_by("-issued_on", "-id")
        .first()
    )
    if certificate is None:
        return
    for goal in certificate.proposal.goals.select_related("domain").order_by("domain__order", "id"):
        yield [
            goal.domain.name_th,
            goal.domain.name_en,
            goal.title,
            goal.kpi_name,
            goal.unit,
            "" if goal.baseline is None else str(goal.baseline),
            "" if goal.target is None else str(goal.target),
            str(goal.target_year + 543) if goal.target_year else "",
        ]


def _stream(organization, params: dict) -> LiveContent:
    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
        for row in _rows(organization):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(row)
            yield buffer.getvalue().encode("utf-8")

    return LiveContent("text/csv; charset=utf-8", "plan-goals.csv", chunks())


PLAN_GOALS = register(
    LiveKind(
        code="plan-goals",
        label=_("Goals and KPIs of the certified smart city plan (CSV)"),
        format="CSV",
        media_type="text/csv",
        check=_check,
        stream=_stream,
        help_text=_("No parameters: the goals of the organisation's current certificate."),
    )
)
