"""The demo blog: an index page at /blog/ (the Wagtail site's root) and its first posts."""

import datetime

from wagtail.models import Page, Site

from sandbox.blog.models import BlogIndexPage, BlogPostPage

POSTS = [
    {
        "slug": "bienvenue",
        "title": "Bienvenue chez Maison Lumière",
        "date": datetime.date(2026, 9, 1),
        "intro": "Mode et maison fabriquées en France : l'histoire de notre boutique.",
        "author_name": "Camille Martin",
        "author_twitter": "@camille_ml",
        "body": [
            (
                "paragraph",
                "<p>Depuis notre atelier de Lyon, nous choisissons des pièces faites pour durer, "
                "auprès d'artisans que nous connaissons par leur prénom.</p>",
            ),
        ],
    },
]


def setup_blog(domain_host, port):
    root = Page.get_first_root_node()
    index = BlogIndexPage.objects.first()
    if index is None:
        index = BlogIndexPage(
            title="Le journal",
            slug="journal",
            intro="<p>Nos coulisses, nos artisans et nos idées de style.</p>",
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": domain_host, "port": port, "root_page": index, "site_name": "Maison Lumière"},
    )
    # Wagtail's initial "Welcome" page is no longer reachable once the blog is the site root.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    for post in POSTS:
        if BlogPostPage.objects.filter(slug=post["slug"]).exists():
            continue
        page = BlogPostPage(**post)
        index.add_child(instance=page)
        page.save_revision().publish()
    return index
