from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.index, name="index"),
    path("data.csv", views.data_csv, name="data_csv"),
    path("data.geojson", views.data_geojson, name="data_geojson"),
    path("data.json", views.data_json, name="data_json"),
    path("thailand.geojson", views.thailand, name="thailand"),
    path("<str:number>/", views.city, name="city"),
]
