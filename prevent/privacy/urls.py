from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("retention/", views.schedule, name="schedule"),
    path("retention/<slug:record_type>/<slug:outcome>/", views.rule_change, name="rule-change"),
    path("review/", views.queue, name="queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/dispose/", views.review_dispose, name="review-dispose"),
    path("review/<int:pk>/keep/", views.review_keep, name="review-keep"),
    path("people/<int:pk>/subject-access/", views.subject_access_page, name="subject-access"),
    path(
        "people/<int:pk>/subject-access/<slug:kind>/",
        views.subject_access_download,
        name="subject-access-download",
    ),
    path("people/<int:pk>/who-looked/", views.who_looked, name="who-looked"),
    path("my-access-history/", views.my_access, name="my-access"),
]
