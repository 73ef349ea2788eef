from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from smartcity.api.main import api

admin.site.site_header = "Smart City Thailand"
admin.site.site_title = "Smart City Thailand"

urlpatterns = [
    # The admin signs in through the platform's own sign-in (with two-factor for staff).
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("smartcity.core.urls")),
    path("", include("smartcity.portal.urls")),
    path("", include("smartcity.program.urls")),
    path("", include("smartcity.accounts.urls")),
    path("proposals/", include("smartcity.proposals.urls")),
    path("notifications/", include("smartcity.notifications.urls")),
    path("evaluation/", include("smartcity.evaluation.urls")),
    path("certificates/", include("smartcity.certification.urls")),
    path("registry/", include("smartcity.registry.urls")),
    path("verify/", include("smartcity.registry.verify_urls")),
    path("endorsements/", include("smartcity.endorsements.urls")),
    path("", include("smartcity.catalogue.urls")),
]
