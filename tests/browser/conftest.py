"""Playwright driving Debian's Chromium against pytest-django's live server. No browser is downloaded."""

import pytest


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(locale="en-GB", **options):
        context = browser.new_context(
            locale=locale, extra_http_headers={"Accept-Language": locale}, **options
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
