#!/usr/bin/env python3
# ===- gotest.py - Go's own test suite through llvm-goc and go-llc ----------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
# ===-----------------------------------------------------------------------===#
#
# Runs the programs of Go's test/ directory (GCC 12.2's copy, from Debian's
# gcc-12-source) the way Go's test/run.go runs them, but built through
# Gollvm's front end and go-llc:
#
#   llvm-goc -O0 -c -emit-llvm prog.go -o prog.bc        (once per program)
#   go-llc <mode flags> -relocation-model=pic -filetype=obj prog.bc -o prog.o
#   gccgo-12 prog.o gollc_roots.o -L<build>/lib -lgollcrt -o prog
#   ./prog [args]              normally, then again under GOGC=1
#
# and compares stdout and stderr together with prog.out (an empty string when
# there is no .out file), requiring exit status 0. The reference modes build
# the program with `gccgo-12 [-O2] prog.go` instead (what decides which
# programs are expected to fail, xfail.txt) or compile prog.bc with plain llc
# (what tells a front-end problem from a go-llc one).
#
# This file is both the lit test format (lit.local.cfg loads it) and a
# command-line tool that reproduces one program in one mode and prints every
# command it runs:
#
#   python3 test/gotest/gotest.py --build build --mode O2-gc fixedbugs/bug001.go
#
# ===-----------------------------------------------------------------------===#
import argparse
import fcntl
import hashlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# The directories of Go's test/ that run.go walks (Go 1.18 also has
# typeparam/, which GCC 12.2's copy does not).
DIRS = [".", "ken", "chan", "interface", "syntax", "dwarf", "fixedbugs"]

# go-llc modes: name -> flags. Every mode is run normally and under GOGC=1.
MODES = {
    "O0-nogc": ["-O0", "-gc=none"],
    "O0-gc": ["-O0", "-gc=go", "-preempt=entry,backedge"],
    "O2-nogc": ["-O2", "-gc=none"],
    "O2-gc": ["-O2", "-gc=go", "-preempt=entry,backedge"],
}
# The references: the same program built by gccgo-12 from source, and
# Gollvm's bitcode compiled by plain llc. gccgo-O2 is the reference for the
# -O2 modes where optimization changes what a program observes
# (runtime.Caller after inlining).
GCCGO_MODES = {"gccgo": [], "gccgo-O2": ["-O2"]}
LLC_MODE = "llc"
ALL_MODES = list(MODES) + list(GCCGO_MODES) + [LLC_MODE]

ACTIONS = ("run", "rundir", "runoutput")

# run.go's per-run time limit is one minute (`-t N` overrides); the lit
# parameter gotest_timeout_scale scales it for slow machines.
DEFAULT_TIMEOUT = 60

# The environment of every run (on top of the caller's).
RUN_ENV = {"GOOS": "linux", "GOARCH": "amd64"}

# Tags true for linux/amd64/gccgo. run.go treats `gc` as always true; here
# gccgo is the compiler, as in GCC's go-test.exp. `cgo` is false: programs
# are compiled by the compilers directly, and only the go command runs the
# cgo tool that `import "C"` needs (go-test.exp does the same).
TAGS = {"linux", "amd64", "unix", "gccgo"}


# ---------------------------------------------------------------------------
# Parsing the test files the way run.go does
# ---------------------------------------------------------------------------

def tag_match(name):
    """run.go's context.match for one term of a `// +build` line."""
    if not name:
        return False
    if "," in name:
        first, rest = name.split(",", 1)
        return tag_match(first) and tag_match(rest)
    if name.startswith("!!"):
        return False
    if name.startswith("!"):
        return len(name) > 1 and not tag_match(name[1:])
    if not re.fullmatch(r"[\w.]+", name):
        return False
    if re.fullmatch(r"go1\.([0-9]+)", name):
        return int(name[4:]) <= 18
    return name in TAGS


