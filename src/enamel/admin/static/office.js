// Enamel office pages: keep a self-refreshing table still while someone is using it.
document.addEventListener("htmx:beforeRequest", function (event) {
  var elt = event.detail.elt;
  if (!elt || !elt.hasAttribute("hx-trigger")) return;
  if (elt.querySelector("details[open]") || elt.contains(document.activeElement)) {
    event.preventDefault();
  }
});
