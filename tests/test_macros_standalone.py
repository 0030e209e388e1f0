"""The macro library works in another Flask app with only the files its README says to copy."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What templates/macros/README.md tells a designer to copy (static/js/forms.js is for the browser).
LIBRARY_FILES = ("macros", "templates/macros")

BARE_APP = textwrap.dedent(
    """
    import os
    import sys

    here = os.path.realpath(os.getcwd())
    sys.path = [here] + [p for p in sys.path[1:] if os.path.realpath(p or ".") != os.path.realpath({root!r})]

    from flask import Flask
    from flask import render_template_string
    from flask_wtf import FlaskForm
    from wtforms import FieldList
    from wtforms import Form
    from wtforms import FormField
    from wtforms import StringField
    from wtforms import SubmitField
    from wtforms.validators import DataRequired

    import macros

    class AddressForm(Form):
        city = StringField("Town or city", validators=[DataRequired()])

    class BareForm(FlaskForm):
        first_name = StringField("First name", validators=[DataRequired("Enter your first name.")])
        address = FormField(AddressForm)
        tags = FieldList(StringField("Tag"), min_entries=1)
        save = SubmitField("Save")

    app = Flask(__name__)
    app.config.update(SECRET_KEY="bare", WTF_CSRF_ENABLED=False)
    macros.init_app(app)
    with app.test_request_context(method="POST", data={{"first_name": ""}}):
        form = BareForm()
        form.validate()
        html = render_template_string(
            '{{% from "macros/forms.html" import render_form %}}{{{{ render_form(form) }}}}', form=form
        )
    project = sorted(name for name in ("forms", "wizard", "gallery", "app", "templating") if name in sys.modules)
    print("PROJECT MODULES:", project)
    print(html)
    """
)


def test_the_copied_files_render_a_form_in_a_bare_flask_app(tmp_path):
    for name in LIBRARY_FILES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "bare.py").write_text(BARE_APP.format(root=str(ROOT)))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "bare.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "PROJECT MODULES: []" in result.stdout
    page = result.stdout
    assert 'role="alert"' in page and 'href="#first_name"' in page  # the error summary
    assert 'aria-invalid="true"' in page and "Enter your first name." in page
    assert '<legend class="' in page and 'id="address-city"' in page  # the nested form's fieldset
    assert 'name="fw-add"' in page and "tags-__index__" in page  # FieldList rows and their blank row
    assert 'autocomplete="given-name"' in page


def test_the_designer_readme_names_the_files_to_copy():
    readme = (ROOT / "templates" / "macros" / "README.md").read_text()
    for name in (*LIBRARY_FILES, "static/js/forms.js", "forms/fieldlist.py"):
        assert f"`{name}" in readme, name
