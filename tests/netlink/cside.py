# SPDX-License-Identifier: GPL-2.0
"""What the C says about the dcxlat family, for check_spec.py.

Reads kmod/uapi/dcxlat.h (defines, enums, the DCXLAT_STATS table),
kmod/nl_policy.c (every nla_policy, through cpp with NLA_POLICY_* turned
into tuples, the settings policy expanded from its table) and
kmod/netlink.c (the family and its ops table). Reads, never writes.
"""
import os
import re
import subprocess


def cname(*parts):
    return ''.join(parts).upper().replace('-', '_')


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', text)


# ---- the C side ------------------------------------------------------

class CSide:
    """What the header, the policies and the ops table say."""

    def __init__(self, root):
        self.root = root
        hdr = self.read('kmod/uapi/dcxlat.h')
        self.defines = dict(re.findall(
            r'^#define\s+(\w+)\s+("[^"]*"|-?\d+)\s*$', hdr, flags=re.M))
        self.enums = {}
        for name, body in re.findall(r'enum\s+(\w+)\s*\{(.*?)\};',
                                     strip_comments(hdr), flags=re.S):
            if '(' not in body:	# X-macro enums: read from their table
                self.enums[name] = self.enum_values(body)
        self.stats = re.findall(r'X\((\w+),\s*"', hdr)
        self.policies = self.read_policies()
        self.family, self.ops = self.read_family()

    def read(self, path):
        with open(os.path.join(self.root, path)) as f:
            return f.read()

    @staticmethod
    def enum_values(body):
        vals, v = {}, -1
        for item in body.split(','):
            item = item.strip()
            if not item:
                continue
            m = re.match(r'(\w+)\s*(?:=\s*(.+))?$', item, flags=re.S)
            v = int(m.group(2), 0) if m.group(2) else v + 1
            vals[m.group(1)] = v
        return vals

    def read_policies(self):
        """nl_policy.c through cpp, NLA_POLICY_* turned into tuples."""
        src = strip_comments(self.read('kmod/nl_policy.c'))
        src = '\n'.join(l for l in src.split('\n')
                        if not l.startswith('#include'))
        stubs = '''#include "uapi/dcxlat.h"
#include "uapi/dcxlat_settings.h"
#define IFNAMSIZ 16
#define NLA_POLICY_NESTED(p) (nest, p)
#define NLA_POLICY_EXACT_LEN(n) (exact, n)
#define NLA_POLICY_MAX(t, n) (max, t, n)
#define NLA_POLICY_MIN(t, n) (min, t, n)
#define NLA_POLICY_RANGE(t, lo, hi) (range, t, lo, hi)
#define NLA_POLICY_FULL_RANGE(t, r) (full, t, r)
'''
        out = subprocess.run(
            ['cpp', '-P', '-I', os.path.join(self.root, 'kmod')],
            input=stubs + src, capture_output=True, text=True, check=True
        ).stdout
        policies = {}
        for name, body in re.findall(
                r'nla_policy\s+(\w+)\s*\[[^\]]*\]\s*=\s*\{(.*?)\};', out,
                flags=re.S):
            policies[name] = dict(
                (k, self.policy_entry(e)) for k, e in
                re.findall(r'\[(\w+)\]\s*=\s*(.*?)\s*,?\s*(?=\[\w+\]\s*=|$)',
                           body.strip(), flags=re.S))
        ranges = {}
        m = re.search(r'dcx_set_ranges\s*\[[^\]]*\]\s*=\s*\{(.*?)\};', out,
                      flags=re.S)
        if m:
            for k, lo, hi in re.findall(
                    r'\[(\w+)\]\s*=\s*\{\s*\.min\s*=\s*\(?([^,)]+)\)?\s*,'
                    r'\s*\.max\s*=\s*\(?([^,)}]+)\)?', m.group(1)):
                ranges[k] = (self.num(lo), self.num(hi))
        for pol in policies.values():
            for k, e in pol.items():
                if e[0] == 'full':
                    ref = re.search(r'\[(\w+)\]', e[2]).group(1)
                    lo, hi = ranges[ref]
                    pol[k] = ('int', e[1], {'min': lo, 'max': hi})
        return policies

    def num(self, expr):
        expr = expr.strip()
        sizes = {'sizeof(__be32)': '4', 'sizeof(struct in6_addr)': '16'}
        for k, v in sizes.items():
            expr = expr.replace(k, v)
        expr = re.sub(r'\b([A-Z_]\w*)\b',
                      lambda m: self.defines.get(m.group(1), m.group(1)),
                      expr)
        return int(eval(expr, {}))  # digits and operators only by now

    NLA = {'NLA_U8': 'u8', 'NLA_U16': 'u16', 'NLA_U32': 'u32',
           'NLA_U64': 'u64', 'NLA_NUL_STRING': 'string',
           'NLA_BINARY': 'binary', 'NLA_FLAG': 'flag', 'NLA_REJECT': 'reject',
           'NLA_NESTED': 'nest'}

    def policy_entry(self, e):
        """(kind, type, checks) of one policy initialiser."""
        e = ' '.join(e.split())
        m = re.match(r'\((\w+),\s*(.*)\)$', e)
        if m:
            kind, args = m.group(1), [a.strip() for a in
                                      m.group(2).split(',')]
            if kind == 'nest':
                return ('nest', 'nest', {'policy': args[0]})
            if kind == 'exact':
                return ('int', 'binary', {'exact-len': self.num(args[0])})
            if kind == 'full':
                return ('full', self.NLA[args[0]], args[1])
            t = self.NLA[args[0]]
            if kind == 'range':
                return ('int', t, {'min': self.num(args[1]),
                                   'max': self.num(args[2])})
            return ('int', t, {kind: self.num(args[1])})
        m = re.match(r'\{\s*\.type\s*=\s*(\w+)(.*)\}$', e)
        if not m:
            return ('unknown', e, {})
        t = self.NLA.get(m.group(1), m.group(1))
        checks = {}
        ln = re.search(r'\.len\s*=\s*([^,}]+)', m.group(2))
        if ln and t == 'string':
            checks['max-len'] = self.num(ln.group(1))
        return ('reject' if t == 'reject' else 'int', t, checks)

    def read_family(self):
        src = strip_comments(self.read('kmod/netlink.c'))
        fam = dict(re.findall(r'\.(\w+)\s*=\s*([\w&]+)\s*,',
                              re.search(r'genl_family\s+\w+[^=]*=\s*\{(.*?)\};',
                                        src, flags=re.S).group(1)))
        m = re.search(r'#define\s+DCX_DO_DUMP\(c, fdo, fdump\)(.*?)\n\n', src,
                      flags=re.S)
        fam['uns-admin-perm'] = bool(m and 'GENL_UNS_ADMIN_PERM' in m.group(1))
        fam['mcgrps'] = re.findall(r'DCX_GENL_MCGRP\((\w+)\)', src)
        ops = {}
        table = re.search(r'genl_small_ops\s+\w+\[\]\s*=\s*\{(.*?)\};', src,
                          flags=re.S).group(1)
        for kind, c, args in re.findall(r'(DCX_DO_DUMP|DCX_DO|DCX_DUMP)\((\w+),'
                                        r'([^)]*)\)', table):
            ops['DCXLAT_CMD_' + c] = {
                'do': kind in ('DCX_DO', 'DCX_DO_DUMP'),
                'dump': kind in ('DCX_DUMP', 'DCX_DO_DUMP')}
        return fam, ops
