# Placeholder: replaced by the feature that builds these pages.
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "audit"


def placeholder(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [path("", placeholder, name="event-list")]
