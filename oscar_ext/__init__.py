"""Adapters plugging socialshop into django-oscar's extension points (app label ``socialshop_oscar``)."""
