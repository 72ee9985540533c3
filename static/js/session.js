// Warns before a signed-in session ends (core/sessions.py), so nobody loses half-typed text
// to a silent logout. The page says how many seconds are left (templates/core/_session_warning.html).
(function () {
  "use strict";

  var warning = document.getElementById("session-warning");
  if (!warning) {
    return;
  }
  var soon = warning.querySelector("[data-session-soon]");
  var over = warning.querySelector("[data-session-over]");
  var endTime = warning.querySelector("[data-session-end]");
  var idleSeconds = Number(warning.dataset.idleSeconds);
  var loaded = Date.now();
  var idleEnd = loaded + Number(warning.dataset.idleLeft) * 1000;
  var hardEnd = loaded + Number(warning.dataset.totalLeft) * 1000;
  // Five minutes ahead, or a fifth of the idle time when that is shorter.
  var lead = Math.min(5 * 60, idleSeconds / 5) * 1000;
  var timer = null;

  function end() {
    return Math.min(idleEnd, hardEnd);
  }

  function update() {
    var left = end() - Date.now();
    if (left > lead) {
      warning.hidden = true;
      timer = window.setTimeout(update, left - lead);
      return;
    }
    endTime.textContent = new Date(end()).toLocaleTimeString(document.documentElement.lang, {
      hour: "2-digit",
      minute: "2-digit",
    });
    endTime.dateTime = new Date(end()).toISOString();
    soon.hidden = left <= 0;
    over.hidden = left > 0;
    warning.hidden = false;
    if (left > 0) {
      timer = window.setTimeout(update, left);
    }
  }

  // Every htmx request is activity for the server too. It notes the time to the minute,
  // so count the new idle end a minute short.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      idleEnd = Date.now() + (idleSeconds - 60) * 1000;
      window.clearTimeout(timer);
      update();
    }
  });

  update();
})();
