"""The Vulnerability Assessment Framework: each factor rated with evidence, no score."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.policy import Action, require

from ..models import (
    AssessmentFramework,
    ChannelCase,
    DimensionSummary,
    FactorAnswer,
    FactorRating,
    VulnerabilityAssessment,
)
from ._common import (
    _required,
)


def vaf_record_assessment(
    *,
    actor: User,
    case: ChannelCase,
    framework: AssessmentFramework,
    ratings: dict[int, tuple[str, str]],
    summaries: dict[int, str],
    overall_judgement: str,
) -> VulnerabilityAssessment:
    """Each factor present / not present / not known with evidence, a summary
    per dimension and an overall judgement. No score is computed."""
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    dimensions = list(framework.dimensions.prefetch_related("factors"))
    errors: dict[str, str] = {}
    for dimension in dimensions:
        for factor in dimension.factors.all():
            rating = ratings.get(factor.pk, ("", ""))[0]
            if rating not in FactorRating.values:
                errors[f"factor_{factor.pk}"] = f"Select whether '{factor.text}' is present"
        if not summaries.get(dimension.pk, "").strip():
            errors[f"summary_{dimension.pk}"] = f"Enter a summary for {dimension.name.lower()}"
    _required(errors, overall_judgement, "overall_judgement", "Enter the overall professional judgement")
    if not case.is_open:
        errors["overall_judgement"] = "Only an open case can be assessed"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = VulnerabilityAssessment.objects.create(
            case=case, framework=framework, overall_judgement=overall_judgement, assessed_by=actor
        )
        DimensionSummary.objects.bulk_create(
            DimensionSummary(assessment=assessment, dimension=d, summary=summaries[d.pk]) for d in dimensions
        )
        FactorAnswer.objects.bulk_create(
            FactorAnswer(assessment=assessment, factor=f, rating=ratings[f.pk][0], evidence=ratings[f.pk][1])
            for d in dimensions
            for f in d.factors.all()
        )
        record_event(
            actor=actor,
            action="channel_vaf_recorded",
            summary=f"Recorded a vulnerability assessment ({framework}) on case {case}",
            obj=assessment,
        )
    return assessment
