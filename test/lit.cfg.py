# -*- Python -*-
# lit configuration for go-llc's IR and driver tests. Tools are resolved
# explicitly: the build's bin/ first, then LLVM 19's bin/ (never /usr/bin,
# which holds LLVM 14 on Debian 12).
import os
import shutil
import lit.formats

config.name = "go-llc"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".ll", ".mlir", ".test"]
config.excludes = ["Inputs", "Inputs-corpus", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gollc_obj_root, "test")

path = os.path.pathsep.join(
    [config.gollc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["PATH"] = path
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

def tool(name, directory):
    full = os.path.join(directory, name)
    if not os.path.exists(full):
        lit_config.fatal("missing tool %s" % full)
    return full

# Plugin loading hides behind one substitution with an absolute path.
config.substitutions.append(("%loadgo", "-load-pass-plugin=" + config.gollc_plugin))
config.substitutions.append(("%gopasses", config.gollc_plugin))
config.substitutions.append(("%corpus", config.gollc_corpus_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%gollc_src", config.gollc_src_root))
# In a sanitizer build (GOLLC_ENABLE_SANITIZERS) GoPasses.so needs the ASan
# runtime, which the uninstrumented opt and llc do not load: they run
# through wrappers that preload it (leak checking off: LLVM's own tools are
# not what is under test). go-llc and the unit tests are instrumented.
sanitized = getattr(config, "gollc_sanitizers", "OFF").upper() in ("ON", "1", "TRUE", "YES")
wrapped = {}
if sanitized:
    wrapdir = os.path.join(config.gollc_obj_root, "sanitizer-wrappers")
    os.makedirs(wrapdir, exist_ok=True)
    for name in ("opt", "llc"):
        wrapper = os.path.join(wrapdir, name)
        with open(wrapper, "w") as f:
            f.write('#!/bin/sh\nLD_PRELOAD="%s${LD_PRELOAD:+:$LD_PRELOAD}" '
                    'ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" '
                    'exec "%s" "$@"\n' % (config.gollc_asan_runtime,
                                         tool(name, config.llvm_tools_dir)))
        os.chmod(wrapper, 0o755)
        wrapped[name] = wrapper
    config.available_features.add("sanitizers")
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
for name in ("opt", "llc", "FileCheck", "not", "count", "llvm-as", "llvm-dis",
             "llvm-objdump", "llvm-readelf", "llvm-nm", "mlir-translate",
             "llvm-mc", "llvm-objcopy"):
    config.substitutions.append(
        (r"(?<![\w./-])%s(?![\w.-])" % name.replace("-", r"\-"),
         wrapped.get(name) or tool(name, config.llvm_tools_dir)))
config.substitutions.append((r"(?<![\w./-])go-llc(?![\w.-])", tool("go-llc", config.gollc_tools_dir)))
config.substitutions.append((r"(?<![\w./-])go-stackmap-dump(?![\w.-])", tool("go-stackmap-dump", config.gollc_tools_dir)))
# The reference runtime (docs/ReferenceRuntime.md): test/refrt links C tests
# and go-llc objects against it with LLVM 19's clang.
config.substitutions.append(("%refrt_lib", os.path.join(config.gollc_lib_dir, "librefrt.a")))
config.substitutions.append(("%refrt_inc", os.path.join(config.gollc_src_root, "refrt")))

# go-llc reads .mlir only when built with GOLLC_ENABLE_MLIR (the default).
if config.gollc_enable_mlir.upper() in ("ON", "1", "TRUE", "YES"):
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
    with open("/proc/cpuinfo") as _c:
        _flags = set()
        for _line in _c:
            if _line.startswith("flags"):
                _flags.update(_line.split(":", 1)[1].split())
    for _feat in ("avx2", "avx512f"):
        if _feat in _flags:
            config.available_features.add("cpu-" + _feat)
except OSError:
    pass
