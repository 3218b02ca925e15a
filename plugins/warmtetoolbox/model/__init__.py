"""The entry model: schema, strict YAML, taxonomy, vocabulary, loading and validation.

The bottom layer. It turns ``toolbox/`` into an immutable ``Corpus`` plus ``Problem``
reports, and is the only code that reads toolbox files. It imports nothing from the
other subpackages and nothing from MkDocs.
"""
