"""`{% restriction_banner person %}`: on a person's page, says the record is
restricted (to whoever sees it) and, for a coordinator who may restrict it,
links to restrict it or change who may see it (issue 14)."""

from __future__ import annotations

from typing import Any

from django import template

from prevent.people.models import Person, PersonRestriction
from prevent.policy import Action, can

register = template.Library()


@register.inclusion_tag("people/_restriction_banner.html", takes_context=True)
def restriction_banner(context: dict[str, Any], person: Person) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    restricted = PersonRestriction.objects.filter(person=person).exists()
    return {
        "person": person,
        "restricted": restricted,
        "may_restrict": can(user, Action.RESTRICT_PERSON, person),
    }
