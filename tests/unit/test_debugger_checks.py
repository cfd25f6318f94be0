"""Findings of the sharing debugger, one spoiled tag at a time, on pages and images mocked with
``responses``. Where a parser other than ours has an opinion (extruct, metadata_parser), it is asked."""

import json

import extruct
import metadata_parser
import pytest
import requests
import responses

from socialshop.services.debugger import HttpTransport, inspect
from tests.debugger_pages import (
    SVG,
    good_json_ld,
    good_page,
    good_tags,
    jpeg_bytes,
    page,
    png_bytes,
    replaced,
    without,
)

URL = "https://shop.example/catalogue/robe_1/"
IMAGE = "https://shop.example/media/robe.jpg"
IN_STOCK = "https://schema.org/InStock"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


GOOD_IMAGE = jpeg_bytes((1200, 630))


def check(mocked, html, image=GOOD_IMAGE, image_type="image/jpeg", image_url=IMAGE, **image_kw):
    mocked.get(URL, body=html, content_type="text/html; charset=utf-8")
    if image is not None:
        mocked.get(image_url, body=image, content_type=image_type, **image_kw)
    return inspect(URL, HttpTransport(retries=0, timeout=2))


def by_code(report, code):
    return [finding for finding in report.findings if finding.code == code]


def test_a_complete_page_has_no_error_and_no_warning(mocked):
    html = good_page(URL, IMAGE)
    report = check(mocked, html)
    assert report.findings == []
    assert report.exit_code == 0
    assert (report.images[0].width, report.images[0].height) == (1200, 630)
    # Our reading of the tags agrees with an independent parser's.
    oracle = metadata_parser.MetadataParser(html=html, search_head_only=False).parsed_result
    tags = dict(report.tags)
    assert [tags["og:title"]] == oracle.get_metadatas("title", strategy=["og"])["og"]
    assert [tags["og:image"]] == oracle.get_metadatas("image", strategy=["og"])["og"]
    assert [tags["twitter:card"]] == oracle.get_metadatas("card", strategy=["twitter"])["twitter"]
    assert [report.canonical] == oracle.get_metadatas("canonical", strategy=["page"])["page"]
    assert extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]["offers"]["price"] == "89.00"


@pytest.mark.parametrize("key", ["og:title", "og:type", "og:image", "og:url"])
def test_missing_required_tag_is_an_error(mocked, key):
    report = check(mocked, page(without(good_tags(URL, IMAGE), key), canonical=URL))
    missing = [finding for finding in report.errors if finding.code == "missing-tag"]
    assert [finding.tag for finding in missing] == [key]
    assert report.exit_code == 1


def test_recommended_tags_are_warnings(mocked):
    tags = without(good_tags(URL, IMAGE), "og:description", "og:image:width", "og:image:alt", "twitter:card")
    report = check(mocked, page(tags, canonical=URL))
    assert report.errors == []
    assert {finding.tag for finding in report.warnings} == {
        "og:description",
        "og:image:width",
        "og:image:alt",
        "twitter:card",
    }


def test_relative_og_image_is_an_error_and_still_probed(mocked):
    tags = replaced(good_tags(URL, IMAGE), og__image="/media/robe.jpg")
    report = check(mocked, page(tags, canonical=URL))
    assert [(f.code, f.tag) for f in report.errors] == [("not-absolute", "og:image")]
    assert report.images[0].url == IMAGE and report.images[0].width == 1200
    assert all(preview.image == "" for preview in report.previews)  # no network follows a relative URL


@pytest.mark.parametrize(
    "answer",
    [{"status": 404}, {"body": requests.ConnectionError("[Errno 111] Connection refused")}],
    ids=["404", "refused"],
)
def test_unreachable_image_is_an_error(mocked, answer):
    mocked.get(URL, body=good_page(URL, IMAGE), content_type="text/html")
    mocked.get(IMAGE, **answer)
    report = inspect(URL, HttpTransport(retries=0))
    assert report.codes("error") == ["image-unreachable"]
    assert report.previews[0].image == "" and "cannot fetch" in report.previews[0].notes[0]


