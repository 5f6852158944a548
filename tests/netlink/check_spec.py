#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the YNL spec of the dcxlat family says what the C says.

The protocol is written three times: the spec
(Documentation/netlink/specs/dcxlat.yaml), the uapi header
(kmod/uapi/dcxlat.h, the settings table in kmod/uapi/dcxlat_settings.h)
and the kernel (the nla_policy arrays of kmod/nl_policy.c, the family and
its operations in kmod/netlink.c; read by cside.py). This compares them:

  - the spec's keys and types with what the kernel's YNL schema
    (Documentation/netlink/genetlink-legacy.yaml) allows;
  - family name, version, multicast groups with the uapi defines;
  - every definition (const, enum) with the uapi #define / enum;
  - every attribute set with its uapi enum, names and values, both ways
    (the stats set with the DCXLAT_STATS table, type = counter + 1);
  - every operation with enum dcxlat_cmd; notifications carry the value
    of the request they follow, or are an event-only command of the enum
    (same value, not in the kernel's ops table), and name a known
    multicast group;
  - do/dump of every operation with the kernel's ops table;
  - every attribute's type and checks with the kernel policy, following
    nests from the family policy (NLA_REJECT = reply only: no request of
    the spec may carry it).

The kernel does not say which attributes each command accepts (one global
policy), so request lists are checked only against NLA_REJECT.

Usage: check_spec.py [--spec FILE] [--root DIR]   exit 0 when all agree,
       check_spec.py --self-test                 1 with a line per mismatch
The self test breaks copies of the spec in known ways and expects each to
be caught (and the real spec to pass).
"""
import argparse
import copy
import os
import subprocess
import sys
import tempfile

import yaml

from cside import CSide, cname

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
SPEC = 'Documentation/netlink/specs/dcxlat.yaml'


# The keys and values Documentation/netlink/genetlink-legacy.yaml allows.
SCHEMA = {
    'top': 'name doc protocol uapi-header c-family-name c-version-name '
           'max-by-define cmd-max-name cmd-cnt-name kernel-policy version '
           'definitions attribute-sets operations mcast-groups kernel-family',
    'def': 'name header type doc value value-start entries render-max '
           'enum-name name-prefix enum-cnt-name members',
    'set': 'name name-prefix enum-name doc subset-of attr-cnt-name '
           'attr-max-name header attributes',
    'attr': 'name type doc value type-value byte-order multi-attr '
            'nested-attributes enum enum-as-flags checks sub-type '
            'display-hint name-prefix struct',
    'checks': 'flags-mask min max min-len max-len exact-len unterminated-ok',
    'type': 'unused pad flag binary bitfield32 uint sint u8 u16 u32 u64 s8 '
            's16 s32 s64 string nest indexed-array nest-type-value',
    'display-hint': 'hex mac fddi ipv4 ipv6 uuid',
    'ops': 'enum-model name-prefix enum-name async-prefix async-enum '
           'fixed-header list',
    'op': 'name doc value attribute-set flags dont-validate config-cond '
          'fixed-header do dump notify event mcgrp',
}


# ---- the comparison ---------------------------------------------------

class Checker:
    def __init__(self, spec, c):
        self.spec, self.c = spec, c
        self.problems = []
        self.sets = {s['name']: s for s in spec.get('attribute-sets', [])}

    def bad(self, msg):
        self.problems.append(msg)

    def run(self):
        self.schema()
        self.family()
        self.definitions()
        for s in self.sets.values():
            if 'subset-of' not in s:
                self.attr_set(s)
        self.operations()
        self.policy_walk()
        return self.problems

    def keys(self, where, obj, allowed, required=()):
        for k in obj:
            if k not in allowed.split():
                self.bad('%s: %r is not a key of genetlink-legacy' % (where, k))
        for k in required:
            if k not in obj:
                self.bad('%s: %r is required' % (where, k))

    def schema(self):
        """The shape Documentation/netlink/genetlink-legacy.yaml allows."""
        s = self.spec
        self.keys('spec', s, SCHEMA['top'],
                  ('name', 'doc', 'attribute-sets', 'operations'))
        if s.get('protocol') != 'genetlink-legacy':
            self.bad('spec: protocol is not genetlink-legacy')
        for d in s.get('definitions', []):
            self.keys('definition %s' % d.get('name'), d, SCHEMA['def'],
                      ('name', 'type'))
        for aset in s.get('attribute-sets', []):
            where = 'attribute set %s' % aset.get('name')
            self.keys(where, aset, SCHEMA['set'], ('name', 'attributes'))
            for a in aset.get('attributes', []):
                w = '%s.%s' % (aset.get('name'), a.get('name'))
                self.keys(w, a, SCHEMA['attr'],
                          ('name',) if 'subset-of' in aset else
                          ('name', 'type'))
                self.keys(w + ' checks', a.get('checks', {}),
                          SCHEMA['checks'])
                for k in ('type', 'display-hint'):
                    if k in a and a[k] not in SCHEMA[k].split():
                        self.bad('%s: %s %r is unknown' % (w, k, a[k]))
        ops = s.get('operations', {})
        self.keys('operations', ops, SCHEMA['ops'], ('list',))
        for op in ops.get('list', []):
            w = 'operation %s' % op.get('name')
            self.keys(w, op, SCHEMA['op'], ('name', 'doc'))
            for kind in ('do', 'dump'):
                self.keys('%s %s' % (w, kind), op.get(kind, {}),
                          'request reply pre post')
        for g in s.get('mcast-groups', {}).get('list', []):
            self.keys('mcast group', g, 'name c-define-name flags', ('name',))

    def family(self):
        s, d = self.spec, self.c.defines
        if '"%s"' % s.get('name') != d.get('DCXLAT_GENL_NAME'):
            self.bad('family name %r, uapi DCXLAT_GENL_NAME %s'
                     % (s.get('name'), d.get('DCXLAT_GENL_NAME')))
        if str(s.get('version', 1)) != d.get('DCXLAT_GENL_VERSION'):
            self.bad('family version %s, uapi DCXLAT_GENL_VERSION %s'
                     % (s.get('version', 1), d.get('DCXLAT_GENL_VERSION')))
        for key in ('c-family-name', 'c-version-name'):
            if cname(s.get(key, '')) not in d:
                self.bad('%s %r is not defined in the uapi header'
                         % (key, s.get(key)))
        fam = self.c.family
        if fam.get('name') != 'DCXLAT_GENL_NAME' or \
           fam.get('version') != 'DCXLAT_GENL_VERSION':
            self.bad('kernel family is not named/versioned by the uapi defines')
        groups = s.get('mcast-groups', {}).get('list', [])
        names = ['"%s"' % g['name'] for g in groups]
        kernel = [d.get(g) for g in fam['mcgrps']]
        if sorted(names) != sorted(kernel):
            self.bad('multicast groups %s, kernel %s' % (names, kernel))
        for g in groups:
            define = cname(g.get('c-define-name', ''))
            if define and d.get(define) != '"%s"' % g['name']:
                self.bad('multicast group %s: uapi %s is %s'
                         % (g['name'], define, d.get(define)))

    def definitions(self):
        for df in self.spec.get('definitions', []):
            prefix = df.get('name-prefix', '')
            if df['type'] == 'const':
                define = cname(prefix, df['name'])
                if self.c.defines.get(define) != str(df['value']):
                    self.bad('const %s = %s, uapi %s' % (
                        define, df['value'], self.c.defines.get(define)))
                continue
            enum = cname(df.get('enum-name', ''))
            if enum == 'DCXLAT_STAT':
                want = {cname(prefix, n): i for i, n in
                        enumerate(x.lower().replace('_', '-')
                                  for x in self.c.stats)}
            else:
                want = self.c.enums.get(enum.lower())
            if want is None:
                self.bad('enum %s: no such enum in the uapi header' % enum)
                continue
            got, v = {}, -1
            for e in df.get('entries', []):
                e = e if isinstance(e, dict) else {'name': e}
                v = e.get('value', v + 1)
                got[cname(prefix, e['name'])] = v
            self.compare('enum %s' % enum, got, want,
                         ignore=lambda n: n.endswith('_COUNT'))

    def compare(self, what, got, want, ignore=lambda n: False):
        for n, v in got.items():
            if n not in want:
                self.bad('%s: %s is not in the uapi header' % (what, n))
            elif want[n] != v:
                self.bad('%s: %s = %d in the spec, %d in the uapi header'
                         % (what, n, v, want[n]))
        for n in want:
            if n not in got and not ignore(n):
                self.bad('%s: uapi %s is missing from the spec' % (what, n))

    @staticmethod
    def set_values(s):
        vals, v = {}, 0
        for a in s['attributes']:
            v = a.get('value', v + 1) if vals or 'value' in a else 1
            vals[a['name']] = v
        return vals

    def attr_set(self, s):
        vals = self.set_values(s)
        if s['name'] == 'stats':
            want = {'pad': int(self.c.defines.get('DCXLAT_STATS_PAD', -1))}
            want.update({x.lower().replace('_', '-'): i + 1
                         for i, x in enumerate(self.c.stats)})
            self.compare('attribute set stats', vals, want)
            return
        enum = cname(s.get('enum-name', '')).lower()
        if enum not in self.c.enums:
            self.bad('attribute set %s: no enum %s in the uapi header'
                     % (s['name'], enum))
            return
        prefix = s.get('name-prefix', '')
        got = {cname(prefix, n): v for n, v in vals.items()}
        self.compare('attribute set %s' % s['name'], got,
                     self.c.enums[enum],
                     ignore=lambda n: n.endswith('_UNSPEC') or
                     n.startswith('__'))

    def operations(self):
        ops = self.spec['operations']
        prefix = ops.get('name-prefix', '')
        cmds = self.c.enums.get(cname(ops.get('enum-name', '')).lower())
        if cmds is None:
            self.bad('operations: no enum %s in the uapi header'
                     % ops.get('enum-name'))
            return
        got, ntf, v = {}, {}, 0
        self.events = {}
        groups = {g['name'] for g in
                  self.spec.get('mcast-groups', {}).get('list', [])}
        for op in ops['list']:
            v = op.get('value', v + 1)
            if 'event' in op or 'notify' in op:
                ntf[op['name']] = (v, op)
                if cname(prefix, op['name']) in cmds:
                    self.events[cname(prefix, op['name'])] = v
                continue
            got[cname(prefix, op['name'])] = v
            self.kernel_op(cname(prefix, op['name']), op)
        self.compare('operations', got, cmds,
                     ignore=lambda n: n.endswith('_UNSPEC') or
                     n.startswith('__') or n in self.events)
        for n in self.c.ops:
            if n not in got:
                self.bad('kernel op %s is not an operation of the spec' % n)
        for name, (v, op) in ntf.items():
            c = cname(prefix, name)
            if c in cmds:
                self.event_only(c, v, cmds[c])
            elif v not in got.values():
                self.bad('notification %s: value %d is no request' % (name, v))
            if op.get('mcgrp') not in groups:
                self.bad('notification %s: unknown group %r'
                         % (name, op.get('mcgrp')))

    def event_only(self, c, v, want):
        """A command of its own that only the kernel sends (no request)."""
        if v != want:
            self.bad('event %s = %d in the spec, %d in the uapi header'
                     % (c, v, want))
        if c in self.c.ops:
            self.bad('event %s is in the kernel ops table: a request, not '
                     'an event' % c)

    def kernel_op(self, c, op):
        k = self.c.ops.get(c)
        if k is None:
            self.bad('operation %s: not in the kernel ops table' % c)
            return
        for kind in ('do', 'dump'):
            if (kind in op) != k[kind]:
                self.bad('operation %s: %s in the spec %s, in the kernel %s'
                         % (c, kind, kind in op, k[kind]))
        if ('uns-admin-perm' in op.get('flags', [])) != \
           self.c.family['uns-admin-perm']:
            self.bad('operation %s: uns-admin-perm differs' % c)
        root = self.c.policies.get(self.c.family.get('policy'), {})
        sset = self.sets.get(op.get('attribute-set'), {})
        prefix = sset.get('name-prefix', '')
        for kind in ('do', 'dump'):
            for a in op.get(kind, {}).get('request', {}).get('attributes', []):
                pol = root.get(cname(prefix, a))
                if pol and pol[0] == 'reject':
                    self.bad('operation %s: request carries %s, which the '
                             'kernel rejects (reply only)' % (c, a))

    def naming(self, s):
        parent = self.sets.get(s.get('subset-of'), s)
        return parent.get('name-prefix', '')

    def policy_walk(self):
        """Follow nests from the family policy and the ops' set."""
        root = self.c.family.get('policy')
        sets = {op.get('attribute-set')
                for op in self.spec['operations']['list']}
        if len(sets) != 1:
            self.bad('operations use several attribute sets: %s' % sets)
            return
        todo, seen = [(root, sets.pop())], {}
        while todo:
            pol, sname = todo.pop()
            if pol in seen:
                if seen[pol] != sname:
                    self.bad('policy %s is used for sets %s and %s'
                             % (pol, seen[pol], sname))
                continue
            seen[pol] = sname
            todo.extend(self.policy_set(pol, sname))
        for p in self.c.policies:
            if p not in seen:
                self.bad('kernel policy %s is reached from no attribute set'
                         % p)

    def policy_set(self, pol, sname):
        s = self.sets.get(sname)
        entries = self.c.policies.get(pol)
        if s is None or entries is None:
            self.bad('policy %s / set %s: one of them does not exist'
                     % (pol, sname))
            return []
        prefix, nested = self.naming(s), []
        attrs = {cname(prefix, a['name']): a for a in s['attributes']}
        parent = self.sets.get(s.get('subset-of'))
        for c, (kind, t, checks) in entries.items():
            a = attrs.get(c)
            if a is None:
                self.bad('%s[%s] has no attribute in set %s' % (pol, c, sname))
                continue
            if parent and 'type' not in a:
                a = dict(next(p for p in parent['attributes']
                              if p['name'] == a['name']), **a)
            where = '%s.%s' % (sname, a['name'])
            if kind == 'reject':
                continue
            if kind == 'unknown':
                self.bad('%s: cannot read policy %s' % (where, t))
                continue
            if a.get('type') != t:
                self.bad('%s: type %s in the spec, %s in %s'
                         % (where, a.get('type'), t, pol))
            if t == 'nest':
                if 'nested-attributes' not in a:
                    self.bad('%s: nest without nested-attributes' % where)
                else:
                    nested.append((checks['policy'], a['nested-attributes']))
                continue
            spec_checks = a.get('checks', {})
            if spec_checks != checks:
                self.bad('%s: checks %s in the spec, %s in %s'
                         % (where, spec_checks, checks, pol))
        for c, a in attrs.items():
            if c not in entries and a.get('type') not in ('pad', 'unused') \
               and pol:
                self.bad('%s.%s: no entry in %s (the kernel rejects it)'
                         % (sname, a['name'], pol))
        return nested


def check(spec, root):
    return Checker(spec, CSide(root)).run()


# ---- self test ------------------------------------------------------

def find(lst, name):
    return next(x for x in lst if x['name'] == name)


def breakages():
    """(what, function that breaks a spec in place)."""
    def attr(s, sname, aname):
        return find(find(s['attribute-sets'], sname)['attributes'], aname)

    def op(s, name):
        return find(s['operations']['list'], name)

    def drop_op(s, name):
        s['operations']['list'].remove(op(s, name))

    def swap_ops(s):
        lst = s['operations']['list']
        lst[1], lst[2] = lst[2], lst[1]

    return [
        ('family version', lambda s: s.update(version=2)),
        ('family name', lambda s: s.update(name='dcxlat2')),
        ('attribute renamed',
         lambda s: attr(s, 'dcxlat', 'space-cfg').update(name='space-conf')),
        ('attribute value moved',
         lambda s: attr(s, 'space', 'table').update(value=9)),
        ('attribute type', lambda s: attr(s, 'settings', 'lowest-mtu6')
         .update(type='u16')),
        ('attribute check', lambda s: attr(s, 'settings', 'lowest-mtu6')
         ['checks'].update(min=1000)),
        ('check missing', lambda s: attr(s, 'bind', 'ifindex').pop('checks')),
        ('prefix length', lambda s: attr(s, 'prefix4', 'len')
         ['checks'].update(max=128)),
        ('nest points elsewhere', lambda s: attr(s, 'dcxlat', 'pool6')
         .update({'nested-attributes': 'prefix4'})),
        ('attribute dropped', lambda s: find(s['attribute-sets'], 'eam')
         ['attributes'].pop()),
        ('stats counter renamed', lambda s: attr(s, 'stats', 'hairpin')
         .update(name='hairpins')),
        ('operation dropped', lambda s: drop_op(s, 'txn-abort')),
        ('operations reordered', swap_ops),
        ('dump dropped', lambda s: op(s, 'space-get').pop('dump')),
        ('do added', lambda s: op(s, 'eamt-get').update(
            do={'request': {'attributes': ['instance']}})),
        ('reply-only attribute in a request', lambda s: op(s, 'stats-reset')
         ['do']['request']['attributes'].append('stats')),
        ('notification of no request', lambda s: op(s, 'bind-del-ntf')
         .update(value=30)),
        ('event-only command moved', lambda s: op(s, 'bind-dev')
         .update(value=25)),
        ('event-only command dropped', lambda s: drop_op(s, 'bind-dev')),
        ('event-only command made a request', lambda s: op(s, 'bind-dev')
         .pop('event')),
        ('enum entries swapped', lambda s: find(s['definitions'], 'role')
         .update(entries=['br', 'siit', 'er'])),
        ('const value', lambda s: find(s['definitions'], 'name-max')
         .update(value=32)),
        ('multicast group', lambda s: s['mcast-groups']['list'][0]
         .update(name='configs')),
        ('key the schema does not know', lambda s: attr(s, 'bind', 'ifindex')
         .update(range=[1, 2])),
    ]


def self_test(spec, root):
    fails = 0
    base = check(spec, root)
    if base:
        print('self-test: the real spec does not pass (%d mismatches)'
              % len(base))
        fails += 1
    for what, breakit in breakages():
        broken = copy.deepcopy(spec)
        breakit(broken)
        found = check(broken, root)
        print('self-test: %-36s %s' % (what, '%d mismatch(es), caught: %s'
                                       % (len(found), found[0])
                                       if found else 'NOT CAUGHT'))
        fails += not found
    # The command line too: a broken copy on disk must exit 1.
    broken = copy.deepcopy(spec)
    breakages()[2][1](broken)
    with tempfile.NamedTemporaryFile('w', suffix='.yaml') as f:
        yaml.safe_dump(broken, f)
        f.flush()
        r = subprocess.run([sys.executable, __file__, '--spec', f.name,
                            '--root', root], capture_output=True, text=True)
    ok = r.returncode == 1 and 'mismatch' in r.stdout
    print('self-test: %-36s %s' % ('broken copy on the command line',
                                   'exit 1' if ok else 'NOT CAUGHT (exit %d)'
                                   % r.returncode))
    fails += not ok
    n = len(breakages()) + 2
    print('self-test: %d of %d cases as expected' % (n - fails, n))
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--spec', default=None)
    ap.add_argument('--root', default=ROOT)
    ap.add_argument('--self-test', action='store_true')
    args = ap.parse_args()
    path = args.spec or os.path.join(args.root, SPEC)
    with open(path) as f:
        spec = yaml.safe_load(f)
    if args.self_test:
        return self_test(spec, args.root)
    problems = check(spec, args.root)
    for p in problems:
        print('mismatch: %s' % p)
    print('check_spec: %s: %s' % (
        os.path.relpath(path, args.root),
        '%d mismatch(es) with the uapi header and the kernel policies'
        % len(problems) if problems else
        'agrees with the uapi header and the kernel policies'))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
