// Uploads: a size check in the page before anything is sent, and a progress bar while files upload.
// Both enhance plain forms: without this file the server checks the same limits and answers the same way.
(function () {
  "use strict";

  var UNITS = ["KB", "MB", "GB"];

  // The same words as uploads/sizes.py: "12.4 MB", "16 MB", "500 bytes".
  function sizeWords(bytes) {
    if (bytes < 1024) { return bytes + (bytes === 1 ? " byte" : " bytes"); }
    var value = bytes, unit = "bytes";
    for (var i = 0; i < UNITS.length && value >= 1024; i++) { value /= 1024; unit = UNITS[i]; }
    var text = value < 100 ? value.toFixed(1).replace(/\.0$/, "") : String(Math.round(value));
    return text + " " + unit;
  }

  function limit(input, name) { return parseInt(input.dataset[name] || "0", 10); }

  function problemsOf(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var maxBytes = limit(input, "fwMaxBytes"), maxFiles = limit(input, "fwMaxFiles"), maxRequest = limit(input, "fwMaxRequest");
    var problems = [];
    if (maxFiles && files.length > maxFiles) {
      problems.push("Choose at most " + maxFiles + " files at a time (you chose " + files.length + ").");
    }
    var total = 0;
    files.forEach(function (file) {
      total += file.size;
      if (maxBytes && file.size > maxBytes) {
        problems.push("“" + file.name + "” is " + sizeWords(file.size) + ": the most one file may be is " + sizeWords(maxBytes) + ".");
      }
    });
    if (maxRequest && total > maxRequest && !(maxBytes && files.length === 1 && total > maxBytes)) {
      problems.push("Together these files are " + sizeWords(total) + ", more than the " + sizeWords(maxRequest) + " the site accepts at once.");
    }
    return problems;
  }

  function setDescribedBy(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  function showProblems(input, problems) {
    var id = input.id + "-size-error";
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.className = "invalid-feedback d-block fw-size-error";
      input.after(box);
    }
    box.replaceChildren();
    problems.forEach(function (text) {
      var line = document.createElement("span");
      line.className = "d-block";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Error: ";
      line.append(hidden, text);
      box.appendChild(line);
    });
    box.hidden = problems.length === 0;
    input.classList.toggle("is-invalid", problems.length > 0 || input.dataset.fwServerInvalid === "true");
    input.setAttribute("aria-invalid", problems.length > 0 || input.dataset.fwServerInvalid === "true" ? "true" : "false");
    setDescribedBy(input, id, problems.length > 0);
  }

  var CHECKED = "input[type=file][data-fw-max-bytes], input[type=file][data-fw-max-request]";

  function checkInput(input) {
    var problems = problemsOf(input);
    showProblems(input, problems);
    return problems.length === 0;
  }

  // ---- Progress: send the form with XHR to see the upload advance, then show the server's answer ----

  function progressBox(form) {
    var box = form.querySelector(".fw-upload-progress");
    if (!box) {
      box = document.createElement("div");
      box.className = "fw-upload-progress mt-3";
      var label = document.createElement("p");
      label.className = "mb-1";
      label.setAttribute("role", "status");
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Upload progress");
      box.append(label, bar);
      form.appendChild(box);
    }
    return box;
  }

  function showProgress(form, loaded, total) {
    var box = progressBox(form);
    var percent = total ? Math.floor((loaded / total) * 100) : 0;
    box.querySelector("progress").value = percent;
    box.querySelector("p").textContent = percent < 100
      ? "Uploading… " + percent + " % (" + sizeWords(loaded) + " of " + sizeWords(total) + ")"
      : "Uploaded; checking your files…";
  }

  // Forms whose file field asks for it (data-fw-progress) and has files chosen.
  function wantsProgress(form) {
    return Array.prototype.some.call(form.querySelectorAll("input[type=file][data-fw-progress]"), function (input) {
      return input.files && input.files.length > 0;
    });
  }

  function render(xhr) {
    if (xhr.responseURL && xhr.responseURL !== window.location.href) {
      window.history.replaceState(null, "", xhr.responseURL);
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  }

  function sendWithProgress(form, submitter) {
    var data = submitter ? new FormData(form, submitter) : new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open((form.getAttribute("method") || "post").toUpperCase(), form.action);
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) { showProgress(form, event.loaded, event.total); }
    });
    xhr.addEventListener("load", function () { render(xhr); });
    xhr.addEventListener("error", function () {
      form.removeAttribute("data-fw-sent");
      progressBox(form).querySelector("p").textContent = "The upload did not get through. Check your connection and try again.";
    });
    showProgress(form, 0, 1);
    xhr.send(data);
  }

  function setup() {
    document.querySelectorAll(CHECKED).forEach(function (input) {
      input.dataset.fwServerInvalid = input.getAttribute("aria-invalid") === "true" ? "true" : "false";
    });
    document.addEventListener("change", function (event) {
      if (event.target.matches(CHECKED)) { checkInput(event.target); }
    });
    // Capture phase: runs before forms.js marks the form as sent.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute("data-fw-sent")) { return; }
      var inputs = Array.prototype.slice.call(form.querySelectorAll(CHECKED));
      var bad = inputs.filter(function (input) { return !checkInput(input); });
      if (bad.length) {
        event.preventDefault();
        event.stopPropagation();
        bad[0].focus();
        return;
      }
      if (wantsProgress(form) && window.FormData && window.XMLHttpRequest) {
        event.preventDefault();
        sendWithProgress(form, event.submitter);
      }
    }, true);
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