def test_an_html_answer_is_not_an_image(mocked):
    report = check(mocked, good_page(URL, IMAGE), image=b"<html>soft 404</html>", image_type="text/html")
    assert report.codes("error") == ["image-not-image"]


@pytest.mark.parametrize(
    "size, level, code, words",
    [
        ((199, 400), "error", "image-too-small", "under 200×200"),
        ((150, 150), "error", "image-too-small", "under 200×200"),
        ((500, 300), "warning", "image-small", "small square"),
        ((1000, 600), "warning", "image-small", "large card"),
    ],
)
def test_image_size_thresholds(mocked, size, level, code, words):
    tags = replaced(good_tags(URL, IMAGE), og__image__width=str(size[0]), og__image__height=str(size[1]))
    report = check(
        mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]), image=png_bytes(size)
    )
    [finding] = [f for f in report.findings if f.code not in ("x-image-too-small",)]
    assert (finding.level, finding.code) == (level, code) and words in finding.message
    assert f"{size[0]}×{size[1]}" in finding.message


def test_declared_size_must_match_the_image(mocked):
    report = check(mocked, good_page(URL, IMAGE), image=jpeg_bytes((1200, 1200)))
    assert report.codes() == ["image-size-mismatch"]


@pytest.mark.parametrize(
    "total, level, code",
    [(9 * 1024 * 1024, "error", "image-too-heavy"), (6 * 1024 * 1024, "warning", "image-heavy")],
)
def test_image_weight_thresholds(mocked, total, level, code):
    data = jpeg_bytes((1200, 630))
    report = check(
        mocked,
        good_page(URL, IMAGE),
        image=data,
        status=206,
        headers={"Content-Range": f"bytes 0-{len(data) - 1}/{total}"},
    )
    assert [(f.level, f.code) for f in report.findings] == [(level, code)]
    x_preview = next(preview for preview in report.previews if preview.network == "x")
    assert x_preview.image == "" and "5 MB" in x_preview.notes[0]


@pytest.mark.parametrize(
    "image_url, content_type",
    [(IMAGE, "image/svg+xml"), ("https://shop.example/media/logo.svg", "application/octet-stream")],
)
def test_svg_is_an_error(mocked, image_url, content_type):
    html = good_page(URL, image_url)
    report = check(mocked, html, image=SVG, image_type=content_type, image_url=image_url)
    assert report.codes("error") == ["image-svg"]
    assert all(preview.image == "" for preview in report.previews)


def test_twitter_image_is_checked_with_x_rules(mocked):
    tiny = "https://shop.example/media/tiny.png"
    tags = good_tags(URL, IMAGE) + [("name", "twitter:image", tiny)]
    mocked.get(tiny, body=png_bytes((280, 150)), content_type="image/png")
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert [(f.code, f.tag) for f in report.errors] == [("x-image-too-small", "twitter:image")]
    assert "300×157" in report.errors[0].message


def test_og_url_must_equal_the_canonical(mocked):
    tags = replaced(good_tags(URL, IMAGE), og__url="https://shop.example/catalogue/robe/")
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert report.codes("warning") == ["url-mismatch"]
    assert report.codes("info") == ["og-url-elsewhere"]  # and Facebook would go and read that URL


def test_canonical_comparison_ignores_host_case_and_fragment(mocked):
    tags = replaced(good_tags(URL, IMAGE), og__url="https://SHOP.example/catalogue/robe_1/#top")
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert report.findings == []


def test_long_title_and_description_are_cut_where_networks_cut(mocked):
    title = "Robe portefeuille en lin lavé, manches trois-quarts, ceinture à nouer et poches"
    description = "Lin lavé. " * 30  # 300
    html = page(good_tags(URL, IMAGE, title=title, description=description.strip()), canonical=URL,
                json_ld=[good_json_ld(URL, IMAGE)])  # fmt: skip
    report = check(mocked, html)
    [title_finding] = by_code(report, "title-too-long")
    [description_finding] = by_code(report, "description-too-long")
    assert title_finding.message == "The title is too long: X cuts it at 70 characters (it has 79)."
    assert "X cuts it at 200 characters" in description_finding.message
    assert "Pinterest" not in description_finding.message
    previews = {preview.network: preview for preview in report.previews}
    assert len(previews["x"].title) <= 70 and previews["x"].title.endswith("…")
    assert previews["pinterest"].title == title  # Pinterest takes 100


