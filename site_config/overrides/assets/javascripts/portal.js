/* Remember the language the visitor reads in, so the site root and QR links pick it next time. */
(function () {
  try {
    var lang = document.documentElement.getAttribute("lang");
    if (lang) localStorage.setItem("portal.lang", lang);
  } catch (e) { /* storage may be disabled; the chooser still works */ }
})();
