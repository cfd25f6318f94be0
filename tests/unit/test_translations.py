"""The French catalogues of the four packages: complete, compiled, and what shoppers actually get.

Each package's ``locale/fr/LC_MESSAGES/django.po`` is read with polib (an independent reader of the gettext
format) and must have every entry translated and none fuzzy, keep every placeholder and HTML tag of its msgid,
follow French typography and the project's glossary, and ship a ``.mo`` compiled from exactly these
translations. Then, with the sandbox's settings, every msgid is looked up through Django's own gettext: an
app listed earlier in INSTALLED_APPS (Wagtail, Django's contrib apps) wins for a msgid it also translates,
so a clash like Wagtail's "Live" = "Publié" shows up here.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["socialshop", "oscar_ext", "cms_blocks", "sandbox"]
CATALOGUES = {package: ROOT / package / "locale" / "fr" / "LC_MESSAGES" / "django.po" for package in PACKAGES}

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
HTML_TAG = re.compile(r"<[^>]+>")
NBSP = "\u00a0"

# msgid -> what Django returns in the sandbox, where an app earlier in INSTALLED_APPS translates the same
# msgid (acceptably). Our msgstr still serves projects without that app. Anything else must be ours.
EARLIER_APP_WINS = {
    (None, "App"): "App",  # Wagtail admin; an admin-only choice label
    (None, "label"): "étiquette",  # wagtail.contrib.forms; an admin-only field name
    (None, "created at"): "créé à",  # wagtail.contrib.redirects; an admin-only field name
    (None, "Cancelled"): "Annulé",  # Wagtail; an admin-only status
    (None, "Sign in"): "S'identifier",  # Wagtail admin
    (None, "Sort by"): "Ordonner par",  # wagtail.images; a Wagtail block's field label, editors only
}

# English term in a msgid -> what its French translation must contain (docs: the lead's glossary).
GLOSSARY = {
    r"\bbaskets?\b": r"\bpaniers?\b",
    r"\bflash[ -]sales?\b": r"\bventes? flash\b|\bflash\b",
    r"\bunlock": r"déblo",
    r"\bpickup\b": r"\bretrait\b",
    r"\bclick and collect\b": r"retrait en magasin",
    r"\bdashboard\b": r"tableau de bord",
    r"\bout of stock\b": r"rupture de stock",
    r"\blow stock\b": r"stock faible",
    r"\bin stock\b": r"en stock",
    r"\bshare\b": r"partag",
    r"\bcampaigns?\b": r"campagnes?",
    r"\bnetworks?\b": r"réseaux?",
    r"\bapp\b": r"\bappli\b|\bapp\b|\bapplications?\b",
    r"\bfans?\b": r"\bfans?\b",
    r"\btouchpoints?\b": r"points? de contact",
}


def entries(package):
    return [entry for entry in polib.pofile(str(CATALOGUES[package])) if not entry.obsolete]


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def label(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


@pytest.mark.parametrize("package", PACKAGES)
def test_the_catalogue_is_french_with_french_plurals(package):
    catalogue = polib.pofile(str(CATALOGUES[package]))
    assert catalogue.metadata["Language"] == "fr"
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n>1);"
    assert not catalogue.metadata_is_fuzzy  # msgfmt would drop a fuzzy header, plural forms and all
    assert len(entries(package)) > 20


@pytest.mark.parametrize("package", PACKAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(package):
    catalogue = polib.pofile(str(CATALOGUES[package]))
    assert [label(e) for e in catalogue.untranslated_entries()] == []
    assert [label(e) for e in catalogue.fuzzy_entries()] == []
    assert [label(e) for e in catalogue.obsolete_entries()] == []  # makemessages --no-obsolete
    for entry in entries(package):
        assert all(text.strip() for text in translations(entry)), label(entry)
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], label(entry)


@pytest.mark.parametrize("package", PACKAGES)
def test_translations_keep_placeholders_and_tags(package):
    for entry in entries(package):
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        for source, text in zip(sources, translations(entry), strict=True):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), label(entry)
            assert sorted(HTML_TAG.findall(text)) == sorted(HTML_TAG.findall(source)), label(entry)
            assert text.count("\n") == source.count("\n"), label(entry)


@pytest.mark.parametrize("package", PACKAGES)
def test_french_typography(package):
    """« Guillemets », a non-breaking space before : ; ! ? and inside guillemets, the curly apostrophe."""
    for entry in entries(package):
        for text in translations(entry):
            prose = HTML_TAG.sub("", text)
            assert not re.search(r"['\"“”]", prose), label(entry)
            assert not re.search(r"[^\u00a0][:;!?](\s|$)", prose), label(entry)
            assert not re.search(r"[^\u00a0]»|«[^\u00a0]", prose), label(entry)


@pytest.mark.parametrize("package", PACKAGES)
def test_glossary(package):
    for entry in entries(package):
        source = PLACEHOLDER.sub("", entry.msgid)
        for english, french in GLOSSARY.items():
            if re.search(english, source, re.IGNORECASE):
                for text in translations(entry):
                    assert re.search(french, text, re.IGNORECASE), f"{label(entry)!r} -> {text!r}: {french}"


def test_a_msgid_shared_by_two_packages_is_translated_the_same():
    seen = {}
    for package in PACKAGES:
        for entry in entries(package):
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            first = seen.setdefault(key, (package, translations(entry)))
            assert first[1] == translations(entry), f"{label(entry)!r}: {first[0]} and {package} differ"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_mo_file_is_compiled_from_this_po_file(package):
    """A missing or stale .mo (a .po edited without `make messages`) fails here. The compiled catalogue is
    compared by content rather than by date: a fresh clone gives both files the checkout's time."""
    po_path = CATALOGUES[package]
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"

    def catalogue(entries_):
        return {
            (e.msgctxt, e.msgid, e.msgid_plural): translations(e)
            for e in entries_
            if e.msgid and not e.obsolete and "fuzzy" not in e.flags
        }

    compiled = polib.mofile(str(mo_path))
    assert compiled.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n>1);"
    assert catalogue(compiled) == catalogue(polib.pofile(str(po_path))), (
        f"{mo_path} is stale: `make messages`"
    )


