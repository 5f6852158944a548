# dcxlat top-level Makefile.
#
# The module is built against the headers of the kernel the tests boot:
# the newest /lib/modules/<kver>/build that has a matching /boot/vmlinuz,
# never `uname -r` (the build host may run a kernel that cannot load
# modules). Override with KVER=<kver> or KDIR=<path>.

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

KVER ?= $(shell for k in $$(ls /lib/modules 2>/dev/null | sort -V); do \
		[ -e /lib/modules/$$k/build ] && [ -e /boot/vmlinuz-$$k ] && \
		echo $$k; done | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all kmod usr unit test deps demo install clean check-kdir print-kver

print-kver:
	@echo $(KVER)

all: kmod usr

check-kdir:
	@test -d "$(KDIR)" || { echo "error: no kernel headers at '$(KDIR)';" \
		"run 'make deps' or set KVER=/KDIR=" >&2; exit 1; }

kmod: check-kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

usr:
	$(MAKE) -C usr

unit:
	$(MAKE) -C tests/unit run

deps:
	bash tests/deps.sh

test:
	bash tests/run.sh

demo:
	bash tests/demo.sh

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	$(MAKE) -C usr install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C usr clean
	$(MAKE) -C tests/unit clean

endif
