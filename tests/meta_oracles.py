"""What independent parsers read from a page's social metadata (extruct, metadata_parser, strict JSON).

Tests assert on these readings, never on socialshop's own strings.
"""

import json
from dataclasses import dataclass

import extruct
import metadata_parser
from bs4 import BeautifulSoup


def _reject_constant(name):
    raise ValueError(f"not strict JSON: {name}")


def strict_json(text):
    """json.loads that also refuses NaN/Infinity, which JSON does not have."""
    return json.loads(text, parse_constant=_reject_constant)


@dataclass
class Reading:
    html: str
    og: dict  # property -> [values], as extruct reads Open Graph (prefixes honoured)
    og_namespaces: dict
    jsonld: list  # every application/ld+json block, parsed with strict json.loads
    extruct_jsonld: list
    metadata: dict  # metadata_parser's reading: og / twitter / page (canonical) / meta
    canonical: str

    def og_value(self, prop):
        values = self.og.get(prop, [])
        return values[0] if values else None  # the first of a repeated tag wins

    def twitter(self, name):
        value = self.metadata["twitter"].get(name)
        return value[0] if isinstance(value, list) else value

    def jsonld_of_type(self, type_):
        return [doc for doc in self.jsonld if doc.get("@type") == type_]


def read(html, url="http://testserver/"):
    og_items = extruct.extract(html, base_url=url, syntaxes=["opengraph"], uniform=False)["opengraph"]
    og, namespaces = {}, {}
    for item in og_items:
        namespaces.update(item["namespace"])
        for prop, value in item["properties"]:
            og.setdefault(prop, []).append(value)
    soup = BeautifulSoup(html, "html.parser")
    blocks = [
        strict_json(script.string or "") for script in soup.find_all("script", type="application/ld+json")
    ]
    parser = metadata_parser.MetadataParser(html=html, search_head_only=True)
    metadata = parser.parsed_result.metadata
    return Reading(
        html=html,
        og=og,
        og_namespaces=namespaces,
        jsonld=blocks,
        extruct_jsonld=extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"],
        metadata=metadata,
        canonical=metadata["page"].get("canonical"),
    )


def read_response(response):
    assert response.status_code == 200, response.status_code
    return read(response.content.decode())
