"""Query helpers shared by the selectors."""

from __future__ import annotations

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """How many rows a correlated queryset has, as an annotation, e.g.
    ``SubqueryCount(ProposalVersion.objects.filter(proposal=OuterRef("pk")))``.

    A list annotated this way stays one narrow query: no JOIN that multiplies its rows and no GROUP BY over
    every column, so a page of 50 costs the same whether the rows behind it number ten or ten thousand.
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)
