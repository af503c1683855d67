/* Our additions to Sveltia CMS, through its public API (no patch to the vendored file):
 * - saving edits the file as it was rather than writing it anew: comments, key order,
 *   quoting and every value not edited stay byte for byte (a custom `yaml` format on the
 *   `yaml` library, the parser the CMS uses itself); a new key equal to the model's default
 *   (`featured: false`) is not added;
 * - every save writes `id:` from the file name, so the two never differ (portal check
 *   refuses a record whose id is not its file name);
 * - a text a person writes in a language replaces that language's machine translation
 *   (`fr-x-mt`), which the form does not show: portal check refuses both at once;
 * - record previews in the site's style (Material's stylesheet and ours). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var settings = JSON.parse(document.getElementById("portal-cms-settings").textContent);
  var MACHINE = "-x-mt";

  /* Key paths of `xx-x-mt` texts whose `xx` now holds a person's text, in lists and objects. */
  function superseded(value, path, found) {
    if (Array.isArray(value)) {
      value.forEach(function (item, index) { superseded(item, path.concat([index]), found); });
    } else if (value !== null && typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        var own = key.slice(-MACHINE.length) === MACHINE ? value[key.slice(0, -MACHINE.length)] : null;
        if (typeof own === "string" && own.trim() !== "") found.push(path.concat([key]));
        else superseded(value[key], path.concat([key]), found);
      });
    }
    return found;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      /* Edited in place: the CMS reads back an Immutable Map of Immutable values. */
      var data = entry.get("data").set("id", entry.get("slug"));
      superseded(data.toJS(), [], []).forEach(function (path) {
        data = data.deleteIn(path);
      });
      return data;
    },
  });

  /* --- The YAML files, edited in place --- */
  var yamlLibrary = null;
  var originals = {};  /* record id → the Document last read from its file */
  var WRITE = {
    indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false,
  };

  function loadYaml() {
    yamlLibrary = yamlLibrary || import(settings.yamlModule);
    return yamlLibrary;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function keyOf(YAML, pair) {
    return String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
  }

  /* The model's default for a field at this key path (list items as `*`), if it has one. */
  function isDefault(path, value) {
    var key = path.join(".");
    return Object.prototype.hasOwnProperty.call(settings.defaults, key) &&
      settings.defaults[key] === value;
  }

  /* `organiser: UBND …` read as `{vi: UBND …}`: the same text, so the file keeps its form. */
  function sameText(YAML, node, value) {
    if (!YAML.isScalar(node) || typeof node.value !== "string" || !isObject(value)) return false;
    var filled = Object.keys(value).filter(function (key) { return value[key] !== ""; });
    return filled.length === 1 && filled[0] === settings.languages[0] && value[filled[0]] === node.value;
  }

  function merged(YAML, doc, node, value, path) {
    if (isObject(value) && YAML.isMap(node)) {
      update(YAML, doc, node, value, path);
      return node;
    }
    if (Array.isArray(value) && YAML.isSeq(node)) {
      node.items = node.items.slice(0, value.length);
      value.forEach(function (item, index) {
        if (index < node.items.length) {
          node.items[index] = merged(YAML, doc, node.items[index], item, path.concat(["*"]));
        } else {
          node.items.push(doc.createNode(item));
        }
      });
      return node;
    }
    /* Unchanged: our loader reads every plain scalar as text, without the spaces and line
     * breaks around it (the CMS trims them), so 10.3540 stays 10.3540 and `|` stays `|`. */
    if (YAML.isScalar(node) && !isObject(value) && !Array.isArray(value) &&
        node.value !== null && value !== null &&
        String(node.value).trim() === String(value).trim()) {
      return node;
    }
    if (sameText(YAML, node, value)) return node;
    return doc.createNode(value);
  }

  function update(YAML, doc, map, content, path) {
    map.items = map.items.filter(function (pair) {
      return Object.prototype.hasOwnProperty.call(content, keyOf(YAML, pair));
    });
    var previous = -1;
    Object.keys(content).forEach(function (key) {
      var value = content[key];
      var here = path.concat([key]);
      var index = map.items.findIndex(function (pair) { return keyOf(YAML, pair) === key; });
      if (index < 0) {
        if (value === undefined || isDefault(here, value)) return;
        map.items.splice(previous + 1, 0, doc.createPair(key, value));
        previous += 1;
      } else {
        map.items[index].value = merged(YAML, doc, map.items[index].value, value, here);
        previous = index;
      }
    });
  }

  CMS.registerCustomFormat("yaml", "yaml", {
    fromFile: function (text) {
      return loadYaml().then(function (YAML) {
        var doc = YAML.parseDocument(text);  /* YAML 1.2 core schema, like the CMS's parser */
        if (doc.errors.length) throw doc.errors[0];
        var data = doc.toJS() || {};
        if (typeof data.id === "string") originals[data.id] = doc;
        settings.lenient.forEach(function (key) {
          if (typeof data[key] === "string") {
            var text = {};
            text[settings.languages[0]] = data[key];
            data[key] = text;
          }
        });
        return data;
      });
    },
    toFile: function (content) {
      return loadYaml().then(function (YAML) {
        var original = originals[content.id];
        var doc = original ? original.clone() : new YAML.Document({});
        update(YAML, doc, doc.contents, content, []);
        return doc.toString(WRITE);
      });
    },
  });

  settings.styles.forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });

  function text(data, path) {
    var value = data.getIn(path);
    return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }

  function otherNames(data, field) {
    return settings.languages.slice(1)
      .map(function (lang) { return text(data, [field, lang]); })
      .filter(Boolean)
      .join(" · ");
  }

  /* The record's page header and text, with the classes the site's pages use. */
  function Preview(kind) {
    return function (props) {
      var data = props.entry.get("data");
      var lang = settings.languages[0];
      var facts = kind.facts
        .map(function (path) { return text(data, path.split(".")); })
        .filter(Boolean);
      var lat = text(data, ["coordinates", "lat"]);
      var lon = text(data, ["coordinates", "lon"]);
      if (lat && lon) facts.push(lat + ", " + lon);
      var category = text(data, ["category"]);
      var hero = h("div", { key: "hero", className: "portal-hero portal-hero--" + (category || kind.name) }, [
        h("span", { key: "kind", className: "portal-hero__kind" }, kind.label),
        h("h1", { key: "name", className: "portal-hero__name" }, text(data, [kind.title, lang]) || "…"),
        h("span", { key: "local", className: "portal-hero__local" }, otherNames(data, kind.title)),
        h("span", { key: "detail", className: "portal-hero__detail" }, facts.join(" · ")),
      ]);
      var children = [hero];
      if (kind.summary && text(data, [kind.summary, lang])) {
        children.push(h("p", { key: "summary", className: "portal-lead" }, text(data, [kind.summary, lang])));
      }
      if (kind.body) {
        children.push(h("div", { key: "body" }, props.widgetFor(kind.body + "." + lang)));
      }
      return h("article", { className: "md-typeset portal-preview", lang: lang }, children);
    };
  }

  Object.keys(settings.kinds).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview(settings.kinds[name]));
  });
})();
