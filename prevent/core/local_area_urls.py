from django.urls import path

from . import admin_views

app_name = "local-area"

urlpatterns = [
    path("", admin_views.local_area_detail, name="detail"),
    path("change/", admin_views.local_area_change, name="change"),
]
