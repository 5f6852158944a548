#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side check of the top-level Makefile's build, install, uninstall and
# dist targets. Nothing touches the live system: every install goes into a
# temporary staging directory (DESTDIR, INSTALL_MOD_PATH), where depmod
# must not run. Checked:
#   - `make` (no target) builds the module and the CLI, for KVER
#   - `make install DESTDIR=... PREFIX=/usr` puts the module in
#     lib/modules/KVER/extra, the CLI in sbin, the man page and the bash
#     completion under share, and runs no depmod; INSTALL_MOD_PATH alone
#     does the same for the module
#   - the installed module and CLI carry the VERSION file's release; it is
#     written nowhere else: the tree's dkms.conf has dh_dkms'
#     #MODULE_VERSION# placeholder, and `make check-version` passes only
#     while debian/changelog's upstream version is VERSION (a changelog at
#     another version makes it fail)
#   - `make uninstall` with the same variables leaves no file behind
#   - `make dist` (in a git checkout) makes dcxlat-VERSION.tar.gz holding
#     exactly the files of HEAD (no build output, no tests/vm/out), its
#     dkms.conf with PACKAGE_VERSION="VERSION", and
#     the unpacked tarball builds the module and the CLI, and DKMS builds
#     it too (in a temporary dkms tree, when dkms is installed)
#
#   KVER=<kver> bash tests/install/check.sh   (KVER: default `make print-kver`)
# Prints "ok"/"not ok" per assertion, then "install: N passed, N failed";
# exit status 0 when every assertion passed.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
KVER=${KVER:-$(make -s print-kver)}

# built DIR: DIR's dcxlat.ko is built for KVER and has the CLI next to it.
built() {
	local v
	v=$(modinfo -F vermagic "$1/dcxlat.ko" | cut -d' ' -f1)
	echo "vermagic release '$v', KVER '$KVER'"
	[ "$v" = "$KVER" ] && [ -x "$1/usr/dcxlat" ]
}

# files ROOT: every file under ROOT, relative, sorted.
files() {
	(cd "$1" && find . -type f -o -type l | sed 's|^\./||' | sort)
}

# same_files ROOT EXPECTED...: ROOT holds exactly the EXPECTED files.
same_files() {
	local root=$1
	shift
	diff <(printf '%s\n' "$@" | sort) <(files "$root")
}

no_files() {
	[ -z "$(files "$1")" ] || { files "$1"; return 1; }
}

# is VALUE CMD...: CMD prints exactly VALUE.
is() {
	local want=$1 got
	shift
	got=$("$@")
	echo "got '$got', want '$want'"
	[ "$got" = "$want" ]
}

