// Filter the error list by type, category and FN/FP; the count says how many rows are shown.
(function () {
  "use strict";
  var type = document.getElementById("f-type"), cat = document.getElementById("f-cat");
  var fn = document.getElementById("f-fn"), fp = document.getElementById("f-fp");
  var count = document.getElementById("f-count");
  var rows = document.querySelectorAll("#errors tbody tr");
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!type.value || r.dataset.type === type.value) && (!cat.value || r.dataset.category === cat.value) &&
        ((r.dataset.kind === "FN" && fn.checked) || (r.dataset.kind === "FP" && fp.checked));
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " errors shown";
  }
  [type, cat, fn, fp].forEach(function (el) { el.addEventListener("change", apply); });
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  apply();
})();
