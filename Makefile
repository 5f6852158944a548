# dcxlat top-level Makefile.
#
# The module is built against the headers of the kernel the tests boot:
# the newest /lib/modules/<kver>/build that has a matching /boot/vmlinuz,
# never `uname -r` (the build host may run a kernel that cannot load
# modules). Override with KVER=<kver> or KDIR=<path>.
#
# make            module (dcxlat.ko) + CLI (usr/dcxlat)
# make nlfuzz     the netlink fuzzer tests/nlfuzz/nlfuzz (plain libc;
#                 selftest nl_fuzz builds it when missing; tests/run.sh does)
# make install    module into $(DESTDIR)$(INSTALL_MOD_PATH)/lib/modules/KVER/
#                 extra, CLI, man page and bash completion under
#                 $(DESTDIR)$(PREFIX), dist/'s dcxlat@.service in UNITDIR
#                 and its README.etc and examples in DOCDIR; depmod -a KVER only into the live root
#                 (DESTDIR and INSTALL_MOD_PATH empty)
# make uninstall  removes exactly those files (depmod again in the live root)
# make dist       dcxlat-VERSION.tar.gz: `git archive` of HEAD (no build
#                 output) with VERSION written into dkms.conf, the source
#                 tree DKMS builds from
# make deb        dcxlat_*.deb and dcxlat-dkms_*.deb into DEBDIR (default
#                 build/deb): dpkg-buildpackage -us -uc -b in a copy of the
#                 tree's files (tracked + untracked, not ignored), so the
#                 work tree keeps its build
# The release is the VERSION file, the only place it is written: MODULE_VERSION
# (Kbuild), the CLI's -V (usr/Makefile), dkms.conf's PACKAGE_VERSION (the
# tree's copy has dh_dkms' #MODULE_VERSION# placeholder, filled by `make
# dist` and by dh_dkms -V); debian/changelog's upstream version must equal
# it (make check-version, run by debian/rules and tests/install/check.sh).

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

