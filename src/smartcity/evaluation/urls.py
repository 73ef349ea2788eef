from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("proposals/<int:pk>/", views.workspace, name="workspace"),
    path("proposals/<int:pk>/<slug:action>/", views.workspace_action, name="workspace_action"),
    path("assignments/", views.queue, name="queue"),
    path("assignments/<int:assignment_id>/", views.scorecard, name="scorecard"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/<slug:action>/", views.meeting_action, name="meeting_action"),
    path("committee/", views.committee, name="committee"),
    path("insight/", views.insight, name="insight"),
]
