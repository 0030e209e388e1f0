// The gallery's own enhancements: Copy buttons beside each template, and the search box filtering
// the side navigation (and the index) as you type. Without this file the templates are plain
// selectable text and the search box is a GET form answered by the server.
(function () {
  "use strict";

  var status;

  function say(message) {
    status.textContent = "";
    // A fresh text node each time, so the same words are announced again on a second copy.
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.dataset.fwCopy);
    if (!source) { return; }
    var done = function () {
      button.firstChild.textContent = "Copied";
      say("Template copied.");
      setTimeout(function () { button.firstChild.textContent = "Copy"; }, 2000);
    };
    var fallback = function () {
      selectText(source);
      say("The template is selected: press Control C, or Command C on a Mac, to copy it.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(done, fallback);
    } else {
      fallback();
    }
  }

  function setupCopy() {
    document.querySelectorAll("[data-fw-copy]").forEach(function (button) { button.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-fw-copy]");
      if (button) { copy(button); }
    });
  }

  function filter(input) {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    document.querySelectorAll("[data-fw-filter-item]").forEach(function (item) {
      var text = item.dataset.fwFilterItem;
      item.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    document.querySelectorAll("[data-fw-filter-group]").forEach(function (group) {
      var items = group.querySelectorAll("[data-fw-filter-item]");
      var visible = Array.prototype.filter.call(items, function (item) { return !item.hidden; }).length;
      group.hidden = words.length > 0 && visible === 0;
      group.classList.toggle("is-filtered", words.length > 0);
    });
    shown = document.querySelectorAll(".fw-gallery-nav [data-fw-filter-item]:not([hidden])").length;
    var note = document.querySelector("[data-fw-filter-status]");
    if (note) {
      clearTimeout(note.fwTimer);
      note.fwTimer = setTimeout(function () {
        note.textContent = words.length ? shown + (shown === 1 ? " example matches." : " examples match.") : "";
      }, 400);
    }
  }

  function setupFilter() {
    var input = document.querySelector("[data-fw-filter]");
    if (!input) { return; }
    input.addEventListener("input", function () { filter(input); });
    if (input.value) { filter(input); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
    setupCopy();
    setupFilter();
  });
})();
