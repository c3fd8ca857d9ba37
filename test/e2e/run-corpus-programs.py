#!/usr/bin/env python3
# ===- run-corpus-programs.py - Run corpus Go programs built two ways -------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
# ===-----------------------------------------------------------------------===#
#
# For every whole Gollvm program in the corpus (a module defining both
# `main.main` and `__go_init_main`), builds it twice:
#
#   reference: llc -relocation-model=pic -filetype=obj
#   go-llc:    go-llc <flags> -relocation-model=pic -filetype=obj
#              (default flags: -O2 -gc=go -preempt=entry,backedge)
#
# links each with gccgo-12 (plus gollc_roots.o, which registers one dummy GC
# root: libgo 12 stops with `persistentalloc: size == 0` in a program that
# registers none, and libgollcrt.a for the preemption runtime), runs both
# normally and under GOGC=1, and requires identical stdout and exit status.
# A program the reference build cannot compile, link or run is EXCLUDED with
# its reason (that is not go-llc's fault). Prints one table row per program
# and a summary; exits 1 on any mismatch or go-llc build failure.
#
#   test/e2e/run-corpus-programs.py --build build [--full | --sample N]
#       [--jobs 2] [--flags="-O2 -gc=go"] [--keep DIR] [corpus-dir...]
#
# Without --full it runs an evenly spaced sample of --sample programs (the
# list is sorted, so the sample is the same on every run).
#
# ===-----------------------------------------------------------------------===#
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

LLVM_BIN = "/usr/lib/llvm-19/bin"
MAIN_RE = re.compile(rb"^define [^@]*@main\.main\(", re.M)
INIT_RE = re.compile(rb"^define [^@]*@__go_init_main\(", re.M)


