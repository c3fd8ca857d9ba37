#!/usr/bin/env python3
#===- tools/gc-smith/detection.py - Broken-map detection per feature ------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# How often gc-smith's programs detect one of go-statepoints' deliberately
# wrong maps (default -go-statepoints-drop-live-slot), overall and per
# generator feature: among the seeds whose program contains a feature
# (gc-smith --print-features), the share that detect the option. A seed
# counts when it passes every mode with correct maps (otherwise it is
# excluded and listed); it detects the option when some mode, built with
# it, gives a finding other than generator, reference or miscompile (the
# classes of tools/gc-smith/gc-smith-run, whose builds and runs this reuses).
#
#   tools/gc-smith/detection.py --seeds 1-40 --modes O0,O2
#   tools/gc-smith/detection.py --option varindex --seeds 1-20 -v
#
# Prints `OPTION detected by N of K seeds (P%)`, then `FEATURE N of K
# (P%)` per feature, sorted by name, and the last line `below M%: ...`
# (`none` when every figure, the overall one included, reaches --min);
# exit status 1 when something is below --min or no seed is usable.
#
#===------------------------------------------------------------------------===#

import argparse
import concurrent.futures
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def load_runner():
    """tools/gc-smith/gc-smith-run as a module: its modes, broken-map options,
    builds and verdicts."""
    path = os.path.join(SRC, "tools", "gc-smith", "gc-smith-run")
    loader = importlib.machinery.SourceFileLoader("gc_smith_run", path)
    spec = importlib.util.spec_from_loader("gc_smith_run", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def seed_list(text):
    seeds = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            sys.exit("detection.py: error: bad --seeds '%s'" % text)
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def one_seed(runner, tools, args, seed, modes, broken):
    """(features, None, detected) or (features, why excluded, None)."""
    work = tempfile.mkdtemp(prefix="gc-smith-detect-%d-" % seed)
    try:
        ll = os.path.join(work, "prog.ll")
        p = subprocess.run([tools.smith, "--seed", str(seed), "--size",
                            str(args.size), "--features", args.features,
                            "--print-features", "-o", ll],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            return [], "generator: " + p.stderr.decode().strip(), None
        features = [f for f in p.stdout.decode().strip().split(",") if f]
        for mode in modes:
            res = runner.check_mode(tools, ll, work, mode, [], args.timeout)
            if res:
                return features, "%s %s" % (mode, res[0]), None
        for mode in modes:
            res = runner.check_mode(tools, ll, work, mode, broken,
                                    args.timeout)
            if res and res[0] not in ("generator", "reference",
                                      "miscompile"):
                return features, None, "%s %s" % (mode, res[0])
        return features, None, ""
    finally:
        shutil.rmtree(work, ignore_errors=True)


def percent(n, k):
    return 100.0 * n / k if k else 0.0


def main():
    runner = load_runner()
    ap = argparse.ArgumentParser(
        description="Detection of a broken-map option per gc-smith feature.")
    ap.add_argument("--build", default=os.path.join(SRC, "build"))
    ap.add_argument("--seeds", default="1-40")
    ap.add_argument("--size", type=int, default=4)
    ap.add_argument("--features", default="all")
    ap.add_argument("--modes", default="O0,O2")
    ap.add_argument("--option", default="drop-live-slot",
                    choices=sorted(runner.BROKEN),
                    help="which wrong map (default: %(default)s)")
    ap.add_argument("--min", type=float, default=90.0,
                    help="the lowest acceptable rate in percent "
                    "(default: %(default)s)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=10,
                    help="seconds per program run (default: %(default)s)")
    ap.add_argument("--time", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="the verdict of every seed")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in runner.MODES:
            sys.exit("detection.py: error: unknown mode '%s' (known: %s)" %
                     (m, ",".join(runner.MODES)))
    seeds = seed_list(args.seeds)
    tools = runner.Tools(args.build)
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        jobs = [pool.submit(one_seed, runner, tools, args, s, modes,
                            runner.BROKEN[args.option]) for s in seeds]
        results = [j.result() for j in jobs]
    per_feature = {}
    usable = detected = 0
    for seed, (features, excluded, found) in zip(seeds, results):
        if excluded:
            print("seed %d excluded: it fails unbroken (%s)" % (seed,
                                                                excluded))
            continue
        usable += 1
        detected += bool(found)
        if args.verbose:
            print("  seed %d: %s [%s]" % (seed, found or "missed",
                                          ",".join(features)))
        for f in features:
            n, k = per_feature.get(f, (0, 0))
            per_feature[f] = (n + bool(found), k + 1)
    low = []
    rate = percent(detected, usable)
    print("%s detected by %d of %d seeds (%.0f%%)" % (
        args.option, detected, usable, rate))
    if rate < args.min:
        low.append("overall")
    for f in sorted(per_feature):
        n, k = per_feature[f]
        print("  %-10s %3d of %3d (%.0f%%)" % (f, n, k, percent(n, k)))
        if percent(n, k) < args.min:
            low.append(f)
    if args.time:
        print("time: %.0f s" % (time.time() - start))
    print("below %g%%: %s" % (args.min, ", ".join(low) or "none"))
    return 1 if low or not usable else 0


if __name__ == "__main__":
    sys.exit(main())
