from django.urls import path

from . import views

app_name = "endorsements"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("boi/", views.boi_list, name="boi_list"),
    path("check/", views.check, name="check"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/letter.pdf", views.letter, name="letter"),
]
