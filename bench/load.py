"""The load generator: clients on keep-alive connections, a measured window, the server's CPU in it.

Every client warms up first (its connection, the gunicorn thread's database connection); the window
opens when all of them have, and closes with the last response. The server's CPU is read from
/proc for its worker processes at both ends, so it counts what the server spent, not the clients.
"""

import contextlib
import http.client
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import summarise


@dataclass(frozen=True)
class Request:
    path: str
    cookies: dict
    method: str = "GET"
    form: str = ""  # urlencoded body of a POST
    expect: int = 200  # a form that saved redirects (302); one shown again with errors is a 200
    headers: tuple = ()  # (name, value) pairs sent besides the cookies, e.g. Cache-Control


@dataclass
class Server:
    """A gunicorn master on host:port; its workers are the master's children."""

    host: str
    port: int
    master_pid: int
    label: str = "gunicorn"
    failures: list = field(default_factory=list)

    def worker_pids(self):
        return children(self.master_pid)

    def cpu_seconds(self):
        return sum(cpu_seconds(pid) for pid in self.worker_pids())

    def connect(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=60)


def cpu_seconds(pid):
    """CPU time of a process (all its threads), 0 if it has gone.

    From each thread's schedstat (nanoseconds) where the kernel keeps it; /proc/<pid>/stat counts in
    10 ms ticks, too coarse for a window of a few seconds over four workers.
    """
    try:
        return (
            sum(int((task / "schedstat").read_text().split()[0]) for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
        )
    except FileNotFoundError:
        return 0.0  # the process (or a thread, while we read) has gone
    except (OSError, ValueError, IndexError):
        return _cpu_ticks(pid)


def _cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def send(conn, request, headers):
    cookie = "; ".join(f"{name}={value}" for name, value in request.cookies.items())
    headers = {**headers, **dict(request.headers), "Cookie": cookie}
    body = None
    if request.method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = request.form.encode()
    conn.request(request.method, request.path, body=body, headers=headers)
    response = conn.getresponse()
    return response, response.read()


class NotAsExpected(Exception):
    """A response the load generator did not expect (a status, a redirect)."""


BASE_HEADERS = {"Accept-Language": "nl", "User-Agent": "veerkracht-bench"}


def run_clients(server, plans, *, warm_up=2):
    """Each plan (a list of Request) is one client; its first `warm_up` requests are not measured.

    Returns the summary of the measured window (bench.stats.summarise). Raises NotAsExpected if any
    response had another status than its request expected (a form with errors, a 404, a 500 ...).
    """
    latencies, failures = [], []
    lock = threading.Lock()
    ready = threading.Barrier(len(plans) + 1, timeout=300)

    def client(plan):
        conn = server.connect()
        mine = []
        try:
            for i, request in enumerate(plan):
                if i == warm_up:
                    ready.wait()
                started = time.perf_counter()
                response, body = send(conn, request, BASE_HEADERS)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != request.expect:
                    with lock:
                        failures.append((request, response.status, body[:300]))
                if i >= warm_up:
                    mine.append(elapsed)
            if len(plan) <= warm_up:
                ready.wait()
        except (OSError, http.client.HTTPException) as error:
            with lock:
                failures.append((request, type(error).__name__, str(error).encode()))
            ready.abort()  # the window never opens; run_clients reports the failure
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a client failed first: reported below
        ready.wait()
    cpu_before, started = server.cpu_seconds(), time.perf_counter()
    for thread in threads:
        thread.join()
    window_s, cpu_s = time.perf_counter() - started, server.cpu_seconds() - cpu_before
    if failures:
        request, status, body = failures[0]
        raise NotAsExpected(
            f"{request.method} {request.path}: {len(failures)} responses were not {request.expect} "
            f"(e.g. {status}: {body!r})"
        )
    return summarise(latencies, window_s=window_s, cpu_s=cpu_s)


def in_turn(targets, count, *, warm_up=3):
    """One client taking turns: each round sends one request to every (server, request) in `targets`.

    For one page at two sizes of the data, each served by its own server: the machine's speed drifts by
    more than the growth target over minutes, and taking turns request by request puts both sizes in
    the same moments, where passes one after the other do not. The first `warm_up` rounds are not
    measured. Returns one summary per target, in order; its `req_per_s` counts the whole window, the
    other targets' requests included. Raises NotAsExpected at the first unexpected response.
    """
    conns = [server.connect() for server, _request in targets]
    latencies = [[] for _target in targets]
    try:
        for round_ in range(warm_up + count):
            if round_ == warm_up:
                cpu_before, started = [server.cpu_seconds() for server, _request in targets], time.perf_counter()
            for conn, (_server, request), mine in zip(conns, targets, latencies, strict=True):
                sent = time.perf_counter()
                try:
                    response, body = send(conn, request, BASE_HEADERS)
                except (OSError, http.client.HTTPException) as error:
                    raise NotAsExpected(f"{request.method} {request.path}: {type(error).__name__} {error}") from error
                if response.status != request.expect:
                    raise NotAsExpected(
                        f"{request.method} {request.path}: a response was not {request.expect} "
                        f"(e.g. {response.status}: {body[:300]!r})"
                    )
                if round_ >= warm_up:
                    mine.append((time.perf_counter() - sent) * 1000)
        window_s = time.perf_counter() - started
        cpu = [server.cpu_seconds() - before for (server, _request), before in zip(targets, cpu_before, strict=True)]
    finally:
        for conn in conns:
            conn.close()
    return [summarise(mine, window_s=window_s, cpu_s=cpu_s) for mine, cpu_s in zip(latencies, cpu, strict=True)]


def get_once(server, path, cookies=None):
    """One GET outside any measurement: (status, headers, body text)."""
    conn = server.connect()
    try:
        response, body = send(conn, Request(path, cookies or {}), {"Accept-Language": "nl"})
        return response.status, response.getheaders(), body.decode("utf-8", "replace")
    finally:
        conn.close()


def wait_until_serving(server, path, timeout_s=20):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if get_once(server, path)[0] == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    raise SystemExit(f"{server.label} did not come up on {server.host}:{server.port}")


def wait_until_idle(pids, what, limit_s=60):
    """Until the processes have finished starting: less than 5% of a core for a second.

    Gunicorn's workers and the Celery worker each load the whole app after they
    start; measured alongside, that start-up would count as page latency.
    """
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = sum(cpu_seconds(pid) for pid in pids())
        time.sleep(1)
        if sum(cpu_seconds(pid) for pid in pids()) - before < 0.05:
            return
    raise SystemExit(f"{what} kept busy for {limit_s} s after starting")
