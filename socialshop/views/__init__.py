"""socialshop's public views, one module per feature."""
