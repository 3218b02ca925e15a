"""Entry history from git: versions, comparisons, freshness, ``check --base`` and ``bump``.

Git is only read here (``bump`` edits one entry file in place). May import ``model`` only.
"""
