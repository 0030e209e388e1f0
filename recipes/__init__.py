"""Recipes with repeating ingredient rows: list and search, view, write, edit, delete.

The blueprint lives in `recipes.routes` (not here), so that `forms.recipe` can import
`recipes.models` without pulling in the views that import it.
"""
