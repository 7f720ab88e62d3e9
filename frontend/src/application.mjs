// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// Idle-session warning: the server signs a user out after the idle period
// given on <body data-session-timeout-seconds>; warn two minutes before.
const body = document.body;
const timeoutSeconds = Number(body.dataset.sessionTimeoutSeconds || 0);
const warning = document.getElementById("session-timeout-warning");
if (timeoutSeconds > 0 && warning) {
  const warnAfterMs = Math.max(timeoutSeconds - 120, 0) * 1000;
  window.setTimeout(() => {
    warning.hidden = false;
    warning.focus();
  }, warnAfterMs);
}
