#===- litformat.py - lit test format for test/docs ------------------------===#
#
# Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
#
#===----------------------------------------------------------------------===#
#
# One lit test per doc (README.md, docs/*.md) that runs the doc's shell
# examples, and one, `driver-options`, that compares `go-llc --help` with the
# option tables of docs/Driver.md (docexamples.py does the work). In a module
# of its own because lit pickles the format for its worker processes. Run:
#
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test/docs
#
#===----------------------------------------------------------------------===#

import os

import lit.formats
import lit.Test

import docexamples

HERE = os.path.dirname(os.path.abspath(__file__))


class DocExamples(lit.formats.base.TestFormat):
    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        src = localConfig.gollc_src_root
        for doc in docexamples.doc_files(src):
            yield lit.Test.Test(testSuite,
                                path_in_suite + (os.path.basename(doc),),
                                localConfig, file_path=os.path.join(src, doc))
        yield lit.Test.Test(testSuite, path_in_suite + ("driver-options",),
                            localConfig,
                            file_path=os.path.join(src, "docs", "Driver.md"))

    def execute(self, test, litConfig):
        cfg = test.config
        src, build = cfg.gollc_src_root, cfg.gollc_obj_root
        lines = []
        if test.path_in_suite[-1] == "driver-options":
            failures = docexamples.check_options(
                src, os.path.join(cfg.gollc_tools_dir, "go-llc"), lines.append)
        else:
            doc = os.path.relpath(test.getFilePath(), src)
            not_run = docexamples.read_not_run(os.path.join(HERE,
                                                            "not-run.txt"))
            failures = docexamples.check_doc(
                src, build, doc, not_run,
                os.path.join(build, "test", "docs", "Output",
                             doc.replace("/", "_") + ".sandbox"),
                lines.append)
        return (lit.Test.FAIL if failures else lit.Test.PASS, "\n".join(lines))
