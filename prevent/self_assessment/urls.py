# Placeholder: replaced by the self-assessment feature.
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "self_assessment"


def placeholder(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [path("", placeholder, name="list"), path("overview/", placeholder, name="overview")]
