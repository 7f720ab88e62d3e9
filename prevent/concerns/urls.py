# Placeholder: replaced by the concerns feature.
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "concerns"


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("", placeholder, name="index"),
    path("new/", placeholder, name="new"),
    path("triage/", placeholder, name="triage-queue"),
]
