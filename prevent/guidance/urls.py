# Placeholder: replaced by the guidance feature.
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "guidance"


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("", placeholder, name="index"),
    path("how-to-report/", placeholder, name="how-to-report"),
    path("vulnerability-factors/", placeholder, name="vulnerability-factors"),
    path("influences/", placeholder, name="influences"),
    path("prevent-pyramid/", placeholder, name="pyramid"),
    path("<slug:slug>/", placeholder, name="page"),
]
