// The join form on /doe-mee/: builds a profile file in the browser and checks it with the same
// rules as `make check` (profile-rules.js reads the site's own copy of the profile schema).
// Nothing is sent anywhere: the person mails it to the editors (the photo as an attachment) or
// downloads it. A card beside the form shows the profile as it will look while it is filled in.
import { validate } from "./profile-rules.js";

const form = document.querySelector("[data-join]");

const SPECIAL = { "Ĳ": "ij", "ĳ": "ij", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "ł": "l" };

export function slugify(text) {
  const plain = [...text].map((ch) => SPECIAL[ch] ?? ch).join("")
    .normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
  let slug = plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > 80) slug = slug.slice(0, 80).replace(/-[^-]*$/, "");
  return slug;
}

const today = () => {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** The profile as data, in the shape the schema describes; empty fields are left out. */
export function collect(formElement) {
  const data = {};
  for (const wrapper of formElement.querySelectorAll("[data-field]")) {
    const name = wrapper.dataset.field;
    const widget = wrapper.dataset.widget;
    if (name === "consent" || widget === "photo") continue; // the photo travels as an attachment
    if (widget === "boolean") {
      if (wrapper.querySelector(`[name="${name}"]`).checked) data[name] = true;
      continue;
    }
    if (widget === "radio") {
      const chosen = wrapper.querySelector(`[name="${name}"]:checked`);
      if (chosen) data[name] = chosen.value;
      continue;
    }
    if (widget === "checkboxes" || widget === "grouped-checkboxes") {
      const chosen = [...wrapper.querySelectorAll(`[name="${name}"]:checked`)].map((box) => box.value);
      if (chosen.length) data[name] = chosen;
      continue;
    }
    const control = wrapper.querySelector(`[name="${name}"]`);
    const value = control.value.trim();
    if (!value) continue;
    if (widget === "lines") {
      data[name] = value.split("\n").map((line) => line.trim()).filter(Boolean);
    } else if (widget === "number") {
      data[name] = /^-?\d+$/.test(value) ? Number(value) : value;
    } else {
      data[name] = control.tagName === "TEXTAREA" ? value.replace(/\r\n/g, "\n") : value;
    }
  }
  if (formElement.querySelector("[name=consent-agree]").checked) {
    data.consent = {
      date: today(),
      scope: [...formElement.querySelectorAll("[name=consent-scope]:checked")].map((box) => box.value),
    };
  }
  return data;
}

/** The lines around the profile in the e-mail; `make import-profile` reads what stands between them. */
export const MAIL_START = "--- begin profiel ---";
export const MAIL_END = "--- einde profiel ---";

/** The e-mail to the editors: a short note, the profile between its markers, and the photo's name. */
export function mailBody(yaml, photoName) {
  const lines = ["Beste redactie,", "", "Hierbij mijn aanmelding voor de ambachtengids."];
  if (photoName) lines.push(`Mijn foto zit als bijlage bij deze e-mail (${photoName}).`);
  lines.push("", MAIL_START, yaml.trimEnd(), MAIL_END, "");
  return lines.join("\n");
}

/** YAML in the schema's field order; strings and lists as JSON, which is valid YAML. */
export function toYaml(schema, data) {
  const lines = [`# Profiel voor de ambachtengids, gemaakt met het formulier op /doe-mee/ (${today()}).`];
  for (const name of Object.keys(schema.properties)) {
    if (!(name in data)) continue;
    const value = data[name];
    if (name === "consent") {
      lines.push("consent:", `  date: ${value.date}`, `  scope: ${JSON.stringify(value.scope)}`);
    } else {
      lines.push(`${name}: ${typeof value === "string" || Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function baseField(field) {
  return field.split(/[.[]/)[0];
}

/** The checks' messages, said the way the form speaks. */
function plainMessage(name, message) {
  if (name === "consent" && message === "verplicht veld ontbreekt") {
    return "vink onderaan aan dat je toestemming geeft";
  }
  if (message === "verplicht veld ontbreekt") return name === "crafts" || name === "type" ? "kies er een" : "vul dit nog in";
  if (/^moet minstens 1 waarde/.test(message)) return "kies er minstens één";
  if (message.startsWith("HTML is niet toegestaan")) return "gebruik geen tekens als < en >";
  return message;
}

function showProblems(formElement, problems) {
  const summary = formElement.querySelector("[data-join-summary]");
  const list = summary.querySelector("ul");
  for (const error of formElement.querySelectorAll(".join-form__error")) {
    error.hidden = true;
    error.textContent = "";
  }
  for (const control of formElement.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  list.replaceChildren();
  const seen = new Set();
  for (const problem of problems) {
    const name = baseField(problem.field);
    const wrapper = formElement.querySelector(`[data-field="${name}"]`);
    const message = plainMessage(name, problem.message);
    const error = wrapper?.querySelector(".join-form__error");
    if (error) {
      error.hidden = false;
      error.textContent = error.textContent ? `${error.textContent}; ${message}` : message;
      const control = wrapper.querySelector("input, select, textarea");
      control?.setAttribute("aria-invalid", "true");
    }
    if (seen.has(name)) continue;
    seen.add(name);
    const item = document.createElement("li");
    const link = document.createElement("a");
    const label = wrapper?.querySelector("legend, label");
    link.href = `#${wrapper?.querySelector("input, select, textarea")?.id || "aanmelden"}`;
    const question = label ? label.textContent.replace("(mag je overslaan)", "").trim() : name;
    link.textContent = /[?:]$/.test(question)
      ? `${question} ${message[0].toUpperCase()}${message.slice(1)}` : `${question}: ${message}`;
    item.append(link);
    list.append(item);
  }
  summary.hidden = problems.length === 0;
  if (problems.length) summary.focus();
}

function showResult(formElement, schema, data) {
  const result = document.querySelector("[data-join-result]");
  const yaml = toYaml(schema, data);
  const slug = slugify(data.name) || "profiel";
  const photo = formElement.querySelector("[data-widget=photo] input")?.files?.[0];
  result.querySelector("[data-join-yaml]").textContent = yaml;
  const download = result.querySelector("[data-join-download]");
  if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
  download.download = `${slug}.yaml`;
  const subject = `Aanmelding ambachtengids: ${data.name}`;
  result.querySelector("[data-join-mail]").href =
    `mailto:${formElement.dataset.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(mailBody(yaml, photo?.name))}`;
  result.querySelector("[data-join-photo-step]").hidden = !photo;
  result.querySelector("[data-join-photo-name]").textContent = photo ? photo.name : "";
  result.hidden = false;
  result.focus();
}

/** Initials as the site's cards show them ("'t" left out). */
export function initials(name) {
  const words = name.replace("'t ", "").replace("’t ", "").split(/\s+/).filter(Boolean);
  if (!words.length) return "?";
  return (words[0].slice(0, 1) + (words.length > 1 ? words.at(-1).slice(0, 1) : "")).toUpperCase();
}

/** The card beside the form, drawn from what is filled in so far. */
function updatePreview(formElement, schema, catalog) {
  const preview = document.querySelector("[data-join-preview]");
  const data = collect(formElement);
  const set = (key, text) => {
    const element = preview.querySelector(`[data-preview-${key}]`);
    element.textContent = text;
    element.hidden = !text;
  };
  const name = data.name || "Je naam";
  set("name", name);
  preview.querySelector("[data-preview-initials]").textContent = initials(data.name || "?");
  const typeLabel = data.type ? schema.properties.type["x-labels"][data.type] : "";
  const crafts = (data.crafts || []).map((id) => catalog.crafts[id]).join(", ");
  set("type", [typeLabel, crafts].filter(Boolean).join(" · "));
  set("tagline", data.tagline || "");
  const region = data.region ? catalog.regions[data.region] : "";
  set("place", [data.place !== region ? data.place : "", region].filter(Boolean).join(", "));
  const contact = [];
  if (data.website) contact.push("je website");
  if (data.email && data.contact_public) contact.push("je e-mailadres");
  set("contact", contact.length ? `Op je profiel staat ook een knop naar ${contact.join(" en ")}.` : "");
  const scope = [...formElement.querySelectorAll("[name=consent-scope]:checked")].map((box) => box.value);
  const photo = formElement.querySelector("[data-widget=photo] input")?.files?.[0];
  const showPhoto = Boolean(photo) && scope.includes("foto");
  let image = preview.querySelector("[data-preview-photo]");
  if (!image) { // made here: an <img> needs a source, and there is none until a photo is chosen
    image = document.createElement("img");
    image.className = "join-preview__photo";
    image.dataset.previewPhoto = "";
    image.hidden = true;
    preview.querySelector("[data-preview-media]").prepend(image);
  }
  if (showPhoto && image.dataset.file !== `${photo.name}:${photo.size}`) {
    if (image.src.startsWith("blob:")) URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(photo);
    image.dataset.file = `${photo.name}:${photo.size}`;
  }
  image.alt = showPhoto ? data.photo_alt || "" : "";
  image.hidden = !showPhoto;
  preview.querySelector("[data-preview-initials]").hidden = showPhoto;
}

if (form) {
  const load = Promise.all([
    fetch(form.dataset.schema).then((response) => response.json()),
    fetch(form.dataset.catalog).then((response) => response.json()),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const [schema, catalog] = await load;
    const data = collect(form);
    const problems = validate(schema, catalog, data);
    showProblems(form, problems);
    document.querySelector("[data-join-result]").hidden = true;
    if (!problems.length) showResult(form, schema, data);
  });
  load.then(([schema, catalog]) => {
    const refresh = () => updatePreview(form, schema, catalog);
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
    document.querySelector("[data-join-preview]").hidden = false;
  });
  document.querySelector("[data-join-nojs]").hidden = true;
  form.hidden = false;
}
