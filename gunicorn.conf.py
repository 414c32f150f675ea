"""Gunicorn settings for an app server: `gunicorn -c gunicorn.conf.py techbureau.wsgi`.

Every figure can be changed from the environment (GUNICORN_WORKERS, GUNICORN_THREADS, ...) without
editing this file; the defaults suit a small server of a few cores running nothing else heavy.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# A page is mostly Python (templates, forms, the ORM) with short waits on PostgreSQL: two processes
# per core keep the cores busy while one waits, and a few threads each absorb the waits without the
# memory of more processes. More threads than that only queue on the GIL and stretch every request.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count())
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 2)

# Import Django and the URLconf once in the master: workers fork ready (faster restarts, shared
# memory pages). Database connections are opened per worker after the fork, never inherited.
preload_app = True

# Recycle a worker now and then so a slow leak cannot grow forever; the jitter keeps the workers
# from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Exports and imports of big sheets run in the request; longer jobs go to the task worker.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind the proxy a kept-alive connection saves a TCP handshake per request.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# The proxy in front sets X-Forwarded-Proto; trust it only from the address it connects from.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log with the time the server spent on each request (%(M)s, milliseconds) and the request
# id the audit entries carry, so slow pages can be found and tied to their audit entries.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(u)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'


def when_ready(server):
    """Before the first worker is forked: the URLconf is read (Django would do it on each worker's
    first request, again after every recycling), then everything loaded so far is moved out of the
    garbage collector's sight (gc.freeze). Those objects live as long as the process; without the
    freeze every full collection walks them all again (about 2 ms of CPU per request measured
    in-process), and touching their headers copies the shared pages into each worker."""
    import gc

    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - reading it builds the URLconf's lookup tables
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    """Workers never share a database connection: should loading the app in the master have opened
    one (preload_app), the master closes it before forking, and each worker opens its own."""
    from django.db import connections

    connections.close_all()
