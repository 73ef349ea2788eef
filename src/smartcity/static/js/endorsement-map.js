/* The project's location for a BOI endorsement: the certified area on a Leaflet map, a marker placed by a click,
   and the latitude/longitude inputs kept in step both ways. Without JavaScript the inputs alone do the job.
   Without tiles (the default) Thailand's outline is the base map; nothing is fetched from another site. */
(function () {
  "use strict";
  var el = document.getElementById("endorsement-map");
  var dataEl = document.getElementById("endorsement-areas");
  if (!el || !dataEl || !window.L) { return; }
  var areas = JSON.parse(dataEl.textContent);
  var editable = el.dataset.editable === "1";
  var select = document.getElementById("id_certificate");
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");

  var map = L.map(el, { zoomControl: true }).setView([13.0, 101.0], 5);
  el.leafletMap = map;  // lets browser tests and assistive scripts find the map
  if (el.dataset.tiles) { L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map); }

  var areaLayer = null;
  var marker = null;

  function currentNumber() {
    if (select) { return select.value; }
    return Object.keys(areas)[0];
  }

  function showArea() {
    var entry = areas[currentNumber()];
    if (areaLayer) { map.removeLayer(areaLayer); areaLayer = null; }
    if (!entry || !entry.area) { return; }
    areaLayer = L.geoJSON(entry.area, { style: { color: "#2e7d32", weight: 2, fillOpacity: 0.15 }, interactive: false });
    areaLayer.addTo(map);
    map.fitBounds(areaLayer.getBounds(), { maxZoom: 14, padding: [20, 20] });
  }

  function placeMarker(lat, lon) {
    if (!isFinite(lat) || !isFinite(lon)) { return; }
    if (marker) { marker.setLatLng([lat, lon]); return; }
    marker = L.circleMarker([lat, lon], { radius: 8, color: "#b71c1c", weight: 3, fillOpacity: 0.6 }).addTo(map);
  }

  function fromInputs() {
    if (!latInput || !lonInput || latInput.value === "" || lonInput.value === "") { return; }
    placeMarker(parseFloat(latInput.value), parseFloat(lonInput.value));
  }

  fetch(el.dataset.outlineUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (outline) {
    var layer = L.geoJSON(outline, { style: { color: "#37474f", weight: 1, fillOpacity: 0.05 }, interactive: false });
    layer.addTo(map);
    layer.bringToBack();
  }).catch(function () { /* the area alone is enough to place the point */ });

  showArea();
  fromInputs();
  if (!latInput && el.dataset.lat) { placeMarker(parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)); }

  if (select) { select.addEventListener("change", showArea); }
  if (editable && latInput && lonInput) {
    map.on("click", function (event) {
      var lat = event.latlng.lat.toFixed(6);
      var lon = L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(6);
      latInput.value = lat;
      lonInput.value = lon;
      placeMarker(parseFloat(lat), parseFloat(lon));
      latInput.dispatchEvent(new Event("change", { bubbles: true }));
    });
    latInput.addEventListener("input", fromInputs);
    lonInput.addEventListener("input", fromInputs);
  }
}());
