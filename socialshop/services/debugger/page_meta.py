"""The sharing-relevant parts of an HTML page, read the way crawlers read them (beautifulsoup4).

Facebook's crawler reads ``<meta property>`` and also accepts ``<meta name>`` for Open Graph; X reads
``twitter:*`` from either attribute. Every tag is kept in document order with its repeats, because
"first one wins" and "these two conflict" are findings of their own.
"""

from dataclasses import dataclass, field

from bs4 import BeautifulSoup

#: Namespaces whose tags belong in ``property`` (RDFa); ``name`` works on Facebook but not everywhere.
PROPERTY_PREFIXES = ("og:", "fb:", "product:", "article:", "al:", "profile:", "book:", "music:", "video:")


@dataclass
class MetaTag:
    key: str  # lower-cased property or name, e.g. "og:title"
    value: str
    attribute: str  # "property" or "name"


@dataclass
class PageMeta:
    tags: list = field(default_factory=list)  # MetaTag, document order
    canonicals: list = field(default_factory=list)
    title: str = ""  # <title>
    json_ld: list = field(default_factory=list)  # raw text of each application/ld+json block
    prefixes: str = ""  # the ``prefix`` attributes of <html> and <head>, joined

    def all(self, key):
        return [tag.value for tag in self.tags if tag.key == key]

    def first(self, key, default=""):
        """The value a crawler uses: the first occurrence wins."""
        return next((tag.value for tag in self.tags if tag.key == key), default)

    def has(self, key):
        return any(tag.key == key for tag in self.tags)

    def keys_starting(self, prefix):
        return [tag.key for tag in self.tags if tag.key.startswith(prefix)]

    @property
    def canonical(self):
        return self.canonicals[0] if self.canonicals else ""

    @property
    def description(self):
        """``<meta name="description">``, the fallback of og:description."""
        return self.first("description")


def parse_meta(body, encoding=None):
    """Read a page (bytes or text); ``encoding`` is the charset the server declared, if any."""
    soup = BeautifulSoup(body, "html.parser", from_encoding=encoding if isinstance(body, bytes) else None)
    meta = PageMeta()
    for element in soup.find_all("meta"):
        key, attribute = _meta_key(element)
        if key:
            meta.tags.append(MetaTag(key, _squash(element.get("content", "")), attribute))
    for link in soup.find_all("link", href=True):
        if "canonical" in [rel.lower() for rel in link.get("rel", [])]:
            meta.canonicals.append(link["href"].strip())
    if soup.title and soup.title.string:
        meta.title = _squash(soup.title.string)
    for script in soup.find_all("script", type=True):
        if script["type"].split(";")[0].strip().lower() == "application/ld+json":
            meta.json_ld.append(script.string or "")
    meta.prefixes = " ".join(
        element.get("prefix", "") for element in (soup.html, soup.head) if element is not None
    ).strip()
    return meta


def _meta_key(element):
    for attribute in ("property", "name"):
        value = element.get(attribute)
        if isinstance(value, list):  # bs4 splits some attributes on whitespace
            value = " ".join(value)
        if value and value.strip():
            return value.strip().lower(), attribute
    return "", ""


def _squash(value):
    """Whitespace collapsed as crawlers show it (the parser has already decoded entities)."""
    return " ".join(str(value).split())
