from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("courses/", views.course_list, name="course-list"),
    path("courses/add/", views.course_add, name="course-add"),
    path("courses/<int:pk>/change/", views.course_change, name="course-change"),
    path("courses/<int:pk>/retire/", views.course_retire, name="course-retire"),
    path("courses/<int:pk>/restore/", views.course_restore, name="course-restore"),
    path("completions/declare/", views.declare, name="declare"),
    path("completions/to-confirm/", views.completions_to_confirm, name="to-confirm"),
    path("completions/<int:pk>/", views.completion_detail, name="completion-detail"),
    path("completions/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/add/", views.session_add, name="session-add"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/book/", views.session_book, name="session-book"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar, name="session-calendar"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session-attendance"),
    path("sessions/<int:pk>/cascade/", views.session_cascade, name="session-cascade"),
    path("compliance/", views.partnership, name="partnership"),
    path("compliance/export.csv", views.compliance_csv, name="partnership-csv"),
    path("organisations/<int:organisation_pk>/compliance/", views.compliance, name="compliance"),
    path("organisations/<int:organisation_pk>/compliance.csv", views.compliance_csv, name="compliance-csv"),
    path("organisations/<int:organisation_pk>/plan/", views.plan, name="plan"),
    path("import/", views.staff_import, name="import"),
    path("import/<int:pk>/", views.staff_import_progress, name="import-progress"),
    path("import/<int:pk>/confirm/", views.staff_import_confirm, name="import-confirm"),
    path("trainers/", views.trainers, name="trainers"),
    path("trainers/<int:pk>/retire/", views.trainer_retire, name="trainer-retire"),
]
