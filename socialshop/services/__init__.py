"""Feature services, one module per feature; views, tags and adapters call these."""
