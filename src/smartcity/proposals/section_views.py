"""The applicant's editing pages, one per section. A save keeps the applicant on the section (or goes on to
the next with "save and next"); a refused save shows the page again with everything typed and the reason on the
field; nothing is half-saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smartcity.core.errors import UserFacingError
from smartcity.core.thai_fields import conversion_notes

from . import forms, sections, services
from .map_views import area_map_text, keep_refused_area, place_results
from .views import checklist, editable_proposal


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _chained(revision: int | None):
    """The revision for each service of one save: the first checks the page's revision and locks the row; the
    others run in the same transaction under that lock, so they need no check of their own."""
    yield revision
    while True:
        yield None


def _save(request: HttpRequest, forms_on_page: list, action) -> bool:
    """Run the services in one transaction; a refusal is shown on the field it names, and nothing is saved."""
    try:
        with transaction.atomic():
            action()
    except UserFacingError as error:
        _fail(request, error, forms_on_page)
        return False
    messages.success(request, _("Saved."))
    for note in conversion_notes(*forms_on_page):
        messages.info(request, note)
    return True


def _fail(request: HttpRequest, error: UserFacingError, forms_on_page: list) -> None:
    for form in forms_on_page:
        if error.field == "area" and isinstance(form, forms.AreaForm):
            form.add_error(None, str(error))
            return
        if error.field and error.field in getattr(form, "fields", {}):
            form.add_error(error.field, str(error))
            return
    messages.error(request, str(error))


def _saved(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if "save_next" in request.POST:
        following = sections.next_section(name)
        return redirect(sections.URL_NAMES[following], pk) if following else redirect("proposals:detail", pk)
    return redirect(sections.URL_NAMES[name], pk)


def _render_section(request, proposal, name, context, refused: bool = False) -> HttpResponse:
    proposal.refresh_from_db(fields=["revision"])
    findings = services.findings_for(proposal)
    following = sections.next_section(name)
    return render(
        request,
        f"proposals/section_{name}.html",
        {
            "proposal": proposal,
            "section": name,
            "section_states": sections.section_states(proposal.pk, findings),
            "next_label": sections.LABELS[following] if following else "",
            "section_comments": proposal.section_comments.filter(section=name).select_related("author"),
            "findings_by_criterion": checklist(proposal, findings),
            "can_edit": True,
            "refused": refused,
            **context,
        },
        status=400 if refused else 200,
    )


@login_required
def edit_general(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    initial = {"domains": list(proposal.domains.all()), "partners": list(proposal.partners.all())}
    form = forms.GeneralForm(request.POST or None, instance=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("title_th", "title_en", "city_type")}
        domains = [d.code for d in form.cleaned_data["domains"]]
        partners = [org.pk for org in form.cleaned_data["partners"]]

        def save():
            services.update_proposal(
                actor=request.user,
                proposal_id=pk,
                revision=_revision(request),
                changes=changes,
                domains=domains,
                partners=partners,
            )

        if _save(request, [form], save):
            return _saved(request, pk, "general")
    return _render_section(request, proposal, "general", {"form": form}, refused=request.method == "POST")


@login_required
def edit_area_goals(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    data = request.POST or None
    initial_units = ", ".join(proposal.admin_units or [])
    form = forms.AreaGoalsForm(data, instance=proposal, initial={"admin_units_text": initial_units})
    area_form = forms.AreaForm(data, request.FILES or None)
    goals = forms.item_formset("goals", data, initial=_initial(proposal.goals.all(), "goals"))
    context = {"form": form, "formset": goals, "area_form": area_form, "places": None, "outside": None}
    context["map_text"] = area_map_text()
    if request.method == "POST" and "find_place" in request.POST:
        # The search button belongs to the page's form, so a search without JavaScript keeps what was typed.
        context["places"] = place_results(request.POST.get("place", ""))
        return _render_section(request, proposal, "area_goals", context)
    if request.method == "POST" and form.is_valid() and area_form.is_valid() and goals.is_valid():
        area = area_form.source()
        changes = {k: form.cleaned_data[k] for k in ("population", "baseline_problems", "vision")}
        changes["admin_units"] = form.cleaned_data["admin_units_text"]
        revisions = _chained(_revision(request))

        def save():
            # The units typed go first: the units of a chosen boundary join them, not the other way round.
            services.update_proposal(actor=request.user, proposal_id=pk, revision=next(revisions), changes=changes)
            if area is not None:
                options = {k: area_form.cleaned_data[f"area_{k}"] for k in ("repair", "clip")}
                services.set_area(actor=request.user, proposal_id=pk, revision=next(revisions), **options, **area)
            rows = forms.rows_from_formset(goals)
            services.replace_items(
                actor=request.user, proposal_id=pk, revision=next(revisions), kind="goals", rows=rows
            )

        if _save(request, [form, area_form, goals], save):
            return _saved(request, pk, "area_goals")
        context["outside"] = keep_refused_area(area_form, area)
    return _render_section(request, proposal, "area_goals", context, refused=request.method == "POST")


def _initial(queryset, kind: str) -> list[dict]:
    _model, fields = forms.ITEM_FIELDS[kind]
    return [{f: (getattr(obj, f + "_id") if f == "domain" else getattr(obj, f)) for f in fields} for obj in queryset]


def _item_section(name: str, kind: str, form_class=None):
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        proposal = editable_proposal(request, pk)
        form = form_class(request.POST or None, instance=proposal) if form_class else None
        formset = forms.item_formset(kind, request.POST or None, initial=_initial(getattr(proposal, kind).all(), kind))
        if request.method == "POST" and formset.is_valid() and (form is None or form.is_valid()):
            revisions = _chained(_revision(request))

            def save():
                if form is not None:
                    changes = dict(form.cleaned_data)
                    services.update_proposal(
                        actor=request.user, proposal_id=pk, revision=next(revisions), changes=changes
                    )
                rows = forms.rows_from_formset(formset)
                services.replace_items(
                    actor=request.user, proposal_id=pk, revision=next(revisions), kind=kind, rows=rows
                )

            if _save(request, [f for f in (form, formset) if f is not None], save):
                return _saved(request, pk, name)
        context = {"form": form, "formset": formset}
        return _render_section(request, proposal, name, context, refused=request.method == "POST")

    return view


edit_infrastructure = _item_section("infrastructure", "infrastructure_items")
edit_data_platform = _item_section("data_platform", "datasets", forms.DataPlatformForm)
edit_services = _item_section("services", "services")


@login_required
def edit_management(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    form = forms.ManagementForm(request.POST or None, instance=proposal)

    def save():
        services.update_proposal(
            actor=request.user, proposal_id=pk, revision=_revision(request), changes=dict(form.cleaned_data)
        )

    if request.method == "POST" and form.is_valid() and _save(request, [form], save):
        return _saved(request, pk, "management")
    return _render_section(request, proposal, "management", {"form": form}, refused=request.method == "POST")
