# Placeholder: replaced by the Channel feature.
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "channel"


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("gateway/", placeholder, name="gateway-queue"),
    path("cases/", placeholder, name="case-list"),
    path("panels/", placeholder, name="panel-list"),
    path("information-requests/", placeholder, name="information-requests"),
]
