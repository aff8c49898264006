// Instant filtering of the ambachtengids. Without JavaScript the facet pages do this work.
// The query string mirrors the filters (?ambacht=smeden&regio=utrecht), so a filtered view
// can be shared and the back button restores the previous filters.
const form = document.querySelector("[data-directory-filter]");

if (form) {
  const fields = ["ambacht", "regio", "type", "aanbod"];
  const attribute = { ambacht: "crafts", regio: "region", type: "type", aanbod: "offers" };
  const items = [...document.querySelectorAll(".directory-item")];
  const groups = [...document.querySelectorAll("[data-directory-group]")];
  const status = form.querySelector("[data-filter-status]");
  const empty = document.querySelector("[data-filter-empty]");

  const selected = () => Object.fromEntries(fields.map((name) => [name, form.elements[name].value]));

  const fromUrl = () => {
    const params = new URLSearchParams(window.location.search);
    for (const name of fields) {
      const value = params.get(name) || "";
      const select = form.elements[name];
      select.value = [...select.options].some((option) => option.value === value) ? value : "";
    }
  };

  const apply = () => {
    const filters = selected();
    let shown = 0;
    for (const item of items) {
      const match = fields.every((name) => {
        const wanted = filters[name];
        return !wanted || (item.dataset[attribute[name]] || "").split(" ").includes(wanted);
      });
      item.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of groups) {
      group.hidden = !group.querySelector(".directory-item:not([hidden])");
    }
    const active = fields.some((name) => filters[name]);
    empty.hidden = shown > 0;
    status.textContent = active
      ? `${shown} ${shown === 1 ? "deelnemer" : "deelnemers"} gevonden`
      : `Alle ${items.length} deelnemers`;
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

  form.hidden = false;
  fromUrl();
  apply();
}
