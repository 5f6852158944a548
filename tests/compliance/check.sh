#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check docs/rfc-compliance.md against the tree:
#   - every row has an ID (unique), a status of the allowed set, and either
#     a test reference or a reason ("none: ...");
#   - every cited unit test is registered in its tests/unit/*.c file (vector
#     tests: listed in the XLAT_VECTORS_<section> macro the file expands, or
#     ICMPX_VECTORS_<section> of icmp_ext_vectors.h);
#   - every cited selftest check text is in its script, on a check line
#     (check, check_fail, expect, expect_json);
#   - every cited kmod/usr function is defined in its file;
#   - the counts between <!-- counts:begin --> and <!-- counts:end --> are
#     the counts of the rows.
# Exit 0 when all holds, 1 otherwise (one line per problem on stderr).
#
#   tests/compliance/check.sh            check
#   tests/compliance/check.sh --counts   print the counts block
#   tests/compliance/check.sh --update   rewrite the counts block, then check
#   tests/compliance/check.sh --log F    also require every cited unit test
#                                        to be "[       OK ]" in F, the
#                                        output of make -C tests/unit run
#   tests/compliance/check.sh --tap F    also require every cited check of a
#                                        script that ran in F (selftests.tap
#                                        of tests/vm/run-vm.sh) to be "ok";
#                                        repeatable; scripts not in F are
#                                        listed as not run
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
exec /usr/bin/env python3 - "$top" "$@" <<'PY'
import os
import re
import sys

top = sys.argv[1]
args = sys.argv[2:]
mode, log, taps = "", None, []
while args:
    a = args.pop(0)
    if a in ("--counts", "--update"):
        mode = a
    elif a == "--log" and args:
        log = args.pop(0)
    elif a == "--tap" and args:
        taps.append(args.pop(0))
    else:
        sys.exit("usage: check.sh [--counts|--update] [--log FILE] "
                 "[--tap FILE]...")
# script name -> list of (ok, description) from the TAP logs
ran = {}
for t in taps:
    with open(t, encoding="utf-8", errors="replace") as f:
        cur = None
        for line in f:
            m = re.match(r"^# selftests: (\S+)", line)
            if m:
                cur = ran.setdefault(m.group(1), [])
                continue
            m = re.match(r"^# (ok|not ok) \d+ - (.*)$", line.rstrip("\n"))
            if m and cur is not None:
                cur.append((m.group(1) == "ok", m.group(2)))
not_run = set()
passed = None
if log is not None:
    with open(log, encoding="utf-8", errors="replace") as f:
        passed = set(re.findall(r"^\[       OK \] (\w+)", f.read(), re.M))
doc_path = os.path.join(top, "docs", "rfc-compliance.md")
RFCS = ["7915", "6052", "7757", "6791", "7756"]
STATUSES = ["implemented", "partial", "not implemented", "not applicable",
            "deviation"]
ROW = re.compile(r"^\|\s*((%s)-[0-9A-Za-z.\-]+)\s*\|" % "|".join(RFCS))
REF = re.compile(r"`([^`]+)`")
problems = []
cache = {}


def bad(msg):
    problems.append(msg)


def read(rel):
    if rel not in cache:
        path = os.path.join(top, rel)
        try:
            with open(path, encoding="utf-8") as f:
                cache[rel] = f.read()
        except OSError:
            cache[rel] = None
    return cache[rel]


def vector_listed(section, name, header="xlat_vectors.h",
                  macro="XLAT_VECTORS"):
    text = read("tests/unit/vectors/" + header)
    if text is None:
        return False
    m = re.search(r"#define %s_%s\(X\)((?:\s*\\\n\s*X\(\w+\))*)"
                  % (macro, section), text)
    return bool(m) and re.search(r"X\(%s\)" % re.escape(name), m.group(1))


def check_unit(row, rel, name):
    if passed is not None and name not in passed:
        bad("%s: %s did not pass in %s" % (row, name, log))
    text = read(rel)
    if text is None:
        bad("%s: no file %s" % (row, rel))
        return
    m = re.fullmatch(r"test_(xv(46|64|464|646)_\w+)", name)
    if m:
        sec = m.group(2)
        if len(re.findall(r"XLAT_VECTORS_%s\(XV_TEST\)" % sec, text)) < 2:
            bad("%s: %s does not run the %s vectors" % (row, rel, sec))
        elif not vector_listed(sec, m.group(1)):
            bad("%s: no vector %s in XLAT_VECTORS_%s" % (row, m.group(1),
                                                          sec))
        return
    # ICMP errors with RFC 4884 extensions: icmp_ext_vectors.h.
    m = re.fullmatch(r"test_(ixv(x46|x64)_\w+)", name)
    if m:
        sec = m.group(2)
        if len(re.findall(r"ICMPX_VECTORS_%s\(\w+\)" % sec, text)) < 2:
            bad("%s: %s does not run the %s vectors" % (row, rel, sec))
        elif not vector_listed(sec, m.group(1), "icmp_ext_vectors.h",
                               "ICMPX_VECTORS"):
            bad("%s: no vector %s in ICMPX_VECTORS_%s" % (row, m.group(1),
                                                          sec))
        return
    reg = r"\b(?:cmocka_unit_test\w*|xv_unit_test|T)\(\s*%s\b" % re.escape(
        name)
    if not re.search(reg, text):
        bad("%s: %s does not register %s" % (row, rel, name))


