"""macros.tree.walk_fields: the one walker over nested FormField / FieldList trees."""

from wtforms import FieldList
from wtforms import Form
from wtforms import FormField
from wtforms import StringField
from wtforms import SubmitField

from macros.tree import walk_fields


class RowForm(Form):
    name = StringField()
    quantity = StringField()


class AddressForm(Form):
    city = StringField()


class TreeForm(Form):
    title = StringField()
    address = FormField(AddressForm)
    rows = FieldList(FormField(RowForm), min_entries=2)
    grid = FieldList(FieldList(StringField(), min_entries=2), min_entries=1)
    save = SubmitField()


def test_leaves_come_in_page_order_at_every_depth():
    assert [field.name for field in walk_fields(TreeForm())] == [
        "title",
        "address-city",
        "rows-0-name",
        "rows-0-quantity",
        "rows-1-name",
        "rows-1-quantity",
        "grid-0-0",
        "grid-0-1",
        "save",
    ]


def test_containers_come_just_before_what_they_hold():
    names = [field.name for field in walk_fields(TreeForm(), containers=True)]
    assert names[:5] == ["title", "address", "address-city", "rows", "rows-0"]
    assert names.index("grid") < names.index("grid-0") < names.index("grid-0-0")


def test_a_list_of_fields_can_be_walked_too():
    form = TreeForm()
    assert [field.name for field in walk_fields(form.rows.entries)][:2] == ["rows-0-name", "rows-0-quantity"]
