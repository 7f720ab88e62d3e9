from django.urls import path

from . import views

app_name = "self_assessment"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("overview/", views.overview, name="overview"),
    path("overview/export.csv", views.overview_csv, name="overview-csv"),
    path("template/", views.template_detail, name="template"),
    path("template/publish/", views.template_publish, name="template-publish"),
    path("start/", views.assessment_start, name="start"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/details/", views.assessment_details, name="details"),
    path("<int:pk>/objectives/<int:number>/", views.objective_edit, name="objective"),
    path("<int:pk>/objectives/<int:number>/actions/add/", views.action_edit, name="action-add"),
    path(
        "<int:pk>/objectives/<int:number>/actions/<int:action_pk>/", views.action_edit, name="action-change"
    ),
    path(
        "<int:pk>/objectives/<int:number>/actions/<int:action_pk>/remove/",
        views.action_remove,
        name="action-remove",
    ),
    path("<int:pk>/check/", views.assessment_check, name="check"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export-pdf"),
    path("<int:pk>/export.csv", views.export_csv, name="export-csv"),
    path("files/<int:pk>/", views.file_download, name="file"),
    path("organisations/<int:organisation_pk>/history/", views.history, name="history"),
    path("organisations/<int:organisation_pk>/compare/", views.compare, name="compare"),
]
