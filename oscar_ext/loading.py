"""A class loader for Oscar's ``OSCAR_DYNAMIC_CLASS_LOADER`` setting: socialshop extends a few of Oscar's
classes (subclasses, not forks) without the project forking the app that owns them.

Set ``OSCAR_DYNAMIC_CLASS_LOADER = "oscar_ext.loading.class_loader"``. Classes a project forked itself still
win: each override subclasses whatever Oscar's default loader returns.
"""

from django.utils.module_loading import import_string
from oscar.core.loading import default_class_loader

#: (Oscar module label, class name) -> dotted path of the subclass used instead.
OVERRIDES = {
    ("dashboard.catalogue.tables", "ProductTable"): "oscar_ext.dashboard.tables.ProductTable",
}


def class_loader(module_label, classnames, module_prefix="oscar.apps"):
    classes = default_class_loader(module_label, classnames, module_prefix)
    return [
        import_string(OVERRIDES[(module_label, name)]) if (module_label, name) in OVERRIDES else found
        for name, found in zip(classnames, classes, strict=True)
    ]


def original_class(module_label, classname):
    """The class Oscar (or the project's fork) provides, for an override to subclass."""
    return default_class_loader(module_label, [classname], "oscar.apps")[0]
