"""Load test of the production configuration: gunicorn on PostgreSQL, on loopback.

Creates a throw-away PostgreSQL database (migrated, demo agenda and ideas loaded), starts
gunicorn with production settings (DEBUG off; rate limits off and the captcha at its lowest
cost, through environment variables, for this run only) and drives concurrent clients:
public pages, the public measure list (now and then filtered) and idea submissions (about
10 % of the requests: form, ALTCHA challenge solved with the altcha package, POST, status
page). Then the same clients hit a bare Django view in the same gunicorn, for comparison.
The database is dropped at the end, also on Ctrl-C or errors.

Run: .venv/bin/python bench/load.py [--seconds 60] [--clients 50] [--bare-seconds 20]
     [--no-page-cache]  (anonymous pages rendered every time, for a before/after)
     [--redis]  (a private redis-server on a free port as the cache, as in production;
                 without it each gunicorn worker has its own LocMemCache to warm)
     (server: BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
It prints figures, it asserts nothing. The clients run on the same machine and compete
with gunicorn for the CPU: compare with the bare view of the same run, not across machines.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from contextlib import closing, suppress
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import altcha
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BARE = "/_bench/bare/"
HITS = [0]
P95_GOAL = 150  # ms, issue 14, for these pages with 10 clients
SUBMIT_SHARE = 0.027  # of client iterations; a submission is 4 requests, so ~10 % of requests
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Production settings, relaxed for the load test only (rate limits off, cheapest captcha).
RUN_ENV = (
    "DJANGO_SETTINGS_MODULE=agenda.settings DJANGO_ALLOWED_HOSTS=127.0.0.1 "
    "DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 "
    "AGENDA_RATELIMIT=0 AGENDA_ALTCHA_COST=1 AGENDA_BENCH_BARE_VIEW=1"
)
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.STORAGES['staticfiles']['BACKEND'])"
)


class Client:
    """One simulated visitor: a keep-alive connection, its cookies, its own figures."""

    def __init__(self, port, plan, seed, submit_share):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.plan, self.rng, self.submit_share = plan, random.Random(seed), submit_share
        self.cookies, self.samples, self.errors = {}, defaultdict(list), []
        self.accepted, self.hits = 0, 0

    def call(self, kind, method, path, expect, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.errors.append((kind, f"connection: {method} {path}: {type(error).__name__}"))
            return None
        self.samples[kind].append((time.perf_counter() - start) * 1000)
        self.hits += response.getheader("X-Page-Cache") == "hit"
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        if response.status != expect:
            self.errors.append((kind, f"{method} {path}: HTTP {response.status}"))
            return None
        return response, data

    def submit(self, n):
        form = self.call("idea form", "GET", "/ideen/neu/", 200)
        challenge = form and self.call("captcha", "GET", "/ideen/captcha/", 200)
        if not challenge:
            return
        parsed = altcha.Challenge.from_dict(json.loads(challenge[1]))
        solution = altcha.solve_challenge(parsed)
        body = {
            "csrfmiddlewaretoken": CSRF.search(form[1].decode()).group(1),
            "kind": "idea",
            "title": f"Lasttest {n}: WLAN in der Bücherei",
            "description": "Eine Idee aus dem Lasttest, mit etwas Text wie im echten Leben.",
            "website": "",
            "altcha": altcha.Payload(parsed, solution).to_base64(),
        }
        sent = self.call("idea submit", "POST", "/ideen/neu/", 302, urlencode(body), FORM)
        if not sent:
            return
        location = sent[0].headers["Location"]
        if not location.startswith("/ideen/status/"):
            self.errors.append(("idea submit", f"POST /ideen/neu/: redirect to {location}"))
            return
        self.accepted += 1
        self.call("idea status", "GET", location, 200)

    def run(self, deadline):
        kinds, weights = zip(*[(kind, weight) for kind, weight, _path in self.plan], strict=True)
        paths = {kind: path for kind, _weight, path in self.plan}
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            if self.rng.random() < self.submit_share:
                self.submit(n)
            else:
                kind = self.rng.choices(kinds, weights)[0]
                self.call(kind, "GET", paths[kind](self.rng), 200)
        self.conn.close()


def run_phase(server, clients, seconds, plan, submit_share=0.0):
    cpu, boots = (cpu_seconds(server.pid), time.process_time()), booted(server.log)
    deadline = time.perf_counter() + seconds
    workers = [Client(server.port, plan, n, submit_share) for n in range(clients)]
    threads = [threading.Thread(target=w.run, args=(deadline,), daemon=True) for w in workers]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, samples = time.perf_counter() - start, defaultdict(list)
    for kind, values in (item for w in workers for item in w.samples.items()):
        samples[kind] += values
    errors = [e for w in workers for e in w.errors]
    cpu = cpu_seconds(server.pid) - cpu[0], time.process_time() - cpu[1], booted(server.log) - boots
    HITS[0] = sum(w.hits for w in workers)  # answers from the page cache in this phase
    return samples, errors, sum(w.accepted for w in workers), elapsed, cpu


def booted(log):
    return log.read_text().count("Booting worker")


def cpu_seconds(pid):
    """CPU seconds of gunicorn: master, live workers and the workers it replaced, from /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError):
            values = stat.read_text().rsplit(")", 1)[1].split()  # state, ppid, ...
            if stat.parent.name == str(pid):  # its own and its reaped children's time
                ticks += sum(int(v) for v in values[11:15])
            elif values[1] == str(pid):
                ticks += int(values[11]) + int(values[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def query(dsn, sql, params=()):
    with closing(psycopg2.connect(dsn)) as conn, conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def watch_locks(dsn, name, stop, found):
    """Samples pg_stat_activity: how many sessions of our database wait for a lock."""
    sql = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s"
    while not stop.wait(0.25):
        found.append(query(dsn, sql, [name])[0][0])


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else 0.0


def print_phase(title, samples, errors, _accepted, elapsed, cpu):
    every = [v for values in samples.values() for v in values]
    total = len(every) + sum(1 for _kind, text in errors if text.startswith("connection"))
    print(f"\n== {title}: {total} requests in {elapsed:.1f} s = {total / elapsed:.1f} requests/s")
    print(f"{'kind':18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    per_kind = Counter(kind for kind, _text in errors)
    rows = sorted(samples.items(), key=lambda item: -pct(item[1], 95)) + [("all", every)]
    for kind, values in rows:
        figures = " ".join(f"{pct(values, q):8.1f}" for q in (50, 95, 99))
        count = len(errors) if kind == "all" else per_kind[kind]
        print(f"{kind:18} {len(values):8} {figures} {count:6}")
    for _kind, text in errors[:5]:
        print(f"  error: {text}")
    print(f"CPU seconds: gunicorn {cpu[0]:.1f}, load generator (this script) {cpu[1]:.1f}", end="")
    print(f", of {(os.cpu_count() or 1) * elapsed:.0f} the machine had; workers booted: {cpu[2]}")
    return total / elapsed


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args, "-v", "0"], cwd=ROOT, env=env, capture_output=True
    )
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stderr.decode()[-3000:]}")


