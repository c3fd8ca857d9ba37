//===- go-llc.cpp - The go-llc compiler driver ----------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Entry point only; the driver is the GoLLCDriver library (Driver.cpp).
//
//   go-llc -O2 -gc=go -filetype=obj prog.ll -o prog.o
//
//===----------------------------------------------------------------------===//

#include "gollc/Driver.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  llvm::setBugReportMsg("go-llc crashed: please report it with the input "
                        "file and the command line.\n");
  gollc::DriverOptions Opts;
  if (!gollc::parseDriverCommandLine(argc, argv, Opts, llvm::errs()))
    return 1;
  return gollc::runDriver(Opts, llvm::errs());
}
