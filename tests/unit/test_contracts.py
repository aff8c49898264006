"""infra.contracts and infra.plugins: declared plugin contracts, checked before and while the build runs."""

import logging
import re

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from infra.contracts import PELICAN_ADDS, Contract, contract_problems, undeclared
from infra.plugins import ContractWatch, plugin_contracts, plugins_place

LINE = re.compile(r'^pelicanconf\.py:\d+:1: PLUGINS: ')


def project_plugins() -> list[str]:
    text = (ROOT / "pelicanconf.py").read_text()
    block = text[text.index("PLUGINS = ["):]
    return re.findall(r'^\s+"(\w+)",', block[: block.index("]")], re.MULTILINE)


def test_the_project_contracts_hold_in_any_order():
    names = project_plugins()
    assert "badges" in names and "craft_directory" in names
    contracts = plugin_contracts(names)
    assert None not in contracts.values()
    assert contract_problems(contracts) == []
    assert contract_problems(dict(reversed(list(contracts.items())))) == []


def test_the_plugins_place_is_the_line_of_the_setting():
    place = plugins_place(ROOT / "publishconf.py")  # publishconf takes PLUGINS from pelicanconf
    line = (ROOT / "pelicanconf.py").read_text().splitlines().index("PLUGINS = [") + 1
    assert place == f"pelicanconf.py:{line}:1"


def test_a_read_no_enabled_plugin_adds_is_one_line_per_key():
    contracts = plugin_contracts([name for name in project_plugins() if name != "craft_directory"])
    problems = contract_problems(contracts, "pelicanconf.py:34:1")
    assert problems == [
        'pelicanconf.py:34:1: PLUGINS: plugin "badges" reads "craft_directory", which no enabled plugin adds',
        'pelicanconf.py:34:1: PLUGINS: plugin "badges" reads "profile_records", which no enabled plugin adds',
    ]


@pytest.mark.parametrize(("contracts", "expected"), [
    ({"a": Contract(adds={"x"}), "b": Contract(adds={"x"})},
     ['here: PLUGINS: "x" is added by more than one plugin: "a" and "b"']),
    ({"a": Contract(adds={"articles"})}, ['here: PLUGINS: plugin "a" adds "articles", which Pelican itself adds']),
    ({"a": Contract(appends={"sitemap_entries"})},
     ['here: PLUGINS: plugin "a" appends to "sitemap_entries", which no enabled plugin adds']),
    ({"a": None}, ['here: PLUGINS: plugin "a" declares no contract (CONTRACT = infra.contracts.Contract(...) in its package)']),
    ({"a": Contract(reads={"b_data"}, may_read={"c_data"}), "b": Contract(adds={"b_data"})}, []),
    ({"a": Contract(reads={"pages", "SITEURL"})}, ['here: PLUGINS: plugin "a" reads "SITEURL", which no enabled plugin adds']),
])
def test_broken_rules_each_give_one_line(contracts, expected):
    assert contract_problems(contracts, "here") == expected


def test_a_contract_takes_sets_of_keys_not_a_string():
    with pytest.raises(TypeError):
        Contract(reads="taxonomy")
    assert Contract(adds=["a"], appends=("b",)).writes == {"a", "b"}


KEYS = st.sets(st.sampled_from(["k1", "k2", "k3", "k4", "k5", "k6"]), max_size=3)


@given(st.lists(st.tuples(KEYS, KEYS), min_size=1, max_size=5), st.randoms())
def test_the_verdict_does_not_depend_on_the_order_of_plugins(pairs, random):
    contracts = {f"p{i}": Contract(reads=reads, adds=adds) for i, (reads, adds) in enumerate(pairs)}
    shuffled = list(contracts.items())
    random.shuffle(shuffled)
    assert sorted(contract_problems(contracts)) == sorted(contract_problems(dict(shuffled)))
    added = [key for contract in contracts.values() for key in contract.adds]
    read = {key for contract in contracts.values() for key in contract.reads}
    ok = len(added) == len(set(added)) and read <= set(added)
    assert (contract_problems(contracts) == []) == ok


def test_undeclared_keys_are_the_new_ones_not_allowed():
    assert undeclared({"a"}, {"a", "b", "c"}, {"b"}) == ["c"]
    assert undeclared({"a", "b"}, {"a"}, set()) == []


# --- while the build runs: a generator adds only what its plugin declares ---

class FakeGenerator:
    """Stands for a plugin's generator: its module names the plugin (as in plugins/<name>/)."""

    def __init__(self, context, adds_in_context=(), adds_in_output=()):
        self.context = context
        self.adds_in_context, self.adds_in_output = adds_in_context, adds_in_output

    def generate_context(self):
        for key in self.adds_in_context:
            self.context[key] = 1

    def generate_output(self, writer):
        for key in self.adds_in_output:
            self.context[key] = 1


FakeGenerator.__module__ = "badges.generator"


def run(watch, generators, between=()):
    for generator in generators:
        watch.generator_init(generator)
    for generator in generators:
        generator.generate_context()
    for key in between:  # an all_generators_finalized step
        generators[0].context[key] = 1
    for generator in generators:
        generator.generate_output(None)


def test_a_generator_within_its_contract_logs_nothing(caplog):
    watch = ContractWatch({"badges": Contract(adds={"badge_kits"}, appends={"sitemap_entries"})})
    context = {}
    with caplog.at_level(logging.ERROR):
        run(watch, [FakeGenerator(context, ["badge_kits", "sitemap_entries"])], between=["sitemap_entries"])
    assert caplog.records == []


@pytest.mark.parametrize(("in_context", "in_output"), [(["surprise"], []), ([], ["surprise"])])
def test_an_undeclared_key_is_one_error_line_naming_the_generator(caplog, in_context, in_output):
    watch = ContractWatch({"badges": Contract(adds={"badge_kits"})})
    with caplog.at_level(logging.ERROR):
        run(watch, [FakeGenerator({}, ["badge_kits", *in_context], in_output)])
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1
    assert re.fullmatch(r'tests/unit/test_contracts\.py:\d+:1: CONTRACT: FakeGenerator added "surprise" to the '
                        r'context, which plugin "badges" does not declare', messages[0]), messages


def test_a_key_added_between_the_phases_must_be_declared_by_some_plugin(caplog):
    watch = ContractWatch({"badges": Contract(adds={"badge_kits"})})
    with caplog.at_level(logging.ERROR):
        run(watch, [FakeGenerator({})], between=["badge_kits", "stray"])
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1 and '"stray" came into the context after the generators made their data' in messages[0]


def test_pelican_generators_may_add_what_pelican_adds(caplog):
    class PelicanLike(FakeGenerator):
        pass

    PelicanLike.__module__ = "pelican.generators"
    with caplog.at_level(logging.ERROR):
        run(ContractWatch({}), [PelicanLike({}, sorted(PELICAN_ADDS))])
    assert caplog.records == []
