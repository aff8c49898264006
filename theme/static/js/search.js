// Site search with Pagefind's own index, served from this site. No request leaves the site.
const form = document.querySelector("[data-search]");

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const noScript = document.querySelector("[data-search-nojs]");
  let loading = null;
  let latest = 0;

  // The index comes in shards (see plugins/site_search/shards.py): the first is loaded, the
  // others are merged into it, and a search covers all of them.
  const load = () => {
    loading ??= (async () => {
      const root = form.dataset.index;
      // the English search page names its own list of shards (pagefind/indexes-en.json)
      const response = await fetch(`${root}${form.dataset.indexes || "indexes.json"}`);
      const [primary, ...others] = await response.json();
      const engine = await import(`${root}${primary}/pagefind.js`);
      await engine.options({ baseUrl: form.dataset.base });
      await Promise.all(others.map((name) => engine.mergeIndex(`${root}${name}/`, { baseUrl: form.dataset.base })));
      return engine;
    })();
    return loading;
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
        kind.textContent = result.meta.soort || "";
        item.append(heading, kind, excerpt(result.excerpt));
        return item;
      }),
    );
  };

  const search = async (query) => {
    const ticket = ++latest;
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const engine = await load();
    const found = await engine.search(query);
    const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
    if (ticket !== latest) return;
    render(results);
    const count = found.results.length;
    const english = document.documentElement.lang === "en";
    if (english) {
      status.textContent = count
        ? `${count} ${count === 1 ? "result" : "results"} for “${query}”${count > 20 ? " (the first 20 are below)" : ""}`
        : `Nothing found for “${query}”. Try another word or browse the craft directory.`;
      return;
    }
    status.textContent = count
      ? `${count} ${count === 1 ? "resultaat" : "resultaten"} voor “${query}”${count > 20 ? " (de eerste 20 staan hieronder)" : ""}`
      : `Niets gevonden voor “${query}”. Probeer een ander woord of kijk in de ambachtengids.`;
  };

  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => search(input.value), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });

  noScript.hidden = true;
  form.hidden = false;
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}
