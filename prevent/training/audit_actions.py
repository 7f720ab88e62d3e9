"""The training domain's audit actions (see prevent/audit/actions.py)."""

from prevent.audit.actions import register

register(
    "Training",
    {
        "training_course_created": "Training course added",
        "training_course_updated": "Training course changed",
        "training_course_retired": "Training course retired",
        "training_course_restored": "Training course restored",
        "training_completion_declared": "Training completion declared",
        "training_completion_confirmed": "Training completion confirmed",
        "training_completion_refused": "Training completion not confirmed",
        "training_certificate_downloaded": "Training certificate downloaded",
        "training_session_scheduled": "Training session scheduled",
        "training_session_booked": "Training session booked",
        "training_booking_cancelled": "Training booking cancelled",
        "training_booking_promoted": "Training booking moved up from the waiting list",
        "training_attendance_recorded": "Training attendance recorded",
        "training_session_cascaded": "Training session details sent to staff",
        "training_plan_changed": "Training plan changed",
        "training_compliance_exported": "Training compliance exported",
        "training_staff_imported": "Staff imported for training",
        "training_staff_import_started": "Staff list uploaded for import",
        "training_staff_import_checked": "Staff list checked",
        "training_staff_import_confirmed": "Staff list import confirmed",
        "training_staff_import_failed": "Staff list not imported",
        "training_trainer_accredited": "Accredited trainer recorded",
        "training_trainer_retired": "Accredited trainer retired",
    },
)
