"""The brand blog of the demo store: an index and its posts (Wagtail pages served under /blog/)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from cms_blocks.mixins import SocialMetaPageMixin
from socialshop.services.meta import WEBSITE


class BlogIndexPage(SocialMetaPageMixin, Page):
    social_type = WEBSITE

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["blog.BlogPostPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = BlogPostPage.objects.child_of(self).live().order_by("-first_published_at")
        return context


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
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageBlock()),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("author_name"),
        FieldPanel("author_twitter"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
