"""``SocialMetaPageMixin``: a Wagtail page model that describes itself for social networks and offers its
share buttons to its template (``{{ page_share_buttons }}``).

Mix it into a page model (before ``Page``) and name the fields it should read::

    class BlogPostPage(SocialMetaPageMixin, Page):
        social_description_field = "intro"
        ...

A field name set to ``""`` (or naming a field the model lacks) is skipped. The page's own
``search_description`` wins over the description field when the editor filled it in.
"""

from django.utils.html import escape
from wagtail.fields import RichTextField

from socialshop.services import meta

from .describers import describe_page, image_fields, twitter_handle
from .sharing import PageShareButtons


class SocialMetaPageMixin:
    #: og:type: meta.ARTICLE for posts, meta.WEBSITE for listings and other pages.
    social_type = meta.ARTICLE
    social_description_field = "intro"
    social_image_field = "image"
    social_author_name_field = "author_name"
    social_author_twitter_field = "author_twitter"
    social_published_field = "date"
    social_tags_field = "tags"  # a taggit manager: article:tag and schema.org keywords
    #: Share buttons, printed where the page template puts ``{{ page_share_buttons }}``: the networks
    #: (comma-separated codes; "" for SOCIALSHOP_SHARE_NETWORKS) and the utm_campaign of shared links.
    social_share_networks = ""
    social_share_campaign = "share"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_share_buttons"] = PageShareButtons(self, request)  # rendered only when printed
        return context

    def get_social_meta(self, request):
        values = describe_page(self, request)
        values["type"] = self.social_type
        if not values["description"]:
            values["description"] = self._social_description()
        alt = meta.clean_line(self.seo_title or self.title)
        values.update(image_fields(self._social_field(self.social_image_field, None), alt, request))
        if self.social_type == meta.ARTICLE:
            values["article"] = meta.ArticleInfo(
                published=self._social_field(self.social_published_field, None) or self.first_published_at,
                modified=self.last_published_at,
                author_name=meta.clean_line(self._social_field(self.social_author_name_field)),
                author_twitter=twitter_handle(self._social_field(self.social_author_twitter_field)),
                tags=self._social_tags(),
            )
        return values

    def _social_description(self):
        """Describers pass HTML: a rich text field is HTML already, a plain one is escaped so that a
        "<" an editor typed stays a character instead of being stripped as a tag."""
        value = self._social_field(self.social_description_field)
        if not value:
            return ""
        field = next((f for f in self._meta.get_fields() if f.name == self.social_description_field), None)
        return value if isinstance(field, RichTextField) else escape(value)

    def _social_tags(self):
        manager = self._social_field(self.social_tags_field, None)
        if manager is None or not hasattr(manager, "all"):
            return ()
        return tuple(filter(None, (meta.clean_line(tag.name) for tag in manager.all())))

    def _social_field(self, name, default=""):
        return getattr(self, name, default) if name else default
