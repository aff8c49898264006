// The profile rules of plugins/content_model/schemas/profile.schema.json, applied in the browser.
// A port of validate.py/formats.py/body.py for the subset of JSON Schema our schemas use, with the
// same Dutch messages. Tests feed the same cases to this module and to `make check`.

const TYPE_NAMES = {
  string: "tekst", array: "een lijst", integer: "een geheel getal", number: "een getal",
  object: "velden (naam: waarde)", boolean: "true of false",
};
const REF_NAMES = { crafts: "ambacht", regions: "provincie", profiles: "profiel", groups: "groep", badges: "badge" };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const SITE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*(?:[A-Za-z0-9._~-]+)?$/;
const RAW_HTML = /<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|\/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|!\[CDATA\[|![A-Za-z])/;
const LINK_TARGET = /\]\(\s*<?([^)\s>]*)/g;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g;
const SAFE_SCHEMES = ["http", "https", "mailto", "tel"];
export const FORMAT_MESSAGES = {
  date: "geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-12",
  "date-or-datetime": "geen geldige datum of tijd; schrijf 2026-03-12 of 2026-03-12T09:30:00+01:00",
  slug: "geen geldige slug; gebruik kleine letters, cijfers en streepjes, zoals jan-de-vries",
  "http-url": "geen geldig webadres; alleen adressen die met https:// of http:// beginnen",
  email: "geen geldig e-mailadres",
  "site-path": "geen geldig pad op deze site; begin met / en gebruik letters, cijfers, - en _ (bijvoorbeeld /oude/plek/)",
};

const length = (text) => [...text].length; // code points, as Python's len()

function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isHttpUrl(text) {
  if (/[\s\x00-\x1f]/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const FORMATS = {
  date: isDate,
  "date-or-datetime": (t) => isDate(t) || (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t) && isDate(t.slice(0, 10))),
  slug: (t) => SLUG.test(t) && t.length <= 80,
  "http-url": isHttpUrl,
  email: (t) => EMAIL.test(t) && t.length <= 254,
  "site-path": (t) => SITE_PATH.test(t) && !`${t}/`.includes("/../"),
};

function typeOk(type, value) {
  if (type === "string") return typeof value === "string";
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number";
  if (type === "boolean") return typeof value === "boolean";
  if (type === "array") return Array.isArray(value);
  if (type === "object") return value !== null && typeof value === "object" && !Array.isArray(value);
  return true;
}

export function fieldName(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : text ? `.${part}` : part;
  return text || "(kop)";
}

function markdownProblems(text) {
  const found = [];
  let fence = null;
  for (const line of text.split("\n")) {
    const fenceMatch = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const visible = line.replace(/(`+)(?:(?!\1).)+?\1/g, (m) => " ".repeat(m.length));
    if (RAW_HTML.test(visible.replace(AUTOLINK, (m) => " ".repeat(m.length)))) found.push("HTML is niet toegestaan; gebruik Markdown");
    for (const match of [...visible.matchAll(LINK_TARGET), ...visible.matchAll(AUTOLINK)]) {
      const target = match[1].replace(/[\x00-\x20]/g, "");
      const scheme = target.match(/^([A-Za-z][A-Za-z0-9+.-]*):/);
      if (scheme && !SAFE_SCHEMES.includes(scheme[1].toLowerCase())) {
        found.push(`link met '${scheme[1]}:' is niet toegestaan; gebruik https://, mailto: of een pad op deze site`);
      }
    }
  }
  return found;
}

function check(schema, value, path, add, catalog) {
  if (schema.enum && !schema.enum.includes(value)) {
    add(path, `ongeldige waarde '${value}'; kies uit: ${schema.enum.join(", ")}`);
    return;
  }
  if (schema.type && !typeOk(schema.type, value)) {
    add(path, `moet ${TYPE_NAMES[schema.type]} zijn`);
    return;
  }
  if (typeOk("object", value) && schema.properties) {
    const required = new Set(schema.required || []);
    for (const rule of schema.allOf || []) {
      if (rule.if && errorsOf(rule.if, value, catalog).length === 0) (rule.then?.required || []).forEach((n) => required.add(n));
    }
    for (const name of required) if (!(name in value)) add([...path, name], "verplicht veld ontbreekt");
    for (const [trigger, needed] of Object.entries(schema.dependentRequired || {})) {
      if (trigger in value) needed.filter((n) => !(n in value)).forEach((n) => add([...path, n], `verplicht zodra ${trigger} is ingevuld`));
    }
    if (schema.additionalProperties === false) {
      Object.keys(value).filter((k) => !(k in schema.properties)).forEach((k) => add([...path, k], "onbekend veld"));
    }
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (name in value) {
        const extra = (schema.allOf || []).flatMap((rule) =>
          rule.if && errorsOf(rule.if, value, catalog).length === 0 && rule.then?.properties?.[name] ? [rule.then.properties[name]] : []);
        check(Object.assign({}, prop, ...extra), value[name], [...path, name], add, catalog);
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) add(path, `moet minstens ${schema.minItems} waarde(n) bevatten`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) add(path, `mag hoogstens ${schema.maxItems} waarden bevatten`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add(path, "bevat dezelfde waarde meer dan eens");
    if (schema.items) value.forEach((item, index) => check(schema.items, item, [...path, index], add, catalog));
    return;
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && length(value) < schema.minLength) {
      add(path, schema.minLength === 1 ? "mag niet leeg zijn" : `te kort (minstens ${schema.minLength} tekens)`);
    }
    if (schema.maxLength !== undefined && length(value) > schema.maxLength) add(path, `te lang (${length(value)} tekens; hoogstens ${schema.maxLength})`);
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) add(path, schema["x-error"] || "heeft niet de juiste vorm");
    if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format](value)) add(path, `${FORMAT_MESSAGES[schema.format]} ('${value}')`);
    const known = schema["x-ref"] && catalog[schema["x-ref"]];
    if (known && !(value in known)) add(path, `onbekende ${REF_NAMES[schema["x-ref"]] || schema["x-ref"]} '${value}'`);
    if (schema["x-markdown"]) markdownProblems(value).forEach((message) => add(path, message));
    return;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add(path, `moet minstens ${schema.minimum} zijn`);
    if (schema.maximum !== undefined && value > schema.maximum) add(path, `mag hoogstens ${schema.maximum} zijn`);
  }
}

function errorsOf(schema, data, catalog) {
  const problems = [];
  check(schema, data, [], (path, message) => problems.push({ field: fieldName(path), message }), catalog);
  return problems;
}

/** Every problem in ``data`` under ``schema``: [{field, message}], like `make check`. */
export function validate(schema, catalog, data) {
  return errorsOf(schema, data, catalog);
}