KVER ?= $(shell for k in $$(ls /lib/modules 2>/dev/null | sort -V); do \
		[ -e /lib/modules/$$k/build ] && [ -e /boot/vmlinuz-$$k ] && \
		echo $$k; done | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_MOD_PATH ?=
VERSION := $(shell cat $(CURDIR)/VERSION)
MODDIR := $(DESTDIR)$(INSTALL_MOD_PATH)/lib/modules/$(KVER)/extra
# Boot-time configuration (dist/): the unit, /etc/dcxlat's README, examples.
UNITDIR ?= $(PREFIX)/lib/systemd/system
DOCDIR ?= $(PREFIX)/share/doc/dcxlat
BOOT_FILES := $(DESTDIR)$(UNITDIR)/dcxlat@.service \
	$(DESTDIR)$(DOCDIR)/README.etc \
	$(DESTDIR)$(DOCDIR)/examples/modules-load.d/dcxlat.conf
# depmod only when the module goes into the live root.
LIVE_ROOT := $(if $(DESTDIR)$(INSTALL_MOD_PATH),,yes)

.PHONY: all kmod usr nlfuzz unit test deps demo install uninstall dist clean \
	debug-test fuzz-long coverage \
	check-kdir check-kver check-kver-set check-version print-kver \
	print-version deb

all: kmod usr

print-kver:
	@echo $(KVER)

print-version:
	@echo $(VERSION)

check-kdir:
	@test -d "$(KDIR)" || { echo "error: no kernel headers at '$(KDIR)';" \
		"run 'make deps' or set KVER=/KDIR=" >&2; exit 1; }

kmod: check-kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

usr:
	$(MAKE) -C usr

# The netlink fuzzer the VM selftest nl_fuzz.sh runs (docs/testing.md).
nlfuzz:
	$(MAKE) -C tests/nlfuzz

unit:
	$(MAKE) -C tests/unit run

deps:
	bash tests/deps.sh

test:
	bash tests/run.sh

demo:
	bash tests/demo.sh

# The debug-kernel lane: KASAN/lockdep/kmemleak kernel (cached outside the
# clone), every selftest on it (DEBUG_SELFTESTS= a subset); docs/testing.md.
debug-test:
	bash tests/debug/run.sh

# Every libFuzzer target of tests/fuzz for FUZZ_TIME seconds (default 1800;
# the test command runs them 20 s each), then folds the findings into the
# checked-in corpus (tests/fuzz/corpus).
FUZZ_LONG_TIME ?= 1800
fuzz-long:
	$(MAKE) -C tests/fuzz run FUZZ_TIME=$(FUZZ_LONG_TIME)
	$(MAKE) -C tests/fuzz merge

# gcov line/branch coverage of kmod/core under the unit tests.
coverage:
	$(MAKE) -C tests/unit coverage

check-kver-set:
	@test -n "$(KVER)" || { echo "error: no kernel with headers;" \
		"set KVER=" >&2; exit 1; }

# The module must have been built for KVER (its vermagic names the release).
check-kver: check-kver-set
	@v=$$(modinfo -F vermagic ./dcxlat.ko | cut -d' ' -f1); \
	test "$$v" = "$(KVER)" || { echo "error: dcxlat.ko is built for" \
		"'$$v', not KVER=$(KVER): run 'make clean all KVER=$(KVER)'" >&2; \
		exit 1; }

install: all check-kver
	@echo "installing dcxlat $(VERSION) for kernel $(KVER)"
	install -D -m 0644 dcxlat.ko $(MODDIR)/dcxlat.ko
	$(if $(LIVE_ROOT),depmod -a $(KVER))
	$(MAKE) -C usr install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -D -m 0644 dist/systemd/dcxlat@.service $(word 1,$(BOOT_FILES))
	install -D -m 0644 dist/dcxlat/README $(word 2,$(BOOT_FILES))
	install -D -m 0644 dist/modules-load.d/dcxlat.conf $(word 3,$(BOOT_FILES))

uninstall: check-kver-set
	@echo "uninstalling dcxlat for kernel $(KVER)"
	rm -f $(MODDIR)/dcxlat.ko
	$(if $(LIVE_ROOT),depmod -a $(KVER))
	$(MAKE) -C usr uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	rm -f $(BOOT_FILES)

# The Debian changelog's upstream version (no epoch, no revision) is VERSION.
DEB_CHANGELOG ?= debian/changelog
check-version:
	@v=$$(dpkg-parsechangelog -l $(DEB_CHANGELOG) -S Version) || exit 1; \
	v=$${v#*:}; v=$${v%-*}; \
	test "$$v" = "$(VERSION)" || { echo "error: $(DEB_CHANGELOG) is at" \
		"'$$v', VERSION is '$(VERSION)': add a changelog entry" \
		"(dch -v $(VERSION)-1)" >&2; exit 1; }

# dkms.conf's placeholder line, the one line `make dist` rewrites.
DKMS_PLACEHOLDER := PACKAGE_VERSION="\#MODULE_VERSION\#"

dist: check-version
	@git diff --quiet HEAD -- 2>/dev/null || echo "warning: uncommitted" \
		"changes are not in the tarball (it is HEAD)" >&2
	@grep -qx '$(DKMS_PLACEHOLDER)' dkms.conf || { echo "error:" \
		"dkms.conf has no $(DKMS_PLACEHOLDER) line" >&2; exit 1; }
	rm -rf .dist-tmp && mkdir .dist-tmp
	git archive --prefix=dcxlat-$(VERSION)/ HEAD | tar -C .dist-tmp -xf -
	sed -i 's/^$(DKMS_PLACEHOLDER)$$/PACKAGE_VERSION="$(VERSION)"/' \
		.dist-tmp/dcxlat-$(VERSION)/dkms.conf
	tar -C .dist-tmp --sort=name --owner=0 --group=0 --numeric-owner \
		-czf dcxlat-$(VERSION).tar.gz dcxlat-$(VERSION)
	rm -rf .dist-tmp
	@echo "dcxlat-$(VERSION).tar.gz"

DEBDIR ?= $(CURDIR)/build/deb
deb: check-version
	@git rev-parse --git-dir >/dev/null 2>&1 || { echo "error: make deb" \
		"copies a git checkout; in an unpacked tarball run" \
		"dpkg-buildpackage -us -uc -b" >&2; exit 1; }
	rm -rf $(DEBDIR) && mkdir -p $(DEBDIR)/dcxlat-$(VERSION)
	{ git ls-files -co --exclude-standard; git ls-files -d; } | \
		sort | uniq -u | cpio -pdm --quiet $(DEBDIR)/dcxlat-$(VERSION)
	cd $(DEBDIR)/dcxlat-$(VERSION) && dpkg-buildpackage -us -uc -b
	rm -rf $(DEBDIR)/dcxlat-$(VERSION)
	@ls -1 $(DEBDIR)/*.deb

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C usr clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/nlfuzz clean

endif
