"""Two-factor sign-in to the admin, through the pages an editor meets."""

import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long test password"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]


def code_for(device, steps_ahead=0):
    # steps_ahead=1 gives the next 30-second code, which the device accepts (one step of
    # tolerance) even after the current code was used.
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


def set_up(client, user):
    page = client.get("/admin/two-factor/setup/?next=/admin/")
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/two-factor/setup/", {"token": code_for(device)})
    return device, re.findall(r"<code>(\d{10})</code>", response.content.decode())


def test_an_editor_who_signs_in_is_asked_to_set_up_two_factor_first(client, editor):
    sign_in(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/?next=%2Fadmin%2Fpages%2F")


def test_setting_up_an_authenticator_opens_the_admin_and_gives_ten_backup_codes(client, editor):
    sign_in(client, editor)
    _device, codes = set_up(client, editor)
    assert len(codes) == 10
    assert client.get("/admin/pages/").status_code == 200
    manage = client.get("/admin/two-factor/").content.decode()
    assert "10 unused backup codes" in manage


def test_a_wrong_setup_code_is_refused_beside_the_field_and_the_secret_stays(client, editor):
    sign_in(client, editor)
    client.get("/admin/two-factor/setup/")
    secret_before = TOTPDevice.objects.get(user=editor).key
    response = client.post("/admin/two-factor/setup/", {"token": "000000x"})
    assert b"There is a problem" in response.content
    assert b"That code is not right" in response.content
    assert TOTPDevice.objects.get(user=editor).key == secret_before
    assert client.get("/admin/pages/").status_code == 302


def test_next_time_a_code_from_the_app_is_needed(client, editor):
    sign_in(client, editor)
    device, _codes = set_up(client, editor)
    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/").headers["Location"].startswith("/admin/two-factor/verify/")
    wrong = client.post("/admin/two-factor/verify/", {"token": "123456", "next": "/admin/"})
    assert b"That code is not right" in wrong.content
    device.refresh_from_db()
    right = client.post(
        "/admin/two-factor/verify/", {"token": code_for(device, 1), "next": "/admin/pages/"}
    )
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_backup_code_works_once(client, editor):
    sign_in(client, editor)
    _device, codes = set_up(client, editor)
    for attempt in ("first", "second"):
        client.logout()
        sign_in(client, editor)
        response = client.post("/admin/two-factor/verify/", {"token": codes[0]})
        if attempt == "first":
            assert response.status_code == 302
        else:
            assert b"already used" in response.content


def test_a_stolen_password_cannot_enrol_another_phone(client, editor):
    sign_in(client, editor)
    set_up(client, editor)
    client.logout()
    sign_in(client, editor)  # the thief, with the password only
    response = client.get("/admin/two-factor/setup/")
    assert response["Location"] == "/admin/two-factor/verify/"
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_repeated_wrong_codes_pause_the_second_step(client, editor, settings):
    sign_in(client, editor)
    device, _codes = set_up(client, editor)
    client.logout()
    sign_in(client, editor)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/admin/two-factor/verify/", {"token": "999999"})
    device.refresh_from_db()
    response = client.post("/admin/two-factor/verify/", {"token": code_for(device, 1)})
    assert b"Too many failed attempts" in response.content
    assert client.get("/admin/pages/").status_code == 302


def test_the_moderation_queue_needs_the_second_factor_too(client, moderator):
    sign_in(client, moderator)
    assert client.get("/admin/submissions/").status_code == 302
    set_up(client, moderator)
    assert client.get("/admin/submissions/").status_code == 200


def test_an_administrator_can_reset_a_lost_phone(client, editor):
    sign_in(client, editor)
    set_up(client, editor)
    call_command("reset_two_factor", editor.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/").headers["Location"].startswith("/admin/two-factor/setup/")


def test_the_second_step_never_sends_anyone_to_another_site(client, editor):
    sign_in(client, editor)
    device, _codes = set_up(client, editor)
    client.logout()
    sign_in(client, editor)
    response = client.post(
        "/admin/two-factor/verify/", {"token": code_for(device, 1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"
