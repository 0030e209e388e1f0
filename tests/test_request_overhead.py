"""What every request pays for: the response's headers, the blueprints' context processors."""

import random

import pytest
from flask import Blueprint
from flask import Response
from flask import render_template_string
from flask.templating import _default_template_ctx_processor

from responses import FormworkResponse


def wsgi_headers(response_class, make):
    response = make(response_class)
    return response.get_wsgi_headers(
        {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "wsgi.url_scheme": "http"}
    )


def with_headers(**headers):
    def make(response_class):
        response = response_class("<p>hi</p>", mimetype="text/html")
        for name, value in headers.items():
            response.headers[name.replace("_", "-")] = value
        return response

    return make


def with_status(status):
    return lambda response_class: response_class("body", status=status)


def streamed(response_class):
    return response_class(iter([b"a", b"b"]))


def without_length(response_class):
    response = response_class(["ab", "c"])
    del response.headers["Content-Length"]
    return response


@pytest.mark.parametrize(
    "make",
    [
        with_headers(),
        with_headers(X_Frame_Options="DENY", Vary="Cookie"),
        with_headers(Location="/elsewhere?q=ü"),
        with_headers(Content_Location="/ü"),
        with_status(204),
        with_status(304),
        with_status(101),
        with_status(404),
        streamed,
        without_length,
    ],
    ids=["page", "more", "location", "content-location", "204", "304", "101", "404", "streamed", "no-length"],
)
def test_headers_sent_are_werkzeugs_for_every_kind_of_response(make):
    assert wsgi_headers(FormworkResponse, make).to_wsgi_list() == wsgi_headers(Response, make).to_wsgi_list()


@pytest.mark.parametrize(
    "location",
    [
        "/register/abc_DEF-123/account",
        "/login?next=%2Fprofile",
        "/a?b=c&d=e%20f?g",
        "/x?",
        "//evil.example/path",
        "/påth",
        "/with space",
        "/a#frag",
        "/a?q=è",
        "http://example.com/",
        "/a:b",
        "/",
        "relative/path",
        "/a/../b",
        "/%zz",
    ],
)
def test_a_redirects_headers_are_werkzeugs_whatever_its_location(location):
    make = with_headers(Location=location)
    assert wsgi_headers(FormworkResponse, make).to_wsgi_list() == wsgi_headers(Response, make).to_wsgi_list()


def test_headers_sent_are_a_copy_the_response_keeps_apart():
    response = FormworkResponse("<p>hi</p>")
    sent = response.get_wsgi_headers({})
    sent["X-Late"] = "1"
    assert "X-Late" not in response.headers
    assert sent["Content-Length"] == "9"


def test_the_app_answers_with_formwork_responses_and_whole_headers(app, client):
    with app.test_request_context("/terms"):
        assert isinstance(app.make_response("hi"), FormworkResponse)
    response = client.get("/terms")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_a_blueprint_page_runs_the_default_context_processor_once(app):
    calls = []

    def counting():
        calls.append(1)
        return _default_template_ctx_processor()

    app.template_context_processors[None][0] = counting
    with app.test_request_context("/terms"):
        assert render_template_string("{{ request.path }} {{ session is defined }} {{ g is defined }}") == (
            "/terms True True"
        )
    assert calls == [1]
    assert all(
        _default_template_ctx_processor not in functions
        for name, functions in app.template_context_processors.items()
        if name is not None
    )


def test_a_blueprint_keeps_its_own_context_processors(app):
    bp = Blueprint("late", __name__)

    @bp.context_processor
    def shade():
        return {"shade": "teal"}

    @bp.route("/late")
    def late():
        return render_template_string("{{ shade }} {{ request.path }} {{ current_user.is_authenticated }}")

    app.register_blueprint(bp)
    assert app.template_context_processors["late"] == [shade]
    assert app.test_client().get("/late").text == "teal /late False"


def test_redirect_headers_match_werkzeugs_for_random_locations():
    """A seeded sample of locations made of URL punctuation, letters and a few non-ASCII characters."""
    alphabet = "/?#&=%:;@+!$'()*,._~- aZ09\u00e5\u20ac"
    picked = random.Random(14)
    for _ in range(3000):
        location = "".join(picked.choice(alphabet) for _ in range(picked.randint(1, 12)))
        make = with_headers(Location=location)
        formwork, werkzeug = wsgi_headers(FormworkResponse, make), wsgi_headers(Response, make)
        assert formwork.to_wsgi_list() == werkzeug.to_wsgi_list(), location
