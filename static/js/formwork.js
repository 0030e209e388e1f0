// Formwork's progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Dark-mode toggle: flips Bootstrap's colour mode and remembers the choice.
  // One accessible pattern: the label stays "Dark mode" and aria-pressed says whether it is on
  // (a label that changed too would read "Light mode, pressed" while dark mode is on).
  function setupThemeToggle() {
    var root = document.documentElement;
    document.querySelectorAll("[data-fw-theme-toggle]").forEach(function (button) {
      function sync() {
        var dark = root.getAttribute("data-bs-theme") === "dark";
        button.setAttribute("aria-pressed", dark ? "true" : "false");
      }
      sync();
      button.addEventListener("click", function () {
        var next = root.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
        root.setAttribute("data-bs-theme", next);
        try { window.localStorage.setItem("fw-theme", next); } catch (e) { /* storage blocked */ }
        sync();
      });
    });
  }

  // The error summary takes focus so screen readers announce it first.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-fw-focus]");
    if (summary) { summary.focus(); }
  }

  // Links in the error summary move focus to the field, not just scroll to it (summaries
  // drawn later by a script, such as contact.js, included).
  function setupErrorLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".fw-error-summary a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var focusable = target.matches("input, select, textarea, button") ? target
        : target.querySelector("input, select, textarea, button");
      (focusable || target).focus();
      target.scrollIntoView({ block: "center" });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    focusErrorSummary();
    setupErrorLinks();
  });
})();