def test_duplicates_and_conflicts(mocked):
    tags = good_tags(URL, IMAGE)
    tags += [("property", "og:title", "Autre titre"), ("property", "og:type", "product")]
    tags += [("property", "og:image", "https://shop.example/media/other.jpg")]  # a second image is allowed
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert [(f.level, f.code, f.tag) for f in report.findings] == [
        ("warning", "conflicting-tags", "og:title"),
        ("info", "duplicate-tag", "og:type"),
    ]
    assert "'Robe portefeuille en lin'" in report.warnings[0].message  # the first wins
    assert report.previews[0].title == "Robe portefeuille en lin"


def test_conflicting_canonicals(mocked):
    html = good_page(URL, IMAGE).replace("</head>", '<link rel="canonical" href="/autre/"></head>')
    assert check(mocked, html).codes() == ["conflicting-tags"]


def test_og_tags_in_name_attributes_are_flagged(mocked):
    tags = [
        ("name" if key == "og:title" else attribute, key, value)
        for attribute, key, value in good_tags(URL, IMAGE)
    ]
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert report.codes() == ["name-attribute"]
    assert report.previews[0].title == "Robe portefeuille en lin"  # Facebook still reads it


def test_json_ld_must_be_strict_json(mocked):
    tolerated = (
        '{"@context": "https://schema.org", // a comment\n "@type": "Organization", "name": "Maison",}'
    )
    html = good_page(URL, IMAGE).replace(
        "</head>", f'<script type="application/ld+json">{tolerated}</script></head>'
    )
    # extruct (like some crawlers) tolerates the comment and the trailing comma ...
    assert {"@type": "Organization"}.items() <= extruct.extract(html, syntaxes=["json-ld"])["json-ld"][
        1
    ].items()
    # ... strict parsers do not, so the debugger reports it.
    report = check(mocked, html)
    assert [(f.code, f.level) for f in report.findings] == [("jsonld-invalid", "error")]
    assert "block 2" in report.errors[0].message


def test_json_ld_with_nan_is_not_json(mocked):
    block = json.dumps({"@type": "Thing", "value": float("nan")})
    html = good_page(URL, IMAGE).replace(
        "</head>", f'<script type="application/ld+json">{block}</script></head>'
    )
    assert check(mocked, html).codes() == ["jsonld-invalid"]


def test_raw_less_than_in_json_ld_is_a_warning(mocked):
    block = json.dumps({"@type": "Thing", "name": "Taille <b>S</b>"})
    html = good_page(URL, IMAGE).replace(
        "</head>", f'<script type="application/ld+json">{block}</script></head>'
    )
    assert check(mocked, html).codes() == ["jsonld-unescaped"]


@pytest.mark.parametrize(
    "key, code",
    [
        ("product:price:amount", "product-price-missing"),
        ("product:price:currency", "product-currency-missing"),
        ("product:availability", "product-availability-missing"),
    ],
)
def test_product_pages_need_price_currency_and_availability(mocked, key, code):
    html = page(without(good_tags(URL, IMAGE), key), canonical=URL, json_ld=[good_json_ld(URL, IMAGE)])
    report = check(mocked, html)
    assert [(f.code, f.tag) for f in report.errors] == [(code, key)]


@pytest.mark.parametrize(
    "values, code, level",
    [
        ({"product__price__amount": "89,00 €"}, "product-price-invalid", "error"),
        ({"product__price__currency": "€"}, "product-currency-invalid", "error"),
        ({"product__availability": "instock"}, "product-availability-invalid", "warning"),
    ],
)
def test_product_values_are_validated(mocked, values, code, level):
    tags = replaced(good_tags(URL, IMAGE), **values)
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert [(f.code, f.level) for f in report.findings] == [(code, level)]


def test_pinterest_availability_spelling_gets_a_hint(mocked):
    tags = without(good_tags(URL, IMAGE), "product:availability") + [
        ("property", "og:availability", "instock")
    ]
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert (
        report.codes("error") == ["product-availability-missing"] and "Pinterest" in report.errors[0].message
    )


