// On a phone the filters start folded so that the results come first; without JavaScript
// they stay open (the page works either way). When results update in place, the filters
// keep the state the reader left them in.
(function () {
  "use strict";
  function filters() {
    return document.querySelector("details.filters");
  }
  var details = filters();
  if (details && window.matchMedia("(max-width: 59.99rem)").matches &&
      !details.querySelector("input:checked")) {
    details.removeAttribute("open");
  }
  var wasOpen = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var current = filters();
    wasOpen = current ? current.open : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var current = filters();
    if (current && wasOpen !== null) {
      current.open = wasOpen;
    }
  });
})();
