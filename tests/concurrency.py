"""Real threads for the race tests: each runs in its own thread with its own database
connection, all released at the same instant, and their answers (or exceptions) collected."""

import threading

from django.db import connections


class Outcome:
    def __init__(self):
        self.value = None
        self.error = None


def at_once(*functions, timeout=120):
    """Run every function in its own thread, started together; returns their Outcomes."""
    start = threading.Barrier(len(functions))
    outcomes = [Outcome() for _ in functions]

    def run(function, outcome):
        try:
            start.wait()
            outcome.value = function()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome.error = error
        finally:
            connections.close_all()  # this thread's connections

    threads = [
        threading.Thread(target=run, args=(function, outcome))
        for function, outcome in zip(functions, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        if thread.is_alive():
            raise AssertionError("a thread of the race did not finish")
    return outcomes


def in_thread(function):
    """Start `function` in a thread of its own (with its own connection); returns the thread
    and its Outcome. The caller joins it."""
    outcome = Outcome()

    def run():
        try:
            outcome.value = function()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome.error = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome
