"""The engine is generic: a second wizard, with a conditional step, in a few lines."""

import re

import pytest
from flask import redirect
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import StringField
from wtforms.validators import DataRequired

from tests.page_reading import form_values
from tests.page_reading import parse
from wizard import Step
from wizard import Wizard
from wizard.expiry import duration_words


class KindForm(FlaskForm):
    kind = RadioField(
        "Who is ordering?",
        choices=[SelectChoice("person", "A person"), SelectChoice("company", "A company")],
        validators=[DataRequired()],
    )


class CompanyForm(FlaskForm):
    company = StringField("Company name", validators=[DataRequired()])


class ContactForm(FlaskForm):
    phone = StringField("Phone", validators=[DataRequired()])


DONE = []


class OrderWizard(Wizard):
    def done(self, run, forms):
        DONE.append({name: form.data for name, form in forms.items()})
        self.storage.finish(run, {"ok": True})
        return redirect("/")


def order_wizard() -> Wizard:
    return OrderWizard(
        "order",
        [
            Step("kind", KindForm, "Kind"),
            Step("company", CompanyForm, "Company", condition=lambda a: a.get("kind", "kind") == "company"),
            Step("contact", ContactForm, "Contact"),
        ],
        title="Order",
        url_prefix="/order",
    )


@pytest.fixture
def client(make_app):
    app = make_app()
    app.register_blueprint(order_wizard().blueprint)
    DONE.clear()
    return app.test_client()


def start(client) -> str:
    return re.match(r"^/order/([^/]+)/kind$", client.get("/order").headers["Location"]).group(1)


def post(client, url, **data):
    values = form_values(client.get(url))
    values.update(data)
    values.setdefault("action", "next")
    return client.post(url, data=values)


def test_a_conditional_step_is_skipped_when_its_condition_fails(client):
    wid = start(client)
    assert post(client, f"/order/{wid}/kind", kind="person").headers["Location"] == f"/order/{wid}/contact"
    assert client.get(f"/order/{wid}/company").headers["Location"] == f"/order/{wid}/contact"
    page = parse(client.get(f"/order/{wid}/contact"))
    assert page.title.get_text().startswith("Step 2 of 2: Contact")
    assert post(client, f"/order/{wid}/contact", phone="123").headers["Location"] == f"/order/{wid}/review"
    post(client, f"/order/{wid}/review", action="confirm")
    assert DONE == [{"kind": {"kind": "person"}, "contact": {"phone": "123"}}]


def test_a_conditional_step_appears_when_its_condition_holds(client):
    wid = start(client)
    assert post(client, f"/order/{wid}/kind", kind="company").headers["Location"] == f"/order/{wid}/company"
    assert parse(client.get(f"/order/{wid}/company")).title.get_text().startswith("Step 2 of 3")
    post(client, f"/order/{wid}/company", company="ACME")
    post(client, f"/order/{wid}/contact", phone="123")
    review = client.get(f"/order/{wid}/review").get_data(as_text=True)
    assert "ACME" in review and "A company" in review


def test_changing_an_answer_brings_in_the_new_step_before_review(client):
    wid = start(client)
    post(client, f"/order/{wid}/kind", kind="person")
    post(client, f"/order/{wid}/contact", phone="123")
    assert post(client, f"/order/{wid}/kind", kind="company").headers["Location"] == f"/order/{wid}/company"
    assert post(client, f"/order/{wid}/company", company="ACME").headers["Location"] == f"/order/{wid}/review"


def test_step_names_must_be_unique_and_not_reserved():
    with pytest.raises(ValueError, match="unique"):
        OrderWizard("w", [Step("a", KindForm, "A"), Step("a", KindForm, "A")], title="W", url_prefix="/w")
    with pytest.raises(ValueError):
        OrderWizard("w", [Step("review", KindForm, "R")], title="W", url_prefix="/w")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (30, "30 seconds"),
        (60, "1 minute"),
        (90, "2 minutes"),
        (3599, "60 minutes"),
        (3600, "1 hour"),
        (5400, "90 minutes"),
        (7200, "2 hours"),
        (86400, "24 hours"),
        (3 * 86400, "3 days"),
        (14 * 86400, "14 days"),
    ],
)
def test_time_to_live_in_words(seconds, words):
    assert duration_words(seconds) == words
