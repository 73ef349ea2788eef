from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.open_notice, name="open"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/release/", views.release, name="release"),
    path("outbox/cancel/", views.cancel, name="cancel"),
]
