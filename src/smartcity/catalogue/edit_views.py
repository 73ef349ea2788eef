"""Members edit their organisation's catalogue: the list (private and drafts included), dataset and resource
forms, deletion. Every write goes through services.py / resources.py, as the CKAN API's do."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from smartcity.accounts.models import Organization
from smartcity.core.errors import NotAllowed, UserFacingError
from smartcity.core.web import require

from . import resources as resource_services
from . import services
from .errors import InvalidPackage, NotFound
from .forms import DatasetForm, ResourceForm, show_errors
from .models import Dataset, DatasetState
from .publishers import publisher_for
from .rules import editable_organization_ids, member_organization_ids


def _editable_dataset(request: HttpRequest, name: str) -> Dataset:
    try:
        dataset = services.dataset_by_ref(name)
    except NotFound as exc:
        raise Http404 from exc
    if dataset.state == DatasetState.DELETED:
        raise Http404
    require(dataset.organization_id in editable_organization_ids(request.user))
    return dataset


@login_required
def organization(request: HttpRequest, organization_id: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=organization_id)
    require(org.pk in member_organization_ids(request.user))
    datasets = (
        Dataset.objects.filter(organization=org)
        .exclude(state=DatasetState.DELETED)
        .order_by("-updated_at")
        .values("name", "title_th", "title_en", "private", "state", "classification", "openness", "updated_at")
    )
    context = {
        "organization": org,
        "publisher": publisher_for(org),
        "datasets": list(datasets),
        "can_edit": org.pk in editable_organization_ids(request.user),
    }
    return render(request, "catalogue/organization.html", context)


def _save(request, form, action, success: str) -> bool:
    try:
        action()
    except InvalidPackage as refusal:
        show_errors(form, refusal.errors)
        return False
    except UserFacingError as refusal:
        form.add_error(None, str(refusal))
        return False
    messages.success(request, success)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def dataset_new(request: HttpRequest, organization_id: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=organization_id)
    require(org.pk in editable_organization_ids(request.user))
    form = DatasetForm(request.POST or None, initial={"license_id": "dga-ogl-th", "classification": "open"})
    if request.method == "POST" and form.is_valid():
        created = {}

        def create():
            created["dataset"] = services.create_dataset(actor=request.user, data=form.to_package(), organization=org)

        if _save(request, form, create, _("The dataset was created.")):
            return redirect("catalogue:dataset", name=created["dataset"].name)
    return render(request, "catalogue/dataset_form.html", {"form": form, "organization": org})


@login_required
@require_http_methods(["GET", "POST"])
def dataset_edit(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _editable_dataset(request, name)
    initial = DatasetForm.initial_from(json.loads(dataset.package_json))
    form = DatasetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = {}

        def update():
            saved["dataset"] = services.update_dataset(
                actor=request.user, ref=dataset.pk, data=form.to_package(), partial=True
            )

        if _save(request, form, update, _("The dataset was saved.")):
            return redirect("catalogue:dataset", name=saved["dataset"].name)
    context = {"form": form, "organization": dataset.organization, "dataset": dataset}
    return render(request, "catalogue/dataset_form.html", context)


@login_required
@require_POST
def dataset_delete(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _editable_dataset(request, name)
    try:
        services.delete_dataset(actor=request.user, ref=dataset.pk)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("catalogue:dataset", name=name)
    messages.success(request, _("The dataset was deleted."))
    return redirect("catalogue:organization", organization_id=dataset.organization_id)


@login_required
@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _editable_dataset(request, name)
    form = ResourceForm(request.POST or None, request.FILES or None, initial={"kind": "upload"})
    if request.method == "POST" and form.is_valid():
        data = {**form.to_resource(), "package_id": str(dataset.pk)}

        def create():
            resource_services.create_resource(actor=request.user, data=data, upload=form.cleaned_data.get("upload"))

        if _save(request, form, create, _("The resource was added.")):
            return redirect("catalogue:dataset", name=dataset.name)
    return render(request, "catalogue/resource_form.html", {"form": form, "dataset": dataset})


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    dataset = _editable_dataset(request, name)
    resource = get_object_or_404(dataset.resources, pk=resource_id)
    initial = {
        "kind": resource.kind,
        "name_th": resource.name_th,
        "name_en": resource.name_en,
        "description_th": resource.description_th,
        "description_en": resource.description_en,
        "url": resource.url,
        "format": resource.format,
        "live_kind": resource.live_kind,
    }
    form = ResourceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.to_resource()

        def update():
            resource_services.update_resource(
                actor=request.user, ref=resource.pk, data=data, partial=True, upload=form.cleaned_data.get("upload")
            )

        if _save(request, form, update, _("The resource was saved.")):
            return redirect("catalogue:dataset", name=dataset.name)
    context = {"form": form, "dataset": dataset, "resource": resource}
    return render(request, "catalogue/resource_form.html", context)


@login_required
@require_POST
def resource_delete(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    dataset = _editable_dataset(request, name)
    resource = get_object_or_404(dataset.resources, pk=resource_id)
    resource_services.delete_resource(actor=request.user, ref=resource.pk)
    messages.success(request, _("The resource was removed."))
    return redirect("catalogue:dataset", name=dataset.name)
