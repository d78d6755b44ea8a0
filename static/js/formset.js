// Adds one more row to a Django inline formset from its <template>; without JS, one blank row is there.
document.querySelectorAll("fieldset.formset").forEach(function (fieldset) {
  var prefix = fieldset.dataset.prefix;
  var total = fieldset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
  var template = fieldset.querySelector("template.empty-form");
  var button = fieldset.querySelector("button.add-form");
  var rows = fieldset.querySelector(".formset-forms");
  button.hidden = false;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  });
});
