# go-llc front door. Two commands matter:
#   make demo    compile the bundled example with go-llc and show what it did
#   make check   build and run every test (lit + unit tests)
# Both install missing Debian packages, configure and build first.
# `make bench` runs every benchmark (~25 min on an idle 2-core machine):
# compile side (utils/bench all), run time and preemption latency
# (utils/bench-runtime), the poll overhead on loop kernels
# (utils/bench-preempt) and preemption with 10,000 goroutines
# (utils/bench-preempt-scale), go-llc's start-up and many modules in one
# process (utils/bench-batch), and -codegen-threads on one large module
# (utils/bench-codegen-threads); see docs/Benchmarks.md and
# docs/Preemption.md.

BUILD     ?= build
LLVM_DIR  ?= /usr/lib/llvm-19/lib/cmake/llvm
CMAKE_ARGS ?=
JOBS      ?= $(shell nproc)

# Gollvm's Go front end for test/gotest (Go's own test suite compiled from
# source); built once, cached in ~/.cache/gollc (see the script's header).
LLVM_GOC  ?= $(abspath ../shared/tools/llvm-goc)

.PHONY: all deps configure build demo check bench clean llvm-goc

all: build

# gccgo-12 (libgo) is only needed by test/e2e and test/gotest, gcc-12-source
# (Go's test/ directory) by test/gotest: when they cannot be installed those
# tests are reported UNSUPPORTED, and the rest of the build goes on.
deps:
	@utils/install-deps.sh
	@utils/install-deps.sh gccgo-12 || \
	  echo "deps: gccgo-12 could not be installed; test/e2e will be UNSUPPORTED" >&2
	@utils/install-deps.sh gcc-12-source || \
	  echo "deps: gcc-12-source could not be installed; test/gotest will be UNSUPPORTED" >&2

$(BUILD)/build.ninja: | deps
	cmake -G Ninja -S . -B $(BUILD) -DLLVM_DIR=$(LLVM_DIR) $(CMAKE_ARGS)

configure: deps $(BUILD)/build.ninja

build: configure
	ninja -C $(BUILD) -j $(JOBS)

demo: build
	@utils/demo.sh $(BUILD)

# Builds llvm-goc once (5-10 min on 2 cores; it installs its own LLVM 14
# packages) so that lit does not wait for it; when it cannot be built
# test/gotest is UNSUPPORTED.
llvm-goc:
	@echo "llvm-goc: $(LLVM_GOC) (its first run builds Gollvm's front end)" >&2
	@if [ ! -x "$(LLVM_GOC)" ]; then \
	  echo "llvm-goc: $(LLVM_GOC) not found; test/gotest will be UNSUPPORTED" >&2; \
	elif ! out=$$("$(LLVM_GOC)" --version 2>&1); then \
	  echo "$$out" | tail -n 3 >&2; \
	  echo "llvm-goc: cannot be built; test/gotest will be UNSUPPORTED" >&2; \
	fi

check: build llvm-goc
	GOLLC_LLVM_GOC="$(LLVM_GOC)" ninja -C $(BUILD) -j $(JOBS) check-go-llc

bench: build
	utils/bench all
	utils/bench-runtime
	utils/bench-preempt
	utils/bench-preempt-scale
	utils/bench-batch
	utils/bench-codegen-threads

clean:
	rm -rf $(BUILD)