def find_programs(roots):
    found = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for name in files:
                if not name.endswith(".ll"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    text = f.read()
                if MAIN_RE.search(text) and INIT_RE.search(text):
                    found.append(path)
    return sorted(found)


def sample(programs, n):
    if n <= 0 or n >= len(programs):
        return programs
    step = len(programs) / n
    return [programs[int(i * step)] for i in range(n)]


def first_line(text):
    """The most telling line of a tool's stderr: the first naming an error
    or an undefined reference, else the first non-empty one."""
    lines = [l.strip() for l in text.decode(errors="replace").splitlines()
             if l.strip()]
    for line in lines:
        if "undefined reference" in line or "error" in line.lower():
            return line[:160]
    return lines[0][:160] if lines else "(no output)"


def run(cmd, timeout, env=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


class Tools:
    def __init__(self, args):
        self.llc = os.path.join(LLVM_BIN, "llc")
        self.go_llc = args.go_llc or os.path.join(args.build, "bin", "go-llc")
        self.gccgo = args.gccgo
        self.roots = os.path.join(args.build, "lib", "gollc_roots.o")
        self.libdir = os.path.join(args.build, "lib")
        self.flags = shlex.split(args.flags)
        self.timeout = args.timeout
        for path in (self.llc, self.go_llc, self.roots,
                     os.path.join(self.libdir, "libgollcrt.a")):
            if not os.path.exists(path):
                sys.exit("run-corpus-programs: missing %s (build first)" % path)
        if not shutil.which(self.gccgo):
            sys.exit("run-corpus-programs: %s not found" % self.gccgo)


def link(tools, obj, exe):
    rc, _, err = run([tools.gccgo, obj, tools.roots, "-L" + tools.libdir,
                      "-lgollcrt", "-o", exe], 120)
    if rc != 0:
        return "link: " + first_line(err)
    return None


def run_both_ways(tools, exe, stop_on_failure=False):
    """(status, stdout) normally and under GOGC=1."""
    results = []
    for gogc in (None, "1"):
        env = dict(os.environ)
        if gogc:
            env["GOGC"] = gogc
        else:
            env.pop("GOGC", None)
        rc, out, _ = run([exe], tools.timeout, env)
        results.append((rc, out))
        if stop_on_failure and rc != 0:
            break
    return results


def check_program(tools, path, workdir):
    base = re.sub(r"[^\w.-]", "_", path)[-80:]
    ref_obj = os.path.join(workdir, base + ".ref.o")
    ref_exe = os.path.join(workdir, base + ".ref")
    new_obj = os.path.join(workdir, base + ".gollc.o")
    new_exe = os.path.join(workdir, base + ".gollc")

    # Compile both first: llc failing excludes the program, go-llc failing
    # fails it without paying for links and runs.
    rc, _, err = run([tools.llc, "-relocation-model=pic", "-filetype=obj",
                      path, "-o", ref_obj], 120)
    if rc != 0:
        return "EXCLUDED", "reference compile: " + first_line(err)
    rc, _, err = run([tools.go_llc] + tools.flags +
                     ["-relocation-model=pic", "-filetype=obj", path, "-o",
                      new_obj], 120)
    if rc != 0:
        return "FAIL", "go-llc compile: " + first_line(err)

    why = link(tools, ref_obj, ref_exe)
    if why:
        return "EXCLUDED", "reference " + why
    ref = run_both_ways(tools, ref_exe, stop_on_failure=True)
    for (rc, _), mode in zip(ref, ("plain", "GOGC=1")):
        if rc != 0:
            return "EXCLUDED", "reference run (%s) exit %s" % (mode, rc)

    why = link(tools, new_obj, new_exe)
    if why:
        return "FAIL", "go-llc " + why
    new = run_both_ways(tools, new_exe)
    for (r, n), mode in zip(zip(ref, new), ("plain", "GOGC=1")):
        if r[0] != n[0]:
            return "FAIL", "%s: exit %s, reference %s" % (mode, n[0], r[0])
        if r[1] != n[1]:
            return "FAIL", "%s: stdout differs (%d vs %d bytes)" % (
                mode, len(n[1]), len(r[1]))
    return "PASS", "stdout %d bytes, exit 0, plain and GOGC=1" % len(ref[0][1])


def main():
    ap = argparse.ArgumentParser(
        description="Run corpus Go programs built by llc and by go-llc")
    ap.add_argument("corpus", nargs="*",
                    help="directories to search (default: ../shared/corpus "
                    "beside the source tree)")
    ap.add_argument("--build", default="build", help="go-llc build directory")
    ap.add_argument("--go-llc", help="go-llc binary (default BUILD/bin/go-llc)")
    ap.add_argument("--gccgo", default="gccgo-12")
    ap.add_argument("--flags", default="-O2 -gc=go -preempt=entry,backedge",
                    help="go-llc flags (default: %(default)s)")
    ap.add_argument("--sample", type=int, default=16,
                    help="programs to run, evenly spaced (default 16)")
    ap.add_argument("--full", action="store_true", help="run every program")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds per program run")
    ap.add_argument("--keep", help="keep objects and binaries in this dir")
    args = ap.parse_args()

    if not args.corpus:
        here = os.path.dirname(os.path.abspath(__file__))
        args.corpus = [os.path.normpath(os.path.join(here, "..", "..", "..",
                                                     "shared", "corpus"))]
    tools = Tools(args)
    programs = find_programs(args.corpus)
    if not programs:
        sys.exit("run-corpus-programs: no Gollvm programs (main.main and "
                 "__go_init_main) under %s" % " ".join(args.corpus))
    chosen = programs if args.full else sample(programs, args.sample)
    common = os.path.commonpath(args.corpus) if len(args.corpus) > 1 else \
        args.corpus[0]

    workdir = args.keep or tempfile.mkdtemp(prefix="gollc-e2e-")
    os.makedirs(workdir, exist_ok=True)
    start = time.time()
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(
                lambda p: check_program(tools, p, workdir), chosen))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print("go-llc flags: %s" % " ".join(tools.flags))
    print("%-9s %-66s %s" % ("RESULT", "PROGRAM", "DETAIL"))
    counts = {}
    for path, (status, detail) in zip(chosen, results):
        counts[status] = counts.get(status, 0) + 1
        print("%-9s %-66s %s" % (status, os.path.relpath(path, common),
                                 detail))
    print("summary: %d programs found, %d run (%s), %d passed, %d failed, "
          "%d excluded, %.0f s" % (
              len(programs), len(chosen), "full" if args.full or
              len(chosen) == len(programs) else "sample",
              counts.get("PASS", 0), counts.get("FAIL", 0),
              counts.get("EXCLUDED", 0), time.time() - start))
    return 1 if counts.get("FAIL", 0) else 0


if __name__ == "__main__":
    sys.exit(main())
