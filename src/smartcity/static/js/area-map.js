/* Draw or show a proposal's area on a Leaflet map. Without tiles (the default) Thailand's outline is the base. */
(function () {
  "use strict";
  var el = document.getElementById("area-map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomControl: true }).setView([13.0, 101.0], 5);
  el.leafletMap = map;  // lets browser tests and assistive scripts find the map
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
  }
  var drawn = new L.FeatureGroup().addTo(map);
  var hidden = document.querySelector("#area-form input[name=geojson]");

  function store() {
    var polygons = [];
    drawn.eachLayer(function (layer) {
      var geom = layer.toGeoJSON().geometry;
      if (geom.type === "Polygon") { polygons.push(geom.coordinates); }
      if (geom.type === "MultiPolygon") { polygons = polygons.concat(geom.coordinates); }
    });
    hidden.value = polygons.length ? JSON.stringify({ type: "MultiPolygon", coordinates: polygons }) : "";
  }

  var hasArea = false;
  fetch(el.dataset.outlineUrl).then(function (r) { return r.json(); }).then(function (outline) {
    var layer = L.geoJSON(outline, { style: { color: "#37474f", weight: 1, fillOpacity: 0.05 }, interactive: false });
    layer.addTo(map);
    if (!hasArea) { map.fitBounds(layer.getBounds()); }
  });
  fetch(el.dataset.areaUrl).then(function (r) { return r.json(); }).then(function (data) {
    if (!data.area) { return; }
    hasArea = true;
    L.geoJSON(data.area, { style: { color: "#2e7d32" } }).eachLayer(function (layer) { drawn.addLayer(layer); });
    map.fitBounds(drawn.getBounds(), { maxZoom: 13 });
    store();
  });

  map.addControl(new L.Control.Draw({
    edit: { featureGroup: drawn },
    draw: { polygon: { allowIntersection: true, showArea: false }, rectangle: { showArea: false },
            polyline: false, circle: false, marker: false, circlemarker: false }
  }));
  map.on(L.Draw.Event.CREATED, function (event) { drawn.addLayer(event.layer); store(); });
  map.on(L.Draw.Event.EDITED, store);
  map.on(L.Draw.Event.DELETED, store);
}());
