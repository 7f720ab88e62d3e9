"""Every action the policy answers for: names only, no domain imports."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    VIEW_HOME = "view_home"
    # Home (prevent/home): obj is a PersonChronology (the entries the user may see).
    VIEW_PERSON_CHRONOLOGY = "view_person_chronology"
    VIEW_OWN_ACCOUNT = "view_own_account"
    # Without obj: the users pages; with obj: that user (scoped: accounts.User).
    MANAGE_USERS = "manage_users"
    # Roles (ADR 0007). CHANGE_USER_ROLES: obj is the user whose roles change.
    # Role grant request objects expose user_id, role and requested_by_id.
    CHANGE_USER_ROLES = "change_user_roles"
    VIEW_ROLE_GRANT_REQUESTS = "view_role_grant_requests"
    VIEW_ROLE_GRANT_REQUEST = "view_role_grant_request"
    DECIDE_ROLE_GRANT_REQUEST = "decide_role_grant_request"
    WITHDRAW_ROLE_GRANT_REQUEST = "withdraw_role_grant_request"
    # Core: without obj the organisations pages; with obj that organisation.
    MANAGE_ORGANISATIONS = "manage_organisations"
    EDIT_LOCAL_AREA_SETTINGS = "edit_local_area_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    # Concerns (issue 3). Concern objects expose organisation_id, raised_by_id,
    # status (a ConcernStatus value) and referred_to_police_prevent.
    RECORD_CONCERN = "record_concern"
    VIEW_CONCERN = "view_concern"
    EDIT_CONCERN_DRAFT = "edit_concern_draft"
    ANSWER_CONCERN_QUESTION = "answer_concern_question"
    ADD_CONCERN_ADDENDUM = "add_concern_addendum"
    VIEW_TRIAGE_QUEUE = "view_triage_queue"
    TRIAGE_CONCERN = "triage_concern"
    # Concern objects: re-point the concern at an existing person record.
    LINK_CONCERN_PERSON = "link_concern_person"
    # Referral objects expose concern (a concern as above).
    UPDATE_REFERRAL = "update_referral"
    # Another domain records a referral's outcome (the police gateway).
    RECORD_REFERRAL_OUTCOME = "record_referral_outcome"
    # People (prevent/people/rules.py): Person objects, visible when a record
    # about them is (each domain registers which).
    VIEW_PERSON = "view_person"
    CREATE_PERSON = "create_person"
    UPDATE_PERSON = "update_person"
    LINK_PERSON = "link_person"
    # People search and list (issue 10), list-level (no obj): the header
    # search box, the people list. MERGE_PEOPLE: without obj the possible
    # duplicates page; with obj a Person (scoped). UNDO_PERSON_MERGE: a
    # PersonMerge (scoped).
    FIND_PEOPLE = "find_people"
    MERGE_PEOPLE = "merge_people"
    UNDO_PERSON_MERGE = "undo_person_merge"
    # Restricted records (issue 14): RESTRICT_PERSON on a Person (a
    # coordinator who may see them); BREAK_GLASS on a PersonRestriction (a
    # user whose role would see the person); the break-glass report
    # (coordinators, list-level).
    RESTRICT_PERSON = "restrict_person"
    BREAK_GLASS = "break_glass"
    VIEW_BREAK_GLASS_REPORT = "view_break_glass_report"
    # Police gateway and Channel (prevent/channel/rules.py). Without an
    # object: list-level questions (may see the queue, the case list...).
    VIEW_GATEWAY_QUEUE = "view_gateway_queue"
    ASSESS_GATEWAY_REFERRALS = "assess_gateway_referrals"
    VIEW_CHANNEL_CASES = "view_channel_cases"
    MANAGE_CHANNEL_CASES = "manage_channel_cases"
    VIEW_PANEL_MEETINGS = "view_panel_meetings"
    SCHEDULE_PANEL_MEETINGS = "schedule_panel_meetings"
    CONFIRM_PANEL_DECISIONS = "confirm_panel_decisions"
    VIEW_INFORMATION_REQUESTS = "view_information_requests"
    RECORD_POST_EXIT_REVIEWS = "record_post_exit_reviews"
    LOG_EXTERNAL_REFERRAL = "log_external_referral"
    MANAGE_APPROVED_PROVIDERS = "manage_approved_providers"
    # Issue 11 (Channel panels): the list of approved providers, read only.
    VIEW_APPROVED_PROVIDERS = "view_approved_providers"
    # The user given as a case officer, or as a panel member (obj None).
    LEAD_CHANNEL_CASE = "lead_channel_case"
    SIT_ON_CHANNEL_PANEL = "sit_on_channel_panel"
    # With an object (each has a scope): concerns.Referral (a SPOC's police
    # Prevent referral); GatewayReferral; GatewayAssessment; ChannelCase;
    # InformationRequest; PanelMeeting; PanelDecision; PanelAction;
    # PostExitReview; ApprovedProvider.
    VIEW_GATEWAY_CONCERN_REFERRAL = "view_gateway_concern_referral"
    ASSESS_CONCERN_REFERRAL = "assess_concern_referral"
    VIEW_GATEWAY_REFERRAL = "view_gateway_referral"
    RECORD_GATEWAY_ASSESSMENT = "record_gateway_assessment"
    VIEW_GATEWAY_ASSESSMENT = "view_gateway_assessment"
    VIEW_CHANNEL_CASE = "view_channel_case"
    MANAGE_CHANNEL_CASE = "manage_channel_case"
    COMPLETE_CLOSING_REPORT = "complete_closing_report"
    EXIT_CHANNEL_CASE = "exit_channel_case"
    VIEW_INFORMATION_REQUEST = "view_information_request"
    ANSWER_INFORMATION_REQUEST = "answer_information_request"
    VIEW_PANEL_MEETING = "view_panel_meeting"
    MANAGE_PANEL_MEETING = "manage_panel_meeting"
    VIEW_PANEL_DECISION = "view_panel_decision"
    CONFIRM_PANEL_DECISION = "confirm_panel_decision"
    MARK_PANEL_ACTION_DONE = "mark_panel_action_done"
    RECORD_POST_EXIT_REVIEW = "record_post_exit_review"
    ARCHIVE_APPROVED_PROVIDER = "archive_approved_provider"
    VIEW_GUIDANCE = "view_guidance"
    EDIT_GUIDANCE = "edit_guidance"
    # Prevent self-assessment (Appendix 1). Objects are assessments with
    # organisation_id and is_locked (submitted).
    LIST_SELF_ASSESSMENTS = "list_self_assessments"
    VIEW_SELF_ASSESSMENT = "view_self_assessment"
    START_SELF_ASSESSMENT = "start_self_assessment"
    EDIT_SELF_ASSESSMENT = "edit_self_assessment"
    VIEW_SELF_ASSESSMENT_OVERVIEW = "view_self_assessment_overview"
    # obj: an EvidenceFile; an Organisation whose assessments are listed.
    VIEW_SELF_ASSESSMENT_EVIDENCE = "view_self_assessment_evidence"
    VIEW_SELF_ASSESSMENT_HISTORY = "view_self_assessment_history"
    PUBLISH_SELF_ASSESSMENT_TEMPLATE = "publish_self_assessment_template"
    # Training and awareness (prevent/training/rules.py). Without obj: may
    # reach the page. Completion objects expose user_id, organisation_id and
    # status; TrainingSession objects trainer_id and open_to_id; with an
    # Organisation: its plan and compliance.
    VIEW_OWN_TRAINING = "view_own_training"
    VIEW_TRAINING_COURSES = "view_training_courses"
    MANAGE_TRAINING_COURSES = "manage_training_courses"
    DECLARE_TRAINING_COMPLETION = "declare_training_completion"
    VIEW_TRAINING_COMPLETION = "view_training_completion"
    CONFIRM_TRAINING_COMPLETION = "confirm_training_completion"
    VIEW_TRAINING_SESSIONS = "view_training_sessions"
    VIEW_TRAINING_SESSION = "view_training_session"
    SCHEDULE_TRAINING_SESSIONS = "schedule_training_sessions"
    BOOK_TRAINING_SESSION = "book_training_session"
    RECORD_TRAINING_ATTENDANCE = "record_training_attendance"
    CASCADE_TRAINING_SESSION = "cascade_training_session"
    VIEW_TRAINING_COMPLIANCE = "view_training_compliance"
    VIEW_PARTNERSHIP_TRAINING_COMPLIANCE = "view_partnership_training_compliance"
    MANAGE_TRAINING_PLAN = "manage_training_plan"
    # obj: the Organisation whose staff list is imported (creates accounts).
    IMPORT_TRAINING_STAFF = "import_training_staff"
    # Notifications (prevent/notifications/rules.py). VIEW_NOTIFICATIONS:
    # without obj the notification centre; with obj one Notification (its
    # recipient only; scoped). MANAGE_FAILED_NOTIFICATIONS: the emails that
    # could not be sent (administrators).
    VIEW_NOTIFICATIONS = "view_notifications"
    CHANGE_NOTIFICATION_PREFERENCES = "change_notification_preferences"
    MANAGE_FAILED_NOTIFICATIONS = "manage_failed_notifications"
    # API for partner systems (prevent/api/rules.py). Without obj: the pages;
    # with obj an ApiToken / WebhookEndpoint (scoped). VIEW_API_DOCS: the
    # documentation page.
    MANAGE_API_TOKENS = "manage_api_tokens"
    MANAGE_WEBHOOKS = "manage_webhooks"
    VIEW_API_DOCS = "view_api_docs"
    # Data protection (prevent/privacy/rules.py), no object but the last
    # two: the retention schedule (MANAGE_RETENTION), the review queue and
    # disposal (REVIEW_RETENTION), a subject access export and who looked
    # at a person's record (obj: a Person), one's own access history.
    MANAGE_RETENTION = "manage_retention"
    REVIEW_RETENTION = "review_retention"
    EXPORT_SUBJECT_ACCESS = "export_subject_access"
    VIEW_PERSON_ACCESS = "view_person_access"
    VIEW_OWN_ACCESS_HISTORY = "view_own_access_history"
    # obj: a StaffImport (its progress page: the person who started it).
    VIEW_STAFF_IMPORT = "view_staff_import"
    # obj: the Organisation a role-less staff account is added to, by an
    # administrator or its SPOC (accounts.services.users.staff_accounts_create;
    # rule in prevent/training/rules.py, ADR 0026).
    CREATE_STAFF_ACCOUNT = "create_staff_account"
    # Partnership statistics (prevent/reporting/rules.py), no object: the
    # suppressed statistics and their exports (analysts and coordinators);
    # the data quality lists (coordinators).
    VIEW_STATISTICS = "view_statistics"
    EXPORT_STATISTICS = "export_statistics"
    VIEW_DATA_QUALITY = "view_data_quality"
    REFRESH_STATISTICS = "refresh_statistics"
