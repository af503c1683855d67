/* The search index is the largest file of a language (megabytes with a large catalogue), and
   Material asks for it as soon as a page with a search box loads. Loaded in <head>, before
   Material's bundle, this holds back that one request until the visitor starts a search:
   focus or click on the search box, Material's search keys (/ s f), or an address with a
   query (?q=) or words to highlight (?h=). Every other request goes through untouched. When
   the worker already holds the index, the held request is answered at once. */
(function () {
  "use strict";
  /* Also, being the one script of <head>: mark the page as scripted before it is first drawn,
     so what scripts will fill in (a list's filters) has its place from the start. */
  document.documentElement.classList.add("portal-js");
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (!proto || !document.addEventListener) return;
  var open = proto.open;
  var send = proto.send;
  var abort = proto.abort;
  var held = [];
  var released = false;

  function isIndex(url) {
    try {
      return /\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname);
    } catch (e) {
      return false;
    }
  }

  function release() {
    if (released) return;
    released = true;
    var waiting = held;
    held = [];
    for (var i = 0; i < waiting.length; i++) {
      try { send.apply(waiting[i][0], waiting[i][1]); } catch (e) { /* aborted meanwhile */ }
    }
  }

  proto.open = function (method, url) {
    this.portalHeld = !released && isIndex(url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.portalHeld && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };
  proto.abort = function () {
    for (var i = 0; i < held.length; i++) {
      if (held[i][0] === this) held.splice(i--, 1);
    }
    return abort.apply(this, arguments);
  };

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) {
    release();
    return;
  }
  function within(target, selector) {
    return target instanceof Element && !!target.closest(selector);
  }
  var box = '[data-md-component="search-query"], [data-md-component="search"], ' +
    'label[for="__search"], #__search';
  document.addEventListener("focusin", function (event) {
    if (within(event.target, box)) release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (within(event.target, box)) release();
  }, true);
  document.addEventListener("click", function (event) {
    if (within(event.target, box)) release();
  }, true);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target instanceof Element &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
        /^[/sfSF]$/.test(event.key)) release();
  }, true);
})();