# dkms_build SRCTREE: DKMS adds and builds SRCTREE/dcxlat-VERSION (a fresh
# copy of the tarball) for KVER
# in a temporary dkms tree (--sourcetree/--dkmstree; unsigned, so that no
# signing key is made in /var/lib/dkms). Skipped without dkms or when
# /etc/dkms configures signing.
dkms_build() {
	local d=(--sourcetree "$1" --dkmstree "$tmp/dkms") ko
	if ! command -v dkms >/dev/null ||
	   grep -qs '^[^#]*\(sign_file\|mok_\)' /etc/dkms/framework.conf \
		/etc/dkms/framework.conf.d/*.conf; then
		echo "# dkms missing or signing configured: dkms build not checked"
		return
	fi
	mkdir -p "$tmp/dkms"
	export sign_file=/nonexistent
	check "dkms add from the unpacked tarball" dkms add "dcxlat/$VERSION" "${d[@]}"
	check "dkms build for KVER" dkms build "dcxlat/$VERSION" -k "$KVER" "${d[@]}"
	ko=$(find "$tmp/dkms" -name 'dcxlat.ko*' -path "*/$KVER/*" | head -n 1)
	check "the DKMS-built module's version is VERSION" \
		is "$VERSION" modinfo -F version "$ko"
	unset sign_file
}

MOD=lib/modules/$KVER/extra/dcxlat.ko
CLI_FILES=(usr/sbin/dcxlat usr/share/man/man8/dcxlat.8
	   usr/share/bash-completion/completions/dcxlat
	   usr/lib/systemd/system/dcxlat@.service
	   usr/share/doc/dcxlat/README.etc
	   usr/share/doc/dcxlat/examples/modules-load.d/dcxlat.conf)

echo "# KVER $KVER, VERSION $VERSION"
check "make print-kver names a kernel with headers" \
	test -d "/lib/modules/$(make -s print-kver)/build"
check "make (no target) builds the module and the CLI" \
	make -j"$(nproc)" KVER="$KVER"
check "the module is built for KVER, the CLI exists" built "$REPO"
check "the tree's dkms.conf has the #MODULE_VERSION# placeholder" \
	grep -qx 'PACKAGE_VERSION="#MODULE_VERSION#"' dkms.conf
check "make check-version: debian/changelog is at VERSION" \
	make -s check-version
sed "1s/(\([0-9.]*\)-/(\1.99-/" debian/changelog >"$tmp/changelog"
check "make check-version fails for a changelog at another version" \
	bash -c "head -n 1 '$tmp/changelog'; grep -q '$VERSION\.99-' \
		'$tmp/changelog' && ! make -s check-version \
		DEB_CHANGELOG='$tmp/changelog'"

# --- DESTDIR + PREFIX ------------------------------------------------------
st=$tmp/stage
check "make install DESTDIR=... PREFIX=/usr" \
	make KVER="$KVER" DESTDIR="$st" PREFIX=/usr install
check "install: module, CLI, man page, completion, unit, docs, nothing else" \
	same_files "$st" "$MOD" "${CLI_FILES[@]}"
check "install: no depmod outside the live root" \
	test ! -e "$st/lib/modules/$KVER/modules.dep"
check "installed module's version is VERSION" \
	is "$VERSION" modinfo -F version "$st/$MOD"
check "installed CLI's -V names VERSION" \
	grep -q "^dcxlat $VERSION, netlink ABI" \
	<("$st/usr/sbin/dcxlat" -V)
check "make uninstall DESTDIR=... PREFIX=/usr leaves no file" \
	make KVER="$KVER" DESTDIR="$st" PREFIX=/usr uninstall
check "uninstall: nothing left" no_files "$st"

# --- INSTALL_MOD_PATH (module) + PREFIX (CLI) ------------------------------
mp=$tmp/modroot
pf=$tmp/prefix
check "make install INSTALL_MOD_PATH=... PREFIX=..." \
	make KVER="$KVER" INSTALL_MOD_PATH="$mp" PREFIX="$pf" install
check "install: the module under INSTALL_MOD_PATH, no depmod" \
	same_files "$mp" "$MOD"
check "install: CLI, man page, completion, unit and docs under PREFIX" \
	same_files "$pf" "${CLI_FILES[@]#usr/}"
check "make uninstall INSTALL_MOD_PATH=... PREFIX=..." \
	make KVER="$KVER" INSTALL_MOD_PATH="$mp" PREFIX="$pf" uninstall
check "uninstall: nothing left under INSTALL_MOD_PATH" no_files "$mp"
check "uninstall: nothing left under PREFIX" no_files "$pf"

# --- dist --------------------------------------------------------------------
if git rev-parse --git-dir >/dev/null 2>&1; then
	tar=dcxlat-$VERSION.tar.gz
	rm -f "$tar"
	check "make dist makes $tar" make dist
	check "the tarball holds exactly HEAD's files under dcxlat-$VERSION/" \
		diff <(git ls-files --with-tree=HEAD | sort) \
		<(tar -tzf "$tar" | grep -v '/$' |
		  sed "s|^dcxlat-$VERSION/||" | sort)
	check "the tarball's dkms.conf has PACKAGE_VERSION=\"VERSION\"" \
		grep -qx "PACKAGE_VERSION=\"$VERSION\"" \
		<(tar -xzOf "$tar" "dcxlat-$VERSION/dkms.conf")
	check "the tarball has no build output and no tests/vm/out" \
		bash -c "! tar -tzf '$tar' | grep -E \
			'\\.(ko|o|mod|mod\\.c|cmd)\$|/usr/dcxlat\$|tests/vm/out/'"
	mkdir -p "$tmp/dist"
	tar -C "$tmp/dist" -xzf "$tar"
	mkdir -p "$tmp/dkms-src"
	tar -C "$tmp/dkms-src" -xzf "$tar"
	rm -f "$tar"
	check "the unpacked tarball builds (make)" \
		make -C "$tmp/dist/dcxlat-$VERSION" -j"$(nproc)" KVER="$KVER"
	check "the unpacked tarball's module is for KVER, CLI built" \
		built "$tmp/dist/dcxlat-$VERSION"
	dkms_build "$tmp/dkms-src"
else
	echo "# not a git checkout: make dist not checked"
fi

check_summary install
