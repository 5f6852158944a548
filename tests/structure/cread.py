#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reading one C file for tests/structure/check.py.

What it owns: turning a .c or .h file into what the structure rules need,
without a compiler: its #include lines, the top-level function definitions
(name, static or not, line), and every identifier it uses (not as a struct
member, not as the name being declared at file scope), with line numbers.
Comments and string literals are blanked first; #define bodies count as
uses. Rules: standard library only; good enough for kernel-style C, not a
parser (a definition's head is "... name(args) attrs {" at file scope).
"""

import bisect
import os
import re

# Identifiers followed by "(" in a definition's head that are not its name.
ATTRS = {
    "__attribute__", "__printf", "__scanf", "__acquires", "__releases",
    "__must_hold", "__aligned", "__section", "__diag", "__alloc_size",
    "__cond_acquires", "__no_sanitize_address", "__nocfi", "__counted_by",
    "__free", "__cleanup", "__weak", "__used",
    "if", "while", "for", "switch", "return", "sizeof", "typeof",
    "__typeof__", "_Static_assert", "static_assert", "defined",
}
KEYWORDS = {
    "void", "int", "char", "short", "long", "unsigned", "signed", "bool",
    "float", "double", "struct", "union", "enum", "const", "volatile",
    "static", "inline", "extern", "typedef", "return", "sizeof", "if",
    "else", "while", "for", "do", "switch", "case", "default", "break",
    "continue", "goto", "register", "restrict", "auto",
}

IDENT = re.compile(r"[A-Za-z_]\w*")
WORD = re.compile(r"\w+")


def strip_comments(text):
    """Comments become blanks (newlines kept); strings stay."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def blank_strings(text):
    """String and character literals become blanks (quotes kept)."""
    def rep(m):
        s = m.group(0)
        return s[0] + " " * (len(s) - 2) + s[-1]
    return re.sub(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', rep, text)


class CFile:
    """One .c or .h file: its includes, definitions and identifier uses."""

    def __init__(self, root, rel):
        self.rel = rel
        self.path = os.path.join(root, rel)
        with open(self.path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        text = strip_comments(raw)
        self.includes = []  # (line, "q" or "a", name)
        self.defines = []   # (line, body) of #define
        code = list(text)
        lines = text.split("\n")
        off = 0
        i = 0
        while i < len(lines):
            start_off, start_line = off, i + 1
            logical = lines[i]
            off += len(lines[i]) + 1
            while logical.endswith("\\") and i + 1 < len(lines):
                i += 1
                logical = logical[:-1] + " " + lines[i]
                off += len(lines[i]) + 1
            i += 1
            s = logical.lstrip()
            if not s.startswith("#"):
                continue
            for k in range(start_off, min(off, len(code))):
                if code[k] != "\n":
                    code[k] = " "
            m = re.match(r'#\s*include\s*(?:"([^"]+)"|<([^>]+)>)', s)
            if m:
                if m.group(1) is not None:
                    self.includes.append((start_line, "q", m.group(1)))
                else:
                    self.includes.append((start_line, "a", m.group(2)))
                continue
            m = re.match(r"#\s*define\s+\w+(?:\([^)]*\))?(.*)", s)
            if m:
                self.defines.append((start_line, blank_strings(m.group(1))))
        self.code = blank_strings("".join(code))
        self._scan()

    def _scan(self):
        """Top-level definitions (name, static?, line) and uses."""
        code = self.code
        self.defs = []
        self.uses = []      # (line, name)
        depth = 0
        head_start = 0
        self._starts = [0] + [k + 1 for k, ch in enumerate(code) if ch == "\n"]
        i, n = 0, len(code)
        while i < n:
            c = code[i]
            if c == "{":
                if depth == 0:
                    self._head(code[head_start:i], head_start)
                depth += 1
            elif c == "}":
                depth = max(depth - 1, 0)
                if depth == 0:
                    head_start = i + 1
            elif c == ";" and depth == 0:
                head_start = i + 1
            elif c.isalpha() or c == "_":
                m = IDENT.match(code, i)
                name = m.group(0)
                j = m.end()
                if not self._is_member(i) and not (
                        depth == 0 and self._next(j) == "("):
                    self.uses.append((self.lineno(i), name))
                i = j
                continue
            elif c.isdigit():
                i = WORD.match(code, i).end()
                continue
            i += 1
        for dline, body in self.defines:
            for m in IDENT.finditer(body):
                k = m.start()
                prev = body[:k].rstrip()
                if prev.endswith(".") or prev.endswith("->"):
                    continue
                self.uses.append((dline, m.group(0)))

    def lineno(self, off):
        """The line (from 1) of an offset in the code."""
        return bisect.bisect_right(self._starts, off)

    def _next(self, j):
        code = self.code
        while j < len(code) and code[j] in " \t\n":
            j += 1
        return code[j] if j < len(code) else ""

    def _is_member(self, i):
        k = i - 1
        code = self.code
        while k >= 0 and code[k] in " \t\n":
            k -= 1
        if k >= 0 and code[k] == ".":
            return True
        return k >= 1 and code[k - 1:k + 1] == "->"

    def _head(self, head, base):
        """If head ("... name(args) attrs") opens a function, record it."""
        pdepth = 0
        name = None
        for m in re.finditer(r"[A-Za-z_]\w*|[()=]", head):
            t = m.group(0)
            if t == "(":
                pdepth += 1
            elif t == ")":
                pdepth -= 1
            elif t == "=":
                if pdepth == 0:
                    return
            elif pdepth == 0 and name is None and t not in ATTRS \
                    and t not in KEYWORDS:
                k = m.end()
                while k < len(head) and head[k] in " \t\n":
                    k += 1
                if k < len(head) and head[k] == "(":
                    name = (t, base + m.start())
        # ... name(args) [attributes] {
        if name is None or not re.search(
                r"\)\s*(?:\w+\b\s*(?:\([^()]*\)\s*)?)*$", head):
            return
        words = IDENT.findall(head)
        self.defs.append((name[0], "static" in words, self.lineno(name[1])))
