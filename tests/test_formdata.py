"""Forms read only what a browser could have sent them (forms/formdata.py)."""

import importlib
import io
import pkgutil

import pytest
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import MultiDict
from wtforms import FieldList
from wtforms import Form
from wtforms import FormField
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import Length

import forms
import gallery
import wizard
from forms.base import FormworkForm
from forms.base import FormworkSubform
from forms.formdata import clean_formdata
from forms.formdata import sane_key


class Document(FormworkSubform):
    title = StringField("Title", validators=[Length(max=40)])
    scan = FileField("Scan")


class Box(FormworkSubform):
    label = StringField("Label", validators=[DataRequired(), Length(max=40)])


class Upload(FormworkSubform):
    name = StringField("Name", validators=[DataRequired(), Length(max=40)])
    picture = FileField("Picture")
    documents = FieldList(FormField(Document), max_entries=5)
    tags = FieldList(StringField("Tag", validators=[Length(max=10)]), max_entries=5)
    photos = FieldList(FileField("Photo"), max_entries=5)
    grid = FieldList(FieldList(StringField("Cell", validators=[Length(max=5)]), max_entries=3), max_entries=3)
    box = FormField(Box)


def a_file(name: str = "x.png") -> FileStorage:
    return FileStorage(io.BytesIO(b"\x89PNG fake"), filename=name)


@pytest.mark.parametrize("key", ["name", "tags-0", "tags-999999", "documents-12-title", "a-b-c", "x1-2y"])
def test_keys_a_browser_sends_are_kept(key):
    assert sane_key(key)


@pytest.mark.parametrize("key", ["tags-²", "tags-٣", "tags-" + "9" * 7, "documents-" + "1" * 5000 + "-title"])
def test_row_indices_int_cannot_read_are_dropped(key):
    assert not sane_key(key)
    form = Upload(MultiDict([("name", "Ada"), (key, "x")]))
    assert form.name.data == "Ada"


def test_files_reach_only_file_fields():
    data = MultiDict(
        [
            ("name", a_file()),
            ("picture", a_file("p.png")),
            ("tags-0", a_file()),
            ("photos-0", a_file("ph.png")),
            ("documents-0-title", a_file()),
            ("documents-0-scan", a_file("s.pdf")),
            ("box-label", a_file()),
            ("grid-0-0", a_file()),
        ]
    )
    form = Upload(data)
    assert form.name.data is None
    assert form.picture.data.filename == "p.png"
    assert form.tags.entries == []  # the row's only value was dropped, so there is no row
    assert form.photos.entries[0].data.filename == "ph.png"
    assert form.documents.entries[0].form.title.data is None
    assert form.documents.entries[0].form.scan.data.filename == "s.pdf"
    assert form.box.form.label.data is None
    assert form.grid.entries == []
    assert not form.validate()
    assert form.errors["name"] == ["This field is required."]
    assert form.errors["box"] == {"label": ["This field is required."]}


def test_values_that_are_not_text_are_dropped():
    form = Upload(MultiDict([("name", {"a": 1}), ("tags-0", 5), ("tags-1", None), ("box-label", "ok")]))
    assert form.name.data is None
    assert form.tags.entries == []
    assert form.box.form.label.data == "ok"


def test_clean_data_is_passed_on_untouched():
    data = MultiDict([("name", "Ada"), ("tags-0", "x"), ("picture", a_file())])
    assert clean_formdata(Upload(), data) is data


def test_a_json_body_that_is_not_an_object_counts_as_empty(app):
    class Page(FormworkForm):
        name = StringField("Name", validators=[DataRequired()])

    for body in ("[1, 2]", '"hello"', "5"):
        with app.test_request_context("/", method="POST", data=body, content_type="application/json"):
            form = Page(meta={"csrf": False})
            assert not form.validate()
            assert form.errors == {"name": ["This field is required."]}
    with app.test_request_context("/", method="POST", json={"name": "Ada", "extra": {"x": 1}}):
        assert Page(meta={"csrf": False}).name.data == "Ada"


def project_form_classes():
    """Every form class the project declares in forms/, gallery/ and wizard/."""
    for package in (forms, gallery, wizard):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            for value in vars(importlib.import_module(module.name)).values():
                if isinstance(value, type) and issubclass(value, Form) and value.__module__ == module.name:
                    yield value


def test_every_project_form_cleans_its_data():
    classes = list(project_form_classes())
    assert len(classes) > 10
    for form_class in classes:
        assert issubclass(form_class, (FormworkForm, FormworkSubform)), form_class


def test_every_project_fieldlist_has_a_maximum():
    """Without max_entries a crafted post of 15,000 row keys draws 15,000 rows."""
    for form_class in project_form_classes():
        for name in dir(form_class):
            unbound = getattr(form_class, name)
            if getattr(unbound, "field_class", None) is FieldList:
                assert unbound.kwargs.get("max_entries"), f"{form_class.__name__}.{name} has no max_entries"


def test_rows_beyond_the_maximum_are_not_read(app):
    keys = [(f"tags-{index}", "t") for index in range(0, 20_000, 7)]
    form = Upload(MultiDict([("name", "Ada"), *keys]))
    assert len(form.tags.entries) == 5
