"""Wagtail adapters for socialshop (app label ``socialshop_cms``). Requires the ``cms`` extra."""
