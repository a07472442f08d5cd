/* The workspace without a bundler: htmx (django_htmx/htmx-2.min.js) edits rows in place; this
   file only shows how much room a text has left as it is typed. Every page works without it. */
(function () {
  "use strict";
  function update(field) {
    var limit = parseInt(field.dataset.limit, 10);
    var note = document.querySelector('small.limit[data-for="' + field.id + '"]');
    if (!note || !limit) { return; }
    var used = field.value.length;
    note.textContent = used + " / " + limit;
    note.classList.toggle("over", used > limit);
  }
  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.limit) { update(event.target); }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    event.target.querySelectorAll("[data-limit]").forEach(update);
    var first = event.target.querySelector("textarea, input:not([type=hidden]), select");
    if (first) { first.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var form = event.target.closest && event.target.closest(".row.editing form");
    var cancel = form && form.querySelector("a[hx-get]");
    if (cancel) { cancel.click(); }
  });
})();
