// Site search with Pagefind's own index, served from this site. No request leaves the site.
// The engine, its index and the matching rules load once the page has loaded and its first paint is on
// the screen (or at the first search before then): they do not hold up the page itself.

const form = document.querySelector("[data-search]");
const SHOWN = 20;
// Results whose text is read to tell whole-word matches from prefix matches (Pagefind ranks them).
const READ = 60;
const ALL_FILTERS = ["soort", "ambacht", "regio"];
// The English search page (/en/search/) searches the English pages, without filters; Pagefind loads the
// index of the page's own language (<html lang>).
const ENGLISH = document.documentElement.lang === "en";
// the kinds are indexed by their Dutch names (the filter values); the English page shows them in English
const KINDS_EN = { Verhaal: "Story", Profiel: "Profile", Agenda: "Event", Pagina: "Page" };

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const noScript = document.querySelector("[data-search-nojs]");
  const FILTERS = ALL_FILTERS.filter((name) => form.elements[name]);
  const selects = Object.fromEntries(FILTERS.map((name) => [name, form.elements[name]]));
  let loading = null;
  let latest = 0;

  const load = () => {
    loading ??= (async () => {
      // absolute, also when a portable build made them relative (import() resolves against this script)
      const index = new URL(form.dataset.index, document.baseURI).href;
      const [engine, { preferWholeWords }] = await Promise.all([import(`${index}pagefind.js`), import("./search-match.js")]);
      await engine.options({ baseUrl: new URL(form.dataset.base, document.baseURI).pathname, excerptLength: 24 });
      return { engine, preferWholeWords };
    })();
    return loading;
  };

  // The results' own sheet (bundles.toml: search-results), linked at the first search right after the page's
  // own sheet (so in the cascade order; the print and forced-colours sheets stay after it): a page that shows
  // no result does not load rules for them. No result is drawn before it is in (or failed): nothing shifts.
  let styled = null;
  const resultStyles = () => {
    styled ??= new Promise((resolve) => {
      const sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = new URL(form.dataset.resultsCss, document.baseURI).href;
      sheet.addEventListener("load", resolve, { once: true });
      sheet.addEventListener("error", resolve, { once: true });
      document.querySelector('link[rel="stylesheet"]').after(sheet);
    });
    return styled;
  };

  // Once the page has loaded and its first paint is on the screen (the browser's paint timing says so; where
  // it does not report paints, the next frame after the load event): a fast page fires its load event
  // before that paint is presented, and what it fetched then would count into the paint.
  const afterFirstPaint = (run) => {
    const loaded = new Promise((resolve) => {
      if (document.readyState === "complete") resolve();
      else window.addEventListener("load", resolve, { once: true });
    });
    const painted = new Promise((resolve) => {
      if (!(window.PerformanceObserver?.supportedEntryTypes || []).includes("paint")) {
        resolve();
        return;
      }
      const observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName("first-contentful-paint").length) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe({ type: "paint", buffered: true });
    });
    Promise.all([loaded, painted]).then(() => window.requestAnimationFrame(() => window.setTimeout(run, 0)));
  };

  const chosen = () => Object.fromEntries(FILTERS.filter((name) => selects[name].value)
    .map((name) => [name, selects[name].value]));

  // The options of each filter with the number of results they would give together with the
  // query and the other filters; an option with none is disabled (and says "(0)").
  const fillFilters = (counts, filters) => {
    for (const name of FILTERS) {
      const select = selects[name];
      const current = filters[name] || "";
      const values = Object.entries(counts[name] || {}).sort(([a], [b]) => a.localeCompare(b, "nl"));
      const options = values.map(([value, count]) => {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value} (${count})`;
        option.disabled = count === 0 && value !== current;
        return option;
      });
      select.replaceChildren(select.options[0], ...options);
      select.value = current;
    }
  };

  // Pagefind excerpts contain only text and <mark>; build them as DOM nodes, never as HTML.
  const excerpt = (text) => {
    const paragraph = document.createElement("p");
    paragraph.className = "search-result__excerpt";
    text.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const marked = part.match(/^<mark>(.*)<\/mark>$/);
      const node = marked ? document.createElement("mark") : document.createTextNode("");
      const holder = document.createElement("textarea");
      holder.innerHTML = marked ? marked[1] : part; // decodes entities without parsing markup
      node.textContent = holder.value;
      paragraph.append(node);
    });
    return paragraph;
  };

  const render = (results) => {
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement("li");
        item.className = "search-result";
        const heading = document.createElement("h2");
        heading.className = "search-result__title";
        const link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.meta.title || result.url;
        heading.append(link);
        const kind = document.createElement("p");
        kind.className = "search-result__kind";
        const kinds = (result.filters.soort || []).map((name) => (ENGLISH && KINDS_EN[name]) || name);
        kind.textContent = [...kinds, ...(result.filters.regio || [])].join(" · ");
        item.append(heading, kind, excerpt(result.excerpt));
        return item;
      }),
    );
  };

  const toUrl = (query, filters) => {
    const url = new URL(window.location.href);
    for (const name of ["q", ...ALL_FILTERS]) url.searchParams.delete(name);
    if (query) url.searchParams.set("q", query);
    for (const [name, value] of Object.entries(filters)) url.searchParams.set(name, value);
    window.history.replaceState(null, "", url);
  };

  const search = async () => {
    const ticket = ++latest;
    const query = input.value.trim();
    const filters = chosen();
    toUrl(query, filters);
    const styling = query || Object.keys(filters).length ? resultStyles() : null;
    const { engine, preferWholeWords } = await load();
    const found = await engine.search(query || null, { filters });
    if (ticket !== latest) return;
    // Pagefind counts within every chosen filter; a filter's own options are counted without it.
    const counts = { ...found.filters };
    await Promise.all(Object.keys(filters).map(async (name) => {
      const others = Object.fromEntries(Object.entries(filters).filter(([other]) => other !== name));
      counts[name] = (await engine.search(query || null, { filters: others })).filters[name];
    }));
    if (ticket !== latest) return;
    fillFilters(counts, filters);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const read = await Promise.all(found.results.slice(0, READ).map((result) => result.data()));
    if (ticket !== latest) return;
    const matched = query
      ? preferWholeWords(query, read.map((data) => ({ ...data, text: `${data.meta.title || ""} ${data.content}` })))
      : read;
    const count = matched.length < read.length ? matched.length : found.results.length;
    await styling;
    if (ticket !== latest) return;
    render(matched.slice(0, SHOWN));
    if (ENGLISH) {
      status.textContent = count
        ? `${count} ${count === 1 ? "result" : "results"} for “${query}”${count > SHOWN ? ` (the first ${SHOWN} are below)` : ""}`
        : `Nothing found for “${query}”. Try another word or browse the craft directory.`;
      return;
    }
    const what = query ? `voor “${query}”` : "met deze filters";
    status.textContent = count
      ? `${count} ${count === 1 ? "resultaat" : "resultaten"} ${what}${count > SHOWN ? ` (de eerste ${SHOWN} staan hieronder)` : ""}`
      : `Niets gevonden ${what}. Probeer een ander woord, minder filters of kijk in de ambachtengids.`;
  };

  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) search();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });

  noScript.hidden = true; // where the browser does not tell its CSS that scripts run (base/a11y.css)
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  afterFirstPaint(() => load().then(async ({ engine }) => {
    fillFilters(await engine.filters(), {});
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value && [...selects[name].options].some((option) => option.value === value)) selects[name].value = value;
    }
    if (input.value || Object.keys(chosen()).length) search();
  }));
}
