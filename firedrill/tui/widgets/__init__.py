"""The console's widgets: each takes attributes from its screen and posts messages up."""
