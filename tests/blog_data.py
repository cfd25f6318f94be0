"""The Wagtail page tree the blog tests need: a published blog index at the default site's root."""

from wagtail.models import Page, Site

from sandbox.blog.models import BlogIndexPage
from tests.base_data import ensure_base_data


def create_blog_index():
    ensure_base_data()  # a browser test's flush may have removed the root page and the site
    index = BlogIndexPage(title="Le journal", slug="journal", intro="")
    Page.get_first_root_node().add_child(instance=index)
    index.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = index
    site.save()  # save(), not update(): Wagtail then clears its cache of site root paths
    return index
