"""Guessing passwords on the admin sign-in page gets nowhere."""

PASSWORD = "a long test password"


def attempt(client, username, password, address="203.0.113.5"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_still_works_after_a_few_mistakes(client, editor, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert attempt(client, "edith", "guess").status_code == 200
    assert attempt(client, "edith", PASSWORD).status_code == 302


def test_an_account_is_paused_after_repeated_failures_even_with_the_right_password(
    client, editor, settings
):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "edith", "guess")
    response = attempt(client, "edith", PASSWORD)
    assert response.status_code == 200
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_a_paused_account_does_not_lock_out_colleagues(client, editor, moderator, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "edith", "guess")
    assert attempt(client, "moritz", PASSWORD, address="198.51.100.7").status_code == 302


def test_unknown_accounts_are_paused_the_same_way_so_names_cannot_be_probed(client, db, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "nobody", "guess")
    assert b"Too many failed attempts" in attempt(client, "nobody", "guess").content


def test_one_address_trying_many_accounts_is_paused(client, moderator, settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT * 4):
        attempt(client, f"user{number}", "guess", address="192.0.2.9")
    response = attempt(client, "moritz", PASSWORD, address="192.0.2.9")
    assert b"Too many failed attempts" in response.content
    assert attempt(client, "moritz", PASSWORD, address="192.0.2.10").status_code == 302
