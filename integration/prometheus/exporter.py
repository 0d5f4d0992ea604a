"""A serving exporter for the Prometheus integration test and demo.

    python3 exporter.py serve PORT [demo]       serves /metrics on 127.0.0.1:PORT
    python3 exporter.py files DIR PORT [demo]   writes prometheus.yml, rules.yml and stale.om

Each service's counters grow with time at a steady request rate and a 1 % error rate, so that
its series has fresh samples at every scrape and its error-rate alert stays inactive.
"""
import http.server
import os
import sys
import time

from scenarios import prometheus_yaml, rules_yaml, services, stale_openmetrics

STARTED = time.time()


def metrics(names):
    elapsed = time.time() - STARTED
    requests = int(elapsed * 10)
    lines = [
        "# HELP http_requests_total Prediction requests served.",
        "# TYPE http_requests_total counter",
    ]
    for name in names:
        lines.append(f'http_requests_total{{service="{name}",code="200"}} {requests}')
        lines.append(f'http_requests_total{{service="{name}",code="500"}} {requests // 100}')
    lines += [
        "# HELP http_request_errors_total Prediction requests that failed.",
        "# TYPE http_request_errors_total counter",
    ]
    lines += [f'http_request_errors_total{{service="{name}"}} {requests // 100}' for name in names]
    return ("\n".join(lines) + "\n").encode()


def serve(port, mode):
    names = services(mode)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/metrics":
                self.send_error(404)
                return
            body = metrics(names)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def write_files(directory, port, mode):
    rules = os.path.join(directory, "rules.yml")
    with open(rules, "w") as f:
        f.write(rules_yaml(mode))
    with open(os.path.join(directory, "prometheus.yml"), "w") as f:
        f.write(prometheus_yaml(port, rules))
    if mode != "demo":
        with open(os.path.join(directory, "stale.om"), "w") as f:
            f.write(stale_openmetrics(time.time()))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "serve":
        serve(int(args[0]), args[1] if len(args) > 1 else "")
    elif command == "files":
        write_files(args[0], int(args[1]), args[2] if len(args) > 2 else "")
    else:
        sys.exit(f"unknown command {command}")
