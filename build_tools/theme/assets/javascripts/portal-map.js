/* The overview map (maps/overview.html): Leaflet and Leaflet.markercluster drawn from
   maps/places.json, which `portal build` writes next to the page.

   Content never becomes markup here: names, labels and every other text go in with
   textContent, DOM nodes or DOM properties. Two places where Leaflet itself writes HTML:
   the tile attribution (the build sanitizes it to plain links) and the layer control's
   labels (escaped below). */
(function () {
  "use strict";
  var VIETNAM = [[8.18, 102.14], [23.39, 109.46]];  /* shown when the catalogue has no place */
  var EMPTY_ZOOM = 5;
  var LAYER_ID = /^[a-z][a-z0-9-]*$/;  /* layer ids become class names */
  var container = document.getElementById("map");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Leaflet's layer control sets its labels with innerHTML. */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  /* Only web links leave the map; anything else (javascript:, data:) becomes inert. */
  function webUrl(url) {
    try {
      var parsed = new URL(url, location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "#";
    } catch (error) {
      return "#";
    }
  }

  function popupContent(point, layer, strings) {
    var box = element("div", "portal-popup");
    box.appendChild(element("strong", "portal-popup__name", point.name));
    box.appendChild(element("span", "portal-popup__layer", layer.label));
    if (point.detail) box.appendChild(element("span", "portal-popup__detail", point.detail));
    var link = element("a", "portal-popup__link", strings.open);
    link.href = webUrl(point.url);
    link.target = "_parent";  /* the map is in an iframe: open the record in the page */
    box.appendChild(link);
    return box;
  }

  /* A cluster is a focusable button (Enter zooms in): its text, the count and the layer's
     name (hidden on screen, where the colour says it), is what a screen reader announces. */
  function clusterIcon(layer) {
    return function (cluster) {
      var label = element("span", null, String(cluster.getChildCount()));
      label.appendChild(element("span", "portal-hidden-text", " " + layer.label));
      return L.divIcon({
        html: label,
        className: "portal-cluster portal-layer--" + layer.id,
        iconSize: [32, 32],
      });
    };
  }

  function legendControl(layers) {
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "portal-legend");
      layers.forEach(function (layer) {
        var row = element("div");
        row.appendChild(element("i", "portal-swatch portal-layer--" + layer.id));
        row.appendChild(document.createTextNode(layer.label));
        box.appendChild(row);
      });
      return box;
    };
    return legend;
  }

  function locateControl(map, label) {
    var locate = L.control({ position: "topleft" });
    locate.onAdd = function () {
      var button = L.DomUtil.create("button", "portal-locate");
      button.type = "button";
      button.title = label;
      button.setAttribute("aria-label", label);
      button.textContent = "◎";
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", function () {
        map.locate({ setView: true, maxZoom: 16 });
      });
      return button;
    };
    var here = null;
    map.on("locationfound", function (event) {
      if (here) map.removeLayer(here);
      here = L.circle(event.latlng, { radius: event.accuracy, color: "#1f5f8b" }).addTo(map);
    });
    return locate;
  }

  function draw(data) {
    var strings = data.strings || {};
    var tiles = data.tiles;
    var layers = (data.layers || []).filter(function (layer) { return LAYER_ID.test(layer.id); });
    var points = data.points || [];
    if (strings.title) document.title = strings.title;

    var map = L.map(container, { zoomControl: true });
    var tileLayer = L.tileLayer(tiles.url, {
      attribution: tiles.attribution,
      minZoom: points.length ? tiles.minZoom : Math.min(tiles.minZoom, EMPTY_ZOOM),
      maxZoom: tiles.maxZoom,
      /* CORS responses can be cached by the service worker without the opaque-response
         quota penalty; the referrer policy is what the OSM tile policy asks for. */
      crossOrigin: true,
      referrerPolicy: "strict-origin-when-cross-origin",
    }).addTo(map);
    /* Every control sits in a corner, where Leaflet stacks it with the others, so none
       covers another at any width: the attribution goes under the scale and the legend
       (bottom left), the notice above the layer list (top right). */
    map.attributionControl.setPosition("bottomleft");
    L.control.scale().addTo(map);

    var overlays = {};
    var clusters = {};
    var markers = [];
    /* Room the controls leave free, shared by the first view, popups and keyboard focus;
       Leaflet reads these arrays when it pans, so measuring later updates them all. */
    var clearTopLeft = [24, 24];
    var clearBottomRight = [24, 24];
    function measure() {
      clearTopLeft[1] = cornerHeight(map, "top") + 12;
      clearBottomRight[1] = cornerHeight(map, "bottom") + 12;
    }
    layers.forEach(function (layer, index) {
      var members = points.filter(function (p) { return p.layer === layer.id; });
      if (!members.length) return;
      /* One pane per layer, the first layer (relic sites) on top: a wifi point or venue at a
         relic's gate never hides the relic. Between Leaflet's marker (600) and tooltip
         (650) panes. */
      var pane = "portal-" + layer.id;
      map.createPane(pane).style.zIndex = String(640 - index);
      var cluster = L.markerClusterGroup({
        maxClusterRadius: 40,
        iconCreateFunction: clusterIcon(layer),
        clusterPane: pane,
      });
      var icon = L.divIcon({
        className: "portal-pin portal-layer--" + layer.id,
        iconSize: [24, 24],  /* the target (WCAG 2.2 SC 2.5.8); the dot drawn is 16 px */
        iconAnchor: [12, 12],
        popupAnchor: [0, -8],
      });
      members.forEach(function (point) {
        var marker = L.marker([point.lat, point.lon], {
          icon: icon,
          pane: pane,
          keyboard: true,  /* focusable, Enter opens the popup */
          title: point.name,
          alt: point.name,
          riseOnHover: true,
          /* Leaflet's own pan on focus stops at the very edge, under the controls. */
          autoPanOnFocus: false,
        });
        marker.bindPopup(function () { return popupContent(point, layer, strings); }, {
          autoPanPaddingTopLeft: clearTopLeft,
          autoPanPaddingBottomRight: clearBottomRight,
        });
        marker.on("add", function () {
          var pin = marker.getElement();
          if (!pin) return;
          pin.setAttribute("aria-label", point.name);
          L.DomEvent.on(pin, "focus", function () {
            map.panInside(marker.getLatLng(), {
              paddingTopLeft: clearTopLeft,
              paddingBottomRight: clearBottomRight,
            });
          });
        });
        cluster.addLayer(marker);
        markers.push(marker);
      });
      cluster.addTo(map);
      clusters[layer.id] = cluster;
      overlays['<i class="portal-swatch portal-layer--' + layer.id + '"></i>' +
        escapeHtml(layer.label)] = cluster;
    });
    locateControl(map, strings.locate || "").addTo(map);
    var shown = layers.filter(function (layer) { return clusters[layer.id]; });
    if (shown.length) legendControl(shown).addTo(map);
    if (shown.length) L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    function refit() {
      fitView(map, points, data.zoom, measure, clearTopLeft, clearBottomRight);
    }
    refit();
    map.on("resize", measure);
    /* The notice comes after the first view and lengthens the top-right column: fit again,
       unless the visitor has already moved the map. */
    var touched = false;
    ["pointerdown", "wheel", "keydown"].forEach(function (type) {
      container.addEventListener(type, function () { touched = true; }, { passive: true });
    });
    tileNotice(map, tileLayer, strings.no_tiles, function () {
      if (touched) measure(); else refit();
    });
    /* For other scripts and the browser tests. */
    window.portalMap = { map: map, clusters: clusters, markers: markers };
  }

  /* Offline or tiles blocked: say so, and point to the drawn overview on the map page. A
     tile that loads later (the connection is back) takes the notice away. */
  function tileNotice(map, tileLayer, text, relayout) {
    var notice = null;
    var tilesLoaded = false;
    tileLayer.on("tileload", function () {
      tilesLoaded = true;
      if (notice) {
        map.removeControl(notice);
        notice = null;
        relayout();
      }
    });
    tileLayer.on("tileerror", function () {
      if (tilesLoaded || notice || !text) return;
      notice = L.control({ position: "topright" });
      notice.onAdd = function () {
        var box = element("p", "portal-map__notice", text);
        box.setAttribute("role", "status");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      notice.addTo(map);
      /* First in its corner: above the layer list, which moves down to make room. */
      var box = notice.getContainer();
      box.parentNode.insertBefore(box, box.parentNode.firstChild);
      relayout();
    });
  }

  /* How far the controls in the top or bottom corners reach into the map, so no place
     starts or lands under the layer list or the legend (on a phone they cover much of the
     map). Controls float, so the corners themselves have no height: measure each control. */
  function cornerHeight(map, edge) {
    var box = map.getContainer().getBoundingClientRect();
    var controls = map.getContainer().querySelectorAll(".leaflet-" + edge + " .leaflet-control");
    var reach = 0;
    for (var i = 0; i < controls.length; i++) {
      var rect = controls[i].getBoundingClientRect();
      if (!rect.height) continue;  /* hidden (the legend on a short map) */
      reach = Math.max(reach, edge === "top" ? rect.bottom - box.top : box.bottom - rect.top);
    }
    return reach;
  }

  /* The first view; `measure` runs once a view exists, since the scale control (and so
     the height of the bottom-left corner) only fills in then. */
  function fitView(map, points, zoom, measure, topLeft, bottomRight) {
    if (!points.length) {
      /* Nothing to show yet: the country, not a guess at a city. */
      map.fitBounds(VIETNAM);
      measure();
      return;
    }
    if (points.length === 1) {
      map.setView([points[0].lat, points[0].lon], zoom);
      measure();
      return;
    }
    var bounds = L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; }));
    map.fitBounds(bounds, { maxZoom: zoom, animate: false });
    measure();
    map.fitBounds(bounds, {
      paddingTopLeft: topLeft,
      paddingBottomRight: bottomRight,
      /* Never closer than the configured zoom: places side by side stay in context. */
      maxZoom: zoom,
      animate: false,
    });
  }

  fetch("places.json")
    .then(function (response) {
      if (!response.ok) throw new Error("places.json: HTTP " + response.status);
      return response.json();
    })
    .then(draw)
    .catch(function (error) {
      /* The map page below the frame still lists every place and draws them without tiles. */
      container.className += " portal-map--unavailable";
      if (window.console) console.warn(error);
    });
})();
