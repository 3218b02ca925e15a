"""The site: editions, generated pages and data files, feeds, templates, CSP and the build.

Renders the products (``search``, ``reuse``, ``history``) of an edition's corpus into
``GeneratedPage`` objects that any static-site front end can write out; ``sitebuild``
runs the whole build atomically. May import ``model``, ``search``, ``reuse`` and
``history``; never MkDocs (``mkdocs_plugin`` is the adapter) and never ``cli``.
"""
