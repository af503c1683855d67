/* "Open now · closes at 17:00" on relic pages, computed on the phone in the city's time zone
   (not the phone's: a visitor's phone may still be on the time of home). The page holds the
   week's open intervals in minutes from Monday 00:00 and every label already translated and
   formatted at build time, so this script knows no language. Without it the table stays. */
(function () {
  var WEEK = 7 * 1440;

  /* Minutes since Monday 00:00 in `zone`, or null where the browser does not know the zone. */
  function weekMinute(zone, now) {
    try {
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      }).formatToParts(now);
    } catch (error) {
      return null;
    }
    var found = {};
    parts.forEach(function (part) { found[part.type] = part.value; });
    var day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(found.weekday);
    if (day < 0) return null;
    return day * 1440 + (Number(found.hour) % 24) * 60 + Number(found.minute);
  }

  function fill(template, values) {
    return (template || "").replace(/\{(time|day)\}/g, function (_, key) { return values[key] || ""; });
  }

  /* {open, text} for the status line, or null when nothing can honestly be said. */
  function status(box, data, now) {
    var t = weekMinute(data.tz, now);
    if (t === null || !data.open || !data.open.length) return null;
    var times = data.times || {};
    var i, span, start, end;
    for (i = 0; i < data.open.length; i++) {
      span = data.open[i];
      start = span[0];
      end = span[1];
      /* An interval may run past Sunday midnight into the next week. */
      if ((t >= start && t < end) || (t + WEEK >= start && t + WEEK < end)) {
        if (end - start >= WEEK) return { open: true, text: box.getAttribute("data-open-always") };
        return { open: true, text: fill(box.getAttribute("data-open-until"), { time: times[end % 1440] }) };
      }
    }
    var next = null;
    for (i = 0; i < data.open.length; i++) {
      start = data.open[i][0];
      var at = start > t ? start : start + WEEK;
      if (next === null || at < next) next = at;
    }
    var days = Math.floor(next / 1440) - Math.floor(t / 1440);
    var values = { time: times[next % 1440], day: (data.days || [])[Math.floor(next / 1440) % 7] };
    var key = days === 0 ? "data-opens-today" : days === 1 ? "data-opens-tomorrow" : "data-opens-later";
    return { open: false, text: fill(box.getAttribute(key), values) };
  }

  function update() {
    var boxes = document.querySelectorAll("[data-portal-hours]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var line = box.querySelector("[data-hours-now]");
      var data;
      try {
        data = JSON.parse(box.getAttribute("data-portal-hours"));
      } catch (error) {
        continue;
      }
      var now = line ? status(box, data, new Date()) : null;
      if (!now || !now.text) continue;
      line.textContent = now.text;
      line.className = "portal-hours__now portal-hours__now--" + (now.open ? "open" : "closed");
      line.hidden = false;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  /* A page left open on the phone stays right as the day goes on. */
  setInterval(update, 60 * 1000);
})();
