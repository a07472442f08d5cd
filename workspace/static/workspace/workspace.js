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
  // Dragging a row among its siblings (the same list); the ↑ ↓ buttons do the same without it.
  var dragged = null;
  function moveUrl(item) {
    var button = item.querySelector(":scope > .row button[name=direction]");
    return button && button.getAttribute("formaction");
  }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (error) { return ""; }
  }
  function prepare(root) {
    root.querySelectorAll(".outline ol.rows > li").forEach(function (item) {
      if (moveUrl(item)) { item.draggable = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest("ol.rows > li[draggable=true]");
    if (dragged) { event.dataTransfer.effectAllowed = "move"; }
  });
  document.addEventListener("dragover", function (event) {
    var target = event.target.closest && event.target.closest("ol.rows > li");
    if (dragged && target && target.parentNode === dragged.parentNode) { event.preventDefault(); }
  });
  document.addEventListener("drop", function (event) {
    var target = event.target.closest && event.target.closest("ol.rows > li");
    if (!dragged || !target || target === dragged || target.parentNode !== dragged.parentNode) {
      return;
    }
    event.preventDefault();
    var items = Array.prototype.filter.call(target.parentNode.children, function (item) {
      return item.draggable;
    });
    var body = new URLSearchParams({direction: "to", position: items.indexOf(target) + 1});
    fetch(moveUrl(dragged), {method: "POST", body: body, credentials: "same-origin",
                             headers: {"X-CSRFToken": csrfToken()}})
      .then(function () { window.location.reload(); });
    dragged = null;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var form = event.target.closest && event.target.closest(".row.editing form");
    var cancel = form && form.querySelector("a[hx-get]");
    if (cancel) { cancel.click(); }
  });
})();
