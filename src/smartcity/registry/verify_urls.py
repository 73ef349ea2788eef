"""Mounted at /verify/: the public verification of a certificate (no account needed)."""

from django.urls import path

from . import views

app_name = "verify"

urlpatterns = [
    path("", views.verify_form, name="form"),
    path("<str:number>/", views.verify_certificate, name="certificate"),
]
