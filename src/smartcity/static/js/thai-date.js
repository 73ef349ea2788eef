/* A small calendar beside each date field (input[data-thai-date]): Thai month names and Buddhist Era years in
   the Thai interface, English months and C.E. years in English. It only fills the text field, which the server
   reads in either calendar, so the field works without it. Keyboard: arrows move by day/week, PageUp/PageDown
   by month, Enter picks, Escape closes. */
(function () {
  "use strict";
  var TH = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var TH_DAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var EN_DAYS = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
  var ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  var NUMERIC = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function parse(value) {
    var v = (value || "").trim().replace(/[๐-๙]/g, function (d) { return String("๐๑๒๓๔๕๖๗๘๙".indexOf(d)); });
    var m = ISO.exec(v), y, mo, d;
    if (m) { y = +m[1]; mo = +m[2]; d = +m[3]; } else if ((m = NUMERIC.exec(v))) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    if (!m) { return null; }
    if (y >= 2400) { y -= 543; }
    var date = new Date(y, mo - 1, d);
    return isNaN(date) ? null : date;
  }

  function format(date, be) {
    return be ? pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + (date.getFullYear() + 543)
      : date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function enhance(input) {
    if (input.dataset.enhanced) { return; }
    input.dataset.enhanced = "1";
    var be = input.dataset.calendar === "be";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary date-button";
    button.textContent = input.dataset.pickerShort;
    button.setAttribute("aria-label", input.dataset.pickerShort + ": " + input.dataset.pickerLabel);
    button.setAttribute("aria-expanded", "false");
    input.insertAdjacentElement("afterend", button);
    var panel = null;
    var shown = null;

    function close(focusInput) {
      if (panel) { panel.remove(); panel = null; }
      button.setAttribute("aria-expanded", "false");
      if (focusInput) { input.focus(); }
    }

    function pick(date) {
      input.value = format(date, be);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      close(true);
    }

    function render(focusDate) {
      shown = new Date(focusDate.getFullYear(), focusDate.getMonth(), 1);
      panel.textContent = "";
      var head = document.createElement("div");
      head.className = "calendar-head";
      var month = document.createElement("select");
      month.setAttribute("aria-label", be ? "เดือน" : "Month");
      (be ? TH : EN).forEach(function (name, i) { month.add(new Option(name, String(i), false, i === shown.getMonth())); });
      var year = document.createElement("select");
      year.setAttribute("aria-label", be ? "ปี พ.ศ." : "Year");
      for (var y = shown.getFullYear() - 10; y <= shown.getFullYear() + 15; y++) {
        year.add(new Option(String(be ? y + 543 : y), String(y), false, y === shown.getFullYear()));
      }
      month.addEventListener("change", function () { render(new Date(+year.value, +month.value, 1)); });
      year.addEventListener("change", function () { render(new Date(+year.value, +month.value, 1)); });
      head.appendChild(month);
      head.appendChild(year);
      var closer = document.createElement("button");
      closer.type = "button"; closer.className = "button secondary"; closer.textContent = "×";
      closer.setAttribute("aria-label", input.dataset.closeLabel);
      closer.addEventListener("click", function () { close(true); });
      head.appendChild(closer);
      panel.appendChild(head);
      var grid = document.createElement("table");
      grid.setAttribute("role", "grid");
      var row = grid.insertRow();
      (be ? TH_DAYS : EN_DAYS).forEach(function (d) { var th = document.createElement("th"); th.textContent = d; row.appendChild(th); });
      var first = shown.getDay();
      var days = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      row = grid.insertRow();
      for (var i = 0; i < first; i++) { row.insertCell(); }
      for (var day = 1; day <= days; day++) {
        if ((first + day - 1) % 7 === 0 && day > 1) { row = grid.insertRow(); }
        var cell = row.insertCell();
        var b = document.createElement("button");
        b.type = "button"; b.textContent = String(day); b.dataset.day = String(day);
        var date = new Date(shown.getFullYear(), shown.getMonth(), day);
        b.setAttribute("aria-label", day + " " + (be ? TH : EN)[date.getMonth()] + " " + (be ? date.getFullYear() + 543 : date.getFullYear()));
        b.tabIndex = day === focusDate.getDate() ? 0 : -1;
        b.addEventListener("click", function (d) { return function () { pick(d); }; }(date));
        cell.appendChild(b);
      }
      panel.appendChild(grid);
      grid.addEventListener("keydown", function (event) {
        var current = new Date(shown.getFullYear(), shown.getMonth(), +(event.target.dataset.day || 1));
        var moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
        if (event.key in moves) { current.setDate(current.getDate() + moves[event.key]); }
        else if (event.key === "PageUp") { current.setMonth(current.getMonth() - 1); }
        else if (event.key === "PageDown") { current.setMonth(current.getMonth() + 1); }
        else { return; }
        event.preventDefault();
        if (current.getMonth() !== shown.getMonth() || current.getFullYear() !== shown.getFullYear()) { render(current); }
        panel.querySelector("button[data-day='" + current.getDate() + "']").focus();
      });
      return grid;
    }

    button.addEventListener("click", function () {
      if (panel) { close(true); return; }
      panel = document.createElement("div");
      panel.className = "calendar";
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-label", input.dataset.pickerLabel);
      panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(true); } });
      button.insertAdjacentElement("afterend", panel);
      button.setAttribute("aria-expanded", "true");
      var start = parse(input.value) || new Date();
      render(start);
      panel.querySelector("button[data-day='" + start.getDate() + "']").focus();
    });
  }

  window.smartcityThaiDate = enhance;
  document.querySelectorAll("input[data-thai-date]").forEach(function (input) {
    if (!input.closest("template")) { enhance(input); }
  });
}());
