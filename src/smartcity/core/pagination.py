"""Long lists in pages: the HTML lists people wait on show 50 rows at a time, in a constant number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, rows, per_page: int | None = None) -> Page:
    """The page named by ``?page=`` (the first for anything unreadable, the last for a number past the end).

    Two queries (the count and the page's rows) plus the queryset's own prefetches, however long the list.
    The rows are fetched once, as a list, so a view may decorate them before the template reads them.
    ``page.query_prefix`` keeps the request's other parameters (filters) in the pager's links.
    """
    page = Paginator(rows, per_page or PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    others = request.GET.copy()
    others.pop("page", None)
    page.query_prefix = f"{others.urlencode()}&" if others else ""
    return page
