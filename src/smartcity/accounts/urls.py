from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-in/", views.SignInView.as_view(), name="login"),
    path("accounts/two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("home/", views.HomeView.as_view(), name="home"),
    path("accounts/tokens/", views.ApiTokensView.as_view(), name="tokens"),
    path(
        "secretariat/",
        views.RoleHomeView.as_view(role="secretariat", permission_required="accounts.view_secretariat_home"),
        name="secretariat_home",
    ),
    path("working-groups/<slug:code>/", views.DomainGroupHomeView.as_view(), name="domain_group_home"),
    path(
        "subcommittee/",
        views.RoleHomeView.as_view(role="subcommittee", permission_required="accounts.view_subcommittee_home"),
        name="subcommittee_home",
    ),
    path(
        "committee/",
        views.RoleHomeView.as_view(role="committee", permission_required="accounts.view_committee_home"),
        name="committee_home",
    ),
    path(
        "boi/",
        views.RoleHomeView.as_view(role="boi", permission_required="accounts.view_boi_home"),
        name="boi_home",
    ),
    path(
        "platform/",
        views.RoleHomeView.as_view(role="platform_admin", permission_required="accounts.view_platform_admin_home"),
        name="platform_admin_home",
    ),
    path("organisations/<int:pk>/", views.OrganizationHomeView.as_view(), name="organization_home"),
]
