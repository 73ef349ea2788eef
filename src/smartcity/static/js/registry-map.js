/* The public registry's map: certified cities and promotion zones drawn as their areas, with a dot at each
   centre so small areas show at country scale. Without tiles (the default) Thailand's outline is the base,
   so nothing is fetched from outside. The list under the map is the accessible alternative. */
(function () {
  "use strict";
  var el = document.getElementById("registry-map");
  if (!el || !window.L) { return; }
  var labelsEl = document.getElementById("map-labels");
  var labels = labelsEl ? JSON.parse(labelsEl.textContent) : {};
  var thai = (document.documentElement.lang || "th").indexOf("th") === 0;

  var map = L.map(el, { scrollWheelZoom: false }).setView([13.0, 101.0], 5);
  el.leafletMap = map;  // lets browser tests find the map
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  }

  var STYLES = {
    smart_city: { color: "#0b5394", fillColor: "#0b5394", weight: 2, fillOpacity: 0.35 },
    promotion_zone: { color: "#8a4b00", fillColor: "#e0a040", weight: 2, dashArray: "6 4", fillOpacity: 0.3 },
    lapsed: { color: "#4a5560", fillColor: "#8c959f", weight: 2, dashArray: "2 4", fillOpacity: 0.15 }
  };
  function styleFor(p) {
    var current = p.status === "valid" || p.status === "expiring";
    return STYLES[current ? p.designation : "lapsed"] || STYLES.smart_city;
  }

  function popup(p) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = thai ? p.city_name_th : (p.city_name_en || p.city_name_th);
    box.appendChild(name);
    var kind = document.createElement("div");
    kind.textContent = (labels[p.designation] || p.designation) + " · " + p.number;
    box.appendChild(kind);
    var status = document.createElement("div");
    status.textContent = (labels.status || "") + ": " + (thai ? p.status_th : p.status_en);
    box.appendChild(status);
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = labels.open || p.url;
    box.appendChild(link);
    return box;
  }

  var cities = L.featureGroup().addTo(map);
  var outline = null;
  var fit = el.dataset.fit || "outline";

  function draw(features) {
    features.forEach(function (feature) {
      var p = feature.properties || {};
      var style = styleFor(p);
      var shape = L.geoJSON(feature.geometry, { style: style });
      cities.addLayer(shape);
      if (p.url) {
        shape.bindPopup(function () { return popup(p); });
        var dot = L.circleMarker([p.centroid_lat, p.centroid_lon], {
          radius: 6, color: style.color, fillColor: style.fillColor, fillOpacity: 0.9, weight: 2
        });
        dot.bindPopup(function () { return popup(p); });
        cities.addLayer(dot);
      }
    });
    if (fit === "feature" && cities.getLayers().length) {
      map.fitBounds(cities.getBounds(), { maxZoom: 13, padding: [16, 16] });
    }
  }

  fetch(el.dataset.outlineUrl).then(function (r) { return r.json(); }).then(function (data) {
    outline = L.geoJSON(data, { style: { color: "#37474f", weight: 1, fillOpacity: 0.05 }, interactive: false });
    outline.addTo(map);
    outline.bringToBack();
    if (fit === "outline") { map.fitBounds(outline.getBounds()); }
  });

  if (el.dataset.url) {
    fetch(el.dataset.url).then(function (r) { return r.json(); }).then(function (data) {
      draw(data.features || []);
    });
  }
  var inline = el.dataset.feature ? document.getElementById(el.dataset.feature) : null;
  if (inline) { draw([JSON.parse(inline.textContent)]); }
}());
