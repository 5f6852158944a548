#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Structure check of the dcxlat tree: the rules that keep the house clear.

What it owns: the structural rules of issue 10 ("Done means"), checked on
the files themselves, for kmod/ (with kmod/core and kmod/uapi) and usr/
separately:

  cycle     no cycle between modules. A module is x.c with its x.h (a
            header without a .c, or a .c without a header, is a module of
            its own). A depends on B when a file of A #includes B's header,
            or uses (calls, or takes the address of) a function B defines:
            a non-static top-level definition in a .c, or any definition in
            a header (static inline). Every strongly connected component of
            more than one module is one problem, printed with the edges that
            make it (file:line of the include or the use).
  size      no source file (.c .h .py .sh Makefile Kbuild .mk) under kmod/,
            usr/, tests/, bench/ over MAX_LINES lines, except generated
            vectors (tests/unit/vectors/) and ALLOW (below, with a reason).
  tests     no kmod file includes anything under tests/: quoted includes
            resolved against the including file's directory and the -I
            directories of Kbuild, plus a literal "tests/" in an include or
            in a Kbuild -I.
  corelist  kmod/core/core.mk is the one list of the core sources (it
            matches kmod/core/*.c; Kbuild and the userspace builds of the
            core include it; no other Makefile names two or more core
            sources, and Kbuild names none).
  coreinc   core files (kmod/core/*.[ch]) include only core headers and
            kmod/uapi/*.h (env.h and its userspace branch env_user.h aside), and
            never a <...> header.
  filemap   docs/design.md's "## File map" section names every source file
            of kmod/ and usr/ (.c .h .mk, the Makefiles, the spec .yaml)
            and no file that does not exist (when docs/design.md exists).

Rules of this file: python3 standard library only; reads, never writes; one
line per problem (details indented under it), then "structure: N problems";
exit status 0 when there is none, 1 otherwise.

  tests/structure/check.py [--root DIR] [--graph] [--max-lines N]

--root: the tree to check (default: this repository); --graph: print each
tree's module dependency order instead (leaves first: a module comes after
everything it depends on; a cycle is printed as one group).
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # nothing written next to the sources

from modules import Tree, parse_idirs, walk  # noqa: E402

MAX_LINES = 600

# Files allowed over MAX_LINES: path relative to the root -> the reason.
ALLOW = {
}

# Generated files, never counted for size.
GENERATED_DIRS = ("tests/unit/vectors/",)

SOURCE_EXT = (".c", ".h", ".py", ".sh", ".mk")
SOURCE_NAMES = ("Makefile", "Kbuild")

# The one list of the core sources, and the builds that must include it.
CORE_MK = "kmod/core/core.mk"
# The environment of the core: env.h chooses, env_user.h is its userspace
# branch (the CLI's types); only they may include system/kernel headers.
CORE_ENV = ("kmod/core/env.h", "kmod/core/env_user.h")
CORE_USERS = ("Kbuild", "tests/unit/Makefile", "tests/fuzz/Makefile",
              "tests/bench-core/Makefile")


def describe_edge(ev):
    """'#include "x.h" at f:l; uses f1 (f:l), f2 (f:l) (+N more)'."""
    parts = ["%s at %s" % (what, where)
             for kind, where, what in ev if kind == "include"]
    use = [(where, what) for kind, where, what in ev if kind == "use"]
    if use:
        shown = ", ".join("%s (%s)" % (what, where)
                          for where, what in use[:4])
        more = " (+%d more)" % (len(use) - 4) if len(use) > 4 else ""
        parts.append("uses " + shown + more)
    return "; ".join(parts)


# ---- the checks ---------------------------------------------------------

def check_cycles(tree, out):
    for comp in tree.sccs():
        if len(comp) < 2:
            continue
        details = ["    %s -> %s: %s" % (a, b, describe_edge(tree.edges[a, b]))
                   for a in comp for b in comp if (a, b) in tree.edges]
        out.append(("cycle: %s: %d modules: %s"
                    % (tree.name, len(comp), " ".join(comp)), details))


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def check_size(root, max_lines, out):
    for rel in walk(root, ["kmod", "usr", "tests", "bench"]):
        base = os.path.basename(rel)
        if not (rel.endswith(SOURCE_EXT) or base in SOURCE_NAMES):
            continue
        if rel.endswith(".mod.c") or rel.startswith(GENERATED_DIRS):
            continue
        n = count_lines(os.path.join(root, rel))
        if n > max_lines and rel not in ALLOW:
            out.append(("size: %s: %d lines (over %d)"
                        % (rel, n, max_lines), []))


def check_tests_include(kmod, out):
    for d, ln, flag in kmod.idirs:
        if d == "tests" or d.startswith("tests/") or "tests/" in flag:
            out.append(("tests: Kbuild:%d: %s puts tests/ on the module's"
                        " include path" % (ln, flag), []))
    for rel, f in sorted(kmod.files.items()):
        for line, kind, name in f.includes:
            p = kmod.resolve(f, kind, name)
            if "tests/" in name:
                out.append(('tests: %s:%d: includes "%s"'
                            % (rel, line, name), []))
            elif p is not None and p.startswith("tests/"):
                out.append(('tests: %s:%d: includes "%s" = %s'
                            % (rel, line, name, p), []))


def make_lines(path):
    """(line number, text without comments) of a Makefile."""
    out, cont = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln, l in enumerate(f, 1):
            l = l.split("#", 1)[0].rstrip("\n")
            if cont is not None:
                cont = (cont[0], cont[1] + " " + l.rstrip("\\"))
            else:
                cont = (ln, l.rstrip("\\"))
            if not l.endswith("\\"):
                out.append(cont)
                cont = None
    if cont is not None:
        out.append(cont)
    return out


def core_names(root, out):
    """The names core.mk lists and the kmod/core/*.c there are."""
    mk = CORE_MK
    if not os.path.exists(os.path.join(root, mk)):
        out.append(("corelist: %s is missing" % mk, []))
        return None
    core = []
    for _, l in make_lines(os.path.join(root, mk)):
        m = re.match(r"\s*DCX_CORE\s*[:+]?=(.*)", l)
        if m:
            core += m.group(1).split()
    have = sorted(f[:-2] for f in os.listdir(os.path.join(root, "kmod/core"))
                  if f.endswith(".c"))
    if not core:
        out.append(("corelist: %s does not set DCX_CORE" % mk, []))
    for n in sorted(set(have) - set(core)):
        out.append(("corelist: kmod/core/%s.c is not in %s" % (n, mk), []))
    for n in sorted(set(core) - set(have)):
        out.append(("corelist: %s names %s, no kmod/core/%s.c"
                    % (mk, n, n), []))
    return set(core) | set(have)


def check_corelist(root, out):
    if not os.path.isdir(os.path.join(root, "kmod/core")):
        return
    names = core_names(root, out)
    if names is None:
        return
    for rel in CORE_USERS:
        p = os.path.join(root, rel)
        if os.path.exists(p) and not any(
                re.match(r"\s*-?include\s+\S*core\.mk\b", l)
                for _, l in make_lines(p)):
            out.append(("corelist: %s does not include %s"
                        % (rel, CORE_MK), []))
    for rel in walk(root, ["Kbuild", "Makefile", "kmod", "usr", "tests",
                           "bench"]):
        base = os.path.basename(rel)
        if rel == CORE_MK or not (base in SOURCE_NAMES or
                                  rel.endswith(".mk")):
            continue
        hits = []
        for ln, l in make_lines(os.path.join(root, rel)):
            for m in re.finditer(r"[\w./$()-]+", l):
                stem = re.sub(r"\.[oc]$", "", os.path.basename(m.group(0)))
                if "%" not in m.group(0) and stem in names:
                    hits.append((ln, m.group(0), stem))
        # Kbuild names none; another build may share one core file.
        if hits and (base == "Kbuild" or len({h[2] for h in hits}) > 1):
            where = ", ".join("line %d: %s" % (ln, t)
                              for ln, t, _ in hits[:6])
            out.append(("corelist: %s names core sources (%s) instead of"
                        " including %s" % (rel, where, CORE_MK), []))


def check_coreinc(kmod, out):
    for rel, f in sorted(kmod.files.items()):
        if not rel.startswith("kmod/core/") or rel in CORE_ENV:
            continue
        for line, kind, name in f.includes:
            if kind == "a":
                out.append(("coreinc: %s:%d: includes <%s> (only"
                            " kmod/core/env.h may)" % (rel, line, name), []))
                continue
            p = kmod.resolve(f, kind, name)
            if p is None or not re.match(r"kmod/(core|uapi)/[^/]+\.h$", p):
                out.append(('coreinc: %s:%d: includes "%s" (%s), not a core'
                            ' or uapi header'
                            % (rel, line, name, p or "not found"), []))


FILEMAP_DOC = "docs/design.md"
FILEMAP_HEAD = "## File map"
FILEMAP_EXT = (".c", ".h", ".mk", ".yaml")


def filemap_sources(root):
    """The files of kmod/, usr/ and Documentation/ the file map must name."""
    have = set()
    for top in ("kmod", "usr", "Documentation"):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for n in names:
                if n.endswith(FILEMAP_EXT) or n == "Makefile":
                    have.add(os.path.relpath(os.path.join(dirpath, n), root))
    return have


def check_filemap(root, out):
    doc = os.path.join(root, FILEMAP_DOC)
    if not os.path.exists(doc):
        return
    named, inside = {}, False
    with open(doc, encoding="utf-8", errors="replace") as f:
        for ln, line in enumerate(f, 1):
            if line.startswith("## "):
                inside = line.rstrip() == FILEMAP_HEAD
                continue
            if inside:
                for m in re.finditer(r"`((?:kmod|usr|Documentation)/"
                                     r"[^`\s]+)`", line):
                    named.setdefault(m.group(1), ln)
    if not named:
        out.append(("filemap: %s has no \"%s\" section naming files"
                    % (FILEMAP_DOC, FILEMAP_HEAD), []))
        return
    have = filemap_sources(root)
    for f in sorted(have - set(named)):
        out.append(("filemap: %s is not in %s's file map"
                    % (f, FILEMAP_DOC), []))
    for f, ln in sorted(named.items()):
        if not os.path.exists(os.path.join(root, f)):
            out.append(("filemap: %s:%d names %s, which does not exist"
                        % (FILEMAP_DOC, ln, f), []))


def load(root):
    """The kmod and usr trees of root, with their -I directories."""
    trees = []
    if os.path.isdir(os.path.join(root, "kmod")):
        idirs = parse_idirs(root, "Kbuild", {"src": ".", "srctree": "."})
        trees.append(Tree(root, "kmod", idirs))
    if os.path.isdir(os.path.join(root, "usr")):
        trees.append(Tree(root, "usr", parse_idirs(root, "usr/Makefile", {})))
    return trees


def print_graph(trees):
    for t in trees:
        print("# %s: %d modules, leaves first; module: what it depends on"
              % (t.name, len(t.modules)))
        for comp in t.order():
            deps = sorted({b for a in comp for b in t.deps[a]} - set(comp))
            head = comp[0] if len(comp) == 1 else \
                "CYCLE{%s}" % " ".join(comp)
            print("%s:%s" % (head, "".join(" " + d for d in deps)))


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    ap = argparse.ArgumentParser(
        description="Structure check of the dcxlat tree (issue 10).")
    ap.add_argument("--root", default=os.path.normpath(top),
                    help="the tree to check (default: this repository)")
    ap.add_argument("--graph", action="store_true",
                    help="print the module dependency order, leaves first")
    ap.add_argument("--max-lines", type=int, default=MAX_LINES,
                    help="longest file allowed (default %d)" % MAX_LINES)
    args = ap.parse_args()
    trees = load(args.root)
    if args.graph:
        print_graph(trees)
        return 0
    out = []
    for t in trees:
        check_cycles(t, out)
    check_size(args.root, args.max_lines, out)
    for t in trees:
        if t.name == "kmod":
            check_tests_include(t, out)
            check_coreinc(t, out)
    check_corelist(args.root, out)
    check_filemap(args.root, out)
    for head, details in out:
        print(head)
        for d in details:
            print(d)
    print("structure: %d problems" % len(out))
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
