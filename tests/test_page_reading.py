"""The test helper that reads a form sends what a browser would (checked against the HTML rules)."""

from werkzeug.wrappers import Response

from tests.page_reading import form_values

PAGE = """<!doctype html><html lang="en"><title>t</title>
<form method="post" action="/x">
  <input name="text" value="typed">
  <input type="checkbox" name="box" checked>
  <input type="checkbox" name="unchecked" value="y">
  <textarea name="notes">\r\nfirst line</textarea>
  <select name="choice"><option>  Two   words </option><option value="b">B</option></select>
  <input name="off" value="1" disabled>
  <fieldset disabled><input name="inside" value="2"></fieldset>
  <template><input name="rows-9-name" value="blank row"></template>
  <input type="submit" name="go" value="Go"><input type="file" name="upload">
</form>"""


def test_form_values_follow_what_a_browser_sends():
    assert form_values(Response(PAGE, mimetype="text/html"), action="/x") == {
        "text": "typed",
        "box": "on",  # a checkbox without a value sends "on"
        "notes": "first line",  # the newline straight after <textarea> is not part of its value
        "choice": "Two words",  # an option without a value sends its text, spaces collapsed
    }
