/* The area map of a proposal: offline boundaries (provinces at country zoom, each province's detail file when
   zoomed in), place search, "use this boundary as my area", drawing and editing. Tiles, when set, sit below the
   boundaries. Everything it changes goes into the page's one form (#section-form), saved with the rest. */
(function () {
  "use strict";
  var el = document.getElementById("area-map");
  if (!el || !window.L) { return; }
  var text = JSON.parse(document.getElementById("area-map-text").textContent);
  var form = document.getElementById("section-form");
  var hidden = form.querySelector("input[name=area_geojson]");
  var changed = form.querySelector("input[name=area_changed]");
  var summary = document.getElementById("area-summary");
  var results = document.getElementById("place-results");
  var query = document.getElementById("place-query");
  var base = el.dataset.boundariesBase;

  translateDrawTools(text.draw);
  var map = L.map(el, { zoomControl: true, attributionControl: true }).setView([13.0, 101.0], 5);
  el.leafletMap = map;  // lets browser tests and assistive scripts find the map
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(text.attribution);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.tileAttribution }).addTo(map);
  }
  // The offline layers stay above any tiles: a pane between the tiles (200) and the drawing (400).
  map.createPane("boundaries").style.zIndex = 350;

  var provinces = L.geoJSON(null, {
    pane: "boundaries",
    style: { color: "#37474f", weight: 1, fillOpacity: 0.03 },
    onEachFeature: offerFeature
  }).addTo(map);
  var details = L.geoJSON(null, {
    pane: "boundaries",
    style: function (f) { return f.properties.level === "province" ? { color: "#263238", weight: 2, fill: false } :
      { color: "#546e7a", weight: 1, dashArray: "4 3", fillOpacity: 0.02 }; },
    onEachFeature: offerFeature
  }).addTo(map);
  var chosen = L.geoJSON(null, { pane: "boundaries", style: { color: "#1565c0", weight: 3, fillOpacity: 0.12 } }).addTo(map);
  var loaded = {};
  var drawn = new L.FeatureGroup().addTo(map);

  fetch(base + "provinces.json").then(function (r) { return r.json(); }).then(function (data) {
    provinces.addData(data);
    if (!drawn.getLayers().length) { map.fitBounds(provinces.getBounds()); }
  });
  map.on("moveend", loadDetailsInView);

  function loadDetailsInView() {
    if (map.getZoom() < 8) { return; }
    var view = map.getBounds();
    provinces.eachLayer(function (layer) {
      var code = layer.feature.properties.code;
      if (!loaded[code] && view.intersects(layer.getBounds())) { loadProvince(code); }
    });
  }

  function loadProvince(code) {
    if (!loaded[code]) {
      loaded[code] = fetch(base + "p/" + code + ".json").then(function (r) { return r.json(); })
        .then(function (data) { details.addData(data); return data; });
    }
    return loaded[code];
  }

  function offerFeature(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () {
      var box = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = document.documentElement.lang === "en" ? p.name_en : p.name_th;
      box.appendChild(title);
      [[text.useThis, true], [text.addThis, false]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button secondary map-popup-button";
        button.textContent = pair[0];
        button.addEventListener("click", function () { chooseBoundaries([p.code], !pair[1]); map.closePopup(); });
        box.appendChild(document.createElement("br"));
        box.appendChild(button);
      });
      return box;
    });
  }

  // --- the drawing: what is saved with the page ----------------------------------------------------------
  function store() {
    var polygons = [];
    drawn.eachLayer(function (layer) {
      var geom = layer.toGeoJSON().geometry;
      if (geom.type === "Polygon") { polygons.push(geom.coordinates); }
      if (geom.type === "MultiPolygon") { polygons = polygons.concat(geom.coordinates); }
    });
    hidden.value = polygons.length ? JSON.stringify({ type: "MultiPolygon", coordinates: polygons }) : "";
  }

  function markChanged(message) {
    changed.value = "on";
    summary.textContent = message || text.drawnNotSaved;
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function showArea(geojson, fit) {
    drawn.clearLayers();
    L.geoJSON(geojson, { style: { color: "#2e7d32" } }).eachLayer(function (layer) { drawn.addLayer(layer); });
    if (fit && drawn.getLayers().length) { map.fitBounds(drawn.getBounds(), { maxZoom: 13 }); }
  }

  if (changed.value && hidden.value) {
    // The page came back after a refused save: show what the applicant had, not what is stored.
    showArea(JSON.parse(hidden.value), true);
  } else {
    fetch(el.dataset.areaUrl).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.area) { return; }
      showArea(data.area, true);
      store();
    });
  }
  form.addEventListener("draft-restored", function () {
    if (changed.value && hidden.value) { showArea(JSON.parse(hidden.value), true); }
  });
  var outside = document.getElementById("area-outside");
  if (outside) {
    L.geoJSON(JSON.parse(outside.textContent), { style: { color: "#b00020", weight: 2, dashArray: "6 4", fillOpacity: 0.3 } })
      .bindTooltip(text.outside, { permanent: true }).addTo(map);
  }

  map.addControl(new L.Control.Draw({
    edit: { featureGroup: drawn },
    draw: { polygon: { allowIntersection: false, showArea: false }, rectangle: { showArea: false },
            polyline: false, circle: false, marker: false, circlemarker: false }
  }));
  map.on(L.Draw.Event.CREATED, function (event) { drawn.addLayer(event.layer); store(); markChanged(); });
  map.on(L.Draw.Event.EDITED, function () { store(); markChanged(); });
  map.on(L.Draw.Event.DELETED, function () { store(); markChanged(); });

  // --- boundaries chosen as the area ---------------------------------------------------------------------
  function setChosenCodes(codes) {
    form.querySelectorAll("input[type=hidden][name=boundaries]").forEach(function (i) { i.remove(); });
    codes.forEach(function (code) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "boundaries"; input.value = code;
      form.appendChild(input);
    });
  }

  function chosenCodes() {
    return Array.prototype.map.call(form.querySelectorAll("input[type=hidden][name=boundaries]"),
      function (i) { return i.value; });
  }

  function chooseBoundaries(codes, replace) {
    var all = replace ? codes : chosenCodes().concat(codes.filter(function (c) { return chosenCodes().indexOf(c) < 0; }));
    var url = el.dataset.boundariesUrl + "?" + all.map(function (c) { return "code=" + encodeURIComponent(c); }).join("&");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      if (data.error) { summary.textContent = data.error; return; }
      setChosenCodes(all);
      showArea(data.area, true);
      store();
      markChanged(text.fromBoundaries.replace("%(km2)s", data.area_km2.toLocaleString()));
    });
  }

  // --- place search ----------------------------------------------------------------------------------------
  var findButton = document.getElementById("find-place");
  findButton.addEventListener("click", function (event) {
    event.preventDefault();
    search(query.value);
  });
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(query.value); }
  });

  function search(q) {
    if (!q.trim()) { return; }
    results.textContent = text.searching;
    fetch(el.dataset.placesUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(function (data) { showPlaces(data.places); });
  }

  function showPlaces(places) {
    results.textContent = "";
    if (!places.length) { results.textContent = text.none; return; }
    var box = document.createElement("fieldset");
    box.className = "places";
    var legend = document.createElement("legend");
    legend.textContent = text.found.replace("%(n)s", places.length);
    box.appendChild(legend);
    var list = document.createElement("ul");
    places.forEach(function (p) { list.appendChild(placeItem(p)); });
    box.appendChild(list);
    var use = document.createElement("button");
    use.type = "button"; use.id = "use-boundaries"; use.className = "button"; use.textContent = text.use;
    use.addEventListener("click", function () {
      var codes = Array.prototype.map.call(box.querySelectorAll("input:checked"), function (i) { return i.value; });
      if (codes.length) { chooseBoundaries(codes, true); }
    });
    box.appendChild(use);
    results.appendChild(box);
    zoomTo(places[0]);
  }

  function placeItem(p) {
    var item = document.createElement("li");
    var name = document.createElement(p.has_shape ? "label" : "span");
    if (p.has_shape) {
      var box = document.createElement("input");
      box.type = "checkbox"; box.value = p.code; box.name = "place_choice";
      name.className = "inline-choice";
      name.appendChild(box);
      name.appendChild(document.createTextNode(" " + p.name));
    } else {
      name.textContent = p.name;
    }
    item.appendChild(name);
    var note = document.createElement("span");
    note.className = "muted";
    var within = p.within ? ", " + p.within : "";
    note.textContent = " (" + text[p.level] + within + "; " + text.code + " " + p.code + ")" +
      (p.has_shape ? "" : " — " + text.noShape);
    item.appendChild(note);
    var show = document.createElement("button");
    show.type = "button"; show.className = "link-button"; show.textContent = text.show;
    show.setAttribute("aria-label", text.show + ": " + p.name);
    show.addEventListener("click", function () { zoomTo(p); });
    item.appendChild(show);
    return item;
  }

  function zoomTo(place) {
    if (!place.bbox || place.bbox.length !== 4) { return; }
    var b = place.bbox;
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    loadProvince(place.province_code).then(function (data) {
      chosen.clearLayers();
      data.features.filter(function (f) { return f.properties.code === place.code; })
        .forEach(function (f) { chosen.addData(f); });
    });
  }

  function translateDrawTools(t) {
    var d = L.drawLocal;
    d.draw.toolbar.actions = { title: t.cancelTitle, text: t.cancel };
    d.draw.toolbar.finish = { title: t.finishTitle, text: t.finish };
    d.draw.toolbar.undo = { title: t.undoTitle, text: t.undo };
    d.draw.toolbar.buttons.polygon = t.polygon;
    d.draw.toolbar.buttons.rectangle = t.rectangle;
    d.draw.handlers.polygon.tooltip = { start: t.start, cont: t.cont, end: t.end };
    d.draw.handlers.polygon.error = t.intersect;
    d.draw.handlers.rectangle.tooltip.start = t.rectStart;
    d.draw.handlers.simpleshape.tooltip.end = t.release;
    d.edit.toolbar.actions.save = { title: t.saveTitle, text: t.save };
    d.edit.toolbar.actions.cancel = { title: t.cancelEditTitle, text: t.cancel };
    d.edit.toolbar.actions.clearAll = { title: t.clearAllTitle, text: t.clearAll };
    d.edit.toolbar.buttons = { edit: t.edit, editDisabled: t.editDisabled, remove: t.remove, removeDisabled: t.removeDisabled };
    d.edit.handlers.edit.tooltip = { text: t.editText, subtext: t.editSubtext };
    d.edit.handlers.remove.tooltip = { text: t.removeText };
  }
}());
