"""Full-text search product: the Whoosh index, searching, similar topics and the JSON API.

Every Whoosh call in the project lives here. May import ``model`` only.
"""
