"""The brand blog of the demo store: an index and its posts (Wagtail pages served under /blog/).

The index filters posts by tag (``/blog/tag/<slug>/``) and publishes RSS and Atom feeds
(``/blog/feed/rss/``, ``/blog/feed/atom/``) through Wagtail's routable pages. Posts are built from the
shop blocks of ``cms_blocks`` beside plain paragraphs and images.
"""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from cms_blocks import blocks as shop_blocks
from cms_blocks.mixins import SocialMetaPageMixin
from sandbox.blog import feeds
from socialshop.services.meta import WEBSITE


class BlogIndexPage(RoutablePageMixin, SocialMetaPageMixin, Page):
    social_type = WEBSITE

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["blog.BlogPostPage"]
    max_count = 1

    def posts(self):
        return (
            BlogPostPage.objects.child_of(self)
            .live()
            .select_related("image")
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("posts", self.posts())
        context["tags"] = Tag.objects.filter(
            blog_blogpagetag_items__content_object__in=self.posts()
        ).distinct()
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("tag/<slug:tag>/", name="tag")
    def tagged(self, request, tag):
        current = Tag.objects.filter(slug=tag).first()
        if current is None:
            raise Http404("No such tag.")
        posts = self.posts().filter(tags__slug=tag)
        return self.render(request, context_overrides={"posts": posts, "current_tag": current})

    @path("feed/rss/", name="feed-rss")
    def rss_feed(self, request):
        return feeds.RssFeed(self)(request)

    @path("feed/atom/", name="feed-atom")
    def atom_feed(self, request):
        return feeds.AtomFeed(self)(request)


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogPostPage(SocialMetaPageMixin, Page):
    """A post; shared as an article (og:type, BlogPosting) by its intro, image, author and date."""

    date = models.DateField(_("post date"), default=timezone.localdate)
    intro = models.CharField(_("intro"), max_length=250, blank=True)
    author_name = models.CharField(_("author"), max_length=100, blank=True)
    author_twitter = models.CharField(
        _("author's X handle"), max_length=16, blank=True, help_text=_('For example "@camille".')
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageBlock()),
            ("product", shop_blocks.ProductBlock()),
            ("product_list", shop_blocks.ProductListBlock()),
            ("shoppable_image", shop_blocks.ShoppableImageBlock()),
            ("flash_sale", shop_blocks.FlashSaleBlock()),
            ("store_availability", shop_blocks.StoreAvailabilityBlock()),
            ("share", shop_blocks.ShareBlock()),
            ("app_promotion", shop_blocks.AppPromotionBlock()),
            ("social_post", shop_blocks.SocialPostBlock()),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("author_name"),
        FieldPanel("author_twitter"),
        FieldPanel("image"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]

    @property
    def has_share_block(self):
        """The editor placed the share buttons in the body: the template then leaves out its own bar."""
        return any(block["type"] == "share" for block in self.body.raw_data)
