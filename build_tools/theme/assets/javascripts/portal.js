/* Small enhancements; the pages work without them. */
(function () {
  var lang = document.documentElement.getAttribute("lang") || "vi";

  /* Remember the language the visitor reads in: the site root and QR links pick it next time. */
  try { localStorage.setItem("portal.lang", lang); } catch (e) { /* storage disabled */ }

  /* "in 3 days" was true on the build day; a cached page recomputes it on the phone. */
  function refreshRelativeDates() {
    if (!window.Intl || !Intl.RelativeTimeFormat) return;
    var format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    var nodes = document.querySelectorAll(".portal-relative[data-start]");
    for (var i = 0; i < nodes.length; i++) {
      var start = Date.parse(nodes[i].getAttribute("data-start"));
      var end = Date.parse(nodes[i].getAttribute("data-end"));
      var days = Math.round((start - today) / 86400000);
      if (end < today) nodes[i].textContent = "";
      else if (days >= 0) nodes[i].textContent = format.format(days, "day");
      else nodes[i].textContent = nodes[i].getAttribute("data-on-now");  /* under way */
    }
  }

  /* "Near me": sort the places of the map page by distance, computed on the phone from
     its position; works with no network at all (GPS needs none). */
  function setupNearMe() {
    var box = document.getElementById("portal-near-me");
    if (!box) return;
    var button = box.querySelector("[data-near-me]");
    var status = box.querySelector("[data-status]");
    var list = box.querySelector("ol");
    var unit = box.getAttribute("data-unit-km") || "km";
    var number = window.Intl ? new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }) : null;
    function km(lat1, lon1, lat2, lon2) {
      var r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
      var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
        Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
      return 12742 * Math.asin(Math.sqrt(a));
    }
    function sortFrom(lat, lon) {
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li) {
        li.distance = km(lat, lon, +li.getAttribute("data-lat"), +li.getAttribute("data-lon"));
        li.querySelector(".portal-distance").textContent =
          (number ? number.format(li.distance) : li.distance.toFixed(1)) + " " + unit;
      });
      items.sort(function (a, b) { return a.distance - b.distance; });
      items.forEach(function (li) { list.appendChild(li); });
      status.textContent = "";
    }
    box.sortFrom = sortFrom;  /* for tests and other scripts */
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = status.getAttribute("data-denied"); return; }
      status.textContent = status.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        sortFrom(position.coords.latitude, position.coords.longitude);
      }, function () {
        status.textContent = status.getAttribute("data-denied");
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  /* Gallery lightbox: the native <dialog> shows the large photo with its caption; without
     JavaScript the link simply opens the photo. */
  function setupLightbox() {
    var links = document.querySelectorAll("a.portal-lightbox");
    if (!links.length || typeof HTMLDialogElement !== "function") return;
    var dialog = document.createElement("dialog");
    dialog.className = "portal-dialog";
    dialog.innerHTML = '<img alt=""><p></p><button type="button" aria-label="Close">×</button>';
    document.body.appendChild(dialog);
    dialog.addEventListener("click", function () { dialog.close(); });
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var img = dialog.querySelector("img");
        img.src = link.href;
        img.alt = link.querySelector("img").alt;
        dialog.querySelector("p").textContent = link.getAttribute("data-caption") || "";
        dialog.showModal();
      });
    });
  }

  /* Offline guide: register the service worker at the site root, offer a reload when a new
     version is waiting, and "Save for offline" buttons. */
  var pwa = document.getElementById("portal-pwa");
  function say(key) { return pwa ? pwa.getAttribute("data-" + key) || "" : ""; }

  /* Reload only when the visitor asked for the new version: the first worker's clients.claim()
     also fires controllerchange, and a surprise reload then would lose their place. */
  var updateAccepted = false;

  function showUpdatePrompt(worker) {
    if (document.getElementById("portal-update")) return;
    var bar = document.createElement("div");
    bar.id = "portal-update";
    bar.className = "portal-update";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = say("update");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = say("reload");
    button.addEventListener("click", function () {
      updateAccepted = true;
      worker.postMessage({ type: "skip-waiting" });
    });
    bar.appendChild(text);
    bar.appendChild(button);
    document.body.appendChild(bar);
  }

  function registerWorker() {
    if (!pwa || !("serviceWorker" in navigator)) return;
    var root = new URL(pwa.getAttribute("data-root"), location.href).href;
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (reloading || !updateAccepted) return;
      reloading = true;
      location.reload();
    });
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) showUpdatePrompt(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) {
            showUpdatePrompt(worker);
          }
        });
      });
    }).catch(function () { /* no offline guide; the site still works */ });
  }

  function setupSaveButtons() {
    var buttons = document.querySelectorAll("[data-save-offline]");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = button.parentNode.querySelector("[data-save-status]");
      button.addEventListener("click", function () {
        if (!navigator.serviceWorker || !navigator.serviceWorker.controller) {
          status.textContent = say("failed");  /* the worker is not running yet */
          return;
        }
        var media = (button.getAttribute("data-media") || "").split(" ").filter(Boolean)
          .map(function (url) { return new URL(url, location.href).href; });
        var channel = new MessageChannel();
        status.textContent = say("saving");
        channel.port1.onmessage = function (event) {
          var data = event.data;
          if (data.error) { status.textContent = say("failed"); return; }
          if (!data.finished) { status.textContent = say("saving") + " " + data.done + "/" + data.total; return; }
          var done = function (extra) { status.textContent = say("saved") + extra; };
          if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
          if (navigator.storage && navigator.storage.estimate) {
            navigator.storage.estimate().then(function (e) {
              done(" " + say("storage") + ": " + (e.usage / 1048576).toFixed(1) + " MB");
            });
          } else { done(""); }
        };
        navigator.serviceWorker.controller.postMessage(
          { type: "save", lang: lang, media: media }, [channel.port2]);
      });
    });
  }

  registerWorker();

  function onPage() { refreshRelativeDates(); setupNearMe(); setupLightbox(); setupSaveButtons(); }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);  /* Material's instant navigation */
  } else {
    onPage();
  }
})();
