/* Small enhancements; every page works without them.
   A search box above every long select marked data-searchable (cases/filters.py: the neighbourhood and
   organisation lists of a citywide organisation run into the hundreds). Typing hides the options that do
   not match; the chosen one always stays. Without JavaScript the select is simply the whole list. */
(function () {
  "use strict";

  // With JavaScript, htmx does what the .no-js-only buttons are for (showing the people of a chosen
  // organisation on the plan forms): hide them.
  document.documentElement.classList.add("js");

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function enhance(select) {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-search";
    box.setAttribute("aria-label", (document.documentElement.lang === "nl" ? "Zoek in " : "Search in ") + select.dataset.searchable);
    box.setAttribute("aria-controls", select.id);
    box.placeholder = document.documentElement.lang === "nl" ? "Zoeken…" : "Search…";
    box.addEventListener("input", function () {
      var wanted = normalise(box.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = Boolean(wanted) && !option.selected && option.value !== "" && normalise(option.text).indexOf(wanted) === -1;
      });
    });
    // Enter in the box must not submit the filter form before a choice is made.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });
    // The filter forms submit on change (htmx): typing in the box is no change of the filter.
    box.addEventListener("change", function (event) { event.stopPropagation(); });
    select.parentNode.insertBefore(box, select);
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[data-searchable]"), enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.target); });
})();
