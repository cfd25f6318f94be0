"""socialshop's core imports and describes without Wagtail installed (only cms_blocks needs it)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys

    class NoWagtail:
        def find_spec(self, name, path=None, target=None):
            if name == "wagtail" or name.startswith(("wagtail.", "cms_blocks")):
                raise ImportError(f"{name} is not installed")

    sys.meta_path.insert(0, NoWagtail())

    import django
    from django.conf import settings

    import sandbox.settings as sandbox

    WAGTAIL = ("wagtail", "cms_blocks", "sandbox.blog", "sandbox.demo", "modelcluster", "taggit")

    def without_wagtail(names):
        return [name for name in names if not name.startswith(WAGTAIL)]

    options = sandbox.TEMPLATES[0]["OPTIONS"]
    oscar = {name: getattr(sandbox, name) for name in dir(sandbox) if name.startswith("OSCAR_")}
    oscar.update(OSCAR_SHOP_NAME="Boutique", OSCAR_HOMEPAGE="/")
    settings.configure(
        INSTALLED_APPS=without_wagtail(sandbox.INSTALLED_APPS),
        MIDDLEWARE=without_wagtail(sandbox.MIDDLEWARE),
        TEMPLATES=[
            dict(sandbox.TEMPLATES[0], DIRS=[], OPTIONS={
                "context_processors": without_wagtail(options["context_processors"])
            })
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        ROOT_URLCONF="socialshop.urls", STATIC_URL="/static/", ALLOWED_HOSTS=["*"], USE_I18N=True,
        LANGUAGE_CODE="fr", LANGUAGES=sandbox.LANGUAGES, SITE_ID=1,
        HAYSTACK_CONNECTIONS=sandbox.HAYSTACK_CONNECTIONS, SOCIALSHOP_TWITTER_SITE="@boutique", **oscar,
    )
    django.setup()

    from django.template import Context, Template
    from django.test import RequestFactory

    from socialshop.services import meta

    class Thing:
        def get_social_meta(self, request):
            return {"title": "Chose", "url": "/chose/"}

    request = RequestFactory().get("/chose/")
    html = Template("{% load socialshop_meta %}{% socialshop_meta thing %}").render(
        Context({"thing": Thing(), "request": request})
    )
    assert '<meta property="og:title" content="Chose">' in html, html
    assert '<meta property="og:site_name" content="Boutique">' in html, html
    assert "wagtail" not in sys.modules
    print("ok")
    """
)


def test_core_works_without_wagtail():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