def prepare(env, workdir):
    """Migrate, load the demo; collect static files if the storage needs a manifest."""
    for command in ("migrate", "load_demo", "load_demo_ideas", "load_demo_council"):
        manage(env, command)
    storage = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.split()[-1]  # after the log lines
    if "Manifest" in storage:  # the production settings, static files in a temp dir
        settings = f"from agenda.settings import *  # noqa\nSTATIC_ROOT = {str(workdir)!r}\n"
        (workdir / "bench_settings.py").write_text(settings)
        env.update(DJANGO_SETTINGS_MODULE="bench_settings", PYTHONPATH=f"{workdir}:{ROOT}")
        manage(env, "collectstatic", "--noinput")
    return storage


def start_gunicorn(env, port, log, workers):
    config = ROOT / "gunicorn.conf.py"
    command = [sys.executable, "-m", "gunicorn"]
    command += ["-c", str(config)] if config.exists() else ["--threads", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "agenda.wsgi"]
    with log.open("w") as out:  # own session: Ctrl-C reaches us, and we stop gunicorn
        return subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
            command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )


def wait_until_up(proc, port, log):
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        with suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")  # 404 without the endpoint: Django answers, fine
            return conn.getresponse().status
        time.sleep(0.1)
    sys.exit("gunicorn did not answer within 30 s")


def make_plan(fields, measures):
    """(kind, weight, path for a random generator) of the page views."""
    statuses = sorted({status for _reference, status in measures})
    filters = (
        lambda r: f"status={r.choice(statuses)}",
        lambda r: f"action_field={r.choice(fields)[0]}",
        lambda r: f"action_field={r.choice(fields)[0]}&status={r.choice(statuses)}",
        lambda r: "q=digital",
    )
    return [
        ("home", 12, lambda r: "/"),
        ("agenda overview", 10, lambda r: "/agenda/"),
        ("field page", 10, lambda r: f"/agenda/handlungsfelder/{r.choice(fields)[1]}/"),
        ("measure page", 20, lambda r: f"/agenda/massnahmen/{quote(r.choice(measures)[0])}/"),
        ("ideas list", 8, lambda r: "/ideen/"),
        ("schedule+budget", 6, lambda r: "/agenda/zeitplan-und-budget/"),
        ("measure list", 24, lambda r: "/agenda/massnahmen/"),
        ("list filtered", 8, lambda r: f"/agenda/massnahmen/?{r.choice(filters)(r)}"),
    ]


