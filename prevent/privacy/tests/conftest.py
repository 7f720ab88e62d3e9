"""Fixtures for the privacy tests: the concerns and Channel fixtures (the
subject goes through the whole Channel path) and the browser ones."""

from prevent.channel.tests.conftest import framework, people  # noqa: F401  (fixtures)
from prevent.concerns.tests.conftest import guidance, org, practitioner, spoc  # noqa: F401  (fixtures)
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
