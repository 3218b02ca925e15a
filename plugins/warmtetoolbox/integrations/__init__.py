"""Optional couplings to a theme or a front end (Material for MkDocs); used by ``mkdocs_plugin``."""
