"""Declared plugin contracts: what each plugin reads from the Pelican context and what it adds. Pure Python.

Every plugin package exports ``CONTRACT = Contract(reads=..., adds=..., appends=...)`` next to its
generator. The build checks the contracts of the enabled plugins before it starts
(:func:`contract_problems`): every key a plugin reads is added by an enabled plugin, by Pelican
itself or by our Pelican class (``build``, :data:`RUN_ADDS`), and no key is added by two plugins.
While it runs, it checks that a generator added only keys its plugin declares (:func:`undeclared`).

Order: a plugin reads what others add only after every generator made its data (in
``generate_output``, or in an ``all_generators_finalized`` step), so the order of ``PLUGINS``
never matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# What Pelican itself puts in the context (besides every setting): pelican.Pelican.run and its generators.
PELICAN_ADDS = frozenset({
    "generated_content", "static_links", "static_content", "localsiteurl",
    "articles", "drafts", "hidden_articles", "dates", "tags", "categories", "authors", "related_posts",
    "period_archives", "pages", "hidden_pages", "draft_pages", "staticfiles", "output_file",
})
# What our Pelican class puts in the context for every generator: the objects of the build (infra.scope, infra.run).
RUN_ADDS = frozenset({"build"})


def _keys(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError(f"a set of context keys, not the string {value!r}")
    return frozenset(value)


@dataclass(frozen=True)
class Contract:
    """A plugin's use of the Pelican context.

    - ``reads``: keys it needs; each must be added by an enabled plugin or by Pelican.
    - ``may_read``: keys it uses when they are there (``context.get``), never checked as needed.
    - ``adds``: keys it puts in the context; no other plugin may add them.
    - ``appends``: shared lists it appends to (``sitemap_entries``); one plugin adds each of them.
    """

    reads: frozenset[str] = field(default_factory=frozenset)
    adds: frozenset[str] = field(default_factory=frozenset)
    appends: frozenset[str] = field(default_factory=frozenset)
    may_read: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        for name in ("reads", "adds", "appends", "may_read"):
            object.__setattr__(self, name, _keys(getattr(self, name)))

    @property
    def writes(self) -> frozenset[str]:
        """The keys a generator of this plugin may bring into the context (an appended list may be
        made by whoever appends first)."""
        return self.adds | self.appends


def contract_problems(contracts: Mapping[str, Contract | None], where: str = "pelicanconf.py",
                      pelican_keys: Iterable[str] = PELICAN_ADDS | RUN_ADDS) -> list[str]:
    """One line per broken rule among the enabled plugins' contracts (``None``: declares none),
    ``where: PLUGINS: ...``, in the order of the plugins; empty when all hold."""
    pelican_keys = frozenset(pelican_keys)
    problems = []
    adders: dict[str, list[str]] = {}
    for plugin, contract in contracts.items():
        if contract is None:
            problems.append(f'{where}: PLUGINS: plugin "{plugin}" declares no contract '
                            "(CONTRACT = infra.contracts.Contract(...) in its package)")
            continue
        for key in sorted(contract.adds):
            adders.setdefault(key, []).append(plugin)
    for key, plugins in adders.items():
        if key in pelican_keys:
            problems += [f'{where}: PLUGINS: plugin "{plugin}" adds "{key}", which Pelican itself adds'
                         for plugin in plugins]
        elif len(plugins) > 1:
            named = " and ".join(f'"{plugin}"' for plugin in sorted(plugins))
            problems.append(f'{where}: PLUGINS: "{key}" is added by more than one plugin: {named}')
    for plugin, contract in contracts.items():
        if contract is None:
            continue
        for key in sorted(contract.reads | contract.appends):
            if key not in adders and key not in pelican_keys:
                verb = "appends to" if key in contract.appends and key not in contract.reads else "reads"
                problems.append(f'{where}: PLUGINS: plugin "{plugin}" {verb} "{key}", which no enabled plugin adds')
    return problems


def undeclared(before: Iterable[str], after: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """The keys that came into the context between ``before`` and ``after`` and are not ``allowed``, sorted."""
    return sorted(set(after) - set(before) - set(allowed))
