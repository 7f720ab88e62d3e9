"""Subject access (issue 14, part 3): everything held about one person, as
JSON for machines and a PDF for reading.

`subject_access_export(user=..., person=...)` gathers the person's details,
every concern (with its draft answers, factors, questions, influences,
attachments, addenda, questions and answers, triage decisions, referrals
and their updates), every gateway referral and assessment, every Channel
case with every record under it, their chronology (prevent/home/chronology.py)
and who accessed their records (access_history.py).

Third parties' details are marked for redaction review before release:
`{"redaction_review": true, "third_party": "<what>", "value": ...}`. The
structured ones are marked where they are put in (staff who recorded or
decided things, the case officer, whoever gave consent, agencies' answers
naming their staff); then any other text that contains one of those names
is marked too ("free text naming a third party"). Meeting minutes, which
cover other people's cases, are not exported: the meeting's date is."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from prevent.audit.models import AuditEvent
from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.chronology import govuk_moment
from prevent.concerns.models import Concern
from prevent.home.chronology import person_chronology
from prevent.people.models import Person

from .access_history import Look, who_looked

if TYPE_CHECKING:
    from prevent.accounts.models import User

MARK = "redaction_review"
STAFF = "member of staff"
FREE_TEXT = "free text naming a third party"


def third(value: Any, kind: str = STAFF) -> Any:
    if value in (None, ""):
        return value
    return {MARK: True, "third_party": kind, "value": value}


def _staff(user: Any) -> Any:
    return third(user.full_name) if user is not None else None


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _concern(c: Concern) -> dict[str, Any]:
    return {
        "reference": c.reference,
        "status": c.get_status_display(),
        "organisation": c.organisation.name,
        "raised_by": _staff(c.raised_by),
        "created_at": _when(c.created_at),
        "submitted_at": _when(c.submitted_at),
        "answers_as_typed": c.answers if c.is_draft else None,
        "about_the_person": {
            "name": c.person_name,
            "other_names": c.person_other_names,
            "date_of_birth": _when(c.person_date_of_birth),
            "approximate_age": c.person_approximate_age,
            "gender": c.get_person_gender_display(),
            "address": c.person_address,
            "postcode": c.person_postcode,
            "district": c.person_district,
            "school_or_employer": c.person_school_or_employer,
            "care_needs": c.care_needs,
            "services_involved": c.services_involved,
            "aware": c.person_aware,
        },
        "emergency": {
            "emergency": c.emergency,
            "call_made": c.emergency_call_made,
            "call_time": c.emergency_call_time,
            "police_reference": c.emergency_police_reference,
        },
        "what_happened": c.what_happened,
        "observed_on": _when(c.observed_on),
        "location": c.location,
        "how_came_to_notice": c.how_came_to_notice,
        "concern_type": str(c.concern_type) if c.concern_type is not None else None,
        "pyramid_level": c.pyramid_level,
        "closed_reason": c.closed_reason,
        "factors": [{"factor": str(f.factor), "note": f.note} for f in c.factors.all()],
        "key_questions": [
            {"question": str(a.question), "answer": a.get_answer_display(), "note": a.note}
            for a in c.key_question_answers.all()
        ],
        "influences": [{"influence": str(i.influence), "details": i.details} for i in c.influences.all()],
        "attachments": [
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
                "uploaded_by": _staff(a.uploaded_by),
                "uploaded_at": _when(a.uploaded_at),
            }
            for a in c.attachments.all()
        ],
        "addenda": [
            {
                "section": a.section,
                "text": a.text,
                "reason": a.reason,
                "added_by": _staff(a.added_by),
                "added_at": _when(a.added_at),
            }
            for a in c.addenda.all()
        ],
        "questions": [
            {
                "question": r.question,
                "asked_by": _staff(r.asked_by),
                "asked_at": _when(r.asked_at),
                "answer": r.answer,
                "answered_by": _staff(r.answered_by),
                "answered_at": _when(r.answered_at),
            }
            for r in c.information_requests.all()
        ],
        "triage_decisions": [
            {
                "pyramid_level": d.pyramid_level,
                "rationale": d.rationale,
                "decided_by": _staff(d.decided_by),
                "decided_at": _when(d.decided_at),
            }
            for d in c.decisions.all()
        ],
        "referrals": [
            {
                "destination": r.get_destination_display(),
                "destination_detail": r.destination_detail,
                "sent_on": _when(r.sent_on),
                "method": r.get_method_display(),
                "receiving_reference": r.receiving_reference,
                "status": r.get_status_display(),
                "outcome": r.outcome,
                "outcome_received_on": _when(r.outcome_received_on),
                "made_by": _staff(r.created_by),
                "updates": [
                    {
                        "from": u.from_status,
                        "to": u.to_status,
                        "note": u.note,
                        "by": _staff(u.changed_by),
                        "at": _when(u.changed_at),
                    }
                    for u in r.updates.all()
                ],
                "information_added": [
                    {"text": i.text, "by": _staff(i.added_by), "at": _when(i.added_at)}
                    for i in r.further_information.all()
                ],
            }
            for r in c.referrals.all()
        ],
    }


def _gateway(g: GatewayReferral) -> dict[str, Any]:
    return {
        "reference": g.reference,
        "source": g.get_source_display(),
        "external_source": g.get_external_source_display() if g.external_source else "",
        "external_detail": third(g.external_detail, "who made the referral"),
        "summary": g.summary,
        "received_on": _when(g.received_on),
        "status": g.get_status_display(),
        "logged_by": _staff(g.created_by),
        "assessments": [
            {
                "checks": a.check_labels(),
                "checks_notes": a.checks_notes,
                "outcome": a.get_outcome_display(),
                "signposted_to": a.signposted_to,
                "rationale": a.rationale,
                "assessed_by": _staff(a.assessed_by),
                "assessed_at": _when(a.assessed_at),
            }
            for a in g.assessments.all()
        ],
    }


def _case(k: ChannelCase) -> dict[str, Any]:
    closing = getattr(k, "closing_report", None)
    return {
        "reference": k.reference,
        "status": k.get_status_display(),
        "opened_at": _when(k.opened_at),
        "exited_on": _when(k.exited_on),
        "case_officer": _staff(k.case_officer),
        "safeguarding_links": [
            {"process": s.get_process_display(), "reference": s.reference} for s in k.safeguarding_links.all()
        ],
        "information_requests": [
            {
                "agency": r.agency.name,
                "question": r.question,
                "due_on": _when(r.due_on),
                "sent_by": _staff(r.sent_by),
                "response": r.get_response_display() if r.response else "",
                "response_text": r.response_text,
                "answered_by": _staff(r.answered_by),
                "answered_at": _when(r.answered_at),
                "files": [
                    {"name": f.original_name, "content_type": f.content_type, "size": f.size}
                    for f in r.files.all()
                ],
            }
            for r in k.information_requests.all()
        ],
        "vulnerability_assessments": [
            {
                "framework": str(a.framework),
                "overall_judgement": a.overall_judgement,
                "assessed_by": _staff(a.assessed_by),
                "assessed_at": _when(a.assessed_at),
                "summaries": [
                    {"dimension": s.dimension.name, "summary": s.summary} for s in a.summaries.all()
                ],
                "factors": [
                    {"factor": str(f.factor), "rating": f.get_rating_display(), "evidence": f.evidence}
                    for f in a.answers.all()
                ],
            }
            for a in k.assessments.all()
        ],
        "panel_discussions": [
            {"meeting_on": _when(i.meeting.meeting_on), "kind": i.get_kind_display(), "notes": i.notes}
            for i in k.agenda_items.all()
        ],
        "panel_decisions": [
            {
                "outcome": d.get_outcome_display(),
                "other_mechanism": d.other_mechanism,
                "rationale": d.rationale,
                "recorded_by": _staff(d.recorded_by),
                "recorded_at": _when(d.recorded_at),
                "confirmed_by": _staff(d.confirmed_by),
                "confirmed_at": _when(d.confirmed_at),
                "superseded_reason": d.superseded_reason,
            }
            for d in k.decisions.all()
        ],
        "consent": [
            {
                "outcome": c.get_outcome_display(),
                "given_by": c.get_given_by_display(),
                "giver_name": third(c.giver_name, "whoever gave or refused consent"),
                "child_view": c.child_view,
                "obtained_on": _when(c.obtained_on),
                "method": c.get_method_display(),
                "obtained_by": third(c.obtained_by),
                "risk_management_plan": c.risk_management_plan,
                "recorded_by": _staff(c.recorded_by),
            }
            for c in k.consents.all()
        ],
        "interventions": [
            {
                "type": i.get_type_display(),
                "provider": i.provider.name,
                "description": i.description,
                "start_on": _when(i.start_on),
                "end_on": _when(i.end_on),
                "outcome": i.outcome,
                "progress_notes": [
                    {"note": n.note, "by": _staff(n.recorded_by), "at": _when(n.recorded_at)}
                    for n in i.progress_notes.all()
                ],
            }
            for i in k.interventions.all()
        ],
        "actions": [
            {"description": a.description, "owner": _staff(a.owner), "due_on": _when(a.due_on)}
            for a in k.actions.all()
        ],
        "closing_report": (
            {
                "evidence": closing.evidence,
                "completed_by": _staff(closing.completed_by),
                "completed_at": _when(closing.completed_at),
            }
            if closing is not None
            else None
        ),
        "post_exit_reviews": [
            {
                "months": r.months,
                "due_on": _when(r.due_on),
                "outcome": r.get_outcome_display() if r.outcome else "",
                "notes": r.notes,
                "completed_by": _staff(r.completed_by),
                "completed_at": _when(r.completed_at),
            }
            for r in k.post_exit_reviews.all()
        ],
    }


def _access(events: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    return [
        {
            "when": _when(e.occurred_at),
            "who": third(e.actor_label or "The system"),
            "organisation": e.actor_organisation_label,
            "roles": e.actor_role_labels,
            "what": e.action_label,
            "record": Look(e).what,
        }
        for e in events
    ]


def subject_access_export(*, user: User, person: Person) -> dict[str, Any]:
    """Everything held about `person` (the caller checks the policy and audits)."""
    concerns = (
        Concern.objects.filter(person=person)
        .select_related("organisation", "raised_by", "concern_type")
        .prefetch_related(
            "factors__factor",
            "key_question_answers__question",
            "influences__influence",
            "attachments__uploaded_by",
            "addenda__added_by",
            "information_requests__asked_by",
            "information_requests__answered_by",
            "decisions__decided_by",
            "referrals__created_by",
            "referrals__updates__changed_by",
            "referrals__further_information__added_by",
        )
        .order_by("created_at", "pk")
    )
    gateway = (
        GatewayReferral.objects.filter(person=person)
        .select_related("created_by")
        .prefetch_related("assessments__assessed_by")
        .order_by("received_on", "pk")
    )
    cases = (
        ChannelCase.objects.filter(person=person)
        .select_related("case_officer", "closing_report__completed_by")
        .prefetch_related(
            "safeguarding_links",
            "information_requests__agency",
            "information_requests__sent_by",
            "information_requests__answered_by",
            "information_requests__files",
            "assessments__framework",
            "assessments__assessed_by",
            "assessments__summaries__dimension",
            "assessments__answers__factor",
            "agenda_items__meeting",
            "decisions__recorded_by",
            "decisions__confirmed_by",
            "consents__recorded_by",
            "interventions__provider",
            "interventions__progress_notes__recorded_by",
            "actions__owner",
            "post_exit_reviews__completed_by",
        )
        .order_by("opened_at", "pk")
    )
    chronology = person_chronology(user=user, pk=person.pk)
    tree: dict[str, Any] = {
        "export": {
            "service": settings.PREVENT_SERVICE_NAME,
            "person_record": person.pk,
            "generated_at": _when(timezone.now()),
            "generated_by": _staff(user),
            "note": (
                "Details of other people are marked redaction_review: review them before release. "
                "Meeting minutes cover other people's cases and are not included."
            ),
        },
        "person": {
            "full_name": person.full_name,
            "other_names": person.other_names,
            "date_of_birth": _when(person.date_of_birth),
            "address": person.address,
            "postcode": person.postcode,
            "recorded_at": _when(person.created_at),
        },
        "concerns": [_concern(c) for c in concerns],
        "gateway_referrals": [_gateway(g) for g in gateway],
        "channel_cases": [_case(k) for k in cases],
        "chronology": [
            {
                "when": e.when_text,
                "kind": e.kind,
                "title": e.title,
                "text": e.text,
                "who": third(e.who),
                "reference": e.reference,
            }
            for e in chronology.entries
        ],
        "access": _access(who_looked(person).select_related(None)),
    }
    return mark_free_text(tree)


def _marked(node: Any) -> bool:
    return isinstance(node, dict) and node.get(MARK) is True


def third_party_values(node: Any) -> set[str]:
    """Every marked value in the tree."""
    if _marked(node):
        return {str(node["value"])}
    if isinstance(node, dict):
        return set().union(*(third_party_values(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(third_party_values(v) for v in node))
    return set()


def mark_free_text(tree: dict[str, Any]) -> dict[str, Any]:
    """Mark every other string that holds a marked name (whole names of four
    letters or more, in any case)."""
    names = sorted({v for v in third_party_values(tree) if len(v) >= 4}, key=len, reverse=True)
    if not names:
        return tree
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)

    def walk(node: Any) -> Any:
        if _marked(node):
            return node
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str) and pattern.search(node):
            return {MARK: True, "third_party": FREE_TEXT, "value": node}
        return node

    return walk(tree)


def export_json(tree: dict[str, Any]) -> bytes:
    return json.dumps(tree, indent=2, ensure_ascii=False).encode("utf-8")


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _html(node: Any) -> str:
    if _marked(node):
        return (
            f'<span class="review">[Review before release: {escape(node["third_party"])}]</span> '
            f"{_html(node['value'])}"
        )
    if isinstance(node, dict):
        rows = "".join(
            f"<tr><th>{escape(_words(k))}</th><td>{_html(v)}</td></tr>"
            for k, v in node.items()
            if v not in (None, "", [], {})
        )
        return f"<table>{rows}</table>" if rows else ""
    if isinstance(node, list):
        return "".join(f'<div class="item">{_html(v)}</div>' for v in node) or "None"
    return escape(str(node))


CSS_TEXT = """
@page { size: A4; margin: 1.5cm;
  @bottom-center { content: "OFFICIAL-SENSITIVE - page " counter(page) " of " counter(pages);
    font-size: 8pt; } }
body { font-family: sans-serif; font-size: 9pt; }
h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 1em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4px; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #eee; width: 28%; }
.item { margin-bottom: 6px; }
.review { background: #ffdd00; font-weight: bold; }
"""


def export_pdf(tree: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML

    sections = "".join(
        f"<h2>{escape(_words(key))}</h2>{_html(value) or '<p>None</p>'}" for key, value in tree.items()
    )
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Subject access export</title>"
        "</head><body><h1>Subject access export: person record "
        f"{escape(str(tree['export']['person_record']))}"
        f"</h1><p>Generated {escape(govuk_moment(timezone.now()))}. Text marked "
        "<span class='review'>[Review before release]</span> is about other people.</p>"
        f"{sections}</body></html>"
    )
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(string=CSS_TEXT)]))
