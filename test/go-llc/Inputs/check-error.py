#===- check-error.py - Run go-llc and check it fails cleanly ---------------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===------------------------------------------------------------------------===#
#
# The contract every bad-input test checks: go-llc exits with status 1 (not a
# signal, not another code), stderr is exactly one `go-llc: error: ...` line,
# and the output file named after -o (if any) does not exist afterwards, nor
# does any go-llc temporary next to it. The error line is echoed on stdout
# for FileCheck to check its text and location.
#
#   %{go-llc-error} [args...] [-o OUT]     (test/lit.cfg.py)
#
# stdin is inherited, so `... < /dev/null` and `... 0<&-` reach go-llc.
#
#===------------------------------------------------------------------------===#
import glob
import os
import re
import subprocess
import sys

cmd = sys.argv[1:]
out = None
for i, a in enumerate(cmd):
    if a == "-o" and i + 1 < len(cmd):
        out = cmd[i + 1]
    elif a.startswith("-o") and len(a) > 2 and not a.startswith("-opt"):
        out = a[2:]
p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
err = p.stderr.decode("utf-8", "replace")
lines = err.splitlines()
problems = []
if p.returncode != 1:
    problems.append("exit code %d, expected 1" % p.returncode)
if len(lines) != 1 or not re.match(r"^go-llc: error: \S", lines[0]):
    problems.append("stderr is not exactly one 'go-llc: error:' line")
if p.stdout:
    problems.append("unexpected stdout output")
# Only a file go-llc itself would have created counts: a pre-existing
# directory or device given as -o is the test's own fixture.
if out and out != "-" and os.path.isfile(out):
    problems.append("output file %s left behind" % out)
if out and out != "-":
    temps = glob.glob(glob.escape(out) + "-go-llc-*.tmp")
    if temps:
        problems.append("temporary left behind: %s" % " ".join(temps))
sys.stdout.write(err)
if problems:
    sys.stderr.write("check-error: " + "; ".join(problems) + "\n")
    sys.exit(1)
