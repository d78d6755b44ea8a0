// Follows a report being rendered in the background and offers the download when done.
// Polls only while the report is pending, less often the longer nothing moves, and stops
// for good once the report is done or failed.
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box || box.getAttribute("data-pending") !== "1") {
    return;
  }
  var bar = document.getElementById("report-bar");
  var stage = document.getElementById("report-stage");
  var download = document.getElementById("report-download");
  var reload = document.getElementById("report-reload");
  var FIRST = 1000;
  var LONGEST = 30000;
  var delay = FIRST;
  var lastProgress = null;
  function later() {
    window.setTimeout(poll, delay);
    delay = Math.min(Math.round(delay * 1.5), LONGEST);
  }
  function poll() {
    fetch(box.getAttribute("data-status-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        bar.textContent = data.progress + " %";
        stage.textContent = data.status_label + (data.stage ? ": " + data.stage : "") + " (" + data.progress + " %)";
        if (data.done) {
          download.hidden = false;
          if (reload) { reload.hidden = true; }
        } else if (data.failed) {
          // The page as the server renders it for a failed report: reason and retry button.
          window.location.reload();
        } else {
          if (data.progress !== lastProgress) {
            lastProgress = data.progress;
            delay = FIRST;
          }
          later();
        }
      })
      .catch(later);
  }
  window.setTimeout(poll, 500);
})();
