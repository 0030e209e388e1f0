"""`POST /api/contact`: the contact form as JSON, 201 or 400 with field errors, never HTML."""

from flask import Blueprint
from flask import jsonify
from flask import request
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException

from contact.messages import confirmation
from contact.messages import contact_form
from contact.messages import contact_limit
from contact.messages import save_contact
from errors.handlers import CSRF_MESSAGE
from errors.handlers import PAGES
from errors.handlers import limit_headers

api_bp = Blueprint("contact_api", __name__)

NOT_AN_OBJECT = "Send the form as a JSON object of field names and values."


@api_bp.route("/api/contact", methods=["POST"])
@contact_limit
def create():
    """Accept a JSON object (or form fields) with the CSRF token in `X-CSRFToken`."""
    source = {}
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadRequest(NOT_AN_OBJECT)
        source["formdata"] = MultiDict(body)  # read like posted fields; values that are not text are dropped
    form = contact_form(**source)
    if form.validate_on_submit():
        message = save_contact(form)
        return jsonify(ok=True, id=message.id, message=confirmation(message)), 201
    errors = {name: messages for name, messages in form.errors.items() if name != "csrf_token"}
    return jsonify(ok=False, errors=errors), 400


def api_error(error: HTTPException):
    """Every refusal of the API is JSON in the same shape: `ok`, `errors`, and a message for people."""
    code = error.code or 400
    title, message = PAGES.get(code, ("Error", "The request could not be completed."))
    errors: dict[str, list[str]] = {}
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
        errors["csrf_token"] = [message]
    elif code == 400 and error.description == NOT_AN_OBJECT:
        message = NOT_AN_OBJECT
    response = jsonify(ok=False, errors=errors, error=title, message=message, status=code)
    return response, code, limit_headers(error)


# Codes registered one by one: a blueprint's handler for a code wins over the app's for that code.
for status in (400, 413, 415, 429):
    api_bp.register_error_handler(status, api_error)