def main_phase(args, db_url, name, server, plan):
    started = query(db_url, "SELECT now()")[0][0]
    stop, locks = threading.Event(), []
    watcher = threading.Thread(target=watch_locks, args=(PG_URL, name, stop, locks), daemon=True)
    watcher.start()
    phase = run_phase(server, args.clients, args.seconds, plan, SUBMIT_SHARE)
    stop.set()
    watcher.join()
    ours = print_phase("public pages, measure list, idea submissions", *phase)
    samples, accepted = phase[0], phase[2]
    flow = sum(len(samples[k]) for k in ("idea form", "captcha", "idea submit", "idea status"))
    print(f"share of submission requests: {flow / sum(map(len, samples.values())):.1%}")
    print(f"answers from the page cache: {HITS[0]} of {sum(map(len, samples.values()))}")
    [(stored, used, deadlocks)] = query(
        db_url,
        "SELECT (SELECT count(*) FROM participation_idea WHERE created_at >= %s),"
        " (SELECT count(*) FROM participation_usedchallenge),"
        " (SELECT deadlocks FROM pg_stat_database WHERE datname = %s)",
        [started, name],
    )
    print(f"submissions accepted: {accepted}, ideas stored: {stored}, captchas used: {used}")
    print(f"stored == accepted: {'yes' if stored == accepted else 'no'}")
    waiting, most = sum(1 for n in locks if n), max(locks, default=0)
    print(f"sessions waiting for a lock: in {waiting} of {len(locks)} samples, at most {most}")
    print(f"deadlocks: {deadlocks}")
    return ours, samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--bare-seconds", type=float, default=20)
    parser.add_argument("--no-page-cache", action="store_true", help="AGENDA_PAGE_CACHE=0")
    parser.add_argument("--redis", action="store_true", help="start redis-server as the cache")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    name = f"agenda_load_{os.getpid()}"
    db_url = f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AGENDA_"))}
    env.pop("REDIS_URL", None)
    env.update(item.split("=") for item in RUN_ENV.split())
    env.update(DATABASE_URL=db_url, DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    env["AGENDA_PAGE_CACHE"] = "0" if args.no_page_cache else "1"
    admin = psycopg2.connect(PG_URL)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    workdir, proc, redis = Path(tempfile.mkdtemp(prefix="agenda-bench-load-")), None, None
    try:
        if args.redis:
            redis_port = free_port()
            redis = subprocess.Popen(  # noqa: S603 - a private, unsaved server on loopback
                [
                    shutil.which("redis-server") or "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        storage = prepare(env, workdir)
        fields = query(db_url, "SELECT id, slug FROM strategy_actionfield")
        measures = query(
            db_url, "SELECT reference, status FROM measures_measure WHERE is_published"
        )
        cores = os.cpu_count() or 1
        port, log = free_port(), workdir / "gunicorn.log"
        proc = start_gunicorn(env, port, log, 2 * cores + 1)
        healthz = wait_until_up(proc, port, log)
        config = "gunicorn.conf.py" if (ROOT / "gunicorn.conf.py").exists() else "threads 1"
        print(f"database: PostgreSQL {name}, demo data, {len(measures)} published measures")
        print(f"gunicorn: {2 * cores + 1} workers, {config}, 127.0.0.1:{port}", end="")
        print(f", /healthz: HTTP {healthz}; static files: {storage}")
        print(
            f"machine: {cores} cores shared by gunicorn, PostgreSQL and the {args.clients} client "
            "threads of this script: the load generator competes with the server for the CPU"
        )
        plan = make_plan(fields, measures)
        server = SimpleNamespace(port=port, pid=proc.pid, log=log)
        run_phase(server, min(args.clients, 2 * cores + 1), 3, plan)  # warm-up, not counted
        ours, samples = main_phase(args, db_url, name, server, plan)
        bare = run_phase(server, args.clients, args.bare_seconds, [("bare", 1, lambda r: BARE)])
        bare_rps = print_phase("bare Django view, same gunicorn", *bare)
        print(f"\nour requests/s / bare requests/s: {ours:.1f} / {bare_rps:.1f}", end=" ")
        tracebacks = log.read_text().count("Traceback")
        print(f"= {ours / bare_rps:.3f} (goal >= 0.25)\ngunicorn log: {tracebacks} tracebacks")
        cache = "off" if args.no_page_cache else "on, " + ("Redis" if args.redis else "LocMem")
        print(f"page cache: {cache}; p95 goal <= {P95_GOAL} ms with 10 clients:", end="")
        for kind in ("measure list", "measure page", "home"):
            print(f" {kind} {pct(samples[kind], 95):.0f} ms", end=";")
        print()
    finally:
        if proc is not None:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if redis is not None:
            redis.terminate()
            redis.wait(10)
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
