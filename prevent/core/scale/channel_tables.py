"""The tables the Channel stage (channel.py) writes, with their columns."""

from __future__ import annotations

from prevent.channel import models as m

from .plan import Context
from .writer import Table


def tables(ctx: Context) -> dict[str, Table]:
    a = ctx.anchor

    def t(model: type, *columns: str) -> Table:
        return Table(model, ["id", *columns], anchor=a)

    return {
        "case": Table(
            m.ChannelCase,
            [
                "id",
                "reference",
                "person_id",
                "gateway_referral_id",
                "case_officer_id",
                "status",
                "opened_at",
                "opened_by_id",
                "exited_on",
                "updated_at",
            ],
            anchor=a,
            bar=ctx.progress.bar("channel cases", ctx.plan.channel_cases),
        ),
        "meeting": t(
            m.PanelMeeting,
            "meeting_on",
            "starts_at",
            "ends_at",
            "location",
            "minutes",
            "minutes_recorded_at",
            "created_by_id",
            "created_at",
        ),
        "member": t(m.PanelMeeting.members.through, "panelmeeting_id", "user_id"),
        "attendance": t(
            m.Attendance,
            "meeting_id",
            "agency_id",
            "representative",
            "status",
            "recorded_by_id",
            "recorded_at",
        ),
        "item": t(
            m.AgendaItem,
            "meeting_id",
            "case_id",
            "kind",
            "notes",
            "notes_recorded_at",
            "added_by_id",
            "added_at",
        ),
        "decision": t(
            m.PanelDecision,
            "agenda_item_id",
            "case_id",
            "outcome",
            "other_mechanism",
            "rationale",
            "recorded_by_id",
            "recorded_at",
            "confirmed_by_id",
            "confirmed_at",
            "status_before",
            "status_after",
        ),
        "action": t(
            m.PanelAction,
            "meeting_id",
            "case_id",
            "description",
            "owner_id",
            "due_on",
            "done_at",
            "done_by_id",
            "created_by_id",
            "created_at",
        ),
        "vaf": t(
            m.VulnerabilityAssessment,
            "case_id",
            "framework_id",
            "overall_judgement",
            "assessed_by_id",
            "assessed_at",
        ),
        "summary": t(m.DimensionSummary, "assessment_id", "dimension_id", "summary"),
        "answer": t(m.FactorAnswer, "assessment_id", "factor_id", "rating", "evidence"),
        "consent": t(
            m.ConsentRecord,
            "case_id",
            "outcome",
            "given_by",
            "giver_name",
            "obtained_on",
            "method",
            "obtained_by",
            "told_support_needs_consent",
            "risk_management_plan",
            "reassess_on",
            "recorded_by_id",
            "recorded_at",
        ),
        "provider": t(m.ApprovedProvider, "name", "is_home_office_intervention_provider", "created_at"),
        "intervention": t(
            m.Intervention,
            "case_id",
            "type",
            "provider_id",
            "description",
            "start_on",
            "review_on",
            "end_on",
            "outcome",
            "created_by_id",
            "created_at",
        ),
        "note": t(m.ProgressNote, "intervention_id", "note", "recorded_by_id", "recorded_at"),
        "request": t(
            m.InformationRequest,
            "case_id",
            "agency_id",
            "question",
            "due_on",
            "sent_by_id",
            "sent_at",
            "status",
            "response",
            "response_text",
            "answered_by_id",
            "answered_at",
        ),
        "link": t(m.SafeguardingLink, "case_id", "process", "reference", "added_by_id", "added_at"),
        "closing": t(
            m.ClosingReport, "case_id", "decision_id", "evidence", "completed_by_id", "completed_at"
        ),
        "review": t(
            m.PostExitReview,
            "case_id",
            "months",
            "due_on",
            "outcome",
            "notes",
            "completed_by_id",
            "completed_at",
            "new_referral_id",
        ),
    }
