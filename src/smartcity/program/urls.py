from django.urls import path

from . import views

app_name = "program"

urlpatterns = [
    path("program/", views.program_rules, name="rules"),
]
