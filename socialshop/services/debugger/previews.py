"""How a shared link renders on Facebook, X, Pinterest and LinkedIn: which tag each reads, where each cuts.

Only X (title 70, description 200) and Pinterest (pin title 100, description 500) publish their limits;
Facebook's and LinkedIn's cut points are what their cards show on a desktop feed, for the preview only.
"""

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..text import truncate
from .report import Preview

MB = 1024 * 1024


@dataclass(frozen=True)
class CardRules:
    network: str
    label: str
    title_limit: int
    description_limit: int
    limits_published: bool  # exceeding a published limit is worth a warning; otherwise only the card cuts
    min_image: tuple  # smallest image (width, height) the network shows at all
    max_image_bytes: int | None
    large_from: tuple | None  # from this size the image is shown large, below it beside the text


FACEBOOK = CardRules("facebook", "Facebook", 88, 160, False, (200, 200), 8 * MB, (600, 315))
X = CardRules("x", "X", 70, 200, True, (144, 144), 5 * MB, None)  # the layout follows twitter:card
PINTEREST = CardRules("pinterest", "Pinterest", 100, 500, True, (80, 80), None, None)
LINKEDIN = CardRules("linkedin", "LinkedIn", 200, 300, False, (200, 200), 5 * MB, (600, 315))
NETWORKS = (FACEBOOK, X, PINTEREST, LINKEDIN)
X_LARGE_MIN = (300, 157)
X_CARDS = ("summary", "summary_large_image", "app", "player")


def card_texts(meta, rules):
    """The untruncated (title, description) a network takes from the page: X reads twitter:* and falls
    back to og:*; the others read og:* and fall back to <title> / meta description."""
    if rules is X:
        return (
            meta.first("twitter:title") or meta.first("og:title"),
            meta.first("twitter:description") or meta.first("og:description"),
        )
    return meta.first("og:title") or meta.title, meta.first("og:description") or meta.description


def card_image_url(meta, rules, page_url):
    """The absolute image URL a network takes, or "" (a relative URL is not followed by crawlers)."""
    url = meta.first("og:image") or meta.first("og:image:url")
    if rules is X:
        url = meta.first("twitter:image") or meta.first("twitter:image:src") or url
    return url if is_absolute(url) else ""


def x_card_type(meta):
    return meta.first("twitter:card").lower()


def is_absolute(url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def build_previews(meta, page_url, images):
    """One Preview per network; ``images`` maps image URLs to ImageFacts (missing = not probed)."""
    canonical_url = urljoin(page_url, meta.first("og:url") or meta.canonical or page_url)
    domain = (urlsplit(canonical_url).hostname or "").removeprefix("www.")
    return [_preview(meta, rules, page_url, images, domain) for rules in NETWORKS]


def _preview(meta, rules, page_url, images, domain):
    title, description = card_texts(meta, rules)
    notes = []
    image = card_image_url(meta, rules, page_url)
    facts = images.get(image)
    problem = image_problem(rules, facts, _declared_size(meta), x_card_type(meta)) if image else ""
    if problem:
        notes.append(problem)
        image = ""
    if rules is PINTEREST and "nopin" in meta.first("pinterest").lower():
        notes.append("The page opts out of Pinterest (nopin): it cannot be pinned.")
        image = ""
    layout = _layout(rules, meta, facts) if image else "none"
    if rules is X and not x_card_type(meta):
        notes.append("No twitter:card: X decides by itself whether to show a card.")
    return Preview(
        network=rules.network,
        label=rules.label,
        title=truncate(title, rules.title_limit),
        description=truncate(description, rules.description_limit),
        image=image,
        domain=domain.upper() if rules is FACEBOOK else domain,
        layout=layout,
        notes=tuple(notes),
    )


def image_problem(rules, facts, declared_size=(None, None), card=""):
    """Why ``rules.network`` would not show this image, or "" if it would (or cannot be told offline)."""
    if facts is None or not facts.checked:
        return ""
    if facts.error:
        return f"{rules.label} cannot fetch the image ({facts.error})."
    if facts.is_svg:
        return f"{rules.label} does not show SVG images."
    if facts.content_type and not facts.content_type.startswith("image/"):
        return f"The image URL serves {facts.content_type}, not an image."
    if rules.max_image_bytes and facts.size_bytes and facts.size_bytes > rules.max_image_bytes:
        return f"{rules.label} refuses images over {rules.max_image_bytes // MB} MB."
    width, height = (facts.width, facts.height) if facts.width else declared_size
    minimum = X_LARGE_MIN if rules is X and card == "summary_large_image" else rules.min_image
    if width and height and (width < minimum[0] or height < minimum[1]):
        return f"{rules.label} ignores images under {minimum[0]}×{minimum[1]} px."
    return ""


def _layout(rules, meta, facts):
    if rules is X:
        return "large" if x_card_type(meta) == "summary_large_image" else "small"
    if rules is PINTEREST:
        return "tall"
    width, height = (facts.width, facts.height) if facts and facts.width else _declared_size(meta)
    if width and height and (width < rules.large_from[0] or height < rules.large_from[1]):
        return "small"
    return "large"


def _declared_size(meta):
    width, height = meta.first("og:image:width"), meta.first("og:image:height")
    if width.isdigit() and height.isdigit():
        return int(width), int(height)
    return None, None
