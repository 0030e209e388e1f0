"""Fill the registration wizard's pages in Chromium, as a person types them."""

from tests.registration_client import PASSWORD


def fill_account(page, username: str, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)


def fill_profile(page, first: str, last: str, street: str, city: str, postal_code: str, country: str) -> None:
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Street address").fill(street)
    page.get_by_label("Town or city").fill(city)
    page.get_by_label("Postal code").fill(postal_code)
    page.get_by_label("Country").select_option(country)