def build_expr_match(expr):
    """A `//go:build` expression (&&, ||, !, parentheses, tags)."""
    tokens = re.findall(r"&&|\|\||!|\(|\)|[\w.]+", expr)
    pos = [0]

    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None

    def take():
        pos[0] += 1
        return tokens[pos[0] - 1]

    def orexpr():
        v = andexpr()
        while peek() == "||":
            take()
            v = andexpr() or v
        return v

    def andexpr():
        v = unary()
        while peek() == "&&":
            take()
            v = unary() and v
        return v

    def unary():
        t = take() if peek() is not None else None
        if t == "!":
            return not unary()
        if t == "(":
            v = orexpr()
            if take() != ")":
                raise ValueError("bad //go:build expression: " + expr)
            return v
        if t is None or t in ("&&", "||", ")"):
            raise ValueError("bad //go:build expression: " + expr)
        return tag_match(t)

    v = orexpr()
    if pos[0] != len(tokens):
        raise ValueError("bad //go:build expression: " + expr)
    return v


def should_test(header):
    """run.go's shouldTest over the text before `package`: every
    `// +build` line must have a matching term; a `//go:build` line, when
    present, decides alone (it supersedes `// +build` since Go 1.17)."""
    lines = [l.strip() for l in header.split("\n")]
    for line in lines:
        if line.startswith("//go:build"):
            expr = line[len("//go:build"):].strip()
            return build_expr_match(expr), line
    for line in lines:
        if not line.startswith("//"):
            continue
        line = line[2:].strip()
        if not line.startswith("+"):
            continue
        words = line.split()
        if words[0] == "+build" and not any(tag_match(w) for w in words[1:]):
            return False, "// " + line
    return True, ""


class Program:
    """One test file of Go's test/ directory and its run.go recipe."""

    def __init__(self, root, rel):
        self.root = root
        self.rel = rel  # e.g. "fixedbugs/bug001.go" or "235.go"
        self.path = os.path.join(root, rel)
        self.action = None
        self.flags = []  # go command flags (gc-only: ignored, see docs)
        self.args = []
        self.extra = []  # more source files of the same package
        self.timeout = DEFAULT_TIMEOUT
        self.skip_reason = None
        self._parse()

    def _parse(self):
        with open(self.path, encoding="utf-8", errors="replace") as f:
            src = f.read()
        # Execution recipe stops at the first blank line; a first line that
        # is a build constraint is skipped.
        recipe, sep, _ = src.partition("\n\n")
        if not sep:
            return
        first, nl, rest = recipe.partition("\n")
        if nl and "+build" in first:
            recipe = rest
        # The action is the recipe's first line: in this older copy of the
        # test directory some files continue the paragraph with `// +build`
        # lines or the copyright, which are not arguments (GCC's go-test.exp
        # also reads one line).
        recipe = recipe.partition("\n")[0]
        if recipe.startswith("//"):
            recipe = recipe[2:]
        header, sep, _ = src.partition("\npackage")
        if not sep:
            header = recipe
        ok, why = should_test(header)
        try:
            words = shlex.split(recipe)
        except ValueError:
            return
        if not words:
            return
        self.action = words[0]
        args = words[1:]
        while args and args[0].startswith("-"):
            a = args.pop(0)
            if a == "-t" and args:
                self.timeout = int(args.pop(0))
            elif a == "-goexperiment" and args:
                args.pop(0)
            elif a in ("-0", "-1", "-s", "-P", "-n"):
                pass
            else:
                self.flags.append(a)
        # `go run prog.go more.go` compiles the leading .go arguments with
        # the program (cmplxdivide.go, the runoutput generators).
        while args and args[0].endswith(".go"):
            self.extra.append(os.path.normpath(
                os.path.join(os.path.dirname(self.path), args.pop(0))))
        self.args = args
        if not ok:
            self.skip_reason = "build constraint " + why

    @property
    def expected_output(self):
        out = self.path[:-3] + ".out"
        if os.path.exists(out):
            with open(out, "rb") as f:
                return f.read()
        return b""

    @property
    def dir_path(self):
        return self.path[:-3] + ".dir"


