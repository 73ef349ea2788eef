from django.urls import path

from . import views

app_name = "portal"


def _role_home(role: str, permission: str):
    return views.RoleHomeView.as_view(role=role, permission_required=permission)


urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.HomeView.as_view(), name="home"),
    path("secretariat/", _role_home("secretariat", "accounts.view_secretariat_home"), name="secretariat_home"),
    path("working-groups/<slug:code>/", views.DomainGroupHomeView.as_view(), name="domain_group_home"),
    path("subcommittee/", _role_home("subcommittee", "accounts.view_subcommittee_home"), name="subcommittee_home"),
    path("committee/", _role_home("committee", "accounts.view_committee_home"), name="committee_home"),
    path("boi/", _role_home("boi", "accounts.view_boi_home"), name="boi_home"),
    path("platform/", _role_home("platform_admin", "accounts.view_platform_admin_home"), name="platform_admin_home"),
    path("organisations/<int:pk>/", views.OrganizationHomeView.as_view(), name="organization_home"),
]
