"""The enabled plugins' contracts at build time: read them, check them before the build, watch the generators.

No Pelican import: ``scripts/build.py`` checks the contracts before it makes the Pelican object, and
connects :meth:`ContractWatch.generator_init` to Pelican's ``generator_init`` for the run.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import re
from functools import partial
from pathlib import Path

from .contracts import PELICAN_ADDS, Contract, undeclared

logger = logging.getLogger(__name__)

PLUGINS_LINE = re.compile(r"^PLUGINS\s*=", re.MULTILINE)


def plugin_name(plugin) -> str:
    """A ``PLUGINS`` entry's name: the string, or the module's name."""
    return plugin if isinstance(plugin, str) else plugin.__name__


def plugin_contracts(plugins) -> dict[str, Contract | None]:
    """The ``CONTRACT`` of every enabled plugin (``None`` where a plugin declares none), in ``PLUGINS`` order."""
    contracts = {}
    for plugin in plugins:
        module = importlib.import_module(plugin) if isinstance(plugin, str) else plugin
        contract = getattr(module, "CONTRACT", None)
        contracts[plugin_name(plugin)] = contract if isinstance(contract, Contract) else None
    return contracts


def plugins_place(config: Path) -> str:
    """``file:line:column`` of the ``PLUGINS`` setting: in ``config``, else in the ``pelicanconf.py`` beside it."""
    for path in (Path(config), Path(config).with_name("pelicanconf.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        found = PLUGINS_LINE.search(text)
        if found:
            return f"{path.name}:{text.count(chr(10), 0, found.start()) + 1}:1"
    return f"{Path(config).name}:1:1"


def _where(generator, phase: str) -> str:
    """``path:line:column`` of the generator's method that ran (its class when it has none of its own)."""
    cls = type(generator)
    function = next((vars(klass)[phase] for klass in cls.__mro__ if phase in vars(klass)), None)
    if inspect.isfunction(function):
        code = function.__code__
        return f"{os.path.relpath(code.co_filename)}:{code.co_firstlineno}:1"
    try:
        return f"{os.path.relpath(inspect.getsourcefile(cls) or '?')}:{inspect.getsourcelines(cls)[1]}:1"
    except (OSError, TypeError, ValueError):
        return f"{cls.__module__}:1:1"


class ContractWatch:
    """Checks, for one run, that each plugin's generators add only the context keys its contract declares,
    and that the steps between the phases (``all_generators_finalized``) add only declared keys.

    A generator that breaks its contract is one error line naming its class, which fails the build."""

    def __init__(self, contracts: dict[str, Contract | None]):
        self.contracts = contracts
        self.declared = frozenset().union(*(c.writes for c in contracts.values() if c is not None))
        self.after_context: frozenset[str] | None = None  # the context's keys once the last generator made its data
        self.output_started = False

    def generator_init(self, generator) -> None:
        """Wrap the generator's two phases (Pelican's own generators add what Pelican adds)."""
        plugin = type(generator).__module__.partition(".")[0]
        if plugin == "pelican":
            allowed = PELICAN_ADDS
        else:
            contract = self.contracts.get(plugin)
            allowed = contract.writes if contract is not None else frozenset()
        for name in ("generate_context", "generate_output"):
            method = getattr(generator, name, None)
            if method is not None:
                setattr(generator, name, partial(self._run, name, method, generator, plugin, allowed))

    def _run(self, phase, method, generator, plugin, allowed, *args, **kwargs):
        context = generator.context
        if phase == "generate_output" and not self.output_started:
            self.output_started = True
            if self.after_context is not None:
                for key in undeclared(self.after_context, context, self.declared | PELICAN_ADDS):
                    logger.error('%s: CONTRACT: "%s" came into the context after the generators made their data, '
                                 "and no enabled plugin declares it", _where(generator, phase), key)
        before = frozenset(context)
        result = method(*args, **kwargs)
        for key in undeclared(before, context, allowed):
            logger.error('%s: CONTRACT: %s added "%s" to the context, which plugin "%s" does not declare',
                         _where(generator, phase), type(generator).__name__, key, plugin)
        if phase == "generate_context":
            self.after_context = frozenset(context)
        return result
