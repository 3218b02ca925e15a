"""Warmtetoolbox core: load, validate and publish toolbox entries.

Layers, imports pointing down only:

- ``model``: schema, strict YAML, taxonomy, vocabulary, loading → an immutable corpus;
- ``search``, ``reuse``, ``history``: products computed from a corpus (import ``model``);
- ``site``: editions and the generated pages, feeds and files (imports the products);
- ``cli`` and ``mkdocs_plugin`` (with ``integrations/``): the two front ends.

Nothing imports MkDocs except ``mkdocs_plugin``, the thin adapter.
"""

__version__ = "0.1.0"
