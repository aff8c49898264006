"""Stories: previous/next, related stories, share links and a safe Atom feed."""

from infra.contracts import Contract
from pelican import signals

from .feed import clean_feed_items
from .relations import link_neighbours, related
from .sharing import share_links

# The feed's clean-up reads the stories (infra.contracts).
CONTRACT = Contract(reads={"articles", "drafts"})


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


def clean_feed(context, feed):
    """Titles and summaries as plain text, content sanitised, before Pelican writes the feed."""
    siteurl = str(context.get("SITEURL") or "").rstrip("/")
    documents = {}
    for key in ("articles", "drafts"):
        for story in context.get(key) or []:
            documents[f"{siteurl}/{story.url}"] = story
    clean_feed_items(feed.items, documents)


def register():
    signals.article_generator_finalized.connect(relate_stories)
    signals.generator_init.connect(add_globals)
    signals.feed_generated.connect(clean_feed)
