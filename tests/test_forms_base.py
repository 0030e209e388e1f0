"""Quick rendering must produce exactly what WTForms' own widgets produce."""

import pytest
from flask_wtf.file import FileField
from flask_wtf.file import MultipleFileField
from markupsafe import Markup
from markupsafe import escape
from wtforms import BooleanField
from wtforms import DateField
from wtforms import EmailField
from wtforms import Form
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SearchField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.fields import IntegerRangeField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.widgets import html_params

from forms.base import FormworkSubform
from forms.base import quick_html_params
from forms.fields import ChoiceList
from forms.fields import LongSelectField
from forms.fields import QuickSelect
from macros.escaping import quick_escape
from macros.escaping import translate_escape


def declare(base):
    class Demo(base):
        name = StringField("Name", validators=[DataRequired(), Length(2, 30)], render_kw={"data_x": 'q"<'})
        email = EmailField("E-mail")
        secret = PasswordField("Secret", validators=[Length(max=9)])
        age = IntegerField("Age")
        when = DateField("When")
        agree = BooleanField("Agree")
        plan = RadioField("Plan", choices=[SelectChoice("a", "A"), SelectChoice("b", "B <b>")])
        token = HiddenField()
        find = SearchField()
        upload = FileField("Upload")
        uploads = MultipleFileField("Uploads")
        go = SubmitField("Go")
        bio = TextAreaField("Bio", validators=[Length(max=50)])
        count = IntegerField("Count", validators=[NumberRange(1, 9)])
        level = IntegerRangeField("Level", validators=[NumberRange(max=5)])
        named = StringField("Named", datalist="known-names")

    return Demo


PLAIN, QUICK = declare(Form), declare(FormworkSubform)
DATA = {
    "name": '<Ada & "Bob">',
    "email": "a@b.c",
    "secret": "pw",
    "age": 3,
    "agree": True,
    "plan": "b",
    "token": "t'",
    "bio": '<p class="x">\nA & B</p>',
}


@pytest.mark.parametrize(
    "name", [*DATA, "when", "find", "upload", "uploads", "go", "count", "level", "named"]
)
@pytest.mark.parametrize(
    "extra",
    [{}, {"class_": "form-control", "aria_describedby": "x-help", "disabled": True, "readonly": False}],
)
def test_quick_widgets_render_exactly_like_wtforms(name, extra):
    plain, quick = PLAIN(data=DATA), QUICK(data=DATA)
    assert str(quick[name](**extra)) == str(plain[name](**extra))


@pytest.mark.parametrize("name", ["name", "secret", "agree", "count", "upload", "bio"])
def test_quick_inputs_read_flags_set_after_binding_like_wtforms(name):
    def worked_out() -> str:  # one object for both forms: a textarea prints it as it is
        return "readonly"

    plain, quick = PLAIN(data=DATA), QUICK(data=DATA)
    for form in (plain, quick):  # a flag set by hand, one worked out when drawn, one a widget ignores
        form[name].flags.disabled = True
        form[name].flags.readonly = worked_out
        form[name].flags.autofocus = True
    assert str(quick[name]()) == str(plain[name]())


def test_quick_inputs_leave_flags_of_another_kind_to_wtforms():
    class Flags:
        required = True

    plain, quick = PLAIN(data=DATA), QUICK(data=DATA)
    for name in ("name", "bio"):
        plain[name].flags = quick[name].flags = Flags()
        assert str(quick[name]()) == str(plain[name]())


def test_radio_options_render_like_wtforms():
    plain, quick = PLAIN(data=DATA), QUICK(data=DATA)
    assert [str(o()) for o in quick.plan] == [str(o()) for o in plain.plan]


@pytest.mark.parametrize(
    "attrs",
    [
        {"a": 1},
        {"b": True, "a": False},
        {"class_": "x", "for_": "y"},
        {"data_a_b": "<>&\"'"},
        {"v": Markup("<i>")},
        {"n": None},
    ],
)
def test_quick_html_params_matches_wtforms(attrs):
    assert quick_html_params(**attrs) == html_params(**attrs)


COUNTRIES = ChoiceList(
    [SelectChoice("", "Choose"), SelectChoice("FR", "France"), SelectChoice("GB", 'U<K> "&"')]
)


class Countries(Form):
    plain = SelectField("Country", choices=list(COUNTRIES), validators=[DataRequired()])
    quick = LongSelectField("Country", choices=COUNTRIES, validators=[DataRequired()])


class CountriesFromAFunction(Form):
    plain = SelectField("Country", choices=lambda: list(COUNTRIES), validators=[DataRequired()])
    quick = LongSelectField("Country", choices=lambda: COUNTRIES, validators=[DataRequired()])


@pytest.mark.parametrize("form_class", [Countries, CountriesFromAFunction])
@pytest.mark.parametrize("value", [None, "", "GB", "FR", "ZZ"])
def test_long_select_renders_and_validates_like_a_select(form_class, value):
    form = form_class(data={"plain": value, "quick": value})
    attrs = {"class_": "form-select", "aria_invalid": "true"}
    assert str(form.quick(**attrs)).replace('id="quick" name="quick"', "") == str(
        form.plain(**attrs)
    ).replace('id="plain" name="plain"', "")
    form.validate()
    assert form.quick.errors == form.plain.errors
    assert isinstance(form.quick.widget, QuickSelect)


class CountryOnly(Form):
    x = LongSelectField("Country", choices=lambda: COUNTRIES, validators=[DataRequired()])


def test_a_long_select_given_a_function_holds_its_choice_list_without_asking_its_signature(monkeypatch):
    def no_signature(*args, **kwargs):
        raise AssertionError("inspect.signature was consulted")

    monkeypatch.setattr("wtforms.fields.choices.get_signature", no_signature)
    form = CountryOnly(data={"x": "GB"})
    assert form.x.choices is COUNTRIES
    assert form.x.label_of("GB") == 'U<K> "&"'
    assert form.validate() and 'selected value="GB"' in str(form.x())


def test_long_select_knows_its_labels():
    form = Countries(data={"quick": "GB"})
    assert form.quick.label_of("GB") == 'U<K> "&"'
    assert form.quick.label_of("ZZ") is None


class Shown:
    def __html__(self) -> str:
        return "<em>safe</em>"

    def __str__(self) -> str:
        return "<em>unsafe</em>"


@pytest.mark.parametrize(
    "value",
    ["a \"quoted\" <b> & 'it'", Markup("<b>kept</b>"), 42, -7, 2.5, None, Shown(), True, ""],
    ids=["str", "markup", "int", "negative int", "float", "none", "has __html__", "bool", "empty"],
)
def test_quick_escape_gives_the_text_escape_gives(value):
    assert quick_escape(value) == str(escape(value))


@pytest.mark.parametrize("text", ["a \"quoted\" <b> & 'it'", "", "plain", "&amp; é \u2028 <>" * 40])
def test_both_ways_of_escaping_text_give_what_escape_gives(text):
    assert quick_escape(text) == translate_escape(text) == str(escape(text))
