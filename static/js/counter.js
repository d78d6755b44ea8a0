// Public forms: move focus to the error summary after a failed submit, so screen readers
// announce it; and show how many characters are left in fields with a limit (data-limit).
(function () {
  "use strict";
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }
  var form = document.querySelector("form[data-counter-text]");
  if (!form) {
    return;
  }
  var template = form.getAttribute("data-counter-text");
  form.querySelectorAll("[data-limit]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var counter = document.createElement("div");
    counter.className = "kern-hint char-counter";
    counter.setAttribute("aria-hidden", "true");
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var used = field.value.length;
      counter.textContent = template.replace("%(used)s", used).replace("%(limit)s", limit);
      counter.classList.toggle("char-counter--near", used > limit * 0.9);
    }
    field.addEventListener("input", update);
    update();
  });
})();