def check_self(row, rel, needle):
    text = read(rel)
    if text is None:
        bad("%s: no file %s" % (row, rel))
        return
    if taps:
        name = os.path.basename(rel)[:-3]
        if name not in ran:
            not_run.add(name)
        else:
            res = [ok for ok, d in ran[name] if needle in d]
            if not res:
                bad('%s: "%s" not in the TAP output of %s' % (row, needle,
                                                             name))
            elif not all(res):
                bad('%s: "%s" failed in %s' % (row, needle, name))
    for line in text.split("\n"):
        if needle in line and re.search(
                r"\b(check|check_fail|expect|expect_json)\b", line):
            return
    bad('%s: no check line with "%s" in %s' % (row, needle, rel))


def check_code(row, rel, func):
    text = read(rel)
    if text is None:
        bad("%s: no file %s" % (row, rel))
        return
    if not re.search(r"^\S[^\n]*\b%s\s*\(" % re.escape(func), text, re.M):
        bad("%s: no function %s in %s" % (row, func, rel))


with open(doc_path, encoding="utf-8") as f:
    doc = f.read()

rows = []
seen = set()
for n, line in enumerate(doc.split("\n"), 1):
    m = ROW.match(line)
    if not m:
        continue
    rid, rfc = m.group(1), m.group(2)
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 7:
        bad("line %d (%s): %d cells, want 7" % (n, rid, len(cells)))
        continue
    _, sec, level, req, status, code, test = cells
    if rid in seen:
        bad("%s: duplicate ID" % rid)
    seen.add(rid)
    if not sec or not level or not req:
        bad("%s: empty section, level or requirement" % rid)
    if status not in STATUSES:
        bad("%s: status '%s' not one of %s" % (rid, status, STATUSES))
    code_refs = REF.findall(code)
    if not code_refs:
        bad("%s: no code reference" % rid)
    for ref in code_refs:
        cm = re.fullmatch(r"((?:kmod|usr)/[\w./-]+\.[ch]):(\w+)", ref)
        if not cm:
            bad("%s: code reference '%s' is not file:function" % (rid, ref))
            continue
        check_code(rid, cm.group(1), cm.group(2))
    test_refs = []
    for ref in REF.findall(test):
        um = re.fullmatch(r"unit/(test_\w+\.c):(\w+)", ref)
        sm = re.fullmatch(r'selftests/([\w.-]+\.sh):"(.+)"', ref)
        if um:
            check_unit(rid, "tests/unit/" + um.group(1), um.group(2))
        elif sm:
            check_self(rid, "tests/selftests/" + sm.group(1), sm.group(2))
        else:
            continue	# a quoted value in the text, not a test
        test_refs.append(ref)
    if not test_refs and not test.startswith("none:"):
        bad("%s: no test and no 'none: reason'" % rid)
    if test_refs and test.startswith("none:"):
        bad("%s: says none but cites a test" % rid)
    rows.append({"rfc": rfc, "id": rid, "level": level, "status": status,
                 "covered": bool(test_refs)})


def counts_block():
    head = ("| RFC | rows | implemented | partial | not implemented "
            "| not applicable | deviation | covered by a test |")
    out = [head, "|---|---|---|---|---|---|---|---|"]
    groups = [("RFC " + r, [x for x in rows if x["rfc"] == r]) for r in RFCS]
    groups.append(("all", rows))
    for name, rs in groups:
        cols = [str(len(rs))]
        cols += [str(sum(x["status"] == s for x in rs)) for s in STATUSES]
        cols.append(str(sum(x["covered"] for x in rs)))
        out.append("| %s | %s |" % (name, " | ".join(cols)))
    maps = [x for x in rows if x["level"] == "map"]
    m = [x for x in maps if re.search(r"-M\d+$", x["id"])]
    p = [x for x in maps if re.search(r"-P\d+$", x["id"])]
    out.append("")
    out.append("RFC 7915 ICMP type/code rows (4.2 and 5.2): %d, covered by "
               "unit tests: %d. Pointer rows (Figures 3 and 6): %d, "
               "covered: %d." % (len(m), sum(x["covered"] for x in m),
                                 len(p), sum(x["covered"] for x in p)))
    return "\n".join(out)


block = counts_block()
if mode == "--counts":
    print(block)
    sys.exit(0)
bm = re.search(r"(<!-- counts:begin -->\n)(.*?)(\n<!-- counts:end -->)", doc,
               re.S)
if not bm:
    bad("no <!-- counts:begin --> ... <!-- counts:end --> block")
elif bm.group(2) != block:
    if mode == "--update":
        doc = doc[:bm.start(2)] + block + doc[bm.end(2):]
        with open(doc_path, "w", encoding="utf-8") as f:
            f.write(doc)
        print("counts block updated")
    else:
        bad("the counts block does not match the rows; run with --update:\n"
            + block)
if not rows:
    bad("no rows found")
for p in problems:
    print("rfc-compliance: " + p, file=sys.stderr)
if not_run:
    print("cited scripts not in the TAP output: " + " ".join(sorted(not_run)))
print("%d rows, %d covered by a test, %d problems" %
      (len(rows), sum(x["covered"] for x in rows), len(problems)))
sys.exit(1 if problems else 0)
PY
