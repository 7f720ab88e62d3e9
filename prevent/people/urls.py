from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_index, name="list"),
    path("search/", views.search, name="search"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("merge/<int:keep_pk>/<int:merge_pk>/", views.merge, name="merge"),
    path("merges/<int:pk>/", views.merge_detail, name="merge-detail"),
]
