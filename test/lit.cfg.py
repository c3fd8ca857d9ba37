# -*- Python -*-
#===- test/lit.cfg.py - lit configuration of go-llc's tests ----------------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# The logic of the test configuration; the paths come from the site config
# CMake generates (build/test/lit.site.cfg.py, from lit.site.cfg.py.in). Tools
# are resolved explicitly: the build's bin/ first, then LLVM 19's bin/ (never
# /usr/bin, which holds LLVM 14 on Debian 12).
#
#   ninja -C build check-go-llc                  # everything
#   ninja -C build check-go-llc-statepoints      # one folder
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py test/Statepoints/x.ll
#
# The last form runs from the source tree: the site config of ../build (or of
# --param gollc_build=DIR, or $GOLLC_BUILD) is loaded in place of this file,
# and it loads this file again with the paths set.
#
#===------------------------------------------------------------------------===#
import os
import shutil
import sys

import lit.formats
import lit.llvm
from lit.llvm.subst import ToolSubst

# No __pycache__ in the source tree from the modules the folders' configs
# import (test/corpus/corpus.py, utils/robustlib.py): a folder with its own
# test format would find it as a subfolder of tests.
sys.dont_write_bytecode = True

if not hasattr(config, "gollc_obj_root"):
    build = (lit_config.params.get("gollc_build") or os.environ.get("GOLLC_BUILD")
             or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build"))
    site = os.path.join(os.path.abspath(build), "test", "lit.site.cfg.py")
    if not os.path.exists(site):
        lit_config.fatal("%s does not exist: configure and build first (make build), or name "
                         "the build with --param gollc_build=DIR" % site)
    lit_config.load_config(config, site)
    raise SystemExit

lit.llvm.initialize(lit_config, config)
from lit.llvm import llvm_config  # noqa: E402  (exists once initialized)

def on(value):
    return str(value).upper() in ("ON", "1", "TRUE", "YES")

config.name = "go-llc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".ll", ".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.gollc_obj_root, "test")

llvm_config.with_environment("PATH", [config.gollc_tools_dir, config.llvm_tools_dir],
                             append_path=True)
llvm_config.with_system_environment(["HOME", "TMPDIR"])

# In a sanitizer build (GOLLC_ENABLE_SANITIZERS) GoPasses.so needs the ASan
# runtime, which the uninstrumented opt and llc do not load: they run
# through wrappers that preload it (leak checking off: LLVM's own tools are
# not what is under test). go-llc and the unit tests are instrumented.
wrapped = {}
if on(config.gollc_sanitizers):
    wrapdir = os.path.join(config.gollc_obj_root, "sanitizer-wrappers")
    os.makedirs(wrapdir, exist_ok=True)
    for name in ("opt", "llc"):
        wrapped[name] = os.path.join(wrapdir, name)
        with open(wrapped[name], "w") as f:
            f.write('#!/bin/sh\nLD_PRELOAD="%s${LD_PRELOAD:+:$LD_PRELOAD}" '
                    'ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" '
                    'exec "%s" "$@"\n' % (config.gollc_asan_runtime,
                                         os.path.join(config.llvm_tools_dir, name)))
        os.chmod(wrapped[name], 0o755)
    config.available_features.add("sanitizers")
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

# Every tool a RUN line names, with an absolute path; a missing one stops lit.
llvm_tools = ["opt", "llc", "FileCheck", "not", "count", "split-file", "llvm-as", "llvm-dis",
              "llvm-objdump", "llvm-readelf", "llvm-nm", "llvm-mc", "llvm-objcopy"]
if on(config.gollc_enable_mlir):
    llvm_tools.append("mlir-translate")
llvm_config.add_tool_substitutions(
    [ToolSubst(t, command=wrapped.get(t), unresolved="fatal") for t in llvm_tools],
    [config.llvm_tools_dir])
llvm_config.add_tool_substitutions(
    [ToolSubst(t, unresolved="fatal") for t in ("go-llc", "go-stackmap-dump", "gc-smith")],
    [config.gollc_tools_dir])