def offer_page(offer):
    product = {"@context": "https://schema.org", "@type": "Product", "name": "Robe", "image": IMAGE}
    if offer is not None:
        product["offers"] = offer
    return page(good_tags(URL, IMAGE), canonical=URL, json_ld=[json.dumps(product)])


@pytest.mark.parametrize(
    "offer, codes",
    [
        (None, ["product-offer-missing"]),
        ({"@type": "Offer", "priceCurrency": "EUR", "availability": IN_STOCK}, ["product-price-missing"]),
        (
            {"@type": "Offer", "price": 0, "priceCurrency": "EUR", "availability": IN_STOCK},
            ["product-price-invalid"],
        ),
        ({"@type": "Offer", "price": "89.00", "availability": IN_STOCK}, ["product-currency-missing"]),
        ({"@type": "Offer", "price": "89.00", "priceCurrency": "EUR"}, ["product-availability-missing"]),
        ({"@type": "AggregateOffer", "lowPrice": "59", "priceCurrency": "EUR", "offerCount": 3}, []),
        (
            {"@type": "Offer", "availability": IN_STOCK,
             "priceSpecification": {"@type": "UnitPriceSpecification", "price": 89, "priceCurrency": "EUR"}},
            [],
        ),
    ],
)  # fmt: skip
def test_schema_org_offers(mocked, offer, codes):
    assert check(mocked, offer_page(offer)).codes() == codes


def test_product_group_variants_are_checked(mocked):
    variant = {
        "@type": "Product",
        "name": "Robe S",
        "offers": {"@type": "Offer", "price": "89", "priceCurrency": "EUR"},
    }
    group = {
        "@context": "https://schema.org",
        "@type": "ProductGroup",
        "name": "Robe",
        "hasVariant": [variant],
    }
    report = check(mocked, page(good_tags(URL, IMAGE), canonical=URL, json_ld=[json.dumps(group)]))
    assert report.codes() == ["product-availability-missing"] and "Robe S" in report.errors[0].message


def test_product_tags_on_a_website_page_are_extraneous(mocked):
    tags = replaced(good_tags(URL, IMAGE), og__type="website")
    report = check(mocked, page(tags, canonical=URL))
    assert report.codes() == ["extraneous-properties"]


def test_invalid_twitter_card(mocked):
    tags = replaced(good_tags(URL, IMAGE), twitter__card="large")
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert [(f.code, f.tag) for f in report.errors] == [("invalid-value", "twitter:card")]


def test_undeclared_prefixes_are_noted(mocked):
    html = good_page(URL, IMAGE).replace(' prefix="', ' data-prefix="')
    report = check(mocked, html)
    assert report.codes() == ["prefix-undeclared"]
    assert "fb:, product:" in report.findings[0].message
    # The independent oracle agrees that it matters: extruct drops fb: without the declaration.
    assert "fb:app_id" not in dict(
        extruct.extract(html, syntaxes=["opengraph"])["opengraph"][0]["properties"]
    )


def test_nopin_is_noted_and_the_pin_preview_has_no_image(mocked):
    html = good_page(URL, IMAGE).replace("</head>", '<meta name="pinterest" content="nopin"></head>')
    report = check(mocked, html)
    assert report.codes() == ["nopin"]
    pinterest = next(preview for preview in report.previews if preview.network == "pinterest")
    assert pinterest.image == "" and "nopin" in pinterest.notes[0]


def test_report_serialises_to_json(mocked):
    report = check(mocked, page(without(good_tags(URL, IMAGE), "og:image"), canonical=URL))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["exit_code"] == 1 and data["counts"]["error"] == 1
    assert {"level": "error", "code": "missing-tag", "tag": "og:image"}.items() <= data["findings"][0].items()
    assert [preview["network"] for preview in data["previews"]] == ["facebook", "x", "pinterest", "linkedin"]


def test_og_image_url_is_an_alias_of_og_image(mocked):
    tags = [
        (attribute, "og:image:url" if key == "og:image" else key, value)
        for attribute, key, value in good_tags(URL, IMAGE)
    ]
    report = check(mocked, page(tags, canonical=URL, json_ld=[good_json_ld(URL, IMAGE)]))
    assert report.findings == [] and report.images[0].width == 1200
