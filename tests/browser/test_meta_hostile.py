"""A product whose every field is hostile: in a real browser nothing executes and the JSON-LD parses."""

import html
import json

import pytest

from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = "Robe \"</script><script>alert('title')</script><!-- & \u2028\u2029 <img src=x onerror=alert(2)>"


def test_hostile_product_executes_nothing_and_its_json_ld_parses(live_server, page_factory, artifacts_dir):
    product = create_product(
        title=HOSTILE[:255],
        # Oscar renders a description as the staff's own HTML: the hostile text is in it as an editor saves.
        description=f"<p>{html.escape(HOSTILE)}</p>",
        attributes={"brand": "</script><script>alert('brand')</script>"},
    )
    page = page_factory(locale="fr-FR")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + product.get_absolute_url())
    page.wait_for_load_state("load")

    assert dialogs == []
    blocks = page.evaluate(
        """() => [...document.head.querySelectorAll('script[type="application/ld+json"]')]
                 .map(script => JSON.parse(script.textContent))"""
    )
    assert [block["@type"] for block in blocks] == ["Product", "BreadcrumbList"]
    assert blocks[0]["name"] == " ".join(HOSTILE.split())
    assert blocks[0]["brand"]["name"] == "</script><script>alert('brand')</script>"
    assert blocks[0]["description"] == " ".join(HOSTILE.split())  # shorter than the 300-character limit
    og_title = page.evaluate("""() => document.querySelector('meta[property="og:title"]').content""")
    assert og_title == blocks[0]["name"]
    assert " ".join(page.locator("h1").first.text_content().split()) == " ".join(HOSTILE.split())
    # Nothing the page itself runs failed because of the metadata.
    assert errors == [], errors
    (artifacts_dir / "meta-hostile-jsonld.json").write_text(json.dumps(blocks, ensure_ascii=False, indent=2))
