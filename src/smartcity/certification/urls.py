from django.urls import path

from . import file_views, views

app_name = "certification"

urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("keys.json", views.public_keys, name="public_keys"),
    path("renewals/<int:pk>/<str:decision>/", views.decide_renewal, name="decide_renewal"),
    path("<str:number>/", views.certificate_detail, name="detail"),
    path("<str:number>/renewal/", views.request_renewal, name="request_renewal"),
    path("<str:number>/certificate.pdf", file_views.certificate_pdf, name="pdf"),
    path("<str:number>/badge.svg", file_views.badge, name="badge"),
    path("<str:number>/state/<str:action>/", views.change_state, name="change_state"),
]
