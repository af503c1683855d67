/* The mini map of record pages (maps/mini.html#lat,lon,zoom): one file per language serves
   every record, so it is cached once. Tile settings come from the page's inert JSON block;
   the build sanitizes the attribution, the one text Leaflet writes as HTML. */
(function () {
  "use strict";
  var parts = location.hash.slice(1).split(",").map(Number);
  var lat = parts[0], lon = parts[1], zoom = parts[2] || 16;
  if (!isFinite(lat) || !isFinite(lon)) return;
  var tiles = JSON.parse(document.getElementById("portal-tiles").textContent);
  var map = L.map("map", { scrollWheelZoom: false }).setView([lat, lon], zoom);
  L.tileLayer(tiles.url, {
    attribution: tiles.attribution,
    minZoom: tiles.minZoom,
    maxZoom: tiles.maxZoom,
    /* CORS responses can be cached by the service worker without the opaque-response
       quota penalty; the referrer policy is what the OSM tile policy asks for. */
    crossOrigin: true,
    referrerPolicy: "strict-origin-when-cross-origin",
  }).addTo(map);
  L.circleMarker([lat, lon], { radius: 9, color: "#fff", weight: 2, fillColor: "#8c1d18",
    fillOpacity: 1 }).addTo(map);
})();
