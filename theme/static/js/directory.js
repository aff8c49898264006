// Instant filtering of the ambachtengids: works on whatever A-Z list is on the page (the whole
// directory on the index, or one initial's page of a large directory). Without JavaScript the
// facet pages do this work. The query string mirrors the filters (?ambacht=smeden&regio=utrecht),
// so a filtered view can be shared and the back button restores the previous filters; the
// letter links of a large directory carry the filters along to the other initials.
const fields = ["ambacht", "regio", "type", "aanbod"];
const form = document.querySelector("[data-directory-filter]");
const letterLinks = [...document.querySelectorAll("[data-keep-filters] a[href]")];

const keepFilters = (values) => {
  const params = new URLSearchParams();
  for (const name of fields) {
    if (values[name]) params.set(name, values[name]);
  }
  for (const link of letterLinks) {
    const url = new URL(link.href);
    url.search = params.toString();
    link.href = url.href;
  }
};

if (form) {
  const attribute = { ambacht: "crafts", regio: "region", type: "type", aanbod: "offers" };
  const items = [...document.querySelectorAll(".directory-item")];
  const groups = [...document.querySelectorAll("[data-directory-group]")];
  const status = form.querySelector("[data-filter-status]");
  const empty = document.querySelector("[data-filter-empty]");
  const onePageOfSeveral = form.dataset.directoryFilter === "pagina";
  const where = onePageOfSeveral ? " op deze pagina" : "";
  // the English directory (/en/directory/) says the same in English
  const english = document.documentElement.lang === "en";

  const selected = () => Object.fromEntries(fields.map((name) => [name, form.elements[name].value]));

  const fromUrl = () => {
    const params = new URLSearchParams(window.location.search);
    for (const name of fields) {
      const value = params.get(name) || "";
      const select = form.elements[name];
      select.value = [...select.options].some((option) => option.value === value) ? value : "";
    }
  };

  const values = new Map(items.map((item) => [item, Object.fromEntries(
    fields.map((name) => [name, (item.dataset[attribute[name]] || "").split(" ").filter(Boolean)]))]));
  const matches = (item, filters, except = null) =>
    fields.every((name) => name === except || !filters[name] || values.get(item)[name].includes(filters[name]));

  // Each option's count is the number of profiles it would show together with the other chosen
  // filters; an option that would show none says "(0)" and is disabled, so that neither a mouse,
  // nor the keyboard (arrow keys skip disabled options), nor a screen reader (announced as
  // unavailable) leads to an empty list. The chosen option itself stays selectable.
  const recount = (filters) => {
    for (const name of fields) {
      const counts = new Map();
      for (const item of items) {
        if (!matches(item, filters, name)) continue;
        for (const value of values.get(item)[name]) counts.set(value, (counts.get(value) || 0) + 1);
      }
      for (const option of form.elements[name].options) {
        if (!option.value) continue;
        const count = counts.get(option.value) || 0;
        option.textContent = `${option.dataset.label} (${count})`;
        option.disabled = count === 0 && option.value !== filters[name];
      }
    }
  };

  const apply = () => {
    const filters = selected();
    let shown = 0;
    for (const item of items) {
      const match = matches(item, filters);
      item.hidden = !match;
      if (match) shown += 1;
    }
    recount(filters);
    for (const group of groups) {
      group.hidden = !group.querySelector(".directory-item:not([hidden])");
    }
    const active = fields.some((name) => filters[name]);
    empty.hidden = shown > 0;
    status.textContent = english
      ? (active
        ? `${shown} ${shown === 1 ? "participant" : "participants"} found`
        : `${items.length === 1 ? "" : "All "}${items.length} ${items.length === 1 ? "participant" : "participants"}`)
      : (active
        ? `${shown} ${shown === 1 ? "deelnemer" : "deelnemers"} gevonden${where}`
        : `${items.length === 1 || where ? "" : "Alle "}${items.length} ${items.length === 1 ? "deelnemer" : "deelnemers"}${where}`);
    keepFilters(filters);
  };

  const toUrl = () => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(selected())) {
      if (value) params.set(name, value);
    }
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.pushState(null, "", url);
    }
  };

  form.addEventListener("change", () => {
    apply();
    toUrl();
  });
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      apply();
      toUrl();
    });
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("popstate", () => {
    fromUrl();
    apply();
  });

  fromUrl();
  apply();
} else if (letterLinks.length) {
  // The index of a large directory has no list to filter: filters in its address (a shared
  // link) go along to the letter pages.
  const params = new URLSearchParams(window.location.search);
  keepFilters(Object.fromEntries(fields.map((name) => [name, params.get(name) || ""])));
}
