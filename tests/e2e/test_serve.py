"""End to end: `twinlab serve` on a tiny surrogate, driven by a client using the standard library only.

Infer (FP64 equal to `twinlab predict`, FP32 to float precision, id echoed, domain guard), the bearer token
(401), body limits with and without chunked encoding (413), a slow client sending a byte a second next to a
normal request (the deadline, 408), 64 idle connections, malformed JSON and wrong shapes (400, the server keeps
serving), metadata, reload, /metrics, /openapi.json, a non-loopback address without a token (exit 2), SIGTERM
(exit 0). The server listens on port 0, so tests run in parallel without clashes.

Usage: test_serve.py TWINLAB_BINARY SOURCE_DIR
"""
import csv
import http.client
import json
import math
import pathlib
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

from e2e_support import check, finish, run, twinlab

TOKEN = "e2e-token-0123456789abcdef"


def call(port, method, path, body=None, token=TOKEN, timeout=10):
    """(status, parsed JSON or text) of one request."""
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def infer_body(rows, datatype="FP64", **extra):
    return {"inputs": [{"name": "input", "shape": [len(rows), 2], "datatype": datatype,
                        "data": [v for row in rows for v in row]}], **extra}


def start_server(models, tmp, *flags):
    log = open(tmp / "serve.log", "w")
    p = subprocess.Popen([twinlab, "serve", "--models", str(models), "--listen", "127.0.0.1:0", *flags],
                         stdout=subprocess.PIPE, stderr=log, text=True)
    line = p.stdout.readline()
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not m:
        p.kill()
        raise SystemExit(f"FAIL: serve did not print its port (got {line!r}; log {(tmp / 'serve.log').read_text()})")
    return p, int(m.group(1))


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # A tiny surrogate of y = 0.1 wind + 0.01 height on [1, 8] x [20, 100]: seconds to train.
    with open(tmp / "table.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["wind", "height", "y"])
        for i in range(60):
            wind, height = 1 + 7 * ((i * 7) % 60) / 59, 20 + 80 * i / 59
            w.writerow([wind, height, 0.1 * wind + 0.01 * height + 1])
    model = tmp / "models" / "tiny"
    r = run("-q", "train", str(tmp / "table.csv"), "--inputs", "wind,height", "--outputs", "y", "--members", "2",
            "--hidden", "8", "--epochs", "60", "--patience", "20", "-o", str(model))
    check(r.returncode == 0, "a tiny surrogate trains")
    (tmp / "token").write_text(TOKEN + "\n")

    # Off loopback without a token: refused before listening (exit 2), naming the fix.
    r = subprocess.run([twinlab, "serve", "--models", str(tmp / "models"), "--listen", "0.0.0.0:0"],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 2 and "--token-file" in r.stderr, f"--listen 0.0.0.0 without a token exits 2 (got {r.returncode}: {r.stderr})")

    server, port = start_server(tmp / "models", tmp, "--token-file", str(tmp / "token"), "--request-timeout-ms", "1500",
                                "--max-body-bytes", "65536")
    try:
        s, b = call(port, "GET", "/v2/health/live", token=None)
        check(s == 200 and b == {"live": True}, f"health/live needs no token (got {s} {b})")
        s, b = call(port, "GET", "/v2/health/ready", token=None)
        check(s == 200, f"health/ready needs no token (got {s})")

        # Infer: FP64 is the TorchScript path, the same numbers as `twinlab predict`.
        points = [(2.0, 30.0), (5.5, 75.0)]
        s, b = call(port, "POST", "/v2/models/tiny/infer", infer_body(points, id="req-1"))
        check(s == 200, f"infer answers 200 (got {s} {b})")
        if s == 200:
            check(b["id"] == "req-1" and b["model_name"] == "tiny", "infer echoes the id and names the model")
            mean = next(o for o in b["outputs"] if o["name"] == "mean")
            std = next(o for o in b["outputs"] if o["name"] == "std")
            check(mean["shape"] == [2, 1] and std["shape"] == [2, 1] and mean["datatype"] == "FP64",
                  f"outputs mean and std are [N, outputs] FP64 (got {mean['shape']}, {std['shape']})")
            check(b["parameters"]["outputs"] == ["y"], "parameters name the output columns")
            (tmp / "points.csv").write_text("wind,height\n" + "".join(f"{a},{c}\n" for a, c in points))
            r = run("-q", "predict", str(model), "--input", str(tmp / "points.csv"), "-o", str(tmp / "pred.csv"))
            pred = list(csv.DictReader(open(tmp / "pred.csv")))
            for i, row in enumerate(pred):
                # Same TorchScript module, same float64 inputs: equal to the last bits, but the CSV carries
                # the value as text, so 1e-12 relative.
                check(math.isclose(float(row["y"]), mean["data"][i], rel_tol=1e-12),
                      f"row {i}: infer mean {mean['data'][i]} equals predict {row['y']}")
            # FP32: the native float32 path, equal to float precision (relative 1e-5, the documented ~1e-6).
            s32, b32 = call(port, "POST", "/v2/models/tiny/infer", infer_body(points, "FP32"))
            m32 = next(o for o in b32["outputs"] if o["name"] == "mean") if s32 == 200 else None
            check(s32 == 200 and m32["datatype"] == "FP32" and all(
                math.isclose(a, c, rel_tol=1e-5) for a, c in zip(m32["data"], mean["data"])),
                f"FP32 infer agrees with FP64 to float precision (got {s32} {b32})")
        # One tensor per named input gives the same answer.
        s, b2 = call(port, "POST", "/v2/models/tiny/infer", {"inputs": [
            {"name": "height", "shape": [2], "datatype": "FP64", "data": [30.0, 75.0]},
            {"name": "wind", "shape": [2], "datatype": "FP64", "data": [2.0, 5.5]}]})
        check(s == 200 and b2["outputs"][0]["data"] == mean["data"], f"named-input tensors give the same means (got {s})")

        # The token.
        s, b = call(port, "POST", "/v2/models/tiny/infer", infer_body(points), token=None)
        check(s == 401 and "missing bearer token" in b["error"], f"no token: 401 (got {s} {b})")
        s, b = call(port, "POST", "/v2/models/tiny/infer", infer_body(points), token=TOKEN[:-1] + "x")
        check(s == 401 and "wrong bearer token" in b["error"], f"wrong token: 401 (got {s} {b})")
        s, b = call(port, "GET", "/metrics", token=None)
        check(s == 401, f"/metrics needs the token too (got {s})")

        # Bad tensors: 400 with the field named; the server keeps serving.
        bad = [
            (b"{not json", "not valid JSON"),
            (json.dumps(infer_body([(2.0, 30.0, 1.0)])).replace('"shape": [1, 2]', '"shape": [1, 3]').encode(), "must be [N, 2]"),
            (json.dumps({"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP64", "data": [1, 2, 3]}]}).encode(), "holds 3 values"),
            (json.dumps({"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP64", "data": [1, "NaN"]}]}).encode(), "not a number"),
            (json.dumps(infer_body([(50.0, 30.0)])).encode(), "outside the training domain"),
        ]
        for body, fragment in bad:
            s, b = call(port, "POST", "/v2/models/tiny/infer", body)
            check(s == 400 and fragment in b.get("error", ""), f"bad request {body[:60]!r}: 400 naming '{fragment}' (got {s} {b})")
        s, b = call(port, "POST", "/v2/models/tiny/infer", infer_body([(50.0, 30.0)], parameters={"allow_extrapolation": True}))
        check(s == 200 and b["parameters"]["extrapolated"] == [True], f"allow_extrapolation answers and marks the row (got {s} {b})")
        s, b = call(port, "POST", "/v2/models/nope/infer", infer_body(points))
        check(s == 404, f"unknown model: 404 (got {s})")
        s, b = call(port, "POST", "/v2/models/tiny/infer", infer_body(points))
        check(s == 200, f"the server keeps serving after bad requests (got {s})")

        # Body limit, with Content-Length and chunked.
        big = json.dumps(infer_body([(2.0, 30.0)] * 10000)).encode()  # ~110 KB > 64 KiB
        check(len(big) > 65536, "the big body is over the limit")
        s, b = call(port, "POST", "/v2/models/tiny/infer", big)
        check(s == 413, f"a body over --max-body-bytes: 413 (got {s})")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        chunks = (big[i:i + 4096] for i in range(0, len(big), 4096))
        try:
            conn.request("POST", "/v2/models/tiny/infer", body=chunks, encode_chunked=True,
                         headers={"Authorization": f"Bearer {TOKEN}", "Transfer-Encoding": "chunked"})
            status = conn.getresponse().status
        except (ConnectionError, BrokenPipeError) as e:
            status = f"connection error {e}"
        check(status == 413, f"a chunked body over the limit: 413 (got {status})")
        conn.close()

        # A slow client (a byte a second) does not delay normal requests, and is cut at the deadline (408).
        slow_result = {}

        def slow_client():
            text = f"POST /v2/models/tiny/infer HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n".encode()
            c = socket.create_connection(("127.0.0.1", port))
            c.settimeout(1.0)
            t0 = time.monotonic()
            reply = b""
            for k in range(len(text)):
                try:
                    c.sendall(text[k:k + 1])
                    reply = c.recv(4096)  # waits a second for an answer, then sends the next byte
                    if reply or time.monotonic() - t0 > 10:
                        break
                except socket.timeout:
                    continue
                except OSError:
                    break
            slow_result.update(reply=reply, elapsed=time.monotonic() - t0)
            c.close()

        slow_thread = threading.Thread(target=slow_client)
        slow_thread.start()
        answered = []
        while slow_thread.is_alive() and len(answered) < 20:
            t = time.monotonic()
            s, _ = call(port, "POST", "/v2/models/tiny/infer", infer_body(points))
            answered.append((s, round(time.monotonic() - t, 3)))
            time.sleep(0.2)
        slow_thread.join()
        check(len(answered) >= 3 and all(s == 200 and dt < 0.5 for s, dt in answered),
              f"normal requests beside a slow client answer at once (got {answered})")
        check(slow_result.get("reply", b"").startswith(b"HTTP/1.1 408"),
              f"the slow client gets 408 (got {slow_result.get('reply', b'')[:40]!r})")
        # The deadline is 1.5 s from the first byte; the client looks once a second: 1.5 s to 3 s.
        check(1.4 < slow_result.get("elapsed", 0) < 3.5, f"... at the deadline (took {slow_result.get('elapsed')} s)")

        # 64 idle connections do not block service.
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(64)]
        t = time.monotonic()
        s, _ = call(port, "POST", "/v2/models/tiny/infer", infer_body(points))
        check(s == 200 and time.monotonic() - t < 0.5, f"with 64 idle connections open, infer answers at once (got {s})")
        for c in idle:
            c.close()

        # Metadata, readiness, reload, metrics, OpenAPI.
        s, b = call(port, "GET", "/v2/models/tiny")
        check(s == 200 and [i["name"] for i in b["inputs"]] == ["wind", "height"], f"model metadata names the inputs (got {s} {b})")
        check(s == 200 and b["parameters"]["inputs"][0]["min"] <= 1.0 + 1e-9, "metadata carries the training domain")
        s, b = call(port, "GET", "/v2/models/tiny/ready")
        check(s == 200 and b["ready"] is True, "model ready")
        s, b = call(port, "GET", "/v2")
        check(s == 200 and b["name"] == "twinlab", "server metadata")
        s, b = call(port, "POST", "/v2/repository/models/tiny/load")
        check(s == 200, f"reload answers 200 (got {s} {b})")
        s, b = call(port, "POST", "/v2/repository/models/absent/load")
        check(s == 404, f"loading a folder that is not there: 404 (got {s} {b})")
        s, b = call(port, "POST", "/v2/repository/models/..%2Ftiny/load")
        check(s in (400, 404), f"a path in a model name is refused (got {s})")
        s, text = call(port, "GET", "/metrics")
        check(s == 200 and "twinlab_models_loaded 1" in text, "metrics: models loaded")
        check(re.search(r'twinlab_http_requests_total\{route="/v2/models/\{name\}/infer",method="POST",status="200"\} \d+', text or ""),
              "metrics: infer requests by route and status")
        check('status="413"' in text and 'status="401"' in text, "metrics count refusals too")
        s, b = call(port, "GET", "/openapi.json")
        paths = set(b.get("paths", {})) if s == 200 else set()
        for route in ["/v2/health/live", "/v2/health/ready", "/v2", "/v2/models/{name}", "/v2/models/{name}/ready",
                      "/v2/models/{name}/infer", "/v2/repository/models/{name}/load", "/metrics", "/openapi.json"]:
            check(route in paths, f"openapi.json describes {route}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "killed after 20 s"
    check(code == 0, f"SIGTERM: the server stops and exits 0 (got {code})")
    log = (tmp / "serve.log").read_text()
    check(re.search(r"POST /v2/models/tiny/infer 200 [0-9.]+ ms", log), "one log line per request: method, path, status, latency")
    check("serve: stopped" in log, "the log says the server stopped")

finish("serve: infer, auth, limits, slow and idle clients, bad input, metrics, openapi, SIGTERM")
