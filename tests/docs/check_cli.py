#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The command synopses of docs/cli.md and of the help against the parser.

Owns one rule: every command line that the "## Commands" block of
docs/cli.md or the "Usage:" lines of `dcxlat OBJECT help` (usr/help.c)
document is accepted by usr/dcxlat's argument parser. Each synopsis line
is expanded into concrete command lines ("[x]" both left out and given,
"a|b" inside a word and "X | Y" between words each way, placeholders such
as PREFIX4 or S replaced by a valid value) and each is run as
`usr/dcxlat -n NETNS ...` with a network namespace that does not exist:
the parser runs first, so a usage error exits 2 ("the docs show a command
the CLI refuses"), while an accepted command gets as far as entering the
namespace and exits 1 (2 for diff, whose trouble is 2 as in diff(1)) with
"cannot open /run/netns/NETNS". Nothing reaches
a kernel, so it runs on any host, module loaded or not.

Usage: check_cli.py [--cli PATH] [--doc PATH]   (exit 0: all accepted)
       check_cli.py --self-test                 (the checker catches a
                                                 bogus line, accepts a good one)
"""
import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
NETNS = "dcxdocs-check-no-such-netns"

# Placeholders and a valid value each (the same value satisfies every
# command that takes it: PREFIX4 and PREFIX6 make one EAM entry).
VALUES = {
    "NAME": "t1", "S": "tenant-a", "SPACE": "tenant-a", "ID": "35", "P": "2001:db8:a41:23::/96",
    "T": "100", "DEV": "vrf-a", "IFNAME": "tap0", "P4": "10.0.0.0/8",
    "PREFIX": "64:ff9b::/96", "PREFIX4": "192.0.2.0/24",
    "PREFIX6": "2001:db8:aaaa::/120", "KEY": "hairpin", "VALUE": "on",
    "FILE": "/nonexistent/dcxlat-docs-check.json",
    # "[KEY VALUE...]": the repetition names another key.
    "KEY2": "role", "VALUE2": "br", "SECONDS": "5",
}


def synopsis(doc):
    """(command, at_least_one) of the first fenced block under
    '## Commands'; at_least_one: the comment says "at least one" of the
    optional groups must be given."""
    text = open(doc, encoding="utf-8").read()
    m = re.search(r"^## Commands\n.*?^```\n(.*?)^```", text, re.M | re.S)
    if not m:
        raise SystemExit("%s: no '## Commands' block" % doc)
    out = []
    for line in m.group(1).splitlines():
        # The two general lines (options, help) are not commands.
        if not line.strip() or line.startswith("dcxlat"):
            continue
        # An indented line continues the comment of the line before.
        if line[0].isspace():
            continue
        # Two or more spaces, then a comment ("default NAME: ...").
        cmd, _, comment = line.strip().partition("  ")
        out.append((cmd, "at least one" in comment))
    return out


def help_synopsis(cli):
    """(command, at_least_one) of the Usage lines of every object's help."""
    top = subprocess.run([cli, "help"], capture_output=True, text=True,
                         check=True).stdout
    objs = re.findall(r"^  ([a-z0-9]+)\s", top.partition("Objects:")[2],
                      re.M)
    out = []
    for obj in objs:
        text = subprocess.run([cli, obj, "help"], capture_output=True,
                              text=True, check=True).stdout
        for line in text.splitlines():
            m = re.match(r"(?:Usage: | {7})dcxlat (.*)", line)
            if m:
                cmd, _, comment = m.group(1).strip().partition("  ")
                out.append((cmd, "at least one" in comment))
    if not out:
        raise SystemExit("%s: no Usage lines in the help" % cli)
    return out


def alternatives(line):
    """'X | Y' at the top level: whole commands, or Y replacing X's tail."""
    parts = [p.strip() for p in re.split(r"\s\|\s(?![^\[]*\])", line)]
    first = parts[0].split()
    out = [parts[0]]
    for p in parts[1:]:
        w = p.split()
        if w[0] == first[0]:
            out.append(p)			# "apply FILE | apply -"
        else:
            # "pool6 show | flush", "... - | --file FILE": the last word
            # of the first form is the one that varies.
            out.append(" ".join(first[:-1] + w))
    return out


def expand_optional(words, at_least_one):
    """Words with '[...]' groups -> every choice of leaving them out."""
    groups, cur, depth = [], [], 0
    for w in words:
        if depth == 0 and w.startswith("["):
            cur = [w]
            depth = w.count("[") - w.count("]")
            if depth == 0:
                groups.append(("opt", cur))
            continue
        if depth > 0:
            cur.append(w)
            depth += w.count("[") - w.count("]")
            if depth == 0:
                groups.append(("opt", cur))
            continue
        groups.append(("req", [w]))
    choices = []
    for kind, ws in groups:
        if kind == "req":
            choices.append([(ws, False)])
        else:
            inner = " ".join(ws)[1:-1]
            if "..." in inner:
                inner = re.sub(r"\b(KEY|VALUE)\b", r"\g<1>2", inner)
            # An option ("[-i NAME]") is not one of the "at least one".
            arg = not inner.startswith("-")
            choices.append([([], False),
                            (inner.replace("...", "").split(), arg)])
    for combo in itertools.product(*choices):
        if at_least_one and not any(arg for _, arg in combo):
            continue
        yield [w for part, _ in combo for w in part]


def concrete(words):
    """Words with 'a|b' choices and placeholders -> command lines."""
    options = []
    for w in words:
        alts = w.split("|") if "|" in w and not w.startswith("-") else [w]
        options.append([VALUES.get(a, a) for a in alts])
    for combo in itertools.product(*options):
        yield list(combo)


def commands(line, at_least_one):
    for alt in alternatives(line):
        for words in expand_optional(alt.split(), at_least_one):
            yield from concrete(words)


def check(cli, doc, lines=None):
    bad = n = 0
    lines = synopsis(doc) if lines is None else lines
    for line, at_least_one in lines:
        for argv in commands(line, at_least_one):
            n += 1
            p = subprocess.run([cli, "-n", NETNS] + argv,
                               capture_output=True, text=True)
            # diff's trouble is exit 2 (diff(1)); usage errors never
            # name the namespace.
            ok = p.returncode in (1, 2) and NETNS in p.stderr
            if not ok:
                bad += 1
                print("refused: '%s' (from '%s'): exit %d: %s" %
                      (" ".join(argv), line, p.returncode,
                       p.stderr.strip()))
    print("check_cli: %d command lines from %d synopsis lines of %s, "
          "%d refused" % (n, len(lines), doc, bad))
    return bad == 0 and n > 0


def self_test(cli, doc):
    good = open(doc, encoding="utf-8").read()
    cases = [("the real docs/cli.md", good, True),
             ("a verb the CLI lacks", good.replace(
                 "stats reset\n", "stats reset\nstats frob S\n", 1), False),
             ("a missing required word", good.replace(
                 "space del S\n", "space del\n", 1), False),
             ("no Commands block", "# nothing\n", None)]
    ok = True
    for what, text, want in cases:
        with tempfile.NamedTemporaryFile("w", suffix=".md") as f:
            f.write(text)
            f.flush()
            try:
                got = check(cli, f.name)
            except SystemExit as e:
                print(e)
                got = None
        res = got == want
        ok &= res
        print("%s - self-test: %s" % ("ok" if res else "not ok", what))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "usr", "dcxlat"))
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "cli.md"))
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if not os.access(a.cli, os.X_OK):
        raise SystemExit("%s: not built (make -C usr)" % a.cli)
    if os.path.exists("/run/netns/" + NETNS):
        raise SystemExit("/run/netns/%s exists" % NETNS)
    if a.self_test:
        ok = self_test(a.cli, a.doc)
    else:
        ok = check(a.cli, os.path.relpath(a.doc))
        ok &= check(a.cli, "dcxlat OBJECT help", help_synopsis(a.cli))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
