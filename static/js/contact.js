// The contact form, sent through POST /api/contact without leaving the page. Without this file
// (or when the API cannot be reached) the form posts to /contact as usual.
(function () {
  "use strict";

  var ERROR_TITLE = "There is a problem";

  function describedBy(control) {
    return (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  }

  // Remove what an earlier answer (or the server-drawn page) showed, so errors never pile up.
  function clearErrors(form) {
    form.querySelectorAll(".fw-error-summary").forEach(function (summary) { summary.remove(); });
    form.querySelectorAll(".invalid-feedback[id$='-error']").forEach(function (feedback) {
      var control = document.getElementById(feedback.id.slice(0, -"-error".length));
      if (control) {
        control.classList.remove("is-invalid");
        control.removeAttribute("aria-invalid");
        var ids = describedBy(control).filter(function (id) { return id !== feedback.id; });
        if (ids.length) { control.setAttribute("aria-describedby", ids.join(" ")); }
        else { control.removeAttribute("aria-describedby"); }
      }
      feedback.remove();
    });
  }

  function errorLine(message) {
    var line = document.createElement("span");
    line.className = "d-block";
    var prefix = document.createElement("span");
    prefix.className = "visually-hidden";
    prefix.textContent = "Error: ";
    line.append(prefix, message);
    return line;
  }

  // The same markup the macros draw: message under the control, named by its aria-describedby.
  function showFieldError(control, messages) {
    var feedback = document.createElement("div");
    feedback.id = control.id + "-error";
    feedback.className = "invalid-feedback d-block";
    messages.forEach(function (message) { feedback.appendChild(errorLine(message)); });
    control.parentElement.appendChild(feedback);
    control.classList.add("is-invalid");
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", describedBy(control).concat(feedback.id).join(" "));
  }

  function showSummary(form, problems) {
    var summary = document.createElement("div");
    summary.className = "alert alert-danger fw-error-summary";
    summary.setAttribute("role", "alert");
    summary.setAttribute("tabindex", "-1");
    summary.setAttribute("aria-labelledby", "error-summary-title");
    var heading = document.createElement("h2");
    heading.id = "error-summary-title";
    heading.className = "h5";
    heading.textContent = ERROR_TITLE;
    var list = document.createElement("ul");
    list.className = "mb-0";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      if (problem.id) {
        var link = document.createElement("a");
        link.href = "#" + problem.id;
        link.className = "alert-link";
        link.textContent = problem.message;
        item.appendChild(link);
      } else {
        item.textContent = problem.message;
      }
      list.appendChild(item);
    });
    summary.append(heading, list);
    form.prepend(summary);
    summary.focus();  // as on a page drawn with errors: the summary is read first
  }

  function setTitle(hasErrors) {
    var plain = document.title.replace(/^Error: /, "");
    document.title = hasErrors ? "Error: " + plain : plain;
  }

  // Field errors in page order (JSON objects have none), then any the page has no field for.
  function showErrors(form, body) {
    clearErrors(form);
    var fields = body.errors || {};
    var names = Object.keys(fields);
    var problems = [];
    function messagesOf(name) {
      return (Array.isArray(fields[name]) ? fields[name] : []).filter(function (m) { return typeof m === "string"; });
    }
    Array.prototype.forEach.call(form.elements, function (control) {
      var index = names.indexOf(control.name);
      if (index < 0 || !control.id || control.type === "hidden") { return; }
      names.splice(index, 1);
      var messages = messagesOf(control.name);
      showFieldError(control, messages);
      messages.forEach(function (message) { problems.push({ id: control.id, message: message }); });
    });
    names.forEach(function (name) {
      messagesOf(name).forEach(function (message) { problems.push({ id: "", message: message }); });
    });
    if (!problems.length) { problems.push({ id: "", message: body.message || "Please try again." }); }
    showSummary(form, problems);
    setTitle(true);
  }

  function showSent(form, body) {
    var panel = document.createElement("div");
    panel.className = "alert alert-success";
    panel.setAttribute("role", "status");
    panel.setAttribute("tabindex", "-1");
    var heading = document.createElement("h2");
    heading.className = "h5";
    heading.textContent = "Message sent";
    var text = document.createElement("p");
    text.textContent = body.message;
    var again = document.createElement("a");
    again.href = form.getAttribute("action");
    again.className = "alert-link";
    again.textContent = "Send another message";
    panel.append(heading, text, again);
    form.replaceWith(panel);
    setTitle(false);
    panel.focus();
  }

  function payload(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") { data[name] = value; }
    });
    return JSON.stringify(data);
  }

  function send(form) {
    var token = form.elements.namedItem("csrf_token");
    return fetch(form.dataset.fwApi, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": token ? token.value : ""
      },
      body: payload(form)
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) { throw new Error("not a JSON answer"); }
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-fw-api]");
    if (!form || !window.fetch) { return; }
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-fw-sent")) { return; }  // forms.js: already on its way
      event.preventDefault();
      send(form).then(function (answer) {
        form.removeAttribute("data-fw-sent");
        if (answer.status === 201 && answer.body.ok) { showSent(form, answer.body); }
        else { showErrors(form, answer.body); }
      }).catch(function () {
        // The API is out of reach: send the ordinary form, which works without JavaScript.
        form.removeAttribute("data-fw-sent");
        form.submit();
      });
    });
  });
})();
