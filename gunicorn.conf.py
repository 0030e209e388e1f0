"""gunicorn settings for Formwork: `gunicorn -c gunicorn.conf.py 'app:create_app()'`.

Threaded workers (gthread) park a connection that has sent nothing yet in the
worker's poller instead of a thread, and a half-sent request holds one thread of
`workers * threads`, not a whole worker: a few slow clients cannot starve
`/healthz`. Hundreds of them can; that is what the buffering proxy in front
(nginx, Caddy) is for: it terminates TLS and passes on only whole requests.
Each setting can be overridden from the environment named beside it.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
# A request that takes longer than this is a stuck worker: it is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Header limits: Werkzeug's and the proxy's are the real guard; these refuse absurd ones early.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The proxy in front is on this machine or a private network: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket: several instances on one machine would share its path.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
