/* Lists drawn on the phone from their compact JSON (build_tools/render/lists.py): filters
   (category, ward or commune, designation…) and "nearest first", asked only when the visitor
   presses it; and the map page's places by distance, from maps/places.json. Without this
   script the pages still list every record, page by page. Text goes in as text: nothing
   from the data is ever parsed as HTML. */
(function () {
  "use strict";
  var lang = document.documentElement.getAttribute("lang") || "vi";
  var numbers = window.Intl ? new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }) : null;
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var relative = window.Intl && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
  var canCopy = !!(navigator.clipboard && window.isSecureContext);  /* as portal-copy.js */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function km(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 12742 * Math.asin(Math.sqrt(a));
  }

  function distanceText(value, unit) {
    return (numbers ? numbers.format(value) : value.toFixed(1)) + " " + unit;
  }

  /* The visitor's position: GPS needs no network, so this works offline too. */
  function locate(done, failed) {
    if (!navigator.geolocation) { failed(); return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      done(position.coords.latitude, position.coords.longitude);
    }, failed, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  /* Records with a position first, nearest first; the others keep their order, after. */
  function byDistance(items, lat, lon) {
    var rows = items.map(function (item, order) {
      var far = item.lat == null ? Infinity : km(lat, lon, item.lat, item.lon);
      return { item: item, distance: far, order: order };
    });
    rows.sort(function (a, b) { return a.distance - b.distance || a.order - b.order; });
    return rows;
  }

  /* The first `size` rows, added with `add(row)`, and the "Show more" button returned (for
     the caller to place) that adds the next ones, then moves the focus to the first new
     link (keyboard and screen-reader users keep their place). */
  function paged(rows, size, add, label) {
    var shown = 0;
    var more = el("button", "md-button portal-list__more");
    more.type = "button";
    function next() {
      var first = null;
      rows.slice(shown, shown + size).forEach(function (row) {
        var node = add(row);
        first = first || node;
      });
      shown = Math.min(rows.length, shown + size);
      more.textContent = label + " (" + (rows.length - shown) + ")";
      more.hidden = shown >= rows.length;
      return first;
    }
    more.addEventListener("click", function () {
      var first = next();
      var link = first && first.querySelector("a");
      if (link) link.focus();
    });
    next();
    return more;
  }

  /* ---- list pages --------------------------------------------------------------- */

  function setupList(box) {
    if (box.portalReady) return;
    box.portalReady = true;
    var dataUrl = new URL(box.getAttribute("data-list"), location.href).href;
    /* The list without JavaScript: hidden while the visitor's choice is shown. */
    var statics = [];
    for (var node = box.nextElementSibling; node; node = node.nextElementSibling) {
      statics.push(node);
      if (node.hasAttribute("data-list-end")) break;
    }
    load(dataUrl).then(function (data) {
      build(box, data, dataUrl, statics);
    }).catch(function () { drawn(box, null); /* offline, never cached: the page's list stays */ });
  }

  /* The form drawn at build time (disabled, the size of the real one, so nothing below it
     moves) gives its place to `form`, or goes when there is nothing to choose. */
  function drawn(box, form) {
    var placeholder = box.querySelector(".portal-filters--static");
    if (form && placeholder) placeholder.replaceWith(form);
    else if (form) box.appendChild(form);
    else if (placeholder) placeholder.remove();
  }

  function build(box, data, dataUrl, statics) {
    var s = data.strings;
    var icons = box.querySelector("template.portal-list__icons");
    var memory = "portal.list:" + new URL(".", dataUrl).pathname;
    var position = null;

    var form = el("form", "portal-filters");
    form.setAttribute("aria-label", s.filters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var selects = data.facets.map(function (facet, index) {
      var counts = facet.values.map(function () { return 0; });
      data.items.forEach(function (item) {
        var value = item.facets[index];
        if (value != null) counts[value] += 1;
      });
      if (facet.values.length < 2) return null;  /* nothing to choose */
      var field = el("label", "portal-filters__field");
      field.appendChild(el("span", "portal-filters__label", facet.label));
      var select = el("select");
      select.name = facet.key;
      var all = el("option", null, s.all);
      all.value = "";
      select.appendChild(all);
      facet.values.forEach(function (label, value) {
        if (!counts[value]) return;
        var option = el("option", null, label + " (" + counts[value] + ")");
        option.value = String(value);
        select.appendChild(option);
      });
      select.addEventListener("change", render);
      field.appendChild(select);
      form.appendChild(field);
      return select;
    });
    var located = data.items.some(function (item) { return item.lat != null; });
    if (!located && !selects.some(Boolean)) { drawn(box, null); return; }  /* nothing to choose */
    var actions = el("div", "portal-filters__actions");
    var near = null;
    if (located) {
      near = el("button", "md-button portal-filters__near", s.nearest);
      near.type = "button";
      near.setAttribute("aria-pressed", "false");
      near.addEventListener("click", function () {
        if (position) { position = null; render(); return; }
        status.textContent = s.locating;
        locate(function (lat, lon) {
          position = [lat, lon];
          render();
        }, function () { status.textContent = s.denied; });
      });
      actions.appendChild(near);
    }
    var reset = el("button", "md-button portal-filters__reset", s.reset);
    reset.type = "button";
    reset.hidden = true;
    reset.addEventListener("click", function () {
      selects.forEach(function (select) { if (select) select.value = ""; });
      position = null;
      render();
      (selects.filter(Boolean)[0] || near || form).focus();
    });
    actions.appendChild(reset);
    form.appendChild(actions);
    var status = el("p", "portal-list__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var results = el("div", "portal-list__results");
    results.hidden = true;
    drawn(box, form);
    box.appendChild(status);
    box.appendChild(results);

    function chosen() {
      return selects.map(function (select) { return select && select.value !== "" ? +select.value : null; });
    }

    function matches(item, choice) {
      for (var i = 0; i < choice.length; i++) {
        if (choice[i] != null && item.facets[i] !== choice[i]) return false;
      }
      return true;
    }

    function render() {
      var choice = chosen();
      var active = !!position || choice.some(function (v) { return v != null; });
      try { sessionStorage.setItem(memory, JSON.stringify(choice)); } catch (e) { /* private mode */ }
      statics.forEach(function (node) { node.hidden = active; });
      results.hidden = !active;
      reset.hidden = !active;
      if (near) near.setAttribute("aria-pressed", position ? "true" : "false");
      results.textContent = "";
      if (!active) { status.textContent = ""; return; }
      var found = data.items.filter(function (item) { return matches(item, choice); });
      var rows = position ? byDistance(found, position[0], position[1])
        : found.map(function (item) { return { item: item, distance: Infinity }; });
      var count = (plurals && plurals.select(found.length) === "one") ? s.count_one : s.count_other;
      status.textContent = count.replace("%(num)d", String(found.length)) +
        (position ? " · " + s.sorted : "");
      if (!found.length) { results.appendChild(el("p", "portal-list__none", s.none)); return; }
      var section = null, list = null;
      var output = el("div");
      results.appendChild(output);
      results.appendChild(paged(rows, data.page_size, function (row) {
        var item = row.item, here = data.sections[item.section];
        /* Sorted by distance: one list, no headings; else under each section's heading. */
        var group = position ? (here.archive ? "archive" : "cards") : item.section;
        if (group !== section) {
          section = group;
          if (!position && here.title) output.appendChild(el("h2", "portal-list__heading", here.title));
          list = el("ul", here.archive ? "portal-archive"
            : "portal-cards" + (data.card ? " portal-cards--" + data.card : ""));
          output.appendChild(list);
        }
        var node = here.archive ? line(item, row.distance) : card(item, row.distance);
        list.appendChild(node);
        return node;
      }, s.more));
    }

    function href(item) { return new URL(item.url, dataUrl).href; }

    function named(tag, className, text, textLang) {
      var node = el(tag, className, text);
      if (textLang) node.setAttribute("lang", textLang);
      return node;
    }

    function icon(key) {
      var found = icons && icons.content.querySelector('[data-icon="' + key + '"]');
      return found && found.firstElementChild ? found.firstElementChild.cloneNode(true) : null;
    }

    function metaPart(part) {
      if (typeof part === "string") return document.createTextNode(part);
      if (part.start) {  /* "in 3 days", "today", "on now", from the phone's own date */
        if (!relative) return null;
        var now = new Date();
        var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
        var start = Date.parse(part.start), end = Date.parse(part.end);
        if (end < today) return null;
        var days = Math.round((start - today) / 86400000);
        return el("span", "portal-relative", days >= 0 ? relative.format(days, "day") : s.on_now);
      }
      if (part.label) {
        var stars = el("span", "portal-stars", part.text);
        stars.setAttribute("role", "img");
        stars.setAttribute("aria-label", part.label);
        return stars;
      }
      if (part.url) {
        var link = named("a", null, part.text, part.lang);
        link.href = new URL(part.url, dataUrl).href;
        return link;
      }
      return named("span", null, part.text, part.lang);
    }

    function meta(item, distance) {
      var box = el("span", "portal-card__meta");
      var parts = (item.meta || []).map(metaPart).filter(Boolean);
      if (distance !== Infinity) parts.push(el("span", "portal-distance", distanceText(distance, s.km)));
      parts.forEach(function (part, i) {
        if (i) box.appendChild(document.createTextNode(" · "));
        box.appendChild(part);
      });
      return parts.length ? box : null;
    }

    function copyable(value, label) {
      var wrap = el("span", "portal-copyable");
      var code = el("code", "portal-secret", value);
      code.tabIndex = 0;
      wrap.appendChild(code);
      var button = el("button", "portal-copy");
      button.type = "button";
      button.setAttribute("data-copy", value);
      button.setAttribute("data-copied", s.copied || "✓");
      button.setAttribute("aria-label", label);
      button.hidden = !canCopy;  /* portal-copy.js copies on click */
      var glyph = icon("copy");
      if (glyph) button.appendChild(glyph);
      var text = el("span", "portal-copy__label", s.copy || "");
      text.setAttribute("aria-live", "polite");
      button.appendChild(text);
      wrap.appendChild(button);
      return wrap;
    }

    function card(item, distance) {
      var li = el("li", "portal-card portal-card--" + (data.card || item.icon));
      if (item.badge) {
        var badge = el("span", "portal-date");
        badge.setAttribute("aria-hidden", "true");
        badge.appendChild(el("span", "portal-date__month", item.badge[0]));
        badge.appendChild(el("span", "portal-date__day", item.badge[1]));
        li.appendChild(badge);
      } else if (item.icon && icon(item.icon)) {
        li.appendChild(icon(item.icon));
      }
      var body = el("div", "portal-card__body");
      if (item.url) {
        var link = el("a", "portal-card__link");
        link.href = href(item);
        link.appendChild(named("strong", null, item.name, item.name_lang));
        body.appendChild(link);
      } else {
        body.appendChild(named("strong", "portal-card__title", item.name, item.name_lang));
      }
      var facts = meta(item, distance);
      if (facts) body.appendChild(facts);
      if (item.summary) body.appendChild(named("p", null, item.summary, item.summary_lang));
      if (item.rows) {
        var rows = el("dl", "portal-wifi");
        item.rows.forEach(function (row) {
          var pair = el("div");
          pair.appendChild(el("dt", null, row[0]));
          var value = el("dd");
          value.appendChild(row[2] ? copyable(row[1], row[2]) : document.createTextNode(row[1]));
          pair.appendChild(value);
          rows.appendChild(pair);
        });
        body.appendChild(rows);
      }
      li.appendChild(body);
      return li;
    }

    function line(item, distance) {
      var li = el("li");
      var link = named("a", null, item.name, item.name_lang);
      link.href = href(item);
      li.appendChild(link);
      var facts = meta(item, distance);
      if (facts) {
        li.appendChild(document.createTextNode(" — "));
        li.appendChild(facts);
      }
      return li;
    }

    /* Back from a record page: the same choice as before. */
    try {
      var saved = JSON.parse(sessionStorage.getItem(memory) || "null");
      if (saved && saved.length === selects.length) {
        selects.forEach(function (select, i) {
          if (select && saved[i] != null && select.querySelector('option[value="' + saved[i] + '"]')) {
            select.value = String(saved[i]);
          }
        });
        if (chosen().some(function (v) { return v != null; })) render();
      }
    } catch (e) { /* storage disabled or an old shape */ }
  }

  /* ---- the map page's places by distance ------------------------------------------ */

  function setupNearMe(box) {
    if (box.portalReady) return;
    box.portalReady = true;
    var list = box.querySelector("ol");
    var status = box.querySelector("[data-status]");
    var unit = box.getAttribute("data-unit-km") || "km";
    var size = +box.getAttribute("data-page-size") || 50;
    var source = box.getAttribute("data-places");
    var dataUrl = source ? new URL(source, location.href).href : null;
    var more = null;

    function place(row, layers) {
      var p = row.item;
      var li = el("li");
      li.setAttribute("data-lat", String(p.lat));
      li.setAttribute("data-lon", String(p.lon));
      var link = el("a", null, p.name);
      link.href = new URL(p.url, dataUrl).href;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("small", null, "· " + (layers[p.layer] || p.layer)));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "portal-distance", distanceText(row.distance, unit)));
      list.appendChild(li);
      return li;
    }

    function fromData(data, lat, lon) {
      var layers = {};
      (data.layers || []).forEach(function (layer) { layers[layer.id] = layer.label; });
      list.textContent = "";
      if (more) more.remove();
      more = paged(byDistance(data.points, lat, lon), size, function (row) {
        return place(row, layers);
      }, box.getAttribute("data-more") || "…");
      list.after(more);
      var note = box.querySelector("[data-near-me-note]");  /* "the first places, A to Z" */
      if (note) note.hidden = true;
    }

    /* No data file (offline, never cached): sort the places the page itself lists. */
    function fromPage(lat, lon) {
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li) {
        li.distance = km(lat, lon, +li.getAttribute("data-lat"), +li.getAttribute("data-lon"));
        var slot = li.querySelector(".portal-distance");
        if (slot) slot.textContent = distanceText(li.distance, unit);
      });
      items.sort(function (a, b) { return a.distance - b.distance; });
      items.forEach(function (li) { list.appendChild(li); });
    }

    function sortFrom(lat, lon) {
      var done = function () { status.textContent = ""; };
      if (!dataUrl) { fromPage(lat, lon); done(); return; }
      load(dataUrl).then(function (data) { fromData(data, lat, lon); })
        .catch(function () { fromPage(lat, lon); })
        .then(done);
    }
    box.sortFrom = sortFrom;  /* for tests and other scripts */

    /* Works with no network at all: the position comes from GPS, the places from the
       cached data file or, without it, from the page. */
    box.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-near-me]");
      if (!button) return;
      event.stopPropagation();
      status.textContent = status.getAttribute("data-locating");
      locate(sortFrom, function () { status.textContent = status.getAttribute("data-denied"); });
    }, true);
  }

  function onPage() {
    Array.prototype.forEach.call(document.querySelectorAll(".portal-list[data-list]"), setupList);
    var near = document.getElementById("portal-near-me");
    if (near) setupNearMe(near);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);  /* Material's instant navigation */
  } else {
    onPage();
  }
})();
