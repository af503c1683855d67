/* Loaded before Sveltia CMS: keeps the editor on this site. The CMS's CDN build fetches its
 * interface strings (all but English) and an "update available" check from unpkg.com, and
 * a backend's status page; the page's Content-Security-Policy would refuse them anyway.
 * Here the strings we ship under locales/ are answered from the site, and every other
 * request for a host the policy does not allow is answered "404" without leaving the
 * browser (listed in window.portalCmsOffline). The CMS's optional module imports from unpkg
 * are mapped to our copies by the page's import map. */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("portal-cms-settings").textContent);
  var allowed = [window.location.origin].concat(settings.apiOrigins);
  var realFetch = window.fetch.bind(window);
  window.portalCmsOffline = [];

  function urlOf(input) {
    var href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return new URL(href, window.location.href);
  }

  window.fetch = function (input, init) {
    var url = urlOf(input);
    if (url.protocol === "blob:" || url.protocol === "data:" || allowed.indexOf(url.origin) >= 0) {
      return realFetch(input, init);
    }
    if (url.href.indexOf(settings.cdnLocales) === 0) {
      var name = url.href.slice(settings.cdnLocales.length).replace(/\.json$/, "");
      if (settings.locales.indexOf(name) >= 0) return realFetch("locales/" + name + ".json", init);
    }
    window.portalCmsOffline.push(url.href);
    return Promise.resolve(new Response("", { status: 404, statusText: "Not Fetched" }));
  };

  /* The interface speaks the browser's language when we ship it (English is built in);
   * otherwise the site's, rather than a failed download. Staff can change it in Settings. */
  try {
    if (!window.localStorage.getItem("sveltia-cms.prefs")) {
      var first = String((navigator.languages || [])[0] || navigator.language || "").toLowerCase();
      var shipped = settings.locales.some(function (code) {
        return first === code.toLowerCase() || first.split("-")[0] === code.toLowerCase();
      });
      if (first.split("-")[0] !== "en" && !shipped) {
        window.localStorage.setItem(
          "sveltia-cms.prefs", JSON.stringify({ locale: settings.uiLocale }));
      }
    }
  } catch (error) {
    /* storage refused: the CMS picks the language itself */
  }
})();
