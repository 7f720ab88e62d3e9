from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path(
        "<int:pk>/draft/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment-remove",
    ),
    path("<int:pk>/draft/<slug:step>/", views.step, name="step"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/submitted/", views.submitted, name="submitted"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/addendum/", views.addendum, name="addendum"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/request-information/", views.request_information, name="request-information"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/link-person/", views.link_person, name="link-person"),
    path("triage/", views.triage_queue, name="triage-queue"),
    path("organisation/", views.organisation_concerns, name="organisation"),
    path("referrals/<int:pk>/", views.referral_update, name="referral-update"),
    path("referrals/<int:pk>/information/", views.referral_information, name="referral-information"),
    path("people/<int:pk>/", views.person, name="person"),
]
