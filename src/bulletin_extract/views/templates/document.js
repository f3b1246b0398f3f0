// Hover a mark: a tooltip with its attributes and its row lit in the side table; hover a row: its mark lit.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  function rows(id) { return document.querySelectorAll('tr[data-m="' + id + '"]'); }
  function marks(id) { return document.querySelectorAll('mark[data-m="' + id + '"]'); }
  function light(list, on) { for (var i = 0; i < list.length; i++) list[i].classList.toggle("hl", on); }
  document.querySelectorAll("mark.m").forEach(function (m) {
    // The native title is the fallback without script; with script the styled tooltip replaces it.
    m.dataset.tip = m.getAttribute("title") || "";
    m.removeAttribute("title");
    m.addEventListener("mouseover", function (ev) {
      ev.stopPropagation();
      tip.textContent = m.dataset.tip;
      tip.style.display = "block";
      light(rows(m.dataset.m), true);
    });
    m.addEventListener("mousemove", function (ev) {
      tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
      tip.style.top = (ev.clientY + 16) + "px";
    });
    m.addEventListener("mouseout", function () { tip.style.display = "none"; light(rows(m.dataset.m), false); });
  });
  document.querySelectorAll("tr[data-m]").forEach(function (r) {
    r.addEventListener("mouseenter", function () { light(marks(r.dataset.m), true); });
    r.addEventListener("mouseleave", function () { light(marks(r.dataset.m), false); });
  });
})();
