"""RSS 2.0 and Atom feeds of the blog, served by the index page's routes (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

#: Readers poll feeds; the newest posts are what they need.
FEED_LENGTH = 20


class RssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return index.seo_title or index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.search_description or index.title

    def items(self, index):
        return index.posts()[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro or post.search_description

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return _midnight(post.date)  # the date the editor gave the post, as the index shows it

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post):
        return post.author_name or None

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description


def _midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))