def discover(root, actions=ACTIONS):
    """Every program of DIRS whose action is in `actions` and whose build
    constraints hold for linux/amd64/gccgo, sorted by relative path."""
    progs = []
    for d in DIRS:
        full = os.path.join(root, d)
        if not os.path.isdir(full):
            continue
        for name in sorted(os.listdir(full)):
            if not name.endswith(".go"):
                continue
            rel = os.path.normpath(os.path.join(d, name))
            p = Program(root, rel)
            if p.action in actions and p.skip_reason is None:
                progs.append(p)
    return sorted(progs, key=lambda p: p.rel)


# ---------------------------------------------------------------------------
# Extracting the test directory from gcc-12-source
# ---------------------------------------------------------------------------

GCC_SOURCE_DIR = "/usr/src/gcc-12"
TARBALL_RE = re.compile(r"^gcc-12[.0-9]*(-dfsg)?\.tar\.xz$")
MEMBER = "gcc/testsuite/go.test/test"


def find_llvm_goc(params, src_root):
    """The llvm-goc wrapper (lit parameter llvm_goc, else $GOLLC_LLVM_GOC,
    else ../shared/tools/llvm-goc beside the checkout), and why it cannot be
    used, or None. Running it once builds Gollvm's front end (5-10 min,
    cached in ~/.cache/gollc); `make check` does that before lit starts.
    test/refrt/go uses it too."""
    path = params.get("llvm_goc") or os.environ.get("GOLLC_LLVM_GOC") \
        or os.path.join(src_root, "..", "shared", "tools", "llvm-goc")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        return path, "llvm-goc not found at %s (set GOLLC_LLVM_GOC or -Dllvm_goc=)" % path
    try:
        r = subprocess.run([path, "--version"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=3600)
    except subprocess.TimeoutExpired:
        return path, "llvm-goc --version timed out"
    if r.returncode != 0:
        return path, "llvm-goc cannot be built or run: %s" % (
            r.stdout.decode(errors="replace").strip().splitlines() or ["?"])[-1]
    return path, None


def find_tarball(srcdir=GCC_SOURCE_DIR):
    if not os.path.isdir(srcdir):
        return None
    for name in sorted(os.listdir(srcdir)):
        if TARBALL_RE.match(name):
            return os.path.join(srcdir, name)
    return None


def extract_tests(tarball, dest):
    """Extracts Go's test/ directory from the GCC tarball into dest/test
    once (a stamp names the tarball, its size and time); returns the path of
    the test directory. Concurrent callers wait on a lock."""
    os.makedirs(dest, exist_ok=True)
    st = os.stat(tarball)
    stamp_text = "%s %d %d\n" % (tarball, st.st_size, int(st.st_mtime))
    stamp = os.path.join(dest, "extracted.stamp")
    testdir = os.path.join(dest, "test")
    with open(os.path.join(dest, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(stamp) and open(stamp).read() == stamp_text:
            return testdir
        top = os.path.basename(tarball)[:-len(".tar.xz")].replace("-dfsg", "")
        tmp = tempfile.mkdtemp(dir=dest, prefix="extract.")
        try:
            subprocess.run(["tar", "-xJf", tarball, "-C", tmp,
                            "%s/%s" % (top, MEMBER)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            shutil.rmtree(testdir, ignore_errors=True)
            os.rename(os.path.join(tmp, top, MEMBER), testdir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        with open(stamp, "w") as f:
            f.write(stamp_text)
        return testdir


# ---------------------------------------------------------------------------
# Expected failures
# ---------------------------------------------------------------------------

def read_xfails(path):
    """xfail.txt: `program: reason` or `program [mode,...]: reason`, one a
    line, # comments. Returns {rel: (modes or None, reason)}."""
    xfails = {}
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"(\S+)(?:\s+\[([\w,-]+)\])?\s*:\s*(.+)", line)
            if not m:
                raise ValueError("%s:%d: expected `program [modes]: reason`"
                                 % (path, lineno))
            modes = m.group(2).split(",") if m.group(2) else None
            for mode in modes or []:
                if mode not in ALL_MODES:
                    raise ValueError("%s:%d: unknown mode '%s'"
                                     % (path, lineno, mode))
            xfails[m.group(1)] = (modes, m.group(3).strip())
    return xfails


def read_list(path):
    with open(path) as f:
        return [l.split("#", 1)[0].strip() for l in f
                if l.split("#", 1)[0].strip()]


# ---------------------------------------------------------------------------
# Building and running
# ---------------------------------------------------------------------------

class Tools:
    def __init__(self, build, llvm_goc, gccgo, workdir, timeout_scale=1.0,
                 llc="/usr/lib/llvm-19/bin/llc"):
        self.build = os.path.abspath(build)
        self.llc = llc
        self.go_llc = os.path.join(self.build, "bin", "go-llc")
        self.libdir = os.path.join(self.build, "lib")
        self.roots = os.path.join(self.libdir, "gollc_roots.o")
        self.llvm_goc = llvm_goc
        self.gccgo = gccgo
        self.workdir = workdir
        self.timeout_scale = timeout_scale


class Failure(Exception):
    pass


class Runner:
    """Builds and runs one program in one mode, keeping a log of every
    command (the reproduction printed on failure)."""

    def __init__(self, tools, prog, mode, tmpdir):
        self.tools = tools
        self.prog = prog
        self.mode = mode
        self.tmp = tmpdir
        self.log = []

    def cmd(self, argv, what, timeout=600, cwd=None, env=None):
        shown = " ".join(shlex.quote(a) for a in argv)
        if env:
            env = dict(env)
            shown = " ".join("%s=%s" % kv for kv in env.items()) + " " + shown
        if cwd:
            shown = "(cd %s && %s)" % (shlex.quote(cwd), shown)
        self.log.append("$ " + shown)
        full_env = dict(os.environ)
        full_env.update(env or {})
        try:
            r = subprocess.run(argv, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=timeout, cwd=cwd, env=full_env,
                               start_new_session=True)
        except subprocess.TimeoutExpired as e:
            raise Failure("%s: timed out after %d s\n%s" % (
                what, timeout, (e.output or b"").decode(errors="replace")[-2000:]))
        return r

    def check(self, argv, what, **kw):
        r = self.cmd(argv, what, **kw)
        if r.returncode != 0:
            raise Failure("%s failed (exit %s):\n%s" % (
                what, exit_text(r.returncode),
                r.stdout.decode(errors="replace")[-3000:]))
        return r

    # -- llvm-goc, shared by all modes -------------------------------------

    def shared_bitcode(self, srcs, key, by_content=False):
        """llvm-goc -O0 -c -emit-llvm of srcs, cached in the work directory
        under key and shared by every mode: lit runs the modes in parallel,
        one compiles and the others wait on the lock. The cached bitcode is
        used while it is newer than the sources, or always when the key
        names the contents (by_content)."""
        base = os.path.join(self.tools.workdir, "bc", key)
        bc = base + ".bc"
        os.makedirs(os.path.dirname(bc), exist_ok=True)
        argv = [self.tools.llvm_goc, "-O0", "-c", "-emit-llvm"] + srcs + \
            ["-o", bc]
        with open(base + ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            newest = max(os.path.getmtime(f) for f in srcs)
            if os.path.exists(bc) and (by_content or
                                       os.path.getmtime(bc) >= newest):
                self.log.append("$ " + " ".join(shlex.quote(a) for a in argv)
                                + "   # shared with the other modes")
                return bc
            tmp = bc + ".tmp%d" % os.getpid()
            try:
                self.check(argv[:-1] + [tmp], "llvm-goc")
                os.rename(tmp, bc)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            self.log[-1] = "$ " + " ".join(shlex.quote(a) for a in argv)
        return bc

    def object(self, bc, obj):
        if self.mode == LLC_MODE:
            self.check([self.tools.llc, "-relocation-model=pic",
                        "-filetype=obj", bc, "-o", obj], "llc")
        else:
            self.check([self.tools.go_llc] + MODES[self.mode] +
                       ["-relocation-model=pic", "-filetype=obj", bc, "-o",
                        obj], "go-llc")
        return obj

    def link(self, objs, exe):
        if self.mode in GCCGO_MODES:
            self.check([self.tools.gccgo] + objs + ["-o", exe], "link")
        else:
            self.check([self.tools.gccgo] + objs +
                       [self.tools.roots, "-L" + self.tools.libdir,
                        "-lgollcrt", "-o", exe], "link")
        return exe

    def compile_package(self, srcs, out, pkgpath=None, incdir=None):
        """One package from source to an object: gccgo-12 -c in the
        reference mode, else llvm-goc -O0 -c -emit-llvm then go-llc."""
        flags = []
        if pkgpath:
            flags.append("-fgo-pkgpath=" + pkgpath)
        if incdir:
            flags += ["-I", incdir]
        # Local imports ("./a") resolve against the working directory,
        # where the packages compiled so far are.
        cwd = incdir or self.tmp
        if self.mode in GCCGO_MODES:
            self.check([self.tools.gccgo, "-c"] + GCCGO_MODES[self.mode] +
                       flags + srcs + ["-o", out], "gccgo-12", cwd=cwd)
            return out
        bc = out[:-2] + ".bc"
        self.check([self.tools.llvm_goc, "-O0", "-c", "-emit-llvm"] + flags +
                   srcs + ["-o", bc], "llvm-goc", cwd=cwd)
        return self.object(bc, out)

    def build_program(self):
        exe = os.path.join(self.tmp, "prog")
        if self.mode in GCCGO_MODES:
            self.check([self.tools.gccgo] + GCCGO_MODES[self.mode] +
                       [self.prog.path] + self.prog.extra + ["-o", exe],
                       "gccgo-12")
            return exe
        bc = self.shared_bitcode([self.prog.path] + self.prog.extra,
                                 self.prog.rel[:-3])
        obj = self.object(bc, os.path.join(self.tmp, "prog.o"))
        return self.link([obj], exe)

    def build_dir(self):
        """rundir: the packages of prog.dir compiled in run.go's order
        (grouped by package name in the order of their first file), each
        importable by the later ones; the last is main."""
        incdir = os.path.join(self.tmp, "pkg")
        os.makedirs(incdir, exist_ok=True)
        objs = []
        for name, files in dir_packages(self.prog.dir_path):
            # As run.go's compileInDir, the object is named after the
            # package's first file: `import "./ddd2"` is package ddd in
            # ddd2.go. That name is also a unique package path.
            base = os.path.basename(files[0])[:-3]
            objs.append(self.compile_package(
                files, os.path.join(incdir, base + ".o"),
                pkgpath=None if name == "main" else base, incdir=incdir))
        return self.link(objs, os.path.join(self.tmp, "prog"))

    def run_exe(self, exe, args, env, what):
        """Runs in Go's test/ directory with GOOS and GOARCH set, as under
        run.go (run.bash exports `go env`) and GCC's go-test.exp."""
        timeout = int(self.prog.timeout * self.tools.timeout_scale)
        env = dict(RUN_ENV, **env)
        r = self.cmd([exe] + args, what, timeout=timeout,
                     cwd=self.prog.root, env=env)
        return r.returncode, r.stdout.replace(b"\r\n", b"\n")

    def compare(self, exe, args, expected):
        """run.go's check: exit status 0 and stdout+stderr equal to the
        expected output; normally and under GOGC=1."""
        for env in ({}, {"GOGC": "1"}):
            label = "run" + (" under GOGC=1" if env else "")
            code, out = self.run_exe(exe, args, env, label)
            if code != 0 or out != expected:
                raise Failure("%s: exit %s, output %s\n%s" % (
                    label, exit_text(code),
                    "as expected" if out == expected else "differs",
                    describe_diff(out, expected)))

    def run(self):
        p = self.prog
        if p.action == "run":
            self.compare(self.build_program(), p.args, p.expected_output)
        elif p.action == "rundir":
            self.compare(self.build_dir(), p.args, p.expected_output)
        elif p.action == "runoutput":
            # The program prints a Go program, which must print the
            # expected output.
            gen = self.build_program()
            code, out = self.run_exe(gen, p.args, {}, "run (generator)")
            if code != 0:
                raise Failure("generator: exit %s\n%s" % (
                    exit_text(code), out.decode(errors="replace")[-2000:]))
            src = os.path.join(self.tmp, "tmp__.go")
            with open(src, "wb") as f:
                f.write(out)
            if self.mode in GCCGO_MODES:
                obj = self.compile_package([src],
                                           os.path.join(self.tmp, "tmp__.o"))
            else:
                # Every mode's generator prints the same program when it
                # works: compile each distinct output once.
                key = "%s.output-%s" % (p.rel[:-3],
                                        hashlib.sha256(out).hexdigest()[:16])
                obj = self.object(self.shared_bitcode([src], key, True),
                                  os.path.join(self.tmp, "tmp__.o"))
            exe = self.link([obj], os.path.join(self.tmp, "tmp__"))
            self.compare(exe, [], p.expected_output)
        else:
            raise Failure("unsupported action '%s'" % p.action)


def dir_packages(dirpath):
    """run.go's goDirPackages: the .go files of the directory grouped by
    package name, in the order their first file sorts; main last."""
    files = sorted(f for f in os.listdir(dirpath) if f.endswith(".go"))
    order, groups = [], {}
    for f in files:
        full = os.path.join(dirpath, f)
        with open(full, encoding="utf-8", errors="replace") as fh:
            m = re.search(r"^package\s+(\w+)", fh.read(), re.M)
        name = m.group(1) if m else "main"
        if name not in groups:
            groups[name] = []
            order.append(name)
        groups[name].append(full)
    return [(n, groups[n]) for n in order]


def exit_text(code):
    if code < 0:
        try:
            return "signal %s" % signal.Signals(-code).name
        except ValueError:
            return "signal %d" % -code
    return str(code)


def describe_diff(out, expected, limit=1500):
    o = out.decode(errors="replace")
    e = expected.decode(errors="replace")
    return ("--- expected (%d bytes)\n%s\n--- got (%d bytes)\n%s" % (
        len(expected), e[:limit], len(out), o[-limit:] if len(o) > limit else o))


def run_one(tools, prog, mode, keep=None):
    """Returns (ok, text)."""
    tmp = keep or tempfile.mkdtemp(prefix="gotest.", dir=tools.workdir)
    os.makedirs(tmp, exist_ok=True)
    r = Runner(tools, prog, mode, tmp)
    start = time.time()
    try:
        r.run()
        ok, why = True, ""
    except Failure as e:
        ok, why = False, str(e)
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(r.log) + "\n"
    if not ok:
        text += why + "\n"
    text += "(%.1f s)\n" % (time.time() - start)
    return ok, text


# ---------------------------------------------------------------------------
# The lit format
# ---------------------------------------------------------------------------

try:
    import lit.formats
    import lit.Test
    _FormatBase = lit.formats.base.TestFormat
except ImportError:  # used as a command-line tool
    _FormatBase = object


class GoTestFormat(_FormatBase):
    """One lit test per program and mode, named
    gotest/<dir>/<file>.go/<mode>. When the suite cannot run (no llvm-goc,
    gccgo-12 or gcc-12-source) one test, gotest/suite, is UNSUPPORTED with
    the reason."""

    def __init__(self, tools=None, programs=(), modes=(), xfails=None,
                 unsupported=None):
        self.tools = tools
        self.programs = list(programs)
        self.modes = list(modes)
        self.xfails = xfails or {}
        self.unsupported = unsupported

    def getTestsForPath(self, testSuite, path_in_suite, litConfig, localConfig):
        return []

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        if self.unsupported:
            t = lit.Test.Test(testSuite, path_in_suite + ("suite",),
                              localConfig)
            yield t
            return
        for prog in self.programs:
            for mode in self.modes:
                t = lit.Test.Test(
                    testSuite,
                    path_in_suite + tuple(prog.rel.split("/")) + (mode,),
                    localConfig, file_path=prog.path)
                x = self.xfails.get(prog.rel)
                if x and (x[0] is None or mode in x[0]):
                    t.xfails = ["*"]
                yield t

    def execute(self, test, litConfig):
        if self.unsupported:
            return lit.Test.UNSUPPORTED, self.unsupported + "\n"
        mode = test.path_in_suite[-1]
        rel = "/".join(test.path_in_suite[1:-1])
        prog = next(p for p in self.programs if p.rel == rel)
        ok, text = run_one(self.tools, prog, mode)
        x = self.xfails.get(rel)
        if test.xfails:
            text = "expected to fail (xfail.txt): %s\n%s" % (x[1], text)
        return (lit.Test.PASS if ok else lit.Test.FAIL), text


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(
        description="Build and run programs of Go's test suite through "
        "llvm-goc and go-llc (or a reference mode), showing every command.")
    ap.add_argument("--build", default="build")
    ap.add_argument("--llvm-goc", default=None)
    ap.add_argument("--gccgo", default=shutil.which("gccgo-12") or "gccgo-12")
    ap.add_argument("--testdir", default=None,
                    help="Go's test/ directory (default: <build>/test/gotest/src/test)")
    ap.add_argument("--mode", action="append", choices=ALL_MODES)
    ap.add_argument("--keep", help="keep the build products in this directory")
    ap.add_argument("--list", action="store_true",
                    help="list the programs (relative paths) and their action")
    ap.add_argument("programs", nargs="*")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    workdir = os.path.join(build, "test", "gotest")
    testdir = a.testdir
    if not testdir:
        tarball = find_tarball()
        if not tarball:
            sys.exit("gotest.py: error: gcc-12-source is not installed "
                     "(utils/install-deps.sh gcc-12-source)")
        testdir = extract_tests(tarball, os.path.join(workdir, "src"))
    if a.list:
        for p in discover(testdir):
            print(p.action, p.rel)
        return 0
    llvm_goc = a.llvm_goc or os.environ.get("GOLLC_LLVM_GOC") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
        "shared", "tools", "llvm-goc")
    tools = Tools(build, os.path.abspath(llvm_goc), a.gccgo, workdir)
    programs = []
    for rel in a.programs:
        rel = os.path.normpath(rel)
        if not rel.endswith(".go") or \
                not os.path.isfile(os.path.join(testdir, rel)):
            sys.exit("gotest.py: error: %s: no such program in %s" %
                     (rel, testdir))
        prog = Program(testdir, rel)
        if prog.action not in ACTIONS:
            sys.exit("gotest.py: error: %s: a `// %s` file, not one of %s" %
                     (rel, prog.action, ", ".join(ACTIONS)))
        programs.append(prog)
    status = 0
    for prog in programs:
        rel = prog.rel
        for mode in a.mode or list(MODES):
            ok, text = run_one(tools, prog, mode, a.keep and
                               os.path.join(os.path.abspath(a.keep), mode))
            print("%s %s %s\n%s" % ("PASS" if ok else "FAIL", rel, mode, text))
            status |= not ok
    return status


if __name__ == "__main__":
    sys.exit(main())
