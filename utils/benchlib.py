#===- utils/benchlib.py - The benchmark scripts' one runner ---------------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# What utils/bench, bench-runtime, bench-preempt, bench-preempt-scale,
# bench-batch and bench-codegen-threads share:
# running a measured command or pipeline (wall time, user+sys CPU and peak RSS
# of each process from os.wait4, a timeout, stdout and stderr kept), the
# statistics they report (median, geometric mean, median (min-max), ratios
# as 1.23x), the rotating order of interleaved runs, the lines that say when,
# where and with what a report was measured (RunInfo), object sizes read with
# LLVM's readers (llvm-readelf -S, llvm-readobj --stackmap), the writing of
# measured figures into the marked regions of docs/Benchmarks.md, and Go
# sources through llvm-goc.
# Paths, the corpus's .ll files and first_line are robustlib's. Not run
# directly.
#
#===------------------------------------------------------------------------===#

import datetime
import math
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from robustlib import (LLVM_BIN, SRC_ROOT, corpus_files, default_corpus, first_line,  # noqa: F401
                       require, target_triple)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def geomean(xs):
    xs = [x for x in xs if x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def spread(xs, fmt=lambda v: f"{v:.2f}"):
    """'median (min-max)' of repeated runs; one run alone, or 'n/a'."""
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return fmt(xs[0])
    return f"{fmt(median(xs))} ({fmt(min(xs))}-{fmt(max(xs))})"


def fmt_x(x):
    """A ratio as '1.23x'; 'n/a' for None or NaN."""
    return "n/a" if x is None or math.isnan(x) else f"{x:.2f}x"


def rotate(items, r):
    """items starting at index r (mod len): the order of repetition r of
    interleaved runs, so that no mode always goes first."""
    r %= len(items)
    return items[r:] + items[:r]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


class Result:
    __slots__ = ("ok", "wall", "cpu", "rss", "rss_each", "error", "out", "err")

    def __init__(self, ok, wall=0.0, cpu=0.0, rss=0, rss_each=(), error="", out="", err=""):
        self.ok, self.wall, self.cpu, self.rss = ok, wall, cpu, rss
        self.rss_each, self.error, self.out, self.err = tuple(rss_each), error, out, err


def run_measured(argvs, errpath=None, timeout=600, env=None):
    """Runs argvs[0] | argvs[1] | ...; returns the wall time of the whole
    pipeline, user+sys of all its processes and the peak RSS (KiB) of each
    process, read from os.wait4 so every process is measured on its own, with
    the last process's stdout and everyone's stderr (also left in errpath)."""
    procs = []
    prev = None
    outf = tempfile.TemporaryFile()
    errf = open(errpath, "w+b") if errpath else tempfile.TemporaryFile()
    t0 = time.perf_counter()
    for i, argv in enumerate(argvs):
        last = i == len(argvs) - 1
        p = subprocess.Popen(argv, stdin=prev.stdout if prev else subprocess.DEVNULL,
                             stdout=outf if last else subprocess.PIPE, stderr=errf, env=env)
        if prev:
            prev.stdout.close()  # the next process owns the pipe now
        procs.append(p)
        prev = p
    # Blocking waits keep the wall time exact; a timer kills a runaway
    # compilation (pathological inputs must not stall the whole suite).
    # A process is only reaped under the lock, after waitid (WNOWAIT) saw it
    # exit: until then its pid cannot be reused, so the timer never signals a
    # stranger.
    timed_out = []
    lock = threading.Lock()
    reaped = set()

    def kill_all():
        with lock:
            timed_out.append(True)
            for p in procs:
                if p.pid not in reaped:
                    try:
                        os.kill(p.pid, 9)
                    except ProcessLookupError:
                        pass

    timer = threading.Timer(timeout, kill_all)
    timer.start()
    status, rusages = {}, {}
    try:
        for p in procs:
            os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
            with lock:
                _, status[p.pid], rusages[p.pid] = os.wait4(p.pid, 0)
                reaped.add(p.pid)
    finally:
        timer.cancel()
    wall = time.perf_counter() - t0
    for p in procs:
        p.returncode = 0  # reaped above with os.wait4
    texts = []
    for f in (outf, errf):
        f.seek(0)
        texts.append(f.read().decode(errors="replace"))
        f.close()
    out, err = texts
    if timed_out:
        return Result(False, error=f"timeout after {timeout:.0f} s", out=out, err=err)
    for p, argv in zip(procs, argvs):
        st = status[p.pid]
        if not (os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0):
            code = os.WEXITSTATUS(st) if os.WIFEXITED(st) else -os.WTERMSIG(st)
            return Result(False, error=f"{os.path.basename(argv[0])} exit {code}: "
                          f"{first_line(err)}", out=out, err=err)
    cpu = sum(rusages[p.pid].ru_utime + rusages[p.pid].ru_stime for p in procs)
    each = [rusages[p.pid].ru_maxrss for p in procs]
    return Result(True, wall, cpu, max(each), each, out=out, err=err)


def run(argv, env=None, timeout=600):
    """run_measured of one command; exits the script when it fails."""
    r = run_measured([argv], timeout=timeout, env=env)
    if not r.ok:
        sys.exit("%s: error: %s: %s" % (os.path.basename(sys.argv[0]), " ".join(argv), r.error))
    return r


def add_llvm_goc_option(ap):
    """--llvm-goc: Gollvm's front end, for the benchmarks written in Go."""
    ap.add_argument("--llvm-goc", default=os.environ.get("GOLLC_LLVM_GOC") or
                    os.path.join(SRC_ROOT, "..", "shared", "tools", "llvm-goc"),
                    help="Gollvm's front end (default: $GOLLC_LLVM_GOC or "
                    "../shared/tools/llvm-goc)")


def go_to_bitcode(llvm_goc, src, bc):
    """Gollvm's IR for the Go program src (llvm-goc -O0 -c -emit-llvm, the
    bitcode a Gollvm user feeds go-llc); exits the script without llvm-goc."""
    if not os.access(llvm_goc, os.X_OK):
        sys.exit("%s: error: llvm-goc not found at %s (set GOLLC_LLVM_GOC or "
                 "--llvm-goc)" % (os.path.basename(sys.argv[0]), llvm_goc))
    run([os.path.abspath(llvm_goc), "-O0", "-c", "-emit-llvm", src, "-o", bc])


SECTION_ROW = re.compile(r"^\s*\[\s*\d+\]\s(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s")


class Sections(dict):
    """{section name: size in bytes} of an object, as `llvm-readelf -S` lists
    them; `path` is the object, for the stack-map record count."""

    def __init__(self, path):
        super().__init__()
        self.path = path


def elf_sections(path):
    """The Sections of an ELF object, or None if it is not ELF (the TinyGo
    corpus has wasm files) or cannot be read."""
    try:
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                return None
    except OSError:
        return None
    r = subprocess.run([os.path.join(LLVM_BIN, "llvm-readelf"), "-S", "-W", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if r.returncode != 0:
        return None
    secs = Sections(path)
    for line in r.stdout.splitlines():
        m = SECTION_ROW.match(line)
        if m:
            secs[m.group(1)] = int(m.group(2), 16)
    return secs


def text_bytes(secs):
    return sum(v for n, v in secs.items()
               if n == ".text" or n.startswith(".text."))


def stackmap_records(secs):
    """The record count of the object's .llvm_stackmaps (one per safepoint),
    as `llvm-readobj --stackmap` prints it; 0 without the section."""
    if ".llvm_stackmaps" not in secs:
        return 0
    r = subprocess.run([os.path.join(LLVM_BIN, "llvm-readobj"), "--stackmap", secs.path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    m = re.search(r"^Num Records: (\d+)$", r.stdout, re.M)
    return int(m.group(1)) if m else 0


def write_doc_regions(path, blocks, prog):
    """Replaces the text between `<!-- BEGIN bench:<key> -->` and
    `<!-- END bench:<key> -->` for each key of blocks; the rest of the page is
    hand-written and kept byte for byte. A page or marker that is missing is
    an error (reported as prog's) and nothing is written."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        sys.exit(f"{prog}: error: {path}: {e.strerror}")
    for key, body in blocks.items():
        begin, end = f"<!-- BEGIN bench:{key} -->\n", f"<!-- END bench:{key} -->"
        if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
            sys.exit(f"{prog}: error: {path}: no single '{begin.strip()}' ... '{end}' region "
                     f"to write the {key} figures into")
        head, rest = text.split(begin)
        text = head + begin + body.rstrip("\n") + "\n" + rest[rest.index(end):]
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def busy_cpus(seconds=1.0):
    """CPUs kept busy by other processes, measured from /proc/stat over the
    next `seconds` (this process sleeps meanwhile); None when unreadable.
    Unlike the load average, it does not carry the previous minute (a
    benchmark just finished) into the figure."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + (v[4] if len(v) > 4 else 0)  # idle + iowait
    try:
        t0, i0 = sample()
        time.sleep(seconds)
        t1, i1 = sample()
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK") * seconds
    return max(0.0, ((t1 - t0) - (i1 - i0)) / ticks) if ticks else None


class RunInfo:
    """When, where and with what a benchmark ran: the commit, go-llc's
    version, the machine, the CPUs other processes kept busy in the second
    before the run, and the load average at the start and (when the header
    is written) at the end. header() gives the lines every report begins
    with; info is a plain dict, saved with raw figures and given back to
    RunInfo(info=...) to render them again."""

    def __init__(self, prog=None, gollc=None, info=None):
        if info is not None:
            self.info = info
            return
        def git(*a):
            return subprocess.run(["git", "-C", SRC_ROOT, *a], capture_output=True,
                                  text=True).stdout.strip()
        commit = git("rev-parse", "--short", "HEAD") or "unknown"
        # Uncommitted changes to what is measured (the docs the figures go
        # into are not).
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs")
        version = "unknown"
        if gollc and os.access(gollc, os.X_OK):
            version = first_line(subprocess.run([gollc, "--version"], capture_output=True,
                                                text=True).stdout) or version
        mem = 0.0
        try:
            with open("/proc/meminfo") as f:
                mem = int(f.readline().split()[1]) / 1024 / 1024
        except (OSError, ValueError, IndexError):
            pass
        self.info = {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": shlex.join(["utils/" + (prog or os.path.basename(sys.argv[0]))] + sys.argv[1:]),
            "commit": commit + ("-dirty" if dirty else ""), "gollc": version,
            "nproc": os.cpu_count(), "cpu": cpu_model(), "mem": f"{mem:.1f} GiB",
            "kernel": platform.release(), "load_start": os.getloadavg()[0], "load_end": None,
            "busy_cpus": busy_cpus()}

    def finish(self):
        """Records the load average at the end of the run (once)."""
        if self.info["load_end"] is None:
            self.info["load_end"] = os.getloadavg()[0]

    def header(self, at_end=True):
        """The report's first lines; at_end: the run is over (the load
        average then is given too)."""
        i = self.info
        if at_end:
            self.finish()
        # Other processes' CPU in the second before the run (the load
        # average also carries the previous minute, e.g. the benchmark run
        # just before): a quarter of the CPUs busy is a machine the figures
        # share.
        other = i.get("busy_cpus")
        busy = other >= 0.25 * i["nproc"] if other is not None else \
            i["load_start"] >= 0.75 * i["nproc"]
        end = f", {i['load_end']:.2f} at the end" if at_end else ""
        before = f"{other:.2f} CPUs busy with other work in the second before the run; " \
            if other is not None else ""
        return (f"Measured {i['date']} with `{i['command']}` at go-llc commit {i['commit']} "
                f"({i['gollc']}).\n\nMachine: {i['nproc']} CPUs ({i['cpu']}), {i['mem']} RAM, "
                f"Linux {i['kernel']}. {before}load average {i['load_start']:.2f} at the "
                f"start{end}" +
                (" - **a busy machine shared with other jobs: treat the figures as indicative**."
                 if busy else "."))


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


class Interleaved:
    """Measurements of every mode on every item, n runs, the modes' order
    rotated item by item and run by run so that no mode always goes first:
    results[mode][item] is a Result per run, failures[mode][item] why an item
    failed (it is not measured again in that mode)."""

    def __init__(self, modes):
        self.results = {m: {} for m in modes}
        self.failures = {m: {} for m in modes}

    def measure(self, name, items, n, argvs, errpath, timeout, skip=lambda mode, item: False):
        """argvs(mode, item) is the pipeline to measure; skip(mode, item) leaves
        out a run."""
        modes = list(self.results)
        log(f"{name}: {len(items)} items x {len(modes)} modes x {n} runs")
        for rep in range(n):
            t0 = time.time()
            for i, item in enumerate(items):
                k = (i + rep) % len(modes)
                for mode in modes[k:] + modes[:k]:
                    if item in self.failures[mode] or skip(mode, item):
                        continue
                    r = run_measured(argvs(mode, item), errpath, timeout)
                    if r.ok:
                        self.results[mode].setdefault(item, []).append(r)
                    else:
                        self.failures[mode][item] = r.error
                        self.results[mode].pop(item, None)
            log(f"{name}: run {rep + 1}/{n} done in {time.time() - t0:.0f} s")

    def json(self):
        return {m: {k: [[r.wall, r.cpu, list(r.rss_each)] for r in rs] for k, rs in res.items()}
                for m, res in self.results.items()} | {"failures": self.failures}

    def load_json(self, data):
        """The measurements of an earlier json()."""
        for mode in self.results:
            self.results[mode] = {k: [Result(True, w, c, max(rss), rss) for w, c, rss in runs]
                                  for k, runs in data.get(mode, {}).items()}
            self.failures[mode] = dict(data.get("failures", {}).get(mode, {}))
