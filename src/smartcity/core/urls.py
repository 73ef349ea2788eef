from django.db import connection
from django.http import JsonResponse
from django.urls import path

app_name = "core"


def healthz(request):
    """For load balancers and probes: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
]
