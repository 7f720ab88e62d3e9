"""The practice guidance, the "How to report a concern" pathway and the
coordinator's wording pages. The fixed routes come before the page slug."""

from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("how-to-report/", views.how_to_report, name="how-to-report"),
    path("vulnerability-factors/", views.vulnerability_factors, name="vulnerability-factors"),
    path("influences/", views.influences, name="influences"),
    path("prevent-pyramid/", views.pyramid, name="pyramid"),
    path("manage/", views.manage, name="manage"),
    path("manage/concern-types/add/", views.concern_type_add, name="concern-type-add"),
    path("manage/concern-types/<int:pk>/delete/", views.concern_type_delete, name="concern-type-delete"),
    path("manage/<slug:kind>/", views.manage_list, name="manage-list"),
    path("manage/<slug:kind>/<int:pk>/change/", views.manage_change, name="manage-change"),
    path("manage/<slug:kind>/<int:pk>/retire/", views.manage_retire, name="manage-retire"),
    path("manage/<slug:kind>/<int:pk>/restore/", views.manage_restore, name="manage-restore"),
    path("<slug:slug>/", views.page, name="page"),
]
