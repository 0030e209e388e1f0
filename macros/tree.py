"""One walker over WTForms form trees: every field, nested FormFields and FieldList rows included."""

from collections.abc import Iterable
from collections.abc import Iterator

from wtforms import Field


def walk_fields(fields: Iterable[Field], *, containers: bool = False) -> Iterator[Field]:
    """Every leaf field under `fields` (a form, or a list of fields) in page order, depth first.

    With `containers`, each FormField and FieldList comes too, just before what it holds.
    """
    for field in fields:
        if field.type == "FormField":
            children: Iterable[Field] = field.form
        elif field.type == "FieldList":
            children = field.entries
        else:
            yield field
            continue
        if containers:
            yield field
        yield from walk_fields(children, containers=containers)
