from django.urls import path

from . import views

app_name = "channel"

urlpatterns = [
    # Police gateway.
    path("gateway/", views.gateway_queue, name="gateway-queue"),
    path("gateway/external/", views.gateway_external, name="gateway-external"),
    path("gateway/history/", views.gateway_history, name="gateway-history"),
    path("gateway/<int:pk>/", views.gateway_assess, name="gateway-assess"),
    path(
        "gateway/from-referral/<int:referral_pk>/",
        views.gateway_assess_concern,
        name="gateway-assess-concern",
    ),
    # Cases.
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/safeguarding/", views.case_safeguarding_link, name="case-safeguarding-link"),
    path(
        "cases/<int:pk>/request-information/", views.case_information_request, name="case-information-request"
    ),
    path("cases/<int:pk>/vaf/new/", views.vaf_new, name="vaf-new"),
    path("cases/<int:pk>/vaf/<int:assessment_pk>/", views.vaf_detail, name="vaf-detail"),
    path("cases/<int:pk>/consent/", views.consent, name="consent"),
    path("cases/<int:pk>/interventions/new/", views.intervention_add, name="intervention-add"),
    path(
        "cases/<int:pk>/interventions/<int:intervention_pk>/progress/",
        views.intervention_progress,
        name="intervention-progress",
    ),
    path(
        "cases/<int:pk>/interventions/<int:intervention_pk>/change/",
        views.intervention_change,
        name="intervention-change",
    ),
    path(
        "cases/<int:pk>/interventions/<int:intervention_pk>/end/",
        views.intervention_end,
        name="intervention-end",
    ),
    path("cases/<int:pk>/closing-report/", views.closing_report, name="closing-report"),
    path("cases/<int:pk>/exit/", views.case_exit, name="case-exit"),
    path("cases/<int:pk>/reviews/<int:review_pk>/", views.review_record, name="review-record"),
    path("providers/", views.providers, name="providers"),
    path("providers/<int:pk>/archive/", views.provider_archive, name="provider-archive"),
    # Information requests.
    path("information-requests/", views.information_requests, name="information-requests"),
    path("information-requests/<int:pk>/", views.information_request, name="information-request"),
    path("information-requests/<int:pk>/files/<int:file_pk>/", views.response_file, name="response-file"),
    # Panels.
    path("panels/", views.panel_list, name="panel-list"),
    path("panels/schedule/", views.panel_schedule, name="panel-schedule"),
    path("panels/<int:pk>/", views.panel_detail, name="panel-detail"),
    path("panels/<int:pk>/members/", views.panel_members, name="panel-members"),
    path("panels/<int:pk>/time-and-place/", views.panel_details, name="panel-details"),
    path("panels/<int:pk>/invitation.ics", views.panel_invitation, name="panel-invitation"),
    path("panels/<int:pk>/build-agenda/", views.panel_build_agenda, name="panel-build-agenda"),
    path("panels/<int:pk>/agenda/add/", views.agenda_add, name="agenda-add"),
    path("panels/<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_remove, name="agenda-remove"),
    path("panels/<int:pk>/agenda/<int:item_pk>/notes/", views.agenda_notes, name="agenda-notes"),
    path("panels/<int:pk>/agenda/<int:item_pk>/decision/", views.decision, name="decision"),
    path("panels/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("panels/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("panels/<int:pk>/minutes.pdf", views.minutes_download, name="minutes-pdf"),
    path("panels/<int:pk>/actions/new/", views.action_add, name="action-add"),
    path("panels/<int:pk>/actions/<int:action_pk>/done/", views.action_done, name="action-done"),
    path("decisions/<int:pk>/confirm/", views.decision_confirm, name="decision-confirm"),
    path("decisions/<int:pk>/replace/", views.decision_supersede, name="decision-supersede"),
]
