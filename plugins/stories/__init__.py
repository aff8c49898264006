"""Stories: previous/next, related stories and share links."""

from pelican import signals

from .relations import link_neighbours, related
from .sharing import share_links


def relate_stories(generator):
    stories = list(generator.articles)
    link_neighbours(stories)
    for index, others in related(stories).items():
        stories[index].related_stories = others
    for draft in getattr(generator, "drafts", []):
        draft.newer = draft.older = None
        draft.related_stories = []


def add_globals(generator):
    generator.env.globals["share_links"] = share_links


def register():
    signals.article_generator_finalized.connect(relate_stories)
    signals.generator_init.connect(add_globals)
