#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side check of the Debian packages: `make deb` (dpkg-buildpackage
# -us -uc -b in a copy of the tree, debian/) into DEBDIR, where the VM
# selftest package_deb.sh takes them from. Nothing is installed here.
# Checked:
#   - make deb builds dcxlat_VERSION-*_ARCH.deb and
#     dcxlat-dkms_VERSION-*_all.deb
#   - dcxlat-dkms holds /usr/src/dcxlat-VERSION: dkms.conf with
#     PACKAGE_VERSION="VERSION", Makefile, Kbuild, VERSION and exactly the
#     tree's kmod/ sources (no build output); it depends on dkms, its
#     postinst hands dcxlat VERSION to DKMS; dkms.conf's
#     BUILD_EXCLUSIVE_KERNEL admits Debian 12's 6.1 and 6.12 and refuses
#     5.10 and 6.13
#   - dcxlat holds the CLI, its man page and completion (plus the systemd
#     unit, the modules-load.d example and /etc/dcxlat/README when the
#     tree has them under dist/), no module source, no dkms dependency;
#     the packaged CLI's -V names VERSION
#   - lintian reports no error (warnings are printed as diagnostics)
#
#   bash tests/install/deb.sh     (DEBDIR: default tests/vm/out/deb)
# Prints "ok"/"not ok" per assertion, then "deb: N passed, N failed";
# exit status 0 when every assertion passed.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DEBDIR=${DEBDIR:-$REPO/tests/vm/out/deb}

# deb_files DEB: the regular files and links DEB installs, sorted, no "./".
deb_files() {
	dpkg-deb --fsys-tarfile "$1" | tar -t | grep -v '/$' |
		sed 's|^\./||' | sort
}

# has_files DEB FILE...: DEB installs every FILE.
has_files() {
	local deb=$1 f rc=0
	shift
	deb_files "$deb" >"$tmp/list"
	for f in "$@"; do
		grep -qxF "$f" "$tmp/list" || { echo "missing: $f"; rc=1; }
	done
	return "$rc"
}

# dkms_src_is DEB: DEB's /usr/src/dcxlat-VERSION is exactly the module's
# source: dkms.conf, Makefile, Kbuild, VERSION and the tree's kmod/
# sources.
dkms_src_is() {
	local src=usr/src/dcxlat-$VERSION
	diff <({
		printf '%s\n' "$src/dkms.conf" "$src/Makefile" "$src/Kbuild" \
			"$src/VERSION"
		git ls-files kmod | grep -E '\.(c|h|mk)$' | sed "s|^|$src/|"
	} | sort) <(deb_files "$1" | grep '^usr/src/')
}

# deb_field DEB FIELD: one control field of DEB.
deb_field() {
	dpkg-deb -f "$1" "$2"
}

# exclusive_ok: BUILD_EXCLUSIVE_KERNEL, matched the way dkms matches it
# (bash =~), admits 6.1 and 6.12 and refuses kernels outside the range.
exclusive_ok() {
	local BUILD_EXCLUSIVE_KERNEL k rc=0
	eval "$(grep '^BUILD_EXCLUSIVE_KERNEL=' "$tmp/dkms.conf")"
	for k in 6.1.0-57-amd64 6.12.118+deb12-amd64 6.5.0-1-amd64; do
		[[ $k =~ $BUILD_EXCLUSIVE_KERNEL ]] ||
			{ echo "refuses $k"; rc=1; }
	done
	for k in 5.10.0-30-amd64 6.0.0-1-amd64 6.13.1-amd64 7.1.0-1-amd64; do
		[[ $k =~ $BUILD_EXCLUSIVE_KERNEL ]] &&
			{ echo "admits $k"; rc=1; }
	done
	return "$rc"
}

# no_lintian_errors: lintian finds no E: tag in the build's .changes.
no_lintian_errors() {
	lintian --pedantic "$DEBDIR"/dcxlat_*.changes >"$tmp/lintian" 2>&1
	sed 's/^/# lintian: /' "$tmp/lintian" >&3
	! grep '^E:' "$tmp/lintian"
}
exec 3>&1

echo "# VERSION $VERSION, DEBDIR ${DEBDIR#"$REPO"/}"
check "make deb" make deb DEBDIR="$DEBDIR"
ARCH=$(dpkg --print-architecture)
dkms_deb=$(ls "$DEBDIR"/dcxlat-dkms_"$VERSION"-*_all.deb 2>/dev/null)
cli_deb=$(ls "$DEBDIR"/dcxlat_"$VERSION"-*_"$ARCH".deb 2>/dev/null)
check "make deb made dcxlat-dkms_${VERSION}-*_all.deb" test -f "$dkms_deb"
check "make deb made dcxlat_${VERSION}-*_$ARCH.deb" test -f "$cli_deb"
if [ ! -f "$dkms_deb" ] || [ ! -f "$cli_deb" ]; then
	check_summary deb
fi

# --- dcxlat-dkms -----------------------------------------------------------
dpkg-deb --fsys-tarfile "$dkms_deb" |
	tar -xO "./usr/src/dcxlat-$VERSION/dkms.conf" >"$tmp/dkms.conf"
check "dcxlat-dkms: /usr/src/dcxlat-VERSION is the module source only" \
	dkms_src_is "$dkms_deb"
check "dcxlat-dkms: dkms.conf's PACKAGE_VERSION is VERSION" \
	grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$tmp/dkms.conf"
check "dcxlat-dkms: dkms.conf autoinstalls" \
	grep -qx 'AUTOINSTALL="yes"' "$tmp/dkms.conf"
check "dcxlat-dkms: BUILD_EXCLUSIVE_KERNEL is 6.1 to 6.12" exclusive_ok
check "dcxlat-dkms depends on dkms" \
	grep -q '\bdkms\b' <(deb_field "$dkms_deb" Depends)
dpkg-deb -e "$dkms_deb" "$tmp/dkms-ctl"
check "dcxlat-dkms: postinst hands dcxlat $VERSION to DKMS" \
	grep -qx "DKMS_VERSION=$VERSION" "$tmp/dkms-ctl/postinst"

# --- dcxlat ------------------------------------------------------------------
cli_files=(usr/sbin/dcxlat usr/share/man/man8/dcxlat.8.gz
	   usr/share/bash-completion/completions/dcxlat)
[ -f dist/systemd/dcxlat@.service ] &&
	cli_files+=(lib/systemd/system/dcxlat@.service)
[ -f dist/modules-load.d/dcxlat.conf ] &&
	cli_files+=(usr/share/doc/dcxlat/examples/modules-load.d/dcxlat.conf)
[ -f dist/dcxlat/README ] && cli_files+=(etc/dcxlat/README)
check "dcxlat: ${cli_files[*]}" has_files "$cli_deb" "${cli_files[@]}"
check "dcxlat: no module source, no dkms dependency" \
	bash -c "! dpkg-deb -c '$cli_deb' | grep -q usr/src/ &&
		! dpkg-deb -f '$cli_deb' Depends | grep -q dkms"
dpkg-deb -x "$cli_deb" "$tmp/cli"
check "the packaged CLI's -V names VERSION" \
	grep -q "^dcxlat $VERSION, netlink ABI" <("$tmp/cli/usr/sbin/dcxlat" -V)
check "lintian: no errors" no_lintian_errors

check_summary deb
