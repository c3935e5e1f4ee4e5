#!/usr/bin/env python3
"""Small clients for race.sh, all on 127.0.0.1 and all bounded in count and time.

  hold    --port P --count N [--hold S]
          open N HTTP/1.1 keep-alive connections, one request each (so the server has set the
          connection up fully), then hold them idle; prints "ready HELD FAILED" and waits for a line
          on stdin (or stdin closing, or --hold seconds) before closing them.
  ready   --port P --path /x (--since NS | --armed) [--timeout S]
          poll GET /x every millisecond until it answers 200; prints the milliseconds from NS
          (a time.time_ns() value taken by the caller just before it started the server). With
          --armed it first prints "armed" and reads NS from stdin, so that its own start-up
          (about 0.1 s of Python) is over before the server is started.
  version --port P --path /reload_status --above V --since NS [--timeout S]
          poll the JSON document until its "version" is above V; prints the milliseconds from NS
          and the document's "duration_ms" (or "-").
"""
import argparse
import json
import select
import socket
import sys
import time

HOST = "127.0.0.1"  # never anything else
MAX_CONNS = 20000


def read_response(sock, deadline_s=5.0):
    """Reads one response with a Content-Length body (or up to EOF): (status, body)."""
    buf = b""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
        head, sep, body = buf.partition(b"\r\n\r\n")
        if not sep:
            continue
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is not None and len(body) >= length:
            break
    head, sep, body = buf.partition(b"\r\n\r\n")
    if not sep:
        raise ConnectionError("no complete response head")
    return int(head.split(b" ", 2)[1]), body


def get(port, path, timeout=1.0):
    """One GET over a fresh connection: (status, body) or (None, None) when nothing answers."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            return read_response(sock, timeout)
    except (OSError, ValueError, IndexError, ConnectionError):
        return None, None


def one_request(sock):
    sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
    status, _ = read_response(sock)
    if status != 200:
        raise ConnectionError(f"status {status}")


def hold(args):
    count = max(1, min(args.count, MAX_CONNS))
    conns, failed = [], 0
    started = time.monotonic()
    for _ in range(count):
        if time.monotonic() - started > args.setup_timeout:
            break
        try:
            sock = socket.create_connection((HOST, args.port), timeout=5)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            one_request(sock)
            conns.append(sock)
        except (OSError, ValueError, ConnectionError) as error:
            failed += 1
            if failed == 1:
                print(f"first failure after {len(conns)} connections: {error}", file=sys.stderr, flush=True)
            if failed > 50:
                break
    print(f"ready {len(conns)} {failed}", flush=True)
    end = time.monotonic() + args.hold
    while time.monotonic() < end:
        readable, _, _ = select.select([sys.stdin], [], [], min(1.0, max(0.0, end - time.monotonic())))
        if readable:
            sys.stdin.readline()
            break
    for sock in conns:
        try:
            sock.close()
        except OSError:
            pass


def ready(args):
    if args.armed:
        print("armed", flush=True)
        line = sys.stdin.readline().strip()
        if not line.isdigit():
            print("timeout")
            return 1
        args.since = int(line)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        status, _ = get(args.port, args.path, timeout=0.5)
        if status == 200:
            print(f"{(time.time_ns() - args.since) / 1e6:.0f}")
            return 0
        time.sleep(0.001)
    print("timeout")
    return 1


def version(args):
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        status, body = get(args.port, args.path, timeout=0.5)
        if status == 200:
            try:
                doc = json.loads(body)
            except ValueError:
                doc = {}
            if doc.get("version", -1) > args.above:
                elapsed = (time.time_ns() - args.since) / 1e6
                print(f"{elapsed:.0f} {doc.get('duration_ms', '-')} {doc['version']}")
                return 0
        time.sleep(0.002)
    print("timeout - -")
    return 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("hold")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=10000)
    p.add_argument("--hold", type=float, default=120.0)
    p.add_argument("--setup-timeout", type=float, default=90.0)
    p = sub.add_parser("ready")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/")
    p.add_argument("--since", type=int)
    p.add_argument("--armed", action="store_true")
    p.add_argument("--timeout", type=float, default=60.0)
    p = sub.add_parser("version")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/reload_status")
    p.add_argument("--above", type=int, required=True)
    p.add_argument("--since", type=int, required=True)
    p.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    return {"hold": hold, "ready": ready, "version": version}[args.command](args) or 0


if __name__ == "__main__":
    sys.exit(main())
