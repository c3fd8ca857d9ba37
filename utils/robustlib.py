#===- utils/robustlib.py - Shared code of the robustness scripts -----------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# What the corpus lit suite (test/corpus/corpus.py), utils/fuzz-gollc and
# utils/fuzz-interesting share: where the tools are, the go-llc modes and
# project passes to cover (read from include/gollc/Passes.def at run time, so
# a pass added there is covered without touching the scripts), running one
# tool invocation and classifying its outcome.
#
# Outcomes:
#   ok       exit 0, the output file exists, stderr empty (or warnings only)
#   diag     exit 1 with exactly one `go-llc: error: ...` line, no output file
#            and no temporary left behind (for opt: exit 1, no crash)
#   CRASH    a signal, an exit code other than 0/1, a malformed diagnostic,
#            an output file left behind after an error
#   VERIFY   the IR verifier rejected the module after a pass (-verify-each)
#   TIMEOUT  the run took longer than --timeout seconds
#
# Not run directly; see the scripts that import it.
#
#===------------------------------------------------------------------------===#

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LLVM_BIN = "/usr/lib/llvm-19/bin"

# go-llc modes: every -O level the sweep covers times every GC lowering.
GC_MODES = [
    ("none", ["-gc=none"]),
    ("go", ["-gc=go"]),
    ("go+pre", ["-gc=go", "-preempt=entry,backedge,return"]),
]
OPT_LEVELS = ["-O0", "-O2"]


def gollc_modes(opt_levels=OPT_LEVELS):
    """[(name, [flags...])] for every go-llc mode, e.g. ('O2/go', [...])."""
    return [("%s/%s" % (o[1:], name), [o] + flags)
            for o in opt_levels for name, flags in GC_MODES]


DEF_ENTRY = re.compile(
    r'^\s*GO_(MODULE|FUNCTION)_(PASS|PASS_WITH_PARAMS|ANALYSIS)\(\s*"([^"]+)"',
    re.M)


def project_passes(src_root=SRC_ROOT):
    """The -passes= text that runs each entry of Passes.def alone."""
    with open(os.path.join(src_root, "include", "gollc", "Passes.def")) as f:
        text = f.read()
    passes = []
    for level, kind, name in DEF_ENTRY.findall(text):
        if kind == "ANALYSIS":
            pipeline = "require<%s>" % name
        else:
            pipeline = name
        if level == "FUNCTION":
            pipeline = "function(%s)" % pipeline
        passes.append((name if kind != "ANALYSIS" else "require<%s>" % name,
                       pipeline))
    return passes


def add_tool_arguments(parser):
    parser.add_argument("--build", default=os.path.join(SRC_ROOT, "build"),
                        help="build directory (default: <src>/build)")
    parser.add_argument("--go-llc", help="go-llc binary (default: <build>/bin)")
    parser.add_argument("--opt", default=os.path.join(LLVM_BIN, "opt"),
                        help="LLVM 19 opt (never the one on PATH)")
    parser.add_argument("--plugin", help="GoPasses.so (default: <build>/lib)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds before one run counts as TIMEOUT")


def resolve_tools(args):
    args.go_llc = os.path.abspath(
        args.go_llc or os.path.join(args.build, "bin", "go-llc"))
    args.plugin = os.path.abspath(
        args.plugin or os.path.join(args.build, "lib", "GoPasses.so"))
    for path in (args.go_llc, args.plugin, args.opt):
        if not os.path.exists(path):
            sys.exit("error: missing %s (build first: ninja -C build)" % path)


