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
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(refreshRelativeDates);  /* Material's instant navigation */
  } else {
    refreshRelativeDates();
  }
})();
