"""Answers Didit requests through Django's test client: one JSON line in per request
(`{"op": "session" | "feature", "body": "<JSON text>", "contentType": "..."}`), one
JSON line out (`{"status": 400, "body": "<the response's bytes as text>"}`), in order.
No network and no server process: the client calls the WSGI handler in this process.
"""

import json
import os
import sys
import warnings

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["DJANGO_SETTINGS_MODULE"] = "didit_oracle.settings"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

# DRF 3.18 warns that list-shaped nested errors (what Didit answers) go away in 3.20.
warnings.simplefilter("ignore")

SESSION = "/v3/session/3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c/update-status/"
FEATURE = "/v3/session/3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c/features/node-1/update-status/"


def main():
    client = Client(raise_request_exception=True)
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        path = SESSION if case["op"] == "session" else FEATURE
        body = case["body"].encode("utf-8")
        response = client.generic("PATCH", path, body, content_type=case["contentType"])
        answer = {"status": response.status_code, "body": response.content.decode("utf-8")}
        out.write(json.dumps(answer, ensure_ascii=True) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