class Runner:
    """Runs go-llc / opt invocations and classifies their outcome.

    The tools are copied into the work directory first, so a rebuild while a
    long sweep runs neither breaks it nor mixes two builds in one table."""

    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.counter = 0
        self.reported_gollc = args.go_llc
        bindir = os.path.join(workdir, "tools")
        os.makedirs(bindir, exist_ok=True)
        for attr in ("go_llc", "plugin"):
            copy = os.path.join(bindir, os.path.basename(getattr(args, attr)))
            shutil.copy2(getattr(args, attr), copy)
            setattr(self, attr, copy)
        self.opt = args.opt

    def gollc_cmd(self, flags, infile, outfile):
        return [self.go_llc] + flags + [
            "-verify-each", "-filetype=obj", infile, "-o", outfile]

    def opt_cmd(self, pipeline, infile):
        return [self.opt, "-load-pass-plugin=" + self.plugin,
                "-passes=" + pipeline, "-verify-each", "-disable-output",
                infile]

    def _run(self, cmd, cwd=None):
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=self.args.timeout, cwd=cwd)
            return p.returncode, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return None, "timeout after %ss" % self.args.timeout

    def run_gollc(self, flags, infile):
        """Returns (outcome, message, command)."""
        self.counter += 1
        d = tempfile.mkdtemp(dir=self.workdir)
        out = os.path.join(d, "out.o")
        cmd = self.gollc_cmd(flags, infile, out)
        rc, err = self._run(cmd)
        outcome, msg = classify_gollc(rc, err, os.path.exists(out),
                                      os.listdir(d))
        shutil.rmtree(d, ignore_errors=True)
        return outcome, msg, cmd

    def run_opt(self, pipeline, infile):
        cmd = self.opt_cmd(pipeline, infile)
        rc, err = self._run(cmd)
        return classify_opt(rc, err) + (cmd,)


GOLLC_ERROR = re.compile(r"^go-llc: error: \S.*$")
GOLLC_WARNING = re.compile(r"^go-llc: warning: \S.*$")
VERIFIER = re.compile(r"Broken (module|function) found")


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def classify_gollc(rc, err, out_exists, leftovers):
    if rc is None:
        return "TIMEOUT", err
    if VERIFIER.search(err):
        return "VERIFY", first_line(
            [l for l in err.splitlines() if VERIFIER.search(l)][0])
    if rc < 0:
        return "CRASH", "killed by signal %d: %s" % (-rc, first_line(err))
    lines = [l for l in err.splitlines() if l.strip()]
    if rc == 0:
        if not out_exists:
            return "CRASH", "exit 0 but no output file"
        noise = [l for l in lines if not GOLLC_WARNING.match(l)]
        if noise:
            return "CRASH", "exit 0 with unexpected stderr: " + noise[0]
        return "ok", ""
    if rc != 1:
        return "CRASH", "exit code %d: %s" % (rc, first_line(err))
    errors = [l for l in lines if not GOLLC_WARNING.match(l)]
    if len(errors) != 1 or not GOLLC_ERROR.match(errors[0]):
        return "CRASH", "malformed diagnostic (%d lines): %s" % (
            len(errors), first_line(err))
    if out_exists or leftovers:
        return "CRASH", "error but output left behind: %s" % " ".join(
            sorted(leftovers))
    return "diag", errors[0]


def classify_opt(rc, err):
    if rc is None:
        return "TIMEOUT", err
    if VERIFIER.search(err):
        return "VERIFY", first_line(
            [l for l in err.splitlines() if VERIFIER.search(l)][0])
    if rc < 0:
        return "CRASH", "killed by signal %d: %s" % (-rc, first_line(err))
    if rc == 0:
        return "ok", ""
    if rc != 1:
        return "CRASH", "exit code %d: %s" % (rc, first_line(err))
    return "diag", first_line(err)


FAILURES = ("CRASH", "VERIFY", "TIMEOUT")


def llvm_verifies(infile, opt=os.path.join(LLVM_BIN, "opt")):
    """Whether plain LLVM 19 accepts the file (parse + verify)."""
    p = subprocess.run([opt, "-passes=verify", "-disable-output", infile],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return p.returncode == 0, first_line(p.stderr.decode("utf-8", "replace"))


def parallel_map(fn, items, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        return list(ex.map(fn, items))


def shell_quote(cmd, runner=None):
    if runner is not None:
        cmd = [runner.args.go_llc if c == runner.go_llc else
               c.replace(runner.plugin, runner.args.plugin) for c in cmd]
    return " ".join(
        c if re.match(r"^[\w./=,:+<>@%-]+$", c) and not re.search(r"[<>]", c)
        else "'" + c.replace("'", "'\\''") + "'" for c in cmd)
