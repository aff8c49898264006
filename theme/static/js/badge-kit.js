// The badge kits: copy buttons for the code snippets, and (on a profile's kit page) every badge size
// drawn in the browser and downloaded as PNG, the verifiable badge baked in the browser.
// Progressive enhancement: without JavaScript the buttons stay hidden (or, on a kit page, are not there: the
// script makes them from the page's <template id="badge-kit-parts">), the code can be selected and the page
// offers the hosted share card and e-mail signature and the SVG.
(function () {
  "use strict";

  function announce(message) {
    var status = document.querySelector("[data-copy-status]");
    if (!status) return;
    status.textContent = "";
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent;
    var done = function () {
      button.classList.add("copy-button--done");
      announce("Code gekopieerd naar het klembord.");
      window.setTimeout(function () { button.classList.remove("copy-button--done"); }, 2000);
    };
    var failed = function () {
      selectText(source);
      announce("Kopiëren lukte niet; de code is geselecteerd. Kopieer hem met Ctrl+C of Cmd+C.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  // A kit page writes what only this script uses once, in a template; it is cloned where it is needed.
  var parts = document.getElementById("badge-kit-parts");
  parts = parts && parts.content;

  // Put a part cloned from the template into ``parent`` at its place (data-at: its index once the block is complete;
  // the parts are put in in that order, so the children before it are there).
  function place(parent, element) {
    var at = Number(element.getAttribute("data-at"));
    element.removeAttribute("data-at");
    parent.insertBefore(element, parent.children[at] || null);
  }

  if (parts) {
    // a kit page's snippets: the copy button after the code, named by the snippet's title
    document.querySelectorAll(".snippet").forEach(function (snippet) {
      var code = snippet.querySelector("pre[id]");
      if (!code || snippet.querySelector("button[data-copy]")) return;
      var button = parts.querySelector("button.copy-button").cloneNode(true);
      button.setAttribute("data-copy", code.id);
      button.lastElementChild.textContent += snippet.querySelector(".snippet__title").textContent.toLowerCase();
      code.after(button);
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });

  // --- Drawing the badges (kit pages) ---------------------------------------------------------------
  // The build hands over the design (badges/ontwerp-*.json: per format, variant and colour the circles,
  // rectangles and marks) and, per badge, its fitted text runs with their font, size and position,
  // measured with the same fonts this page loads as WOFF2. Drawing is a canvas; nothing is uploaded.

  var source = document.getElementById("badge-kit-data");
  if (!source || !window.fetch || !window.FontFace || !document.fonts || !window.Path2D) return;
  var kit = JSON.parse(source.textContent);
  // each text names its [light, dark] fill by its place in kit.fills, and each run its text by its place in
  // kit.strings (plugins/badges/browser.py, shared_fills and shared_strings)
  kit.badges.forEach(function (badge) {
    Object.keys(badge.texts).forEach(function (format) {
      badge.texts[format].forEach(function (text) {
        text[1] = kit.fills[text[1]];
        text[2].forEach(function (run) { run[2] = kit.strings[run[2]]; });
      });
    });
  });
  // The data names the site's files by their published address; fetch them from where this page is served
  // (a development build may be served on any port, under any path: data-root is then relative).
  var root = new URL(source.getAttribute("data-root") || kit.site + "/", document.baseURI).href;
  function local(url) {
    return url.indexOf(kit.site + "/") === 0 ? new URL(url.slice(kit.site.length + 1), root).href : url;
  }
  var design = null;
  var loading = null;
  var ready = false;

  function family(index) { return "badge-kit-font-" + index; }

  function load() {
    if (loading) return loading;
    loading = fetch(local(kit.design), { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + kit.design);
      return response.json();
    }).then(function (data) {
      design = data;
      // the hosted assertions, byte for byte, to bake into the verifiable badges
      var assertions = kit.badges.map(function (badge) {
        return fetch(local(badge.verify), { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + badge.verify);
          return response.text();
        }).then(function (text) { badge.assertion = text; });
      }).concat(Array.prototype.map.call(document.querySelectorAll("[data-badge]"), function (block) {
        var badge = kit.badges[Number(block.getAttribute("data-badge"))];
        var href = block.querySelector("a[data-svg]").href;
        return fetch(href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + href);
          return response.text();
        }).then(function (text) { badge.svgSource = text; });
      })).concat(kit.badges.filter(function (badge) { return badge.credential; }).map(function (badge) {
        return fetch(local(badge.credential), { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + badge.credential);
          return response.text();
        }).then(function (text) { badge.signed = text; });
      }));
      var used = {};
      kit.badges.forEach(function (badge) {
        Object.keys(badge.texts).forEach(function (format) {
          badge.texts[format].forEach(function (text) {
            text[2].forEach(function (run) { used[run[3]] = true; });
          });
        });
      });
      return Promise.all(assertions.concat(Object.keys(used).map(function (index) {
        var face = new FontFace(family(index), "url(\"" + local(kit.fonts) + design.fonts[index] + "\") format(\"woff2\")");
        document.fonts.add(face);
        return face.load();
      })));
    }).then(function () { ready = true; });
    return loading;
  }

  function polygon(context, points, fill) {
    context.fillStyle = fill;
    context.beginPath();
    points.forEach(function (point, index) {
      if (index === 0) context.moveTo(point[0], point[1]); else context.lineTo(point[0], point[1]);
    });
    context.closePath();
    context.fill();
  }

  function mark(context, x, y, size) {
    var spec = design.mark;
    var side = Math.round(size);
    context.save();
    context.translate(Math.round(x), Math.round(y));
    context.scale(side / spec.size, side / spec.size);
    context.fillStyle = spec.colours[0];
    context.beginPath();
    context.roundRect(0, 0, spec.size, spec.size, spec.radius);
    context.fill();
    polygon(context, spec.upper, spec.colours[1]);
    polygon(context, spec.lower, spec.colours[2]);
    context.restore();
  }

  // The same order as the build: circles and rectangles, then the marks, then the text.
  function canvasFor(format) {
    var size = design.formats[format].size;
    var canvas = document.createElement("canvas");
    canvas.width = size[0];
    canvas.height = size[1];
    return canvas;
  }

  function draw(badge, format, variant) {
    var canvas = canvasFor(format);
    paintShapes(canvas, badge, format, variant);
    paintText(canvas, badge, format, variant);
    return canvas;
  }

  function paintShapes(canvas, badge, format, variant) {
    var context = canvas.getContext("2d");
    var shapes = design.geometry[format][variant][badge.colour];
    shapes.forEach(function (shape) {
      if (shape[0] === "c") {
        context.fillStyle = shape[4];
        context.beginPath();
        context.arc(shape[1], shape[2], shape[3], 0, 2 * Math.PI);
        context.fill();
      } else if (shape[0] === "r") {
        context.fillStyle = shape[5];
        context.beginPath();
        context.roundRect(shape[1], shape[2], shape[3] - shape[1], shape[4] - shape[2], shape[6] || 0);
        context.fill();
      }
    });
    shapes.forEach(function (shape) { if (shape[0] === "m") mark(context, shape[1], shape[2], shape[3]); });
  }

  function paintText(canvas, badge, format, variant) {
    var context = canvas.getContext("2d");
    context.textBaseline = "alphabetic";
    context.textAlign = "left";
    var dark = variant === design.variants[1] ? 1 : 0;
    badge.texts[format].forEach(function (text) {
      context.fillStyle = text[1][dark];
      text[2].forEach(function (run) {
        context.font = text[0] + "px \"" + family(run[3]) + "\"";
        context.fillText(run[2], run[0], run[1]);
      });
    });
  }

  function png(canvas) {
    return new Promise(function (resolve, reject) {
      canvas.toBlob(function (blob) { if (blob) resolve(blob); else reject(new Error("toBlob")); }, "image/png");
    });
  }

  // --- Baking: the assertion in the image (as plugins/badges/baking.py does) ---------------------------
  var table = null;
  function crc32(bytes) {
    if (!table) {
      table = new Uint32Array(256);
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
      }
    }
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  // An uncompressed iTXt chunk with the assertion (keyword "openbadges", 2.0) or the signed credential
  // (keyword "openbadgecredential", 3.0) as JSON, just before IEND.
  function bakePng(buffer, assertion, name) {
    var png = new Uint8Array(buffer);
    var view = new DataView(buffer);
    var position = 8;
    var iend = -1;
    while (position + 8 <= png.length) {
      var length = view.getUint32(position);
      if (String.fromCharCode(png[position + 4], png[position + 5], png[position + 6], png[position + 7]) === "IEND") {
        iend = position;
        break;
      }
      position += 12 + length;
    }
    if (iend < 0) throw new Error("PNG without IEND");
    var text = new TextEncoder().encode(assertion);
    var keyword = new TextEncoder().encode(name || "openbadges");
    var body = new Uint8Array(4 + keyword.length + 5 + text.length);
    body.set([0x69, 0x54, 0x58, 0x74], 0); // "iTXt"
    body.set(keyword, 4);
    body.set(text, 4 + keyword.length + 5); // NUL, no compression, method 0, no language, no translation
    var chunk = new Uint8Array(body.length + 8);
    var chunkView = new DataView(chunk.buffer);
    chunkView.setUint32(0, body.length - 4);
    chunk.set(body, 4);
    chunkView.setUint32(4 + body.length, crc32(body));
    return new Blob([png.subarray(0, iend), chunk, png.subarray(iend)], { type: "image/png" });
  }

  function escapeAttribute(value) {
    return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  // An openbadges:assertion element as the first child of the root <svg>.
  function bakeSvg(svg, assertion, verify) {
    var start = svg.indexOf("<svg");
    var end = svg.indexOf(">", start);
    var head = svg.slice(0, end) + " xmlns:openbadges=\"http://openbadges.org\">";
    var element = "<openbadges:assertion verify=\"" + escapeAttribute(verify) + "\"><![CDATA[" +
      assertion.split("]]>").join("]]]]><![CDATA[>") + "]]></openbadges:assertion>";
    return new Blob([head + element + svg.slice(end + 1)], { type: "image/svg+xml" });
  }

  // Open Badges 3.0: an openbadges:credential element (the prefix bound to the 3.0 namespace) as the first child.
  function bakeSvgCredential(svg, credential) {
    var start = svg.indexOf("<svg");
    var end = svg.indexOf(">", start);
    var head = svg.slice(0, end) + " xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">";
    var element = "<openbadges:credential><![CDATA[" + credential.split("]]>").join("]]]]><![CDATA[>") +
      "]]></openbadges:credential>";
    return new Blob([head + element + svg.slice(end + 1)], { type: "image/svg+xml" });
  }

  // The light SVG the build wrote (hosted beside the page; fetched on load, byte for byte).
  function svgOf(block) {
    return kit.badges[Number(block.getAttribute("data-badge"))].svgSource;
  }

  function escapeText(value) {
    return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // The square as SVG with real text, as designs.to_svg writes it (each run placed where the build measured it).
  function svgText(badge, variant) {
    var format = "vierkant-1080";
    var size = design.formats[format].size;
    var spec = design.mark;
    var body = [];
    design.geometry[format][variant][badge.colour].forEach(function (shape) {
      if (shape[0] === "c") {
        body.push("<circle cx=\"" + shape[1] + "\" cy=\"" + shape[2] + "\" r=\"" + shape[3] + "\" fill=\"" + shape[4] + "\"/>");
      } else if (shape[0] === "r") {
        body.push("<rect x=\"" + shape[1] + "\" y=\"" + shape[2] + "\" width=\"" + (shape[3] - shape[1]) + "\" height=\"" +
          (shape[4] - shape[2]) + "\"" + (shape[6] ? " rx=\"" + shape[6] + "\"" : "") + " fill=\"" + shape[5] + "\"/>");
      } else if (shape[0] === "m") {
        var k = shape[3] / spec.size;
        var points = function (polygon) {
          return polygon.map(function (p) { return (shape[1] + p[0] * k).toFixed(1) + "," + (shape[2] + p[1] * k).toFixed(1); }).join(" ");
        };
        body.push("<rect x=\"" + shape[1] + "\" y=\"" + shape[2] + "\" width=\"" + shape[3] + "\" height=\"" + shape[3] +
          "\" rx=\"" + (spec.radius * k).toFixed(1) + "\" fill=\"" + spec.colours[0] + "\"/><polygon points=\"" +
          points(spec.upper) + "\" fill=\"" + spec.colours[1] + "\"/><polygon points=\"" + points(spec.lower) +
          "\" fill=\"" + spec.colours[2] + "\"/>");
      }
    });
    var dark = variant === design.variants[1] ? 1 : 0;
    badge.texts[format].forEach(function (text) {
      text[2].forEach(function (run) {
        var css = design.css_fonts[run[3]];
        body.push("<text x=\"" + run[0] + "\" y=\"" + run[1] + "\" font-size=\"" + text[0] + "\" fill=\"" + text[1][dark] +
          "\" font-family=\"" + css[0] + "\" font-weight=\"" + css[1] + "\">" + escapeText(run[2]) + "</text>");
      });
    });
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size[0] + " " + size[1] + "\" width=\"" + size[0] +
      "\" height=\"" + size[1] + "\" role=\"img\" aria-labelledby=\"titel\">\n<title id=\"titel\">" + escapeText(badge.title) +
      "</title>\n" + body.join("\n") + "\n</svg>\n";
  }

  // Start the download; if the click is too long ago for the browser to allow that (a slow device), offer
  // a link to the finished file next to the button instead.
  function save(blob, name, button) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    if (navigator.userActivation && !navigator.userActivation.isActive) {
      var previous = button.parentNode.querySelector("a[data-ready]");
      if (previous) previous.remove();
      link.setAttribute("data-ready", "");
      link.textContent = "Opslaan: " + name;
      button.after(" ", link);
      link.focus();
      return "klaar om op te slaan";
    }
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return "gedownload";
  }

  function busy(button, promise) {
    button.setAttribute("aria-busy", "true");
    return promise.then(function (outcome) {
      announce(outcome[0] === "gedownload" ? "Gedownload: " + outcome[1] : "Klaar: " + outcome[1] + ". Kies de link ernaast om het op te slaan.");
    }, function (error) {
      announce("Het maken van het bestand lukte niet (" + error.message + "). Laad de pagina opnieuw en probeer het nog eens.");
    }).then(function () { button.removeAttribute("aria-busy"); });
  }

  function qrPng() {
    var svg = document.querySelector("[data-qr] svg");
    var path = svg.querySelector("path[stroke]");
    var modules = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ||
      parseFloat(svg.getAttribute("width")) / 8;
    var scale = 12;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = Math.round(modules * scale);
    var context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.strokeStyle = path.getAttribute("stroke");
    context.lineWidth = 1;
    context.stroke(new Path2D(path.getAttribute("d")));
    return pngNow(canvas);
  }

  // A PNG of a canvas, made synchronously: inside the click's own task the browser always allows the download.
  function pngBytes(canvas) {
    var url = canvas.toDataURL("image/png");
    var binary = window.atob(url.slice(url.indexOf(",") + 1));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
  }

  function pngNow(canvas) {
    return new Blob([pngBytes(canvas)], { type: "image/png" });
  }

  // Make a file on a click: at once when the design and fonts are loaded (they load with the page),
  // otherwise after loading them.
  function offer(button, name, make) {
    if (ready) {
      button.setAttribute("aria-busy", "true");
      try {
        var outcome = save(make(), name, button);
        announce(outcome === "gedownload" ? "Gedownload: " + name : "Klaar: " + name + ". Kies de link ernaast om het op te slaan.");
      } catch (error) {
        announce("Het maken van het bestand lukte niet (" + error.message + "). Laad de pagina opnieuw en probeer het nog eens.");
      }
      button.removeAttribute("aria-busy");
      return;
    }
    busy(button, load().then(function () { return [save(make(), name, button), name]; }));
  }

  function previewKey(figure) {
    var image = figure.querySelector("img");
    return image.getAttribute("data-draw-preview") + "/" + image.getAttribute("data-variant");
  }

  function formatKey(row) { return row.getAttribute("data-format"); }

  // What the page has only in its template: the previews and download rows of the sizes it does not host (in
  // the template's order, each at its place), the buttons that bake the verifiable badges.
  function complete(block) {
    var seal = block.querySelector(".badge-block__seal");
    var previews = block.querySelector(".badge-previews");
    parts.querySelectorAll("figure").forEach(function (template) {
      var key = previewKey(template);
      if (Array.prototype.some.call(previews.children, function (figure) { return previewKey(figure) === key; })) return;
      var figure = template.cloneNode(true);
      var image = figure.querySelector("img");
      // the class image waits as the placeholder until the drawing is made; the alt continues the seal's
      image.setAttribute("src", seal.getAttribute("src"));
      image.setAttribute("alt", seal.getAttribute("alt") + image.getAttribute("alt"));
      place(previews, figure);
    });
    var rows = block.querySelector(".download-table tbody");
    parts.querySelectorAll("tr").forEach(function (template) {
      var key = formatKey(template);
      if (Array.prototype.some.call(rows.children, function (row) { return formatKey(row) === key; })) return;
      place(rows, template.cloneNode(true));
    });
    // 2.0 into the first list of the verifiable badge, 3.0 (if the badge has it) into the second; PNG, then SVG
    var lists = block.querySelectorAll(".verifiable > ul");
    var name = block.querySelector(".badge-block__title").textContent;
    parts.querySelectorAll("button[data-bake]").forEach(function (template) {
      var kind = template.getAttribute("data-bake");
      var list = lists[kind.slice(-3) === "-v3" ? 1 : 0];
      if (!list) return;
      var button = template.cloneNode(true);
      button.lastElementChild.textContent += name;
      list.children[kind.indexOf("png") === 0 ? 0 : 1].prepend(button);
    });
  }

  document.querySelectorAll("[data-badge]").forEach(function (block) {
    var badge = kit.badges[Number(block.getAttribute("data-badge"))];
    if (parts) complete(block);
    // A size drawn here has an empty cell in the page (data-draw): its button is made here, for the format of
    // its row (data-format) and the variant of its column (the column header's data-variant).
    var variants = Array.prototype.map.call(block.querySelectorAll(".download-table thead th"), function (head) {
      return head.getAttribute("data-variant");
    });
    block.querySelectorAll("td[data-draw]").forEach(function (cell) {
      var button = document.createElement("button");
      var label = document.createElement("span");
      var format = cell.parentNode.getAttribute("data-format");
      var variant = variants[cell.cellIndex];
      button.type = "button";
      button.className = "download-table__draw";
      button.setAttribute("data-draw", format);
      button.setAttribute("data-variant", variant);
      label.className = "visually-hidden";
      label.textContent = ", " + variant;
      button.append(format === "svg" ? "SVG" : "PNG", label);
      cell.append(button);
    });
    block.querySelectorAll("button[data-draw]").forEach(function (button) {
      button.addEventListener("click", function () {
        var format = button.getAttribute("data-draw");
        var variant = button.getAttribute("data-variant");
        var vector = format === "svg";
        var name = badge.stem + (vector ? "" : "-" + format) + "-" + variant + (vector ? ".svg" : ".png");
        offer(button, name, function () {
          return vector ? new Blob([svgText(badge, variant)], { type: "image/svg+xml" }) : pngNow(draw(badge, format, variant));
        });
      });
    });
    block.querySelectorAll("button[data-bake]").forEach(function (button) {
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-bake");
        var v3 = kind.slice(-3) === "-v3";
        var type = v3 ? kind.slice(0, -3) : kind;
        offer(button, badge.stem + "-verifieerbaar" + (v3 ? "-v3." : ".") + type, function () {
          if (type === "svg") return v3 ? bakeSvgCredential(svgOf(block), badge.signed) : bakeSvg(svgOf(block), badge.assertion, badge.verify);
          return bakePng(pngBytes(draw(badge, "vierkant-400", "licht")).buffer, v3 ? badge.signed : badge.assertion,
            v3 ? "openbadgecredential" : "openbadges");
        });
      });
    });
  });

  var qr = document.querySelector("[data-qr]");
  if (qr && parts) {
    qr.querySelector("figcaption").append(parts.querySelector("[data-qr-png]").cloneNode(true));
    var qrButton = qr.querySelector("[data-qr-download]");
    qrButton.addEventListener("click", function () {
      offer(qrButton, qr.getAttribute("data-qr") + ".png", qrPng);
    });
    // the SVG file is the inline code as it stands in the page
    var qrSvgButton = qr.querySelector("[data-qr-svg]");
    qrSvgButton.addEventListener("click", function () {
      var text = new XMLSerializer().serializeToString(qr.querySelector("svg"));
      offer(qrSvgButton, qr.getAttribute("data-qr") + ".svg", function () {
        return new Blob(["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "\n"], { type: "image/svg+xml" });
      });
    });
  }

  // Back to the event loop, so that a visitor's tap or scroll need not wait for the next drawing: the
  // scheduler's yield where the browser has it, else a message to ourselves (a task, without a timer's delay).
  function pause() {
    if (window.scheduler && typeof window.scheduler.yield === "function") return window.scheduler.yield();
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { resolve(); };
      channel.port2.postMessage(null);
    });
  }

  // Previews: the seal with the name, and the sizes the page does not host, the ones in view first. A task
  // for each part of each drawing (the shapes, the text, asking for the PNG: each takes a phone tens of
  // milliseconds), which is the drawing of `draw`.
  function preview(badge, image) {
    var format = image.getAttribute("data-draw-preview");
    var variant = image.getAttribute("data-variant");
    var canvas = canvasFor(format);
    return pause().then(function () {
      paintShapes(canvas, badge, format, variant);
      return pause();
    }).then(function () {
      paintText(canvas, badge, format, variant);
      return pause();
    }).then(function () {
      return png(canvas);
    }).then(function (blob) {
      image.src = URL.createObjectURL(blob);
      var figure = image.closest("figure");
      if (figure) figure.hidden = false;
    });
  }

  function inView(image) {
    var box = (image.closest("figure") || image).getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  // The previews wait until the page has loaded and been drawn: their fonts, design and drawing (hundreds of
  // kilobytes and of milliseconds on a phone) do not hold up the page itself. A download asked for before then
  // loads what it needs at once (offer).
  // (and the first paint is on the screen: the browser's paint timing says so, where it reports paints; a fast
  // page fires its load event before that paint is presented)
  function afterFirstPaint(run) {
    var waiting = 2;
    function later() {
      waiting -= 1;
      if (waiting === 0) window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
    }
    if (document.readyState === "complete") later(); else window.addEventListener("load", later, { once: true });
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0) { later(); return; }
    var observer = new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); later(); }
    });
    observer.observe({ type: "paint", buffered: true });
  }

  function drawPreviews() {
    load().then(function () {
      var queue = [];
      document.querySelectorAll("[data-badge]").forEach(function (block) {
        var badge = kit.badges[Number(block.getAttribute("data-badge"))];
        block.querySelectorAll("img[data-draw-preview]").forEach(function (image) {
          queue.push([badge, image]);
        });
      });
      // (a hidden figure has no box yet and counts as out of view)
      var first = queue.filter(function (item) { return inView(item[1]); });
      queue = first.concat(queue.filter(function (item) { return first.indexOf(item) < 0; }));
      return queue.reduce(function (done, item) {
        return done.then(function () { return preview(item[0], item[1]); });
      }, Promise.resolve());
    }, function (error) {
      announce("De badges konden niet getekend worden (" + error.message + ").");
    });
  }

  afterFirstPaint(drawPreviews);
})();
