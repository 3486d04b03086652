/* The planner, improved when JavaScript runs: autosave with a visible state, a copy button
   for the private link, and a power/interest grid arranged by keyboard or pointer. Without
   it every page still works: the buttons save, the selects place people on the grid. */
(function () {
  "use strict";

  function autosave(form) {
    var status = document.getElementById("autosave-status");
    var timer = null;
    var busy = false;
    var again = false;

    function send() {
      if (busy) { again = true; return; }
      busy = true;
      status.textContent = status.dataset.saving;
      var data = new FormData(form);
      data.set("action", "autosave");
      // form.action would be the button named "action", not the attribute.
      fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          status.textContent = result.saved ? status.dataset.saved : status.dataset.failed;
        })
        .catch(function () { status.textContent = status.dataset.failed; })
        .finally(function () {
          busy = false;
          if (again) { again = false; send(); }
        });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(send, 1500);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () { clearTimeout(timer); });
  }

  function copyButton(button) {
    var input = document.getElementById(button.dataset.copy);
    var status = document.getElementById("copy-status");
    if (!input || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = button.dataset.done;
      });
    });
  }

  function grid(svg) {
    var cell = Number(svg.dataset.cell);
    var size = Number(svg.dataset.size);

    function selects(point) {
      var row = point.dataset.row;
      return {
        power: document.getElementById("id_stakeholders-" + row + "-power"),
        interest: document.getElementById("id_stakeholders-" + row + "-interest")
      };
    }

    function place(point, power, interest) {
      power = Math.min(5, Math.max(1, power));
      interest = Math.min(5, Math.max(1, interest));
      var x = (interest - 0.5) * cell;
      var y = size - (power - 0.5) * cell;
      point.setAttribute("transform", "translate(" + x + " " + y + ")");
      point.setAttribute("aria-label", svg.dataset.label
        .replace("%(number)s", point.dataset.number)
        .replace("%(name)s", point.dataset.name)
        .replace("%(power)s", power).replace("%(interest)s", interest));
      var fields = selects(point);
      if (fields.power && fields.interest &&
          (fields.power.value !== String(power) || fields.interest.value !== String(interest))) {
        fields.power.value = String(power);
        fields.interest.value = String(interest);
        fields.power.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function current(point) {
      var fields = selects(point);
      return { power: Number(fields.power.value) || 1, interest: Number(fields.interest.value) || 1 };
    }

    function fromPointer(event) {
      var matrix = svg.getScreenCTM().inverse();
      var p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
      return { power: Math.ceil((size - p.y) / cell), interest: Math.ceil(p.x / cell) };
    }

    var moves = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
    svg.querySelectorAll("[data-row]").forEach(function (point) {
      if (!selects(point).power) { return; }
      point.addEventListener("keydown", function (event) {
        var move = moves[event.key];
        if (!move) { return; }
        event.preventDefault();
        var now = current(point);
        place(point, now.power + move[0], now.interest + move[1]);
      });
      point.addEventListener("pointerdown", function (event) {
        point.setPointerCapture(event.pointerId);
        point.focus();
      });
      point.addEventListener("pointermove", function (event) {
        if (!point.hasPointerCapture(event.pointerId)) { return; }
        var at = fromPointer(event);
        place(point, at.power, at.interest);
      });
      ["power", "interest"].forEach(function (name) {
        selects(point)[name].addEventListener("change", function () {
          var now = current(point);
          place(point, now.power, now.interest);
        });
      });
    });
  }

  document.querySelectorAll("form[data-autosave]").forEach(autosave);
  document.querySelectorAll("[data-copy]").forEach(copyButton);
  document.querySelectorAll("svg[data-grid]").forEach(grid);
})();
