/* Copy buttons beside wifi network names and passwords: one tap instead of retyping a long
   password on a phone. Shown only where the clipboard works (HTTPS or localhost). */
(function () {
  if (!navigator.clipboard || !window.isSecureContext) return;
  function reveal() {
    var buttons = document.querySelectorAll("button.portal-copy[hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.portal-copy");
    if (!button) return;
    var label = button.querySelector(".portal-copy__label");
    navigator.clipboard.writeText(button.getAttribute("data-copy") || "").then(function () {
      if (!button.hasAttribute("data-label")) button.setAttribute("data-label", label.textContent);
      label.textContent = button.getAttribute("data-copied") || "✓";
      button.classList.add("portal-copy--done");
      clearTimeout(button.portalTimer);
      button.portalTimer = setTimeout(function () {
        label.textContent = button.getAttribute("data-label");
        button.classList.remove("portal-copy--done");
      }, 2000);
    });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
  /* Material's instant navigation swaps the page without reloading scripts. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(reveal);
})();
