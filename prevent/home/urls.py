from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("chronology/person/<int:pk>/", views.person_chronology_page, name="person-chronology"),
    path(
        "chronology/person/<int:pk>/chronology.pdf",
        views.person_chronology_download,
        name="person-chronology-pdf",
    ),
]
