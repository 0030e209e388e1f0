// Applies the saved (or system) colour mode before the page paints.
(function () {
  "use strict";
  var saved = null;
  try { saved = window.localStorage.getItem("fw-theme"); } catch (e) { /* storage blocked */ }
  var dark = saved ? saved === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
})();
