from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-in/", views.SignInView.as_view(), name="login"),
    path("accounts/two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/tokens/", views.ApiTokensView.as_view(), name="tokens"),
]
