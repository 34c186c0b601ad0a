"""Sending background work: never failing the caller, and the retry budget for temporary errors."""

import logging
from unittest import mock

import pytest
from kombu.exceptions import OperationalError as BrokerError

from claims.tasks import extract_article
from factcheck import celery as celery_module
from factcheck.celery import app
from factcheck.work import enqueue, retry_countdown


@pytest.fixture
def with_broker():
    """As in production: tasks are sent to a broker rather than run here."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = saved


def test_a_send_the_broker_refuses_is_logged_not_raised(with_broker, caplog):
    refused = BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(extract_article, "delay", side_effect=refused) as delay,
        caplog.at_level(logging.WARNING, logger="factcheck.work"),
    ):
        assert enqueue(extract_article, 42) is False
    delay.assert_called_once_with(42)
    assert "the reconciler will queue it later" in caplog.text


def test_without_a_broker_a_task_runs_here_with_its_errors_raised():
    with (
        mock.patch.object(extract_article, "delay", side_effect=ValueError("bug")),
        pytest.raises(ValueError),
    ):
        enqueue(extract_article, 42)


def test_sends_give_up_on_an_unreachable_broker_within_about_a_second():
    """20 s of connection retries per request was finding 2; one quick retry now."""
    assert app.conf.broker_connection_timeout <= 2
    assert app.conf.task_publish_retry_policy["max_retries"] <= 1
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 2
    assert app.conf.result_backend_transport_options["retry_policy"]["max_retries"] <= 1
    assert app.conf.redis_socket_connect_timeout <= 2


def test_temporary_errors_are_retried_for_at_least_ten_minutes_with_capped_jittered_backoff(
    settings,
):
    """Finding 4: five retries a second apart covered an 8 s database stop."""
    waits = []
    while (countdown := retry_countdown(len(waits))) is not None:
        waits.append(countdown)
        assert len(waits) < 1000
    assert settings.WORK_RETRY_FOR >= 600
    # Even the shortest jittered waits add up to the whole budget before giving up.
    minimum = sum(
        min(settings.WORK_RETRY_BACKOFF * 2**n, settings.WORK_RETRY_BACKOFF_MAX) / 2
        for n in range(len(waits))
    )
    assert minimum >= settings.WORK_RETRY_FOR
    assert max(waits) <= settings.WORK_RETRY_BACKOFF_MAX
    assert waits[0] <= settings.WORK_RETRY_BACKOFF < waits[-1]


def test_retry_waits_are_jittered():
    assert len({retry_countdown(6) for _ in range(20)}) > 1


def test_a_starting_worker_runs_the_reconciler(with_broker):
    with mock.patch("factcheck.work.enqueue") as sent:
        celery_module._reconcile_at_start()
    sent.assert_called_once_with(app.tasks["claims.tasks.reconcile_work"])


def test_beat_runs_the_reconciler_every_minute():
    entries = [
        e for e in app.conf.beat_schedule.values() if e["task"] == "claims.tasks.reconcile_work"
    ]
    assert [entry["schedule"] for entry in entries] == [60.0]
