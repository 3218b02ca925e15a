"""Warmtetoolbox core: load, validate and publish toolbox entries.

Nothing in this package imports MkDocs except ``mkdocs_plugin``, the thin adapter.
"""

__version__ = "0.1.0"
