"""Old URLs keep working: a redirect page per alias, and a _redirects file for hosts that read it."""

from incremental.files import write_output
from infra.contracts import Contract
from infra.scope import build_of
from pelican import signals
from pelican.generators import Generator

from .redirects import collect, redirects_file

# Aliases of every document, read when the pages are written (infra.contracts).
CONTRACT = Contract(reads={"articles", "pages"}, may_read={"events", "craft_directory", "build"})


class RedirectsGenerator(Generator):
    """Collects aliases of published stories, pages, events and profiles; writes their redirect pages."""

    def generate_context(self):
        self.redirects = []

    def generate_output(self, writer):
        directory = self.context.get("craft_directory")
        items = [*self.context.get("articles", []), *self.context.get("pages", []), *self.context.get("events", []),
                 *(directory.profiles if directory else [])]
        self.redirects = collect(items)
        for redirect in self.redirects:
            writer.write_file(redirect.save_as, self.get_template("redirect"), self.context, redirect=redirect,
                              url=redirect.source.lstrip("/"))
        write_output(build_of(self.context).overlay, self.output_path, self.settings.get("REDIRECTS_FILE", "_redirects"),
                     redirects_file(self.redirects, self.settings["SITEURL"]))


def get_generators(pelican):
    return RedirectsGenerator


def register():
    signals.get_generators.connect(get_generators)