# Plugin loading hides behind one substitution with an absolute path.
config.substitutions.append(("%loadgo", "-load-pass-plugin=" + config.gollc_plugin))
config.substitutions.append(("%gopasses", config.gollc_plugin))
config.substitutions.append(("%corpus", config.gollc_corpus_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%gollc_src", config.gollc_src_root))
# The lit that runs this suite, for tests of the configuration itself.
config.substitutions.append(("%{lit}", "%s %s" % (
    config.python_executable,
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(lit.__file__))), "lit.py"))))
# go-llc's error contract (test/go-llc/error-*): exit code 1, exactly one
# `go-llc: error:` line, which is echoed for FileCheck, and no output file or
# temporary left behind.
config.substitutions.append(("%{go-llc-error}", "%s %s %s" % (
    config.python_executable,
    os.path.join(config.test_source_root, "go-llc", "Inputs", "check-error.py"),
    os.path.join(config.gollc_tools_dir, "go-llc"))))
# The reference runtime (docs/ReferenceRuntime.md): test/refrt links C tests
# and go-llc objects against it with LLVM 19's clang.
config.substitutions.append(("%refrt_lib", os.path.join(config.gollc_lib_dir, "librefrt.a")))
config.substitutions.append(("%refrt_inc", os.path.join(config.gollc_src_root, "refrt")))

# go-llc reads .mlir only when built with GOLLC_ENABLE_MLIR (the default).
if on(config.gollc_enable_mlir):
    config.available_features.add("mlir")

# test/Install: `cmake --install` into %t, then a downstream CMake project
# built against the install with this build's generator and compilers.
config.substitutions.append(("%{cmake}", config.cmake_command))
config.substitutions.append(
    ("%{downstream_cmake_flags}",
     '-G "%s" -DCMAKE_MAKE_PROGRAM=%s -DCMAKE_C_COMPILER=%s '
     '-DCMAKE_CXX_COMPILER=%s' % (config.cmake_generator,
                                  config.cmake_make_program,
                                  config.c_compiler, config.cxx_compiler)))
if shutil.which("pkg-config"):
    config.available_features.add("pkg-config")

if os.path.isdir(config.gollc_corpus_dir):
    config.available_features.add("corpus")
if config.host_triple.startswith("x86_64"):
    config.available_features.add("x86_64-host")
config.available_features.add("x86-registered-target")
# Tests that need permission bits to be honoured (root ignores them).
if hasattr(os, "getuid") and os.getuid() != 0:
    config.available_features.add("non-root-user")
# A C compiler from the same LLVM, for tests that link go-llc objects with C
# (test/StackMap/runtime-walk.test).
if os.path.exists(os.path.join(config.llvm_tools_dir, "clang")):
    config.available_features.add("clang")
    config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
# lld, for tests of what a linker that rewrites split-stack prologues does.
if os.path.exists(os.path.join(config.llvm_tools_dir, "ld.lld")):
    config.available_features.add("lld")

# End-to-end tests (test/e2e/) link what go-llc compiles against libgo with
# gccgo-12 and run it; `make check` installs it (utils/install-deps.sh
# gccgo-12). Without it they are reported UNSUPPORTED, not passed.
gccgo = shutil.which("gccgo-12")
if gccgo:
    config.available_features.add("gccgo")
    config.substitutions.append(("%gccgo", gccgo))
config.substitutions.append(("%gollcrt_dir", config.gollc_lib_dir))
config.substitutions.append(("%gollc_obj", config.gollc_obj_root))
config.substitutions.append(("%gollc_roots", os.path.join(config.gollc_lib_dir, "gollc_roots.o")))
config.substitutions.append(("%gollcrt_tests", os.path.join(config.gollc_obj_root, "runtime", "test")))

# CPU features for tests that run vector code (test/refrt/stress-realigned-*).
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = set()
        for line in cpuinfo:
            if line.startswith("flags"):
                flags.update(line.split(":", 1)[1].split())
    for feature in ("avx2", "avx512f"):
        if feature in flags:
            config.available_features.add("cpu-" + feature)
except OSError:
    pass
