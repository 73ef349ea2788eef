from django.urls import path, re_path

from . import ckan_api, dcat_views, edit_views, file_views, views

app_name = "catalogue"

urlpatterns = [
    re_path(r"^api/(?:3/)?action/(?P<name>[a-z_]{1,60})/?$", ckan_api.action, name="action"),
    path("catalog", dcat_views.catalog, name="catalog"),
    re_path(r"^catalog\.(?P<fmt>ttl|jsonld|rdf|xml)$", dcat_views.catalog, name="catalog_format"),
    path("catalogue/", views.index, name="index"),
    path("catalogue/organisation/<int:organization_id>/", edit_views.organization, name="organization"),
    path("catalogue/organisation/<int:organization_id>/new/", edit_views.dataset_new, name="dataset_new"),
    path("dataset/<uuid:dataset_id>/resource/<uuid:resource_id>/live", file_views.live, name="live"),
    path(
        "dataset/<uuid:dataset_id>/resource/<uuid:resource_id>/download/<str:file_name>",
        file_views.download,
        name="download",
    ),
    path("dataset/<slug:name>/edit/", edit_views.dataset_edit, name="dataset_edit"),
    path("dataset/<slug:name>/delete/", edit_views.dataset_delete, name="dataset_delete"),
    path("dataset/<slug:name>/resource/new/", edit_views.resource_new, name="resource_new"),
    path("dataset/<slug:name>/resource/<uuid:resource_id>/edit/", edit_views.resource_edit, name="resource_edit"),
    path("dataset/<slug:name>/resource/<uuid:resource_id>/delete/", edit_views.resource_delete, name="resource_delete"),
    re_path(r"^dataset/(?P<name>[A-Za-z0-9_-]{1,100})\.(?P<fmt>ttl|jsonld|rdf|xml)$", dcat_views.dataset, name="dcat"),
    path("dataset/<slug:name>", views.dataset, name="dataset"),
]
