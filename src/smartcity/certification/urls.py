from django.urls import path

from . import views

app_name = "certification"

urlpatterns = [
    path("keys.json", views.public_keys, name="public_keys"),
    path("<str:number>/", views.certificate_detail, name="detail"),
]
