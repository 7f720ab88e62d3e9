from django.urls import path
from django.views.generic import RedirectView

from . import views
from .kept_input import kept_input

app_name = "core"

urlpatterns = [
    # "/" is home:home (prevent/home/urls.py, included before this module, so
    # a request for "/" never reaches this pattern). The name is kept so that
    # {% url 'core:home' %} and reverse("core:home") go on giving "/".
    path("", RedirectView.as_view(pattern_name="home:home"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("kept/<str:token>/", kept_input, name="kept-input"),
]
