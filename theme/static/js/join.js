// The join form on /doe-mee/: builds a profile file in the browser and checks it with the same
// rules as `make check` (profile-rules.js reads the site's own copy of the profile schema).
// Nothing is sent anywhere: the person downloads the file, mails it or puts it on GitHub.
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
    if (name === "consent") continue;
    const boxes = [...wrapper.querySelectorAll(`input[type=checkbox][name="${name}"]`)];
    const control = wrapper.querySelector(`[name="${name}"]:not([type=checkbox])`);
    if (boxes.length && !control) {
      if (boxes.length === 1 && boxes[0].value === "true") {
        if (boxes[0].checked) data[name] = true;
        continue;
      }
      const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
      if (chosen.length) data[name] = chosen;
      continue;
    }
    const value = control.value.trim();
    if (!value) continue;
    if (control.dataset.widget === "lines") {
      data[name] = value.split("\n").map((line) => line.trim()).filter(Boolean);
    } else if (control.dataset.widget === "number") {
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
    const message = name === "consent" && problem.message === "verplicht veld ontbreekt"
      ? "geef toestemming voor publicatie (vink het vakje onderaan aan)" : problem.message;
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
    link.textContent = `${label ? label.textContent.replace("(optioneel)", "").trim() : name}: ${message}`;
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
  result.querySelector("[data-join-yaml]").textContent = yaml;
  const download = result.querySelector("[data-join-download]");
  if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
  download.download = `${slug}.yaml`;
  const subject = `Profiel voor de ambachtengids: ${data.name}`;
  result.querySelector("[data-join-mail]").href =
    `mailto:${formElement.dataset.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(yaml)}`;
  result.querySelector("[data-join-github]").href =
    `${formElement.dataset.newFile}?filename=${encodeURIComponent(`${slug}.yaml`)}&value=${encodeURIComponent(yaml)}`;
  result.hidden = false;
  result.focus();
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
  document.querySelector("[data-join-nojs]").hidden = true;
  form.hidden = false;
}
