from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("trends/", views.trends, name="trends"),
    path("refresh/", views.refresh, name="refresh"),
    path("download.csv", views.statistics_csv, name="csv"),
    path("board-report.pdf", views.board_report, name="board-report"),
    path("national-return/", views.national, name="national-return"),
    path("national-return.csv", views.national_csv, name="national-return-csv"),
    path("data-quality/", views.data_quality, name="data-quality"),
]