def runtime_translation(entry, count=None):
    if entry.msgid_plural:
        if entry.msgctxt:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
        return translation.ngettext(entry.msgid, entry.msgid_plural, count)
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


def same_text(a, b):
    return a.replace("’", "'") == b.replace("’", "'")


@pytest.mark.parametrize("package", PACKAGES)
def test_django_serves_our_translations_in_the_sandbox(package):
    mismatches = {}
    with translation.override("fr"):
        for entry in entries(package):
            if entry.msgid_plural:
                got = [runtime_translation(entry, 1), runtime_translation(entry, 5)]
                if got != translations(entry):
                    mismatches[(entry.msgctxt, entry.msgid)] = got
                continue
            got = runtime_translation(entry)
            if not same_text(got, entry.msgstr):
                mismatches[(entry.msgctxt, entry.msgid)] = got
    expected = {key: value for key, value in EARLIER_APP_WINS.items() if key in mismatches}
    assert mismatches == expected


def test_english_stays_english():
    with translation.override("en"):
        assert translation.gettext("Check in-store availability") == "Check in-store availability"
        assert translation.pgettext("flash sale state", "Live") == "Live"
    with translation.override("fr"):
        assert translation.pgettext("flash sale state", "Live") == "En cours"
        assert translation.ngettext("Only %(count)d left", "Only %(count)d left", 3) % {"count": 3} == (
            "Plus que 3 en stock"
        )
        assert translation.ngettext("Ready in %(count)d hour", "Ready in %(count)d hours", 1) % {
            "count": 1
        } == ("Retrait sous 1 heure")
