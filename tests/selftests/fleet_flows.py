#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Many slow TCP flows whose bytes are checked end to end (fleet_bgp.sh).

  fleet_flows.py server ADDR PORT STATUS
      Accept flows; each starts with "flow N\\n". Every 0.3 s STATUS gets
      {"N": bytes received so far, ...} (written whole, then renamed). At
      a flow's end (EOF) the server answers "BYTES SHA256\\n" of all it got.
  fleet_flows.py client DESTS PORT FLOWS STOPFILE
      FLOWS flows, flow i to DESTS[i % len] (comma-separated IPv4
      addresses), each sending 512 pseudo-random bytes every 0.2 s until
      STOPFILE exists; then it half-closes and compares the server's
      answer with what it sent. Prints one line per bad flow and
      "flows N ok K"; exit 0 only when K == N.

The flows are slow on purpose (the test VM is TCG): 2.5 KB/s each.
"""
import hashlib
import json
import os
import random
import socket
import sys
import threading
import time

CHUNK = 512
PERIOD = 0.2


def serve(addr, port, status):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(128)
    got = {}
    lock = threading.Lock()

    def one(c):
        h = hashlib.sha256()
        n = 0
        name = None
        head = b""
        while True:
            b = c.recv(65536)
            if not b:
                break
            h.update(b)
            n += len(b)
            if name is None:
                head += b
                if b"\n" in head:
                    name = head.split(b"\n")[0].split()[-1].decode()
            if name is not None:
                with lock:
                    got[name] = n
        c.sendall(("%d %s\n" % (n, h.hexdigest())).encode())
        c.close()

    def report():
        while True:
            with lock:
                text = json.dumps(got)
            with open(status + ".tmp", "w") as f:
                f.write(text)
            os.rename(status + ".tmp", status)
            time.sleep(0.3)

    threading.Thread(target=report, daemon=True).start()
    while True:
        c, _ = s.accept()
        threading.Thread(target=one, args=(c,), daemon=True).start()


def flow(i, dest, port, stop, results):
    rng = random.Random(i)
    h = hashlib.sha256()
    n = 0
    try:
        c = socket.create_connection((dest, port), timeout=30)
        c.settimeout(None)
        head = ("flow %d\n" % i).encode()
        c.sendall(head)
        h.update(head)
        n += len(head)
        while not os.path.exists(stop):
            b = rng.randbytes(CHUNK)
            c.sendall(b)
            h.update(b)
            n += len(b)
            time.sleep(PERIOD)
        c.shutdown(socket.SHUT_WR)
        c.settimeout(120)
        answer = c.makefile().readline().split()
        want = [str(n), h.hexdigest()]
        results[i] = (answer == want, "sent %s, server got %s" %
                      (" ".join(want), " ".join(answer) or "nothing"))
        c.close()
    except OSError as e:
        results[i] = (False, "%s after %d bytes" % (e, n))


def client(dests, port, flows, stop):
    dests = dests.split(",")
    results = {}
    threads = [threading.Thread(target=flow, args=(i, dests[i % len(dests)],
                                                   port, stop, results))
               for i in range(flows)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = 0
    for i in range(flows):
        good, why = results.get(i, (False, "no result"))
        ok += good
        if not good:
            print("flow %d to %s: %s" % (i, dests[i % len(dests)], why))
    print("flows %d ok %d" % (flows, ok))
    return ok == flows


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "server":
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "client":
        sys.exit(0 if client(sys.argv[2], int(sys.argv[3]),
                             int(sys.argv[4]), sys.argv[5]) else 1)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
