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

  /* Offline guide: register the service worker at the site root, have it keep this
     language's core, offer a reload when a new version is waiting, and "Save for offline"
     buttons that show the size first. */
  var pwa = document.getElementById("portal-pwa");
  /* Its words, in the page's language: assets/javascripts/portal-strings.js */
  function say(key) { return (window.portalStrings || {})[key] || ""; }

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

  /* Call `use(worker)` once a worker controls this page (at once, or when the first one
     takes over after installing). */
  function whenControlled(use) {
    if (!("serviceWorker" in navigator)) return;
    if (navigator.serviceWorker.controller) { use(navigator.serviceWorker.controller); return; }
    navigator.serviceWorker.addEventListener("controllerchange", function once() {
      navigator.serviceWorker.removeEventListener("controllerchange", once);
      if (navigator.serviceWorker.controller) use(navigator.serviceWorker.controller);
    });
  }

  /* One question to the worker; `answer(data)` gets each reply (progress, then the result). */
  function ask(worker, message, answer) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { if (answer) answer(event.data || {}); };
    worker.postMessage(message, [channel.port2]);
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
    whenControlled(function (worker) {
      /* This language's lists, map and search index, in the background (a message keeps
         the worker awake until they are in). */
      ask(worker, { type: "core", lang: lang }, function () {
        document.dispatchEvent(new CustomEvent("portal:core"));
      });
      /* This page may have loaded before the worker existed, and a QR board may have led
         here through its /q/ page: keep both, so they work offline. */
      var pages = [location.href];
      if (document.referrer.indexOf(root + "q/") === 0) pages.push(document.referrer);
      ask(worker, { type: "keep", urls: pages });
    });
  }

  function megabytes(bytes) {
    var value = bytes / 1048576;
    var digits = value < 10 ? 1 : 0;
    var text = window.Intl
      ? new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
      : value.toFixed(digits);
    return text + " MB";
  }

  /* On a list page, each section (a category of relic sites, upcoming events…) can be saved
     on its own: its heading and the record pages it links to. */
  function sectionsOf(article) {
    var here = location.href.split("#")[0].split("?")[0];
    var sections = [];
    var headings = article ? article.querySelectorAll("h2") : [];
    Array.prototype.forEach.call(headings, function (heading) {
      var pages = [];
      for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        Array.prototype.forEach.call(node.querySelectorAll("a[href]"), function (link) {
          var url = new URL(link.getAttribute("href"), location.href);
          url.hash = ""; url.search = "";
          var rest = url.href.indexOf(here) === 0 ? url.href.slice(here.length) : "";
          if (/^[^/]+\/$/.test(rest) && pages.indexOf(url.href) < 0) pages.push(url.href);
        });
      }
      if (pages.length) sections.push({ title: heading.textContent.trim(), pages: pages });
    });
    return sections;
  }

  /* A paged list (relics/, relics/page/2/…) shows some of its records: the parts to save
     come from its list.json, which holds them all (and is cached with the lists). */
  function listSections(box, done) {
    var dataUrl = new URL(box.getAttribute("data-list"), location.href).href;
    fetch(dataUrl).then(function (response) {
      return response.ok ? response.json() : Promise.reject(response.status);
    }).then(function (data) {
      var sections = (data.sections || []).map(function (section) {
        return { title: section.title, pages: [] };
      });
      (data.items || []).forEach(function (item) {
        var section = sections[item.section];
        if (section) section.pages.push(new URL(item.url, dataUrl).href);
      });
      done(sections.filter(function (section) { return section.title && section.pages.length; }));
    }).catch(function () { done(null); });
  }

  function setupSaveButtons() {
    var buttons = document.querySelectorAll("[data-save-offline]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.portalReady) return;
      button.portalReady = true;
      var status = button.parentNode.querySelector("[data-save-status]");
      var label = button.textContent;
      var media = (button.getAttribute("data-media") || "").split(" ").filter(Boolean)
        .map(function (url) { return new URL(url, location.href).href; });
      var article = button.closest("article");
      var sections = sectionsOf(article);
      var choice = null;
      var asked = 0;  /* the answer to an older question must not overwrite a newer one */

      function show(bytes) {
        button.textContent = bytes == null ? label : label + " (" + megabytes(bytes) + ")";
        if (bytes == null) button.removeAttribute("data-bytes");
        else button.setAttribute("data-bytes", String(bytes));
      }
      function pages() {
        return choice && choice.value ? sections[+choice.value].pages : null;
      }
      /* The size first: from the worker's totals at once, exact from the list when a part is
         chosen (what this phone already holds is not counted). */
      function measure(worker) {
        var question = ++asked;
        if (pages()) {
          ask(worker, { type: "plan", lang: lang, pages: pages() }, function (data) {
            if (question === asked && typeof data.bytes === "number") show(data.bytes);
          });
        } else {
          /* Not the exact plan: that needs the language's whole list, which a visitor
             who never saves should not download. */
          ask(worker, { type: "status", lang: lang }, function (data) {
            if (question === asked && typeof data.estimate === "number") show(data.estimate);
          });
        }
      }

      function offer() {
        if (!sections.length) return;
        choice = document.createElement("select");
        choice.className = "portal-save-choice";
        choice.setAttribute("aria-label", say("choose"));
        var all = document.createElement("option");
        all.value = "";
        all.textContent = say("everything");
        choice.appendChild(all);
        sections.forEach(function (section, i) {
          var option = document.createElement("option");
          option.value = String(i);
          option.textContent = section.title + " (" + section.pages.length + ")";
          choice.appendChild(option);
        });
        button.parentNode.insertBefore(choice, button);
        choice.addEventListener("change", function () {
          show(null);
          if (navigator.serviceWorker && navigator.serviceWorker.controller) {
            measure(navigator.serviceWorker.controller);
          }
        });
      }
      var list = article && article.querySelector(".portal-list[data-list]");
      if (list && window.fetch) {
        listSections(list, function (found) {
          if (found && found.length) sections = found;
          offer();
        });
      } else {
        offer();
      }
      whenControlled(measure);
      document.addEventListener("portal:core", function () {
        if (navigator.serviceWorker.controller) measure(navigator.serviceWorker.controller);
      });

      button.addEventListener("click", function () {
        if (!navigator.serviceWorker || !navigator.serviceWorker.controller) {
          status.textContent = say("failed");  /* the worker is not running yet */
          return;
        }
        status.textContent = say("saving");
        button.disabled = true;
        ask(navigator.serviceWorker.controller,
          { type: "save", lang: lang, pages: pages(), media: media }, function (data) {
            if (data.error) { status.textContent = say("failed"); button.disabled = false; return; }
            if (!data.finished) {
              status.textContent = say("saving") + " " + data.done + "/" + data.total +
                (data.totalBytes ? " · " + megabytes(data.bytes) + " / " + megabytes(data.totalBytes) : "");
              return;
            }
            button.disabled = false;
            show(null);
            var done = function (extra) { status.textContent = say("saved") + extra; };
            if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
            if (navigator.storage && navigator.storage.estimate) {
              navigator.storage.estimate().then(function (e) {
                done(" " + say("storage") + ": " + megabytes(e.usage));
              });
            } else { done(""); }
          });
      });
    });
  }

  registerWorker();

  function onPage() { refreshRelativeDates(); setupLightbox(); setupSaveButtons(); }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);  /* Material's instant navigation */
  } else {
    onPage();
  }
})();
