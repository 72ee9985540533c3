"""Run a job from several threads at once, each with its own database connection."""

import threading

from django.db import connection


def run_concurrently(job, times=2):
    """Start `job` in `times` threads released together; return their results, re-raise the first error."""
    results, errors = [], []
    barrier = threading.Barrier(times)

    def run():
        try:
            barrier.wait()
            results.append(job())
        except Exception as error:  # re-raised in the test's thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
