// Photo frame on /badges/: puts the visitor's own photo in a round campaign frame.
//
// Everything happens in this tab. The photo is decoded locally (createImageBitmap, or an <img>
// on a blob: URL as a fallback), drawn on a 1080x1080 canvas (outside the document, copied onto the one in the page) and saved
// with canvas.toBlob.
// Nothing is uploaded, fetched, stored or remembered; the script makes no requests of its own.
// The fonts come from the site stylesheet (document.fonts.load only asks for faces it declares).
//
// Plain ES2020 script (no modules), loaded with <script src=... defer>; progressive enhancement:
// the markup in partials/photo_frame.html shows a note until this script reveals the tool.
(function () {
  "use strict";

  const root = document.querySelector("[data-photo-frame]");
  if (!root) return;
  const canvas = root.querySelector("[data-photo-frame-canvas]");
  const shown = canvas && canvas.getContext ? canvas.getContext("2d") : null;
  if (!shown || typeof canvas.toBlob !== "function") return; // the no-JS note stays
  // The frame is drawn on a canvas outside the document and copied onto the one in the page: setting
  // the font of a canvas in the document recalculates the page's style first (tens of milliseconds on
  // a phone, and the lettering sets it up to 15 times a drawing), one outside it does not.
  const drawing = document.createElement("canvas");
  drawing.width = canvas.width;
  drawing.height = canvas.height;
  const ctx = drawing.getContext("2d");

  // ---- Constants -------------------------------------------------------------------------

  const SIZE = 1080;
  const C = SIZE / 2;
  const R_PHOTO = 392;           // photo circle
  const R_OUTER = C;             // circle that round avatars are cropped to
  const R_BAND = (R_PHOTO + R_OUTER) / 2 + 2; // middle of the lettering band
  const MAX_BYTES = 25 * 1024 * 1024;
  const MAX_SIDE = 3000;         // larger photos are scaled down once, on load
  const ZOOM_MIN = 1;
  const ZOOM_MAX = 4;
  const STEP = 16;               // canvas px per arrow key press
  const STEP_BIG = 80;           // with Shift
  const ZOOM_STEP = 1.1;
  const FILE_NAME = "kracht-van-ambacht-fotolijst.png";
  const SITE_DOMAIN = "dekrachtvanambacht.nl";

  const PAPER = "#faf6ef";
  const INK = "#1d262b";
  const COPPER = "#a1431d";
  const OCHRE = "#e0a526";
  const SCHEMES = {
    licht: { ring: COPPER, text: PAPER, rule: PAPER, dot: OCHRE, name: "koperkleurige" },
    donker: { ring: INK, text: PAPER, rule: OCHRE, dot: OCHRE, name: "donkere" },
  };

  const HEADING = '"Bricolage Grotesque", "Avenir Next", "Segoe UI", system-ui, sans-serif';
  const BODY = '"Atkinson Hyperlegible Next", system-ui, "Segoe UI", Roboto, Arial, sans-serif';

  const TEXT = {
    loaded: "Foto geladen. Sleep hem of gebruik de knoppen om hem goed te zetten.",
    notImage: "Dit bestand is geen afbeelding die de browser kan openen. Kies een JPG-, PNG- of WebP-foto.",
    tooBig: "Deze foto is groter dan 25 MB en wordt niet geopend. Kies een kleinere foto.",
    needPhoto: "Kies eerst een foto.",
    edge: "De foto kan niet verder die kant op: de cirkel moet gevuld blijven.",
    downloaded: "Afbeelding gedownload als " + FILE_NAME + ".",
    shared: "Afbeelding gedeeld.",
    failed: "Het maken van de afbeelding is niet gelukt. Probeer het nog eens.",
    reset: "Foto teruggezet naar het midden.",
    placeholder: "Nog geen foto gekozen",
    placeholderHint: "Kies een foto of sleep hem hierheen",
  };

  // ---- Elements and state ----------------------------------------------------------------

  const tool = root.querySelector("[data-photo-frame-tool]");
  const viewport = root.querySelector("[data-photo-frame-viewport]");
  const fileInput = root.querySelector("[data-photo-frame-file]");
  const zoomInput = root.querySelector("[data-photo-frame-zoom]");
  const downloadButton = root.querySelector("[data-photo-frame-download]");
  const shareButton = root.querySelector("[data-photo-frame-share]");
  const fileStatus = root.querySelector("[data-photo-frame-file-status]");
  const fileName = root.querySelector("[data-photo-frame-file-name]");
  const actionStatus = root.querySelector("[data-photo-frame-status]");
  const actionButtons = Array.from(root.querySelectorAll("[data-photo-frame-action]"));

  let photo = null;              // { source, width, height } - only ever in memory
  let zoom = 1;                  // 1 = the photo just covers the circle
  let offsetX = 0;               // photo centre relative to the canvas centre, canvas px
  let offsetY = 0;
  const pointers = new Map();    // active pointers for drag and pinch
  let gesture = null;

  // ---- Helpers ---------------------------------------------------------------------------

  function say(region, message, isError) {
    // Clear first so that the same message is announced again.
    region.textContent = "";
    region.classList.toggle("photo-frame__status--error", Boolean(isError));
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function chosen(name) {
    const input = root.querySelector('input[name="' + name + '"]:checked');
    return input || root.querySelector('input[name="' + name + '"]');
  }

  function frameText() {
    const input = chosen("fotolijst-tekst");
    return input ? input.dataset.text || input.value : "";
  }

  function scheme() {
    const input = chosen("fotolijst-kleur");
    return SCHEMES[input ? input.value : "licht"] || SCHEMES.licht;
  }

  function baseScale() {
    return (2 * R_PHOTO) / Math.min(photo.width, photo.height);
  }

  /** Keep the photo covering the whole circle. */
  function clamp() {
    if (!photo) return;
    zoom = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom));
    const scale = baseScale() * zoom;
    const maxX = Math.max(0, (photo.width * scale) / 2 - R_PHOTO);
    const maxY = Math.max(0, (photo.height * scale) / 2 - R_PHOTO);
    offsetX = Math.min(maxX, Math.max(-maxX, offsetX));
    offsetY = Math.min(maxY, Math.max(-maxY, offsetY));
  }

  /** Zoom to `next`, keeping the photo point under canvas point (px, py) in place. */
  function zoomTo(next, px, py) {
    if (!photo) return false;
    const before = [zoom, offsetX, offsetY];
    const target = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, next));
    const ratio = target / zoom;
    const ax = (px === undefined ? C : px) - C;
    const ay = (py === undefined ? C : py) - C;
    offsetX = ax - (ax - offsetX) * ratio;
    offsetY = ay - (ay - offsetY) * ratio;
    zoom = target;
    clamp();
    render();
    return before[0] !== zoom || before[1] !== offsetX || before[2] !== offsetY;
  }

  function moveBy(dx, dy) {
    if (!photo) return false;
    const before = [offsetX, offsetY];
    offsetX += dx;
    offsetY += dy;
    clamp();
    render();
    return before[0] !== offsetX || before[1] !== offsetY;
  }

  function resetPosition() {
    zoom = 1;
    offsetX = 0;
    offsetY = 0;
    render();
  }

  /** Canvas px per CSS px of the displayed canvas. */
  function canvasPoint(clientX, clientY) {
    const box = canvas.getBoundingClientRect();
    const factor = SIZE / (box.width || SIZE);
    return { x: (clientX - box.left) * factor, y: (clientY - box.top) * factor, factor: factor };
  }

  // ---- Drawing ---------------------------------------------------------------------------

  function roundedRect(x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  function polygon(points) {
    ctx.beginPath();
    for (let i = 0; i < points.length; i += 2) {
      if (i === 0) ctx.moveTo(points[i], points[i + 1]);
      else ctx.lineTo(points[i], points[i + 1]);
    }
    ctx.closePath();
  }

  /** The campaign mark (geometry of theme/images/logo.svg, a 64x64 viewBox), centred on 0,0. */
  function drawMark(size, outline) {
    const s = size / 64;
    ctx.save();
    ctx.scale(s, s);
    ctx.translate(-32, -32);
    if (outline) {
      roundedRect(-3, -3, 70, 70, 16);
      ctx.fillStyle = outline;
      ctx.fill();
    }
    roundedRect(0, 0, 64, 64, 14);
    ctx.fillStyle = COPPER;
    ctx.fill();
    polygon([11, 13, 53, 13, 53, 28, 37.5, 28, 44.5, 42, 19.5, 42, 26.5, 28, 11, 28]);
    ctx.fillStyle = PAPER;
    ctx.fill();
    polygon([11, 31, 21.65, 31, 14.65, 45, 49.35, 45, 42.35, 31, 53, 31, 53, 51, 11, 51]);
    ctx.fillStyle = INK;
    ctx.fill();
    ctx.restore();
  }

  /** Advances of each character, with the font's kerning, plus extra letter spacing. */
  function advances(text, spacing) {
    const chars = Array.from(text);
    const result = [];
    let previous = 0;
    let prefix = "";
    for (let i = 0; i < chars.length; i += 1) {
      prefix += chars[i];
      const width = ctx.measureText(prefix).width;
      result.push({ ch: chars[i], width: width - previous });
      previous = width;
    }
    const total = previous + spacing * Math.max(0, chars.length - 1);
    return { chars: result, total: total };
  }

  /**
   * Set text along a circle around the centre. `top` text reads clockwise with the letters
   * pointing outwards; bottom text reads anticlockwise with the letters pointing inwards.
   * `radius` is the line the letters are vertically centred on.
   */
  function arcText(text, radius, top, spacing, capHeight, startOffset) {
    const run = advances(text, spacing);
    const direction = top ? 1 : -1;
    const centre = top ? -Math.PI / 2 : Math.PI / 2;
    const baseline = top ? radius - capHeight / 2 : radius + capHeight / 2;
    let position = -run.total / 2 + (startOffset || 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    run.chars.forEach(function (item) {
      const middle = position + item.width / 2;
      const angle = centre + direction * (middle / radius);
      ctx.save();
      ctx.translate(C + baseline * Math.cos(angle), C + baseline * Math.sin(angle));
      ctx.rotate(angle + direction * (Math.PI / 2));
      ctx.fillText(item.ch, 0, 0);
      ctx.restore();
      position += item.width + spacing;
    });
    return run.total;
  }

  function capHeightOf(sample) {
    const metrics = ctx.measureText(sample);
    return metrics.actualBoundingBoxAscent || parseFloat(ctx.font) * 0.7;
  }

  function drawPlaceholder() {
    ctx.fillStyle = "#ece4d6";
    ctx.fillRect(C - R_PHOTO, C - R_PHOTO, 2 * R_PHOTO, 2 * R_PHOTO);
    // A quiet diagonal hatch, like a pencil-shaded sketch.
    ctx.strokeStyle = "#dfd3bf";
    ctx.lineWidth = 10;
    ctx.beginPath(); // the lines do not touch: one path, one stroke (a stroke a line is slow to draw clipped)
    for (let d = -2 * R_PHOTO; d <= 2 * R_PHOTO; d += 34) {
      ctx.moveTo(C - R_PHOTO + d, C - R_PHOTO);
      ctx.lineTo(C - R_PHOTO + d + 2 * R_PHOTO, C + R_PHOTO);
    }
    ctx.stroke();
    // A simple picture icon.
    ctx.save();
    ctx.translate(C, C - 92);
    ctx.fillStyle = "#ece4d6";
    roundedRect(-96, -72, 192, 144, 18);
    ctx.fill();
    ctx.lineWidth = 10;
    ctx.strokeStyle = "#4f5a5f";
    ctx.stroke();
    ctx.fillStyle = "#4f5a5f";
    ctx.beginPath();
    ctx.arc(40, -28, 17, 0, 2 * Math.PI);
    ctx.fill();
    polygon([-72, 50, -22, -14, 14, 30, 38, 8, 72, 50]);
    ctx.fill();
    ctx.restore();

    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = INK;
    ctx.font = "700 50px " + BODY;
    ctx.fillText(TEXT.placeholder, C, C + 62);
    ctx.fillStyle = "#4f5a5f";
    ctx.font = "400 34px " + BODY;
    ctx.fillText(TEXT.placeholderHint, C, C + 116);
  }

  function drawPhoto() {
    const scale = baseScale() * zoom;
    const w = photo.width * scale;
    const h = photo.height * scale;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(photo.source, C + offsetX - w / 2, C + offsetY - h / 2, w, h);
  }

  // The frame in two parts (the ground: ring, photo or placeholder and rules; the lettering), each
  // drawn whole, so that the first drawing can take one task per part (see `start`).
  function paintGround(colours) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);

    // Ring colour fills the whole square, so square and round crops both look finished.
    ctx.fillStyle = colours.ring;
    ctx.fillRect(0, 0, SIZE, SIZE);

    // Photo (or placeholder) clipped to the circle.
    ctx.save();
    ctx.beginPath();
    ctx.arc(C, C, R_PHOTO, 0, 2 * Math.PI);
    ctx.clip();
    if (photo) drawPhoto();
    else drawPlaceholder();
    ctx.restore();

    // Rules: one hugging the photo, a hairline just inside the round crop.
    ctx.strokeStyle = colours.rule;
    ctx.lineWidth = 8;
    ctx.beginPath();
    ctx.arc(C, C, R_PHOTO + 4, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(C, C, R_OUTER - 16, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.restore();
  }

  function paintLettering(colours) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);

    // The chosen text along the top, as large as fits in about 200 degrees.
    const text = frameText().toLocaleUpperCase("nl-NL");
    ctx.fillStyle = colours.text;
    let size = 64;
    let spacing;
    for (; size > 36; size -= 2) {
      ctx.font = "700 " + size + "px " + HEADING;
      spacing = size * 0.14;
      if (advances(text, spacing).total / R_BAND <= (200 / 180) * Math.PI) break;
    }
    ctx.font = "700 " + size + "px " + HEADING;
    spacing = size * 0.14;
    const topLength = arcText(text, R_BAND, true, spacing, capHeightOf("H"));

    // Bottom: the mark and the campaign address, read left to right.
    const markSize = 56;
    const gap = 18;
    ctx.font = "700 34px " + BODY;
    const urlSpacing = 34 * 0.06;
    const urlLength = advances(SITE_DOMAIN, urlSpacing).total;
    const bottomLength = markSize + gap + urlLength;
    // The text run is centred with the mark in front of it.
    arcText(SITE_DOMAIN, R_BAND, false, urlSpacing, capHeightOf("x") * 1.15, (markSize + gap) / 2);
    const markAngle = Math.PI / 2 + (bottomLength / 2 - markSize / 2) / R_BAND;
    ctx.save();
    ctx.translate(C + R_BAND * Math.cos(markAngle), C + R_BAND * Math.sin(markAngle));
    ctx.rotate(markAngle - Math.PI / 2);
    drawMark(markSize, colours.ring === COPPER ? PAPER : null);
    ctx.restore();

    // Ochre dots halfway between the two runs.
    const topHalf = topLength / R_BAND / 2;
    const bottomHalf = bottomLength / R_BAND / 2;
    const right = ((-Math.PI / 2 + topHalf) + (Math.PI / 2 - bottomHalf)) / 2;
    ctx.fillStyle = colours.dot;
    [right, Math.PI - right].forEach(function (angle) {
      ctx.beginPath();
      ctx.arc(C + R_BAND * Math.cos(angle), C + R_BAND * Math.sin(angle), 10, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.restore();
  }

  function show() {
    shown.clearRect(0, 0, SIZE, SIZE);
    shown.drawImage(drawing, 0, 0);
    describe();
    syncControls();
  }

  let drawings = 0; // a drawing begun later makes the rest of an unfinished first drawing moot

  function render() {
    drawings += 1;
    const colours = scheme();
    paintGround(colours);
    paintLettering(colours);
    show();
  }

  // Back to the event loop: the scheduler's yield where the browser has it, else a message to ourselves.
  function pause() {
    if (window.scheduler && typeof window.scheduler.yield === "function") return window.scheduler.yield();
    return new Promise(function (resolve) {
      const channel = new MessageChannel();
      channel.port1.onmessage = function () { resolve(); };
      channel.port2.postMessage(null);
    });
  }

  // The first drawing comes with the page, so it takes a task per part: one long task would hold up a
  // tap or scroll while the page loads. The canvas draws what it was told when it is read (one pixel
  // here), else the whole frame would be drawn in the task that shows it.
  function renderInParts() {
    const turn = ++drawings;
    const colours = scheme();
    return pause().then(function () {
      if (turn !== drawings) return null;
      paintGround(colours);
      ctx.getImageData(0, 0, 1, 1);
      return pause();
    }).then(function () {
      if (turn !== drawings) return null;
      paintLettering(colours);
      return pause();
    }).then(function () {
      if (turn === drawings) show();
    });
  }

  function describe() {
    const colours = scheme();
    const text = frameText();
    canvas.setAttribute("aria-label", photo
      ? "Voorbeeld: jouw foto in een ronde " + colours.name + " lijst met de tekst " + text
      : "Voorbeeld van de " + colours.name + " fotolijst met de tekst " + text + "; nog geen foto gekozen");
  }

  function syncControls() {
    const ready = Boolean(photo);
    actionButtons.concat([downloadButton, shareButton]).forEach(function (button) {
      if (ready) button.removeAttribute("aria-disabled");
      else button.setAttribute("aria-disabled", "true");
    });
    zoomInput.disabled = !ready;
    const percent = Math.round(zoom * 100);
    if (Number(zoomInput.value) !== percent) zoomInput.value = String(percent);
    zoomInput.setAttribute("aria-valuetext", percent + " procent");
    viewport.classList.toggle("photo-frame__viewport--has-photo", ready);
  }

  // ---- Loading a photo -------------------------------------------------------------------

  function decodeWithImage(file) {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.decoding = "async";
    image.src = url;
    return image.decode().then(function () {
      if (!image.naturalWidth || !image.naturalHeight) throw new Error("empty image");
      return { source: image, width: image.naturalWidth, height: image.naturalHeight };
    }).finally(function () {
      URL.revokeObjectURL(url);
    });
  }

  function decode(file) {
    const viaBitmap = typeof window.createImageBitmap === "function"
      ? window.createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
        return { source: bitmap, width: bitmap.width, height: bitmap.height };
      })
      : Promise.reject(new Error("no createImageBitmap"));
    return viaBitmap.catch(function () { return decodeWithImage(file); }).then(function (decoded) {
      const longest = Math.max(decoded.width, decoded.height);
      if (longest <= MAX_SIDE || typeof window.createImageBitmap !== "function") return decoded;
      const factor = MAX_SIDE / longest;
      const width = Math.round(decoded.width * factor);
      const height = Math.round(decoded.height * factor);
      return window.createImageBitmap(decoded.source, { resizeWidth: width, resizeHeight: height, resizeQuality: "high" })
        .then(function (smaller) {
          if (decoded.source.close) decoded.source.close();
          return { source: smaller, width: width, height: height };
        }, function () { return decoded; });
    });
  }

  function forget() {
    if (photo && photo.source && photo.source.close) photo.source.close();
    photo = null;
  }

  function openFile(file) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      say(fileStatus, TEXT.tooBig, true);
      return;
    }
    if (file.type && file.type.indexOf("image/") !== 0) {
      say(fileStatus, TEXT.notImage, true);
      return;
    }
    decode(file).then(function (decoded) {
      forget();
      photo = decoded;
      if (fileName) fileName.textContent = file.name || "Foto";
      zoom = 1;
      offsetX = 0;
      offsetY = 0;
      render();
      root.dataset.photo = "true";
      say(fileStatus, TEXT.loaded, false);
      actionStatus.textContent = "";
    }, function () {
      say(fileStatus, TEXT.notImage, true);
    });
  }

  fileInput.addEventListener("change", function () {
    openFile(fileInput.files && fileInput.files[0]);
  });

  function hasFiles(event) {
    return Boolean(event.dataTransfer) && Array.from(event.dataTransfer.types || []).indexOf("Files") !== -1;
  }

  let dragDepth = 0;
  tool.addEventListener("dragenter", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth += 1;
    viewport.classList.add("photo-frame__viewport--drop");
  });
  tool.addEventListener("dragover", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  tool.addEventListener("dragleave", function (event) {
    if (!hasFiles(event)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) viewport.classList.remove("photo-frame__viewport--drop");
  });
  tool.addEventListener("drop", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth = 0;
    viewport.classList.remove("photo-frame__viewport--drop");
    openFile(event.dataTransfer.files[0]);
  });

  // ---- Pointer: drag to move, pinch and wheel to zoom ------------------------------------

  function pinchState() {
    const points = Array.from(pointers.values());
    if (points.length < 2) return null;
    const a = points[0];
    const b = points[1];
    return {
      distance: Math.hypot(b.x - a.x, b.y - a.y),
      x: (a.x + b.x) / 2,
      y: (a.y + b.y) / 2,
    };
  }

  viewport.addEventListener("pointerdown", function (event) {
    if (!photo || (event.pointerType === "mouse" && event.button !== 0)) return;
    try { viewport.setPointerCapture(event.pointerId); } catch (error) { /* pointer already gone */ }
    pointers.set(event.pointerId, canvasPoint(event.clientX, event.clientY));
    gesture = pinchState();
    viewport.classList.add("photo-frame__viewport--dragging");
  });

  viewport.addEventListener("pointermove", function (event) {
    if (!pointers.has(event.pointerId)) return;
    const previous = pointers.get(event.pointerId);
    const point = canvasPoint(event.clientX, event.clientY);
    pointers.set(event.pointerId, point);
    if (pointers.size === 1) {
      moveBy(point.x - previous.x, point.y - previous.y);
      return;
    }
    const now = pinchState();
    if (gesture && now && gesture.distance > 0) {
      offsetX += now.x - gesture.x;
      offsetY += now.y - gesture.y;
      zoomTo(zoom * (now.distance / gesture.distance), now.x, now.y);
    }
    gesture = now;
  });

  function endPointer(event) {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    gesture = pinchState();
    if (pointers.size === 0) viewport.classList.remove("photo-frame__viewport--dragging");
  }
  viewport.addEventListener("pointerup", endPointer);
  viewport.addEventListener("pointercancel", endPointer);
  viewport.addEventListener("lostpointercapture", endPointer);

  // The wheel zooms once the preview has focus (a click or drag gives it focus), so scrolling
  // past it does not get stuck; a trackpad pinch (a wheel event with ctrlKey) always zooms.
  viewport.addEventListener("wheel", function (event) {
    if (!photo || !(event.ctrlKey || document.activeElement === viewport)) return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    // Trackpad pinches arrive as wheel events with ctrlKey; they need a stronger factor.
    const strength = event.ctrlKey ? 0.01 : 0.0015;
    const point = canvasPoint(event.clientX, event.clientY);
    zoomTo(zoom * Math.exp(-event.deltaY * unit * strength), point.x, point.y);
  }, { passive: false });

  // ---- Keyboard and buttons --------------------------------------------------------------

  function act(action, big) {
    if (!photo) {
      say(actionStatus, TEXT.needPhoto, true);
      return;
    }
    const step = big ? STEP_BIG : STEP;
    let changed = true;
    if (action === "left") changed = moveBy(-step, 0);
    else if (action === "right") changed = moveBy(step, 0);
    else if (action === "up") changed = moveBy(0, -step);
    else if (action === "down") changed = moveBy(0, step);
    else if (action === "zoom-in") changed = zoomTo(zoom * (big ? ZOOM_STEP * ZOOM_STEP : ZOOM_STEP));
    else if (action === "zoom-out") changed = zoomTo(zoom / (big ? ZOOM_STEP * ZOOM_STEP : ZOOM_STEP));
    else if (action === "reset") {
      resetPosition();
      say(actionStatus, TEXT.reset, false);
      return;
    }
    if (!changed) {
      if (action === "zoom-in") say(actionStatus, "De foto is zo groot als hij kan worden.", false);
      else if (action === "zoom-out") say(actionStatus, "De foto is zo klein als hij kan worden: hij vult precies de cirkel.", false);
      else say(actionStatus, TEXT.edge, false);
    }
  }

  const KEYS = {
    ArrowLeft: "left", Left: "left",
    ArrowRight: "right", Right: "right",
    ArrowUp: "up", Up: "up",
    ArrowDown: "down", Down: "down",
    "+": "zoom-in", "=": "zoom-in", Add: "zoom-in",
    "-": "zoom-out", "_": "zoom-out", Subtract: "zoom-out",
    "0": "reset",
  };

  viewport.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = KEYS[event.key];
    if (!action || !photo) return; // without a photo the arrows scroll the page as usual
    event.preventDefault();
    act(action, event.shiftKey);
  });

  root.querySelector(".photo-frame__adjust").addEventListener("click", function (event) {
    const button = event.target.closest("[data-photo-frame-action]");
    if (button) act(button.dataset.photoFrameAction, event.shiftKey);
  });

  zoomInput.addEventListener("input", function () {
    zoomTo(Number(zoomInput.value) / 100);
  });

  root.addEventListener("change", function (event) {
    if (event.target.name === "fotolijst-tekst" || event.target.name === "fotolijst-kleur") render();
  });

  // ---- Saving and sharing ----------------------------------------------------------------

  function pngBlob() {
    return new Promise(function (resolve, reject) {
      drawing.toBlob(function (blob) {
        if (blob) resolve(blob);
        else reject(new Error("toBlob failed"));
      }, "image/png");
    });
  }

  downloadButton.addEventListener("click", function () {
    if (!photo) {
      say(actionStatus, TEXT.needPhoto, true);
      return;
    }
    pngBlob().then(function (blob) {
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = FILE_NAME;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say(actionStatus, TEXT.downloaded, false);
    }, function () {
      say(actionStatus, TEXT.failed, true);
    });
  });

  function canShareFiles(file) {
    try {
      return Boolean(navigator.canShare && navigator.share && navigator.canShare({ files: [file] }));
    } catch (error) {
      return false;
    }
  }

  if (canShareFiles(new File([new Uint8Array([137, 80, 78, 71])], FILE_NAME, { type: "image/png" }))) {
    shareButton.hidden = false;
    shareButton.addEventListener("click", function () {
      if (!photo) {
        say(actionStatus, TEXT.needPhoto, true);
        return;
      }
      pngBlob().then(function (blob) {
        const file = new File([blob], FILE_NAME, { type: "image/png" });
        if (!canShareFiles(file)) throw new Error("cannot share");
        return navigator.share({ files: [file], title: "De kracht van ambacht", text: frameText() });
      }).then(function () {
        say(actionStatus, TEXT.shared, false);
      }, function (error) {
        if (error && error.name === "AbortError") return; // the person closed the share sheet
        say(actionStatus, "Delen lukt niet op dit apparaat. Gebruik Download PNG.", true);
      });
    });
  }

  // ---- Start -----------------------------------------------------------------------------

  const noJs = root.querySelector("[data-photo-frame-nojs]");
  if (noJs) noJs.hidden = true;
  tool.hidden = false;

  // Wait (briefly) for the campaign fonts, so the lettering is set in them; both are declared
  // by the site stylesheet, so this loads nothing the page could not already load.
  const fonts = document.fonts && document.fonts.load
    ? Promise.all([
      document.fonts.load("700 64px \"Bricolage Grotesque\"", "IK STEUN WIJ KIEZEN VOOR"),
      document.fonts.load("700 34px \"Atkinson Hyperlegible Next\"", SITE_DOMAIN),
      document.fonts.load("400 34px \"Atkinson Hyperlegible Next\"", TEXT.placeholderHint),
    ]).catch(function () { return null; })
    : Promise.resolve();
  let fontsIn = false;
  fonts.then(function () { fontsIn = true; });
  const patience = new Promise(function (resolve) { window.setTimeout(resolve, 3000); });
  Promise.race([fonts, patience]).then(function () {
    const late = !fontsIn;
    return renderInParts().then(function () {
      root.dataset.ready = "true";
      if (late) fonts.then(render); // redraw once more if the fonts came in late
    });
  });
}());
