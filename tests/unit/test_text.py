from hypothesis import given
from hypothesis import strategies as st

from socialshop.services.text import plain_text, truncate


def test_plain_text_strips_tags_decodes_entities_and_collapses_whitespace():
    assert plain_text("<p>Lin  &amp; coton</p>\n<p>lavé</p>") == "Lin & coton lavé"
    assert plain_text(None) == ""


def test_truncate_cuts_at_a_word_boundary():
    assert truncate("Robe portefeuille en lin lavé", 20) == "Robe portefeuille…"
    assert truncate("Robe", 20) == "Robe"
    assert truncate("Anticonstitutionnellement", 10) == "Anticonst…"


@given(st.text(), st.integers(min_value=1, max_value=400))
def test_truncate_never_exceeds_the_limit(text, limit):
    result = truncate(text, limit)
    assert len(result) <= limit
    if len(text) <= limit:
        assert result == text
