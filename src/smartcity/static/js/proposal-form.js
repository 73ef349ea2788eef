/* The proposal's section pages: rows added and removed in place, a warning before leaving with unsaved changes,
   and a draft kept in this browser (localStorage) that can be restored after a crash or a closed tab.
   Without JavaScript the page still works: one extra empty row per save and a "delete" box per row. */
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) { return; }
  var key = "smartcity-draft:" + form.dataset.draftKey;
  var dirty = false;
  var submitting = false;

  // --- rows ------------------------------------------------------------------------------------------------
  function announce(prefix, message) {
    var live = document.getElementById(prefix + "-announce");
    if (live) { live.textContent = message; }
  }

  function addRemoveButton(row, container) {
    var del = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (!del) { return; }
    del.closest(".field").hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary remove-row";
    button.textContent = container.dataset.removeLabel || "×";
    button.setAttribute("aria-label", (container.dataset.removeLabel || "") + " " + row.querySelector("legend").textContent);
    button.addEventListener("click", function () {
      del.checked = true;
      row.hidden = true;
      dirty = true;
      announce(container.dataset.prefix, container.dataset.removed);
      container.focus();
      saveDraft();
    });
    row.appendChild(button);
  }

  function addRow(container) {
    var prefix = container.dataset.prefix;
    var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = document.getElementById(prefix + "-template").innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    row.querySelector("legend").textContent = container.dataset.rowLabel.replace("__n__", String(index + 1));
    container.appendChild(row);
    total.value = String(index + 1);
    addRemoveButton(row, container);
    row.querySelectorAll("[data-thai-date]").forEach(function (input) {
      if (window.smartcityThaiDate) { window.smartcityThaiDate(input); }
    });
    announce(prefix, container.dataset.added);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
    dirty = true;
    return row;
  }

  document.querySelectorAll(".rows[data-prefix]").forEach(function (container) {
    container.dataset.removeLabel = form.dataset.removeLabel;
    container.querySelectorAll("fieldset.item").forEach(function (row) { addRemoveButton(row, container); });
    var button = document.querySelector(".add-row[data-rows='" + container.id + "']");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { addRow(container); });
    }
  });

  // --- leaving with unsaved changes ------------------------------------------------------------------------
  form.addEventListener("input", function () { dirty = true; scheduleDraft(); });
  form.addEventListener("change", function () { dirty = true; scheduleDraft(); });
  form.addEventListener("submit", function () { submitting = true; localStorage.removeItem(key); });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = form.dataset.leaveWarning;  // older browsers show it; newer show their own words
      return form.dataset.leaveWarning;
    }
    return undefined;
  });

  // --- a draft in this browser -----------------------------------------------------------------------------
  var timer = null;
  function scheduleDraft() {
    window.clearTimeout(timer);
    timer = window.setTimeout(saveDraft, 800);
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.type !== "submit" && el.type !== "button" &&
        el.name !== "csrfmiddlewaretoken" && el.name !== "revision";
    });
  }

  function snapshot() {
    return fields().map(function (el) {
      return [el.name, el.type === "checkbox" || el.type === "radio" ? el.checked : el.value, el.value];
    });
  }

  function saveDraft() {
    try {
      localStorage.setItem(key, JSON.stringify({ revision: form.dataset.revision, at: Date.now(), fields: snapshot() }));
      var status = document.getElementById("draft-status");
      if (status) { status.textContent = form.dataset.draftSaved || ""; }
    } catch (e) { /* private mode or full storage: the leave warning still protects the work */ }
  }

  function restore(draft) {
    document.querySelectorAll(".rows[data-prefix]").forEach(function (container) {
      var prefix = container.dataset.prefix;
      var wanted = draft.fields.filter(function (f) { return f[0] === prefix + "-TOTAL_FORMS"; })[0];
      var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
      while (wanted && parseInt(total.value, 10) < parseInt(wanted[1], 10)) { addRow(container); }
    });
    var byName = {};
    fields().forEach(function (el) { (byName[el.name] = byName[el.name] || []).push(el); });
    var used = {};
    draft.fields.forEach(function (f) {
      var candidates = byName[f[0]] || [];
      var el;
      if (candidates.length && (candidates[0].type === "checkbox" || candidates[0].type === "radio")) {
        el = candidates.filter(function (c) { return c.value === f[2]; })[0];  // e.g. one of the domain boxes
      } else {
        used[f[0]] = (used[f[0]] || 0) + 1;  // repeated names (hidden boundary codes) are filled in order
        el = candidates[used[f[0]] - 1];
      }
      if (!el) { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = f[1]; } else { el.value = f[1]; }
      var row = el.closest("fieldset.item");
      if (el.name.slice(-7) === "-DELETE" && el.checked && row) { row.hidden = true; }
    });
    form.dispatchEvent(new CustomEvent("draft-restored"));
    dirty = true;
  }

  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  var refused = document.getElementById("not-saved");
  if (stored && !refused && stored.revision === form.dataset.revision &&
      JSON.stringify(stored.fields) !== JSON.stringify(snapshot())) {
    var banner = document.getElementById("draft-restore");
    banner.hidden = false;
    document.getElementById("draft-restore-button").addEventListener("click", function () {
      restore(stored); banner.hidden = true;
    });
    document.getElementById("draft-discard-button").addEventListener("click", function () {
      localStorage.removeItem(key); banner.hidden = true;
    });
  } else if (stored && stored.revision !== form.dataset.revision) {
    localStorage.removeItem(key);  // saved since: the draft is older than what the server has
  }
}());
