from django.urls import path

from . import file_views, map_views, secretariat_views, section_views, views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("thailand.geojson", map_views.thailand_outline, name="thailand"),
    path("places.json", map_views.places, name="places"),
    path("boundaries.json", map_views.merged_boundaries, name="boundaries"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/general/", section_views.edit_general, name="edit_general"),
    path("<int:pk>/edit/area-goals/", section_views.edit_area_goals, name="edit_area_goals"),
    path("<int:pk>/edit/infrastructure/", section_views.edit_infrastructure, name="edit_infrastructure"),
    path("<int:pk>/edit/data-platform/", section_views.edit_data_platform, name="edit_data_platform"),
    path("<int:pk>/edit/services/", section_views.edit_services, name="edit_services"),
    path("<int:pk>/edit/management/", section_views.edit_management, name="edit_management"),
    path("<int:pk>/area.json", map_views.area_geojson, name="area"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/diff/", file_views.version_diff, name="diff"),
    path("<int:pk>/versions/<int:number>.pdf", file_views.version_pdf, name="version_pdf"),
    path("<int:pk>/attachments/", file_views.attachments, name="attachments"),
    path("<int:pk>/attachments/<int:attachment_id>/", file_views.download_attachment, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_id>/remove/", file_views.remove_attachment, name="remove_attachment"),
    path("<int:pk>/export.json", file_views.export_file, name="export"),
    path("import/", file_views.import_file, name="import"),
    path("<int:pk>/return/", secretariat_views.return_for_revision, name="return"),
]
