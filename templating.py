"""Formwork's Jinja environment: Flask's own, with template globals that compare quickly.

Every `{% import %}` / `{% from ... import %}` makes Jinja compare the importing
template's global names with the imported one's (`Template._get_default_module`):
`set - ChainMap.keys()`, which Python runs one name at a time through the
ChainMap. With the macro library's helpers that was about 0.05 ms per import,
two imports on every form page. Here the keys are a plain set, so the same
comparison runs in C; the globals themselves are unchanged (still a ChainMap
over the environment's, as Jinja documents). It pays, a little: with Flask's own
environment a step GET costs 0.05 ms more, 3 % (1.71 against 1.76 ms of CPU in
app, median of 25 rounds; 0.00 to 0.15 ms in four runs of `bench/speed_tricks.py`
on 2026-12-01).

Every render also starts a context from a copy of the template's globals
(`jinja2.runtime.new_context`: `dict(globals, **vars)`), and `dict()` of a ChainMap
fetches each of the sixty names through `ChainMap.__getitem__` in Python: 17 us a
page. `FormworkTemplate` hands it the same names already merged into a plain dict,
map by map in C (0.5 us).
"""

from collections import ChainMap
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.sansio.blueprints import Blueprint
from flask.templating import Environment
from flask.templating import _default_template_ctx_processor
from jinja2 import BytecodeCache
from jinja2 import Template
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from jinja2.runtime import new_context

from responses import FormworkResponse
from sync_functions import SyncFunctions


class TemplateGlobals(ChainMap):
    """A template's globals: the environment's, overlaid by the template's own."""

    def keys(self) -> set[str]:  # type: ignore[override]
        return set().union(*self.maps)  # in C, not ChainMap.__iter__ building a dict per map


def merged_globals(template_globals: Any) -> Any:
    """A ChainMap's names and values as one plain dict (the first map wins, as in the ChainMap)."""
    if not isinstance(template_globals, ChainMap):
        return template_globals
    merged: dict[str, Any] = {}
    for names in reversed(template_globals.maps):
        merged.update(names)
    return merged


class FormworkTemplate(Template):
    """Jinja's Template, starting each render's context from its globals merged in C."""

    def new_context(
        self, vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None
    ) -> Context:
        """Jinja's own `Template.new_context`, given the globals as a plain dict."""
        return new_context(
            self.environment, self.name, self.blocks, vars, shared, merged_globals(self.globals), locals
        )


class CompiledTemplates(BytecodeCache):
    """Compiled template code kept in memory, shared by every app built in this process.

    Compiling is most of a template's first render (about 60 ms for the home page's
    templates); each app has its own environment, so without a shared cache every app
    a process builds (the test suite builds one per test) compiles them all again.
    Jinja checks each entry against its source's checksum, so an edited template is
    compiled afresh; and the key holds the environment's compile-time settings
    (syntax, extensions, whitespace rules), so an app configured otherwise never runs
    code compiled for another.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = f"{self.get_cache_key(name, filename)}:{compile_settings(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def compile_settings(environment: Environment) -> int:
    """A hash of what, besides the source, shapes an environment's compiled templates."""
    return hash(
        (
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.finalize is not None,
            environment.is_async,
            tuple(sorted(environment.extensions)),
        )
    )


COMPILED_TEMPLATES = CompiledTemplates()


class FormworkEnvironment(Environment):
    template_class = FormworkTemplate

    def __init__(self, app: Flask, **options: Any) -> None:
        options.setdefault("bytecode_cache", COMPILED_TEMPLATES)
        super().__init__(app, **options)

    def make_globals(self, d: dict[str, Any] | None) -> TemplateGlobals:
        return TemplateGlobals(d if d is not None else {}, self.globals)


class FormworkFlask(Flask):
    """Flask with FormworkEnvironment for its templates, FormworkResponse for its responses.

    Every blueprint starts with Flask's default context processor (`request`, `session`
    and `g`), as the app does, and a render inside a blueprint's view runs the app's
    processors and then the blueprint's: the default twice, the second time giving the
    very values the first did. Registering a blueprint leaves its copy out while the
    app's own list starts with it (no app-wide processor here gives any of those three
    names, which the second run would have restored).

    `ensure_sync` asks whether a function is `async def` once per function, not on
    every call (sync_functions.py).
    """

    jinja_environment = FormworkEnvironment
    response_class = FormworkResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sync_functions = SyncFunctions()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Flask's `ensure_sync`, remembering (weakly) the functions it found plain."""
        if func in self.sync_functions:
            return func
        synced = super().ensure_sync(func)
        if synced is func:
            self.sync_functions.add(func)
        return synced

    def register_blueprint(self, blueprint: Blueprint, **options: Any) -> None:
        """Flask's registration; then each blueprint's copy of the default context processor goes.

        `_default_template_ctx_processor` is Flask's private name (Flask 3.1, pinned;
        tests/test_request_overhead.py checks that a blueprint's page still gets all
        three names and that the processor runs once).
        """
        super().register_blueprint(blueprint, **options)
        processors = self.template_context_processors
        if processors.get(None, [None])[0] is not _default_template_ctx_processor:
            return
        for name, functions in processors.items():
            if name is not None and _default_template_ctx_processor in functions:
                functions.remove(_default_template_ctx_processor)
