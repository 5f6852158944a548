#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The systemd unit's commands without systemd (not PID 1 in the VM), for
# the selftests that exercise dcxlat@.service: boot_unit.sh (the tree's
# dist/systemd copy) and package_deb.sh (the installed
# /lib/systemd/system copy). Sourced after lib.sh; owns only
# dcx_unit_run. The commands are read from the unit file itself, so a
# test cannot drift from the unit it names.

# dcx_unit_run UNIT KEY INSTANCE CONFDIR: every KEY= line of UNIT (e.g.
# ExecStart), in order, as systemd runs it for UNIT@INSTANCE: Environment=
# and EnvironmentFile= (a leading "-": optional), /etc/dcxlat mapped to
# CONFDIR (also inside Environment= values), %i, shell-style quotes, $$.
# The exit status of the first command that fails; refuses (exit 1) a
# specifier or $VAR it does not emulate, or a KEY the unit lacks. The
# commands are looked up in the caller's PATH.
dcx_unit_run() {
	python3 - "$@" <<'PY'
import os, re, shlex, subprocess, sys
unit, key, inst, conf = sys.argv[1:]
lines = [l.rstrip('\n') for l in open(unit) if '=' in l and l[0] != '#']
val = lambda k: [l.split('=', 1)[1] for l in lines if l.split('=', 1)[0] == k]
etc = lambda v: re.sub('^/etc/dcxlat(?=/|$)', conf, v.replace('%i', inst))
env = dict(os.environ)
for a in val('Environment'):
    for w in shlex.split(a):
        k, v = w.split('=', 1)
        env[k] = etc(v)
for f in val('EnvironmentFile'):
    path = etc(f.lstrip('-'))
    if not os.path.exists(path) and f.startswith('-'):
        continue
    for l in open(path):
        if l.strip() and not l.startswith('#'):
            k, v = l.strip().split('=', 1)
            env[k] = v
cmds = val(key)
if not cmds:
    sys.exit('no %s= line in %s' % (key, unit))
for c in cmds:
    if re.search(r'%[^i]', c) or '$' in c.replace('$$', ''):
        sys.exit('%s: a specifier or $VAR unit_run does not emulate' % c)
    argv = [w.replace('$$', '$') for w in shlex.split(c.replace('%i', inst))]
    r = subprocess.run(argv, env=env)
    if r.returncode:
        sys.exit(r.returncode)
PY
}
