/* The dataset page's previews: a bar chart of a table's first numeric column (Apache ECharts) and a map of a
   GeoJSON resource (Leaflet). Data comes from json_script blocks and same-origin downloads; nothing inline. */
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    // Slanted labels only when the categories would not fit side by side (a phone, or many rows).
    var crowded = data.categories.length * 88 > el.clientWidth;
    chart.setOption({
      textStyle: { fontFamily: "Sarabun, sans-serif" },
      tooltip: { trigger: "axis" },
      grid: { left: 56, right: 16, top: 32, bottom: crowded ? 72 : 40 },
      xAxis: { type: "category", data: data.categories, axisLabel: { rotate: crowded ? 30 : 0, interval: 0 } },
      yAxis: { type: "value", name: data.series },
      series: [{ type: "bar", name: data.series, data: data.values, itemStyle: { color: "#0b5394" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });

  var mapEl = document.getElementById("dataset-map");
  if (mapEl && window.L) {
    var map = L.map(mapEl, { scrollWheelZoom: false }).setView([13.0, 101.0], 5);
    mapEl.leafletMap = map;
    if (mapEl.dataset.tiles) {
      L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18 }).addTo(map);
    } else if (mapEl.dataset.outlineUrl) {
      // Without a tile server (the default) Thailand's outline is the base, as on the registry's map.
      fetch(mapEl.dataset.outlineUrl).then(function (r) { return r.json(); }).then(function (outline) {
        L.geoJSON(outline, { style: { color: "#37474f", weight: 1, fillOpacity: 0.05 }, interactive: false })
          .addTo(map).bringToBack();
      });
    }
    fetch(mapEl.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: "#0b5394", weight: 2, fillOpacity: 0.6 });
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            var box = document.createElement("div");
            Object.keys(props).slice(0, 8).forEach(function (key) {
              var line = document.createElement("div");
              line.textContent = key + ": " + props[key];
              box.appendChild(line);
            });
            featureLayer.bindPopup(box);
          }
        }).addTo(map);
        if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { maxZoom: mapEl.dataset.tiles ? 15 : 11 }); }
      })
      .catch(function () { mapEl.textContent = mapEl.getAttribute("aria-label"); });
  }
}());
