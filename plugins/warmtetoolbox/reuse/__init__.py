"""The FAQ reuse map and near-duplicate question detection.

May import ``model`` only.
"""
