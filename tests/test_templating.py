"""templating.py: Flask's Jinja environment with template globals that compare quickly."""

from collections import ChainMap

from templating import FormworkEnvironment
from templating import FormworkTemplate
from templating import TemplateGlobals
from templating import merged_globals


def test_the_app_renders_with_formwork_environment(app):
    assert isinstance(app.jinja_env, FormworkEnvironment)
    template = app.jinja_env.get_template("macros/forms.html")
    assert isinstance(template.globals, TemplateGlobals)
    assert isinstance(template.globals.keys(), set)


def test_template_globals_overlay_the_environments_and_follow_it(app):
    env = app.jinja_env
    template = env.from_string("{{ shout }} {{ field_kind is defined }}", globals={"shout": "hey"})
    with app.test_request_context():
        assert template.render() == "hey True"
        env.globals["late_helper"] = "late"
        try:
            assert template.globals.keys() >= {"late_helper", "shout"}
            assert env.from_string("{{ late_helper }}").render() == "late"
        finally:
            del env.globals["late_helper"]
    assert "shout" not in env.globals  # a template's own globals never leak into the environment


def test_a_render_sees_the_globals_as_they_are_now_the_templates_own_first(app):
    env = app.jinja_env
    template = env.from_string("{{ name }} {{ late }}", globals={"name": "own"})
    assert isinstance(template, FormworkTemplate)
    env.globals.update(name="shared", late="late")
    try:
        assert template.render() == "own late"
        assert env.from_string("{{ name }}").render() == "shared"
    finally:
        del env.globals["name"], env.globals["late"]


def test_merged_globals_are_what_dict_makes_of_the_chain_map():
    chain = ChainMap({"a": 1, "b": 2}, {"b": 3, "c": 4})
    assert merged_globals(chain) == dict(chain)
    plain = {"a": 1}
    assert merged_globals(plain) is plain


def test_imported_macro_modules_are_built_once_and_reused(app):
    """The same names on both sides: Jinja reuses the imported template's cached module."""
    env = app.jinja_env
    page = env.from_string(
        '{% from "macros/forms.html" import wizard_progress %}{{ wizard_progress([("a", "A")], "a") }}'
    )
    library = env.get_template("macros/forms.html")
    with app.test_request_context():
        first = page.render()
        module = library._module
        assert module is not None
        assert page.render() == first
        assert library._module is module
    assert "Step 1 of 1" in first


def test_apps_share_compiled_templates_but_not_across_compile_settings(make_app):
    from templating import COMPILED_TEMPLATES

    first, second = make_app(), make_app()
    first.test_client().get("/terms")
    cached = len(COMPILED_TEMPLATES.code)
    second.test_client().get("/terms")
    assert len(COMPILED_TEMPLATES.code) == cached  # the second app compiled nothing again
    other = make_app()
    other.jinja_env.trim_blocks = True  # another compile-time setting: its own compiled code
    other.test_client().get("/terms")
    assert len(COMPILED_TEMPLATES.code) > cached
