"""A local OParl 1.1 server for the tests: the demo's files (agenda/council/demo_oparl) with
their addresses rewritten to this server, plus routes that misbehave."""

import http.server
import json
import threading
import time

from agenda.council.demo import DEMO_BASE, file_for

SLOW_SECONDS = 1.0


class Handler(http.server.BaseHTTPRequestHandler):
    base = ""  # set per server
    hits = None

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.hits.append(self.path)
        path = self.path.removeprefix("/oparl/")
        if path == "broken/500":
            return self.send(500, b'{"error": "boom"}')
        if path == "broken/slow":
            time.sleep(SLOW_SECONDS)
            return self.send(200, b"{}")
        if path == "broken/huge":
            return self.send(200, b'{"data": "' + b"x" * (3 * 1024 * 1024) + b'"}')
        if path == "broken/not-json":
            return self.send(200, b"<html>Wartung</html>", "text/html")
        if path == "broken/no-id":
            return self.send(200, b'{"type": "https://schema.oparl.org/1.1/Paper"}')
        if path == "broken/paper-sparse":
            # Only the required fields, a consultation without agenda item or meeting.
            paper_type = "https://schema.oparl.org/1.1/Paper"
            consultation = {
                "id": f"{self.base}/consultation/9",
                "type": "https://schema.oparl.org/1.1/Consultation",
            }
            paper = {
                "id": f"{self.base}/broken/paper-sparse",
                "type": paper_type,
                "consultation": [consultation],
            }
            body = json.dumps(paper)
            return self.send(200, body.encode())
        file = file_for(path)
        if file is None:
            return self.send(404, b'{"error": "not found"}')
        body = file.read_text(encoding="utf-8").replace(DEMO_BASE, self.base)
        return self.send(200, body.encode())


class OParlServer:
    def __init__(self):
        handler = type("BoundHandler", (Handler,), {"hits": []})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/oparl"
        handler.base = self.base
        self.hits = handler.hits
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"{self.base}/{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
