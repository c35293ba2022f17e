#!/usr/bin/env python3
"""Loads the error reference an example server serves into headless Chromium.

Starts an example server (`axum_server` or `actix_server`) on 127.0.0.1, reads its
catalogue as JSON from `/errors`, then drives Chromium over the DevTools protocol:

- loads the index and every code's page, and fails on any console message of level
  error, any uncaught exception and any request that fails (a blocked asset, a broken
  policy);
- follows every `doc_url` of the catalogue and checks that the page it lands on has an
  element with the code as its id, and that the index has one too;
- checks that no page is wider than a phone's screen;
- takes screenshots of the index and of one code's page at desktop (1280 px) and phone
  (390 px) widths, light and dark, into the screenshot folder.

The server and the browser are stopped at the end, whatever happens; each step has a
time limit. Needs `chromium` on the PATH (not available on CI: run it by hand).

    scripts/check-error-reference.py [--framework axum|actix] [--out /tmp/screenshots]
"""

import argparse
import base64
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "axum": ("axum_server", "axum,tracing"),
    "actix": ("actix_server", "actix-web,tracing"),
}
WIDTHS = {"desktop": 1280, "phone": 390}
SCHEMES = ("light", "dark")
STEP_SECONDS = 30


class WebSocket:
    """A WebSocket client (RFC 6455) for one DevTools connection: text frames only."""

    def __init__(self, url, timeout):
        match = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        if not match:
            raise ValueError(f"not a ws:// URL: {url}")
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(f"no WebSocket upgrade: {head[:80]!r}")

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def receive(self):
        """The next text message; answers pings on the way."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", self._read(8))
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the browser closed the connection")
            message += payload
            if first & 0x80:
                return message.decode()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Page:
    """One Chromium tab, driven through a flat DevTools session."""

    def __init__(self, socket_):
        self.ws = socket_
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def call(self, method, params=None, session=False, timeout=STEP_SECONDS):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = json.loads(self.ws.receive())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)
        raise TimeoutError(f"{method}: no answer in {timeout} s")

    def wait_for(self, method, timeout=STEP_SECONDS):
        deadline = time.monotonic() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[: index + 1]
                return event
        while time.monotonic() < deadline:
            event = json.loads(self.ws.receive())
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise TimeoutError(f"no {method} in {timeout} s")

    def load(self, url):
        """Navigates to `url`; the problems the page reported while loading."""
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")
        # What the page still reports once loaded (the log reports a failed load after
        # the load event) belongs to it, not to the next page.
        time.sleep(0.3)
        self.evaluate("1")
        return problems(self.events)

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True},
            session=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path, width, scheme):
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
            session=True,
        )
        self.call(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
            session=True,
        )
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))


def problems(events):
    """The console errors, exceptions and failed requests among `events`."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            found.append(f"log: {params['entry'].get('text')}")
        elif method == "Network.loadingFailed":
            found.append(f"request failed: {params.get('errorText')}")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, accept):
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, answer.read()


def start_server(framework, port):
    example, features = EXAMPLES[framework]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    print(f"building the {example} example", flush=True)
    subprocess.run(
        ["cargo", "build", "-q", "-p", "certifier-error", "--example", example, "--features", features],
        cwd=ROOT,
        check=True,
        timeout=1800,
    )
    binary = target / "debug" / "examples" / example
    server = subprocess.Popen(
        [str(binary), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + STEP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with {server.returncode}")
        try:
            get(f"http://127.0.0.1:{port}/errors", "text/html")
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.kill()
    raise TimeoutError("the server did not answer in time")


def start_browser(profile):
    browser = subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + STEP_SECONDS
    while time.monotonic() < deadline:
        line = browser.stderr.readline()
        if not line and browser.poll() is not None:
            break
        match = re.search(r"DevTools listening on (ws://\S+)", line)
        if match:
            return browser, match.group(1)
    stop(browser, group=True)
    raise RuntimeError("Chromium did not open its DevTools port in time")


def stop(process, group=False):
    if process is None or process.poll() is not None:
        return
    try:
        if group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
        process.wait(timeout=10)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait(timeout=10)


def check(framework, out):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = browser = ws = None
    failures = []
    try:
        server = start_server(framework, port)
        status, body = get(f"{base}/errors", "application/json")
        assert status == 200, status
        catalogue = json.loads(body)
        codes = list(dict.fromkeys(entry["code"] for entry in catalogue))
        doc_urls = list(dict.fromkeys(entry["doc_url"] for entry in catalogue))
        print(f"catalogue: {len(catalogue)} entries, {len(codes)} codes, {len(doc_urls)} doc_urls")

        with tempfile.TemporaryDirectory() as profile:
            browser, endpoint = start_browser(profile)
            ws = WebSocket(endpoint, STEP_SECONDS)
            page = Page(ws)

            # The check itself must be able to fail: a page that answers 404 is reported.
            reported = page.load(f"{base}/errors/no_such_code")
            print(f"self-check: a page answering 404 reports {len(reported)} problem(s)")
            if not reported:
                failures.append("a page answering 404 went unreported: the console check is blind")

            pages = [f"{base}/errors"] + [f"{base}/errors/{code}" for code in codes]
            console_errors = 0
            for url in pages:
                found = page.load(url)
                console_errors += len(found)
                failures += [f"{url}: {problem}" for problem in found]
            print(f"pages loaded: {len(pages)}, console errors: {console_errors}")

            resolved = 0
            page.load(f"{base}/errors")
            for code in codes:
                if page.evaluate(f"document.getElementById({json.dumps(code)}) !== null"):
                    resolved += 1
                else:
                    failures.append(f"the index has no element with id {code}")
            for entry in catalogue:
                url = entry["doc_url"]
                absolute = url if url.startswith("http") else base + url
                found = page.load(absolute)
                failures += [f"{absolute}: {problem}" for problem in found]
                if page.evaluate(f"document.getElementById({json.dumps(entry['code'])}) !== null"):
                    resolved += 1
                else:
                    failures.append(f"{url} has no element with id {entry['code']}")
            print(
                f"anchors resolved: {resolved} of {len(codes) + len(catalogue)} "
                f"({len(codes)} in the index, {len(catalogue)} doc_urls of entries)"
            )

            out.mkdir(parents=True, exist_ok=True)
            shots = []
            sample = "plan_limit" if "plan_limit" in codes else codes[0]
            for name, url in (("index", f"{base}/errors"), (sample, f"{base}/errors/{sample}")):
                page.load(url)
                for device, width in WIDTHS.items():
                    for scheme in SCHEMES:
                        path = out / f"error-reference-{framework}-{name}-{device}-{scheme}.png"
                        page.screenshot(path, width, scheme)
                        shots.append(path.name)
                        if device == "phone":
                            wide = page.evaluate(
                                "document.documentElement.scrollWidth > window.innerWidth"
                            )
                            if wide:
                                failures.append(f"{url} is wider than a {width} px screen")
            print(f"screenshots in {out}: {', '.join(shots)}")
    finally:
        if ws:
            ws.close()
        stop(browser, group=True)
        stop(server)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", choices=sorted(EXAMPLES), default="axum")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "screenshots")
    args = parser.parse_args()
    failures = check(args.framework, args.out)
    for failure in failures:
        print(f"FAIL {failure}")
    print("ok" if not failures else f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
