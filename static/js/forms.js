// Enhancements for Formwork's form macros (templates/macros/). Every form works without this file:
// FieldList rows are added, moved and removed by the server; this does it in the page instead.
(function () {
  "use strict";

  // Attributes that carry a row's id or name, and so its number.
  var ID_ATTRS = ["id", "for", "aria-describedby", "aria-labelledby", "aria-controls",
    "data-fw-preview", "data-fw-preview-for", "data-fw-count-for"];

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // ---- FieldList: add, move and remove rows, keep names contiguous, move focus sensibly ----

  function rowsOf(list) {
    return Array.prototype.slice.call(own(list, "[data-fw-rows]")[0].children)
      .filter(function (row) { return row.hasAttribute("data-fw-row"); });
  }

  function renumberRow(row, list, index) {
    var namePattern = new RegExp("^(" + escapeRegExp(list.dataset.fwFieldlist) + "-)(\\d+|__index__)(?=-|$)");
    var idPattern = new RegExp("^(" + escapeRegExp(list.dataset.fwId) + "-)(\\d+|__index__)(?=-|$)");
    var elements = [row].concat(Array.prototype.slice.call(row.querySelectorAll("*")));
    elements.forEach(function (element) {
      ID_ATTRS.forEach(function (attr) {
        var value = element.getAttribute(attr);
        if (value === null) { return; }
        element.setAttribute(attr, value.split(/\s+/).map(function (token) {
          return token.replace(idPattern, "$1" + index);
        }).join(" "));
      });
      if (element.hasAttribute("name")) {
        element.setAttribute("name", element.getAttribute("name").replace(namePattern, "$1" + index));
      }
      if (element.hasAttribute("data-fw-remove") || element.hasAttribute("data-fw-move")) {
        element.value = element.value.replace(namePattern, "$1" + index);
      }
    });
    row.querySelectorAll("[data-fw-row-number]").forEach(function (span) { span.textContent = String(index + 1); });
  }

  // Elements of this list, not of a list nested in one of its rows.
  function own(list, selector) {
    return Array.prototype.slice.call(list.querySelectorAll(selector)).filter(function (element) {
      return element.closest("[data-fw-fieldlist]") === list;
    });
  }

  function refreshList(list) {
    var rows = rowsOf(list);
    var min = parseInt(list.dataset.fwMin || "0", 10);
    var max = parseInt(list.dataset.fwMax || "0", 10);
    rows.forEach(function (row, index) { renumberRow(row, list, index); });
    own(list, "[data-fw-remove]").forEach(function (button) { button.hidden = rows.length <= min; });
    rows.forEach(function (row, index) {
      moveButtons(row).forEach(function (button) {
        var up = button.dataset.fwMove === "up";
        button.hidden = up ? index === 0 : index === rows.length - 1;
      });
    });
    var full = max > 0 && rows.length >= max;
    var add = own(list, "[data-fw-add]")[0];
    var note = own(list, "[data-fw-max-note]")[0];
    if (add) { add.hidden = full; }
    if (note) { note.hidden = !full; }
  }

  // The row's own Move buttons, not those of a list nested in it.
  function moveButtons(row) {
    return Array.prototype.slice.call(row.querySelectorAll("[data-fw-move]")).filter(function (button) {
      return button.closest("[data-fw-row]") === row;
    });
  }

  function firstControl(container) {
    return container.querySelector("input:not([type=hidden]), select, textarea");
  }

  function announce(list, message) {
    var status = own(list, "[data-fw-status]")[0];
    if (status) { status.textContent = message; }
  }

  // "Tag 2", without the "(optional)" a single-field row's label carries.
  function rowTitle(row) {
    var title = row.querySelector(".fw-row-title");
    if (!title) { return "Row"; }
    var copy = title.cloneNode(true);
    copy.querySelectorAll(".fw-optional, .fw-required").forEach(function (mark) { mark.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function addRow(list) {
    var template = own(list, "template[data-fw-row-template]")[0];
    var row = template.content.firstElementChild.cloneNode(true);
    own(list, "[data-fw-rows]")[0].appendChild(row);
    refreshList(list);
    setupCounts(row);
    var control = firstControl(row);
    if (control) { control.focus(); }
    announce(list, rowTitle(row) + " added.");
  }

  // The error summary's links name rows by number: after a removal, follow each link's control
  // to its new id, and drop the problems of the removed row (and a summary left with none).
  function summaryTargets() {
    return Array.prototype.slice.call(document.querySelectorAll(".fw-error-summary a[href^='#']"))
      .map(function (link) { return [link, document.getElementById(link.getAttribute("href").slice(1))]; })
      .filter(function (pair) { return pair[1] !== null; });
  }

  function followSummary(targets) {
    targets.forEach(function (pair) {
      var link = pair[0], target = pair[1];
      if (target.isConnected) {
        link.setAttribute("href", "#" + target.id);
      } else if (link.closest("li")) {
        link.closest("li").remove();
      }
    });
    document.querySelectorAll(".fw-error-summary").forEach(function (summary) {
      if (!summary.querySelector("li")) { summary.remove(); }
    });
  }

  function removeRow(list, row) {
    var rows = rowsOf(list);
    var position = rows.indexOf(row);
    var title = rowTitle(row);
    var targets = summaryTargets();
    row.remove();
    refreshList(list);
    followSummary(targets);
    rows = rowsOf(list);
    var next = rows[Math.min(position, rows.length - 1)];
    var target = next ? firstControl(next) : own(list, "[data-fw-add]")[0];
    if (target) { target.focus(); }
    announce(list, title + " removed.");
  }

  // Swap a row with its neighbour; focus stays on the button pressed (or its twin at the edge).
  function moveRow(list, row, direction) {
    var rows = rowsOf(list);
    var neighbour = rows[rows.indexOf(row) + (direction === "up" ? -1 : 1)];
    if (!neighbour) { return; }
    var targets = summaryTargets();
    if (direction === "up") { neighbour.before(row); } else { neighbour.after(row); }
    refreshList(list);
    followSummary(targets);
    var buttons = moveButtons(row);
    var same = buttons.filter(function (b) { return b.dataset.fwMove === direction && !b.hidden; })[0];
    var other = buttons.filter(function (b) { return !b.hidden; })[0];
    if (same || other) { (same || other).focus(); }
    announce(list, "Moved " + direction + ": now " + rowTitle(row) + " of " + rows.length + ".");
  }

  function setupFieldLists() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-fw-add], [data-fw-remove], [data-fw-move]");
      if (!button) { return; }
      var list = button.closest("[data-fw-fieldlist]");
      if (!list) { return; }
      event.preventDefault();
      if (button.hasAttribute("data-fw-add")) {
        addRow(list);
      } else if (button.hasAttribute("data-fw-move")) {
        moveRow(list, button.closest("[data-fw-row]"), button.dataset.fwMove);
      } else {
        removeRow(list, button.closest("[data-fw-row]"));
      }
    });
  }

  // ---- Character count for text areas with a maximum length ----

  function updateCount(counter, field, polite) {
    var max = parseInt(counter.dataset.fwMax, 10);
    var left = max - field.value.length;
    var words = left >= 0
      ? "You have " + left + (left === 1 ? " character" : " characters") + " remaining."
      : "You have " + (-left) + (left === -1 ? " character" : " characters") + " too many.";
    counter.textContent = words;
    counter.classList.toggle("text-danger-emphasis", left < 0);
    if (polite) {
      clearTimeout(counter.fwTimer);
      counter.fwTimer = setTimeout(function () { counter.fwLive.textContent = words; }, 600);
    }
  }

  // A visually hidden polite live region placed after `element`.
  function liveRegionAfter(element) {
    var region = document.createElement("div");
    region.className = "visually-hidden";
    region.setAttribute("aria-live", "polite");
    element.after(region);
    return region;
  }

  function setupCounts(root) {
    root.querySelectorAll("[data-fw-count-for]").forEach(function (counter) {
      var field = document.getElementById(counter.dataset.fwCountFor);
      if (!field) { return; }
      // A separate live region, updated after typing pauses, so each key press is not read out.
      counter.fwLive = liveRegionAfter(counter);
      updateCount(counter, field, false);
      field.addEventListener("input", function () { updateCount(counter, field, true); });
    });
  }

  // ---- Image preview for file fields that take images ----

  function showPreview(input) {
    var box = document.getElementById(input.dataset.fwPreview);
    if (!box) { return; }
    box.querySelectorAll("img").forEach(function (img) { URL.revokeObjectURL(img.src); });
    box.replaceChildren();
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (!/^image\//.test(file.type)) { return; }
      var img = document.createElement("img");
      img.src = URL.createObjectURL(file);
      img.alt = "Preview of " + file.name;
      img.className = "fw-preview-image";
      box.appendChild(img);
    });
  }

  // ---- Range inputs show their value ----

  function showRangeValue(input) {
    var output = document.getElementById(input.id + "-value");
    if (output) { output.textContent = input.value; }
  }

  function setupInputs() {
    document.addEventListener("change", function (event) {
      if (event.target.matches("input[type=file][data-fw-preview]")) { showPreview(event.target); }
    });
    document.addEventListener("input", function (event) {
      if (event.target.matches("input[type=range]")) { showRangeValue(event.target); }
    });
    // On load, keep the value the server wrote beside a failing slider: the browser clamps the
    // slider itself into range, which would hide what was sent.
    document.querySelectorAll("input[type=range]:not([aria-invalid=true])").forEach(showRangeValue);
  }

  // ---- A form is sent once: a double click on "Create my account" must not send it twice ----

  function setupSingleSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute("data-fw-sent")) {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-fw-sent", "");
    });
    // A page restored by the Back button may be sent again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      document.querySelectorAll("form[data-fw-sent]").forEach(function (form) {
        form.removeAttribute("data-fw-sent");
      });
    });
  }

  // ---- Conditional reveal: a choice's follow-up questions show only while it is picked ----

  function refreshReveals() {
    document.querySelectorAll("[data-fw-reveal]").forEach(function (box) {
      var choice = document.getElementById(box.dataset.fwReveal);
      if (choice) { box.hidden = !choice.checked; }
    });
  }

  function setupReveals() {
    if (!document.querySelector("[data-fw-reveal]")) { return; }
    refreshReveals();
    // Picking one radio unticks its neighbours without an event of theirs: refresh them all.
    document.addEventListener("change", function (event) {
      if (event.target.matches("input[type=radio], input[type=checkbox]")) { refreshReveals(); }
    });
  }

  // ---- Password reveal: a Show toggle; the box is a password box again before it is sent ----

  function setPasswordShown(button, input, shown) {
    input.type = shown ? "text" : "password";
    button.setAttribute("aria-pressed", shown ? "true" : "false");
    button.fwStatus.textContent = shown ? "Your password is shown." : "Your password is hidden.";
  }

  function setupPasswords() {
    document.querySelectorAll("[data-fw-password]").forEach(function (button) {
      var input = document.getElementById(button.dataset.fwPassword);
      if (!input) { return; }
      button.fwStatus = liveRegionAfter(button.parentNode);
      button.hidden = false;
      button.addEventListener("click", function () {
        setPasswordShown(button, input, input.type === "password");
      });
      // Password managers save what a password box held: never let one be sent as plain text.
      if (input.form) {
        input.form.addEventListener("submit", function () {
          if (input.type !== "password") { setPasswordShown(button, input, false); }
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSingleSubmit();
    setupFieldLists();
    setupCounts(document);
    setupInputs();
    setupReveals();
    setupPasswords();
  });
})();
