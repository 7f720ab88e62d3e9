from django.urls import path

from . import admin_views

app_name = "organisations"

urlpatterns = [
    path("", admin_views.organisation_list, name="list"),
    path("add/", admin_views.organisation_add, name="add"),
    path("<int:pk>/", admin_views.organisation_detail, name="detail"),
    path("<int:pk>/change/", admin_views.organisation_change, name="change"),
    path("<int:pk>/archive/", admin_views.organisation_archive, name="archive"),
    path("<int:pk>/restore/", admin_views.organisation_restore, name="restore"),
]
