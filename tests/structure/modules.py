#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The modules of one tree (kmod/ or usr/) and their dependency graph.

What it owns: walking the repository, the -I directories of a Makefile,
grouping C files into modules (x.c with its x.h; a lone .c or .h is a module
of its own), the edges between modules (an #include resolved like the
compiler would, or a use of a function another module defines) with the
file:line that makes each, the strongly connected components and a
dependency order. Rules: standard library only; reads, never writes.
"""

import os
import re

from cread import CFile

# Directories never walked: build output, logs, the checker's own fixtures
# (they break the rules on purpose).
SKIP_DIRS = {"build", "out", ".git", "__pycache__"}
SKIP_PATHS = ("tests/structure/fixtures",)


def walk(root, tops):
    """Relative paths of every file under root/top for top in tops."""
    out = []
    for top in tops:
        base = os.path.join(root, top)
        if os.path.isfile(base):
            out.append(top)
            continue
        for d, dirs, files in os.walk(base):
            rel_d = os.path.relpath(d, root)
            dirs[:] = sorted(x for x in dirs
                             if x not in SKIP_DIRS and not x.startswith(".")
                             and os.path.join(rel_d, x) not in SKIP_PATHS)
            for f in sorted(files):
                out.append(os.path.normpath(os.path.join(rel_d, f)))
    return out


def parse_idirs(root, mkfile, vars_):
    """The -I directories of a Makefile/Kbuild, relative to root."""
    out = []
    path = os.path.join(root, mkfile)
    if not os.path.exists(path):
        return out
    base = os.path.dirname(mkfile)
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln, l in enumerate(f, 1):
            l = l.split("#", 1)[0]
            for m in re.finditer(r"-I\s*(\S+)", l):
                d = m.group(1)
                for k, v in vars_.items():
                    d = d.replace("$(%s)" % k, v)
                if "$" in d:
                    continue
                d = os.path.normpath(os.path.join(base, d))
                out.append((d, ln, m.group(0)))
    return out


class Tree:
    """kmod/ or usr/: its C files, modules and dependency edges."""

    def __init__(self, root, name, idirs):
        self.root = root
        self.name = name
        self.idirs = idirs
        self.files = {}
        for rel in walk(root, [name]):
            if rel.endswith((".c", ".h")) and not rel.endswith(".mod.c"):
                self.files[rel] = CFile(root, rel)
        stems = {}
        for rel in self.files:
            stems.setdefault(rel[:-2], []).append(rel[-1])
        self.module_of = {}
        self.label = {}
        for stem, kinds in stems.items():
            # x.c with x.h is "x"; a lone file keeps its suffix
            lab = stem if len(kinds) == 2 else stem + "." + kinds[0]
            for k in kinds:
                self.module_of[stem + "." + k] = lab
            self.label[lab] = sorted(stem + "." + k for k in kinds)
        self.modules = sorted(self.label)
        self._edges()

    def resolve(self, f, kind, name):
        """The tree file an include names, or None."""
        dirs = [os.path.dirname(f.rel)] if kind == "q" else []
        dirs += [d for d, _, _ in self.idirs]
        for d in dirs:
            p = os.path.normpath(os.path.join(d, name))
            if os.path.isfile(os.path.join(self.root, p)):
                return p
        return None

    def _edges(self):
        """Edges a -> b with their evidence (kind, file:line, what)."""
        # name -> modules defining it (visible to others)
        pub = {}
        for rel, f in self.files.items():
            for name, static, _ in f.defs:
                if static and rel.endswith(".c"):
                    continue
                pub.setdefault(name, set()).add(self.module_of[rel])
        self.defined = pub
        # (a, b) -> list of (kind, where, what)
        self.edges = {}
        for rel, f in sorted(self.files.items()):
            a = self.module_of[rel]
            for line, kind, name in f.includes:
                p = self.resolve(f, kind, name)
                if p is None or p not in self.module_of:
                    continue
                b = self.module_of[p]
                if b != a:
                    self.edges.setdefault((a, b), []).append(
                        ("include", "%s:%d" % (rel, line),
                         '#include "%s"' % name))
            local = {n for n, s, _ in f.defs if s}
            seen = set()
            for line, name in f.uses:
                if name in local or name not in pub:
                    continue
                for b in pub[name]:
                    if b == a or a in pub[name]:
                        continue
                    key = (b, name)
                    if key in seen:
                        continue
                    seen.add(key)
                    self.edges.setdefault((a, b), []).append(
                        ("use", "%s:%d" % (rel, line), name))
        self.deps = {m: set() for m in self.modules}
        for a, b in self.edges:
            self.deps[a].add(b)

    def sccs(self):
        """Strongly connected components (Tarjan, iterative)."""
        index, low, on, stack, out = {}, {}, set(), [], []
        counter = [0]
        for v0 in self.modules:
            if v0 in index:
                continue
            work = [(v0, iter(sorted(self.deps[v0])))]
            index[v0] = low[v0] = counter[0]
            counter[0] += 1
            stack.append(v0)
            on.add(v0)
            while work:
                v, it = work[-1]
                pushed = False
                for w in it:
                    if w not in index:
                        index[w] = low[w] = counter[0]
                        counter[0] += 1
                        stack.append(w)
                        on.add(w)
                        work.append((w, iter(sorted(self.deps[w]))))
                        pushed = True
                        break
                    if w in on:
                        low[v] = min(low[v], index[w])
                if pushed:
                    continue
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
        return out

    def order(self):
        """Components in dependency order, leaves first."""
        comps = self.sccs()
        comp_of = {}
        for i, c in enumerate(comps):
            for m in c:
                comp_of[m] = i
        cdeps = {i: set() for i in range(len(comps))}
        for a, b in self.edges:
            if comp_of[a] != comp_of[b]:
                cdeps[comp_of[a]].add(comp_of[b])
        done, out = set(), []
        remaining = set(range(len(comps)))
        while remaining:
            i = min((i for i in remaining if cdeps[i] <= done),
                    key=lambda i: comps[i][0])
            out.append(comps[i])
            done.add(i)
            remaining.discard(i)
        return out
