from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_index, name="list"),
    path("search/", views.search, name="search"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("merge/<int:keep_pk>/<int:merge_pk>/", views.merge, name="merge"),
    path("merges/<int:pk>/", views.merge_detail, name="merge-detail"),
    path("<int:pk>/restrict/", views.restrict, name="restrict"),
    path("<int:pk>/unrestrict/", views.unrestrict, name="unrestrict"),
    path("<int:pk>/break-glass/", views.break_glass, name="break-glass"),
    path("break-glass/", views.break_glass_report, name="break-glass-report"),
]
