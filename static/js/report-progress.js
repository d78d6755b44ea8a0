// Follows a report being rendered in the background and offers the download when done.
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) {
    return;
  }
  var bar = document.getElementById("report-bar");
  var stage = document.getElementById("report-stage");
  var download = document.getElementById("report-download");
  var reload = document.getElementById("report-reload");
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
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (download.hidden) {
    window.setTimeout(poll, 500);
  }
})();
