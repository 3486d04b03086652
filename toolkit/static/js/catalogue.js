// The filters are a <details> panel. Without JavaScript it is open and a submitted form lands
// on the result count (#result-count). With JavaScript, on a phone the panel starts folded so
// that the results come first, and after the reader ticks a filter (or applies them, or
// follows a chip or sort link) the results update in place, the panel folds again and focus
// moves to the new result count: the change is seen and announced, not three screens below.
// At desktop widths the panel is a sidebar that stays open, and focus stays where it was.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 59.99rem)");
  var fromCatalogue = false;

  function filters() {
    return document.querySelector("details.filters");
  }
  function setOpen(open) {
    var details = filters();
    if (details) {
      details.open = open;
    }
  }
  function inside(element, selector) {
    return element && element.closest && element.closest(selector) !== null;
  }

  setOpen(!phone.matches);
  phone.addEventListener("change", function () { setOpen(!phone.matches); });

  // What started the update: a filter, the Apply button, or a link of the results (not the
  // search box, where the reader is still typing).
  document.addEventListener("change", function (event) {
    fromCatalogue = inside(event.target, "details.filters");
  }, true);
  document.addEventListener("submit", function (event) {
    fromCatalogue = inside(event.submitter, "details.filters");
  }, true);
  document.addEventListener("click", function (event) {
    if (inside(event.target, "#catalogue-body a")) {
      fromCatalogue = true;
    }
  }, true);

  document.addEventListener("htmx:afterSettle", function () {
    var count = document.getElementById("result-count");
    var moved = fromCatalogue;
    fromCatalogue = false;
    setOpen(!phone.matches);
    if (count && moved && (phone.matches || !inside(document.activeElement, "details.filters"))) {
      count.focus();
      count.scrollIntoView({ block: "nearest" });
    }
  });
})();
