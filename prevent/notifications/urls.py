from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("read-all/", views.notification_read_all, name="read-all"),
    path("email/", views.preferences, name="preferences"),
    path("failed-emails/", views.failed_list, name="failed-list"),
    path("failed-emails/<int:pk>/send-again/", views.failed_retry, name="failed-retry"),
]
