//===- GoLLCInputFuzzer.cpp - libFuzzer target for go-llc's input path ----===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes to go-llc exactly as a user would: the bytes become
// an input file (no extension, so the format is detected from the contents:
// bitcode, LLVM IR text or MLIR), and runDriver() parses, verifies, runs
// default<On> and the Go lowering with -verify-each, and runs codegen with
// -filetype=null. Any crash, sanitizer report or report_fatal_error (go-llc
// turns those into exit 1; the fuzzer sees the process end) is a finding:
// bad input must only ever produce a diagnostic.
//
// The go-llc flags come from GOLLC_FUZZ_FLAGS (default "-O2 -gc=go"), e.g.
//   GOLLC_FUZZ_FLAGS="-O0 -gc=go -preempt=entry,backedge" \
//     build-fuzz/bin/go-llc-input-fuzzer -max_total_time=60 corpus-dir/
// utils/run-fuzzers builds and runs it with a seed corpus.
//
//===----------------------------------------------------------------------===//

#include "gollc/Driver.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

using namespace llvm;

static gollc::DriverOptions Opts;
static std::string InputPath;

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  const char *Flags = std::getenv("GOLLC_FUZZ_FLAGS");
  std::string FlagText = Flags ? Flags : "-O2 -gc=go";
  SmallVector<StringRef, 8> Words;
  StringRef(FlagText).split(Words, ' ', -1, /*KeepEmpty=*/false);

  SmallString<128> Path;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("go-llc-fuzz-input", "", Path)) {
    errs() << "go-llc-input-fuzzer: " << EC.message() << '\n';
    std::exit(1);
  }
  InputPath = std::string(Path);

  std::vector<std::string> Storage = {"go-llc"};
  for (StringRef W : Words)
    Storage.push_back(W.str());
  Storage.push_back("-verify-each");
  Storage.push_back("-filetype=null");
  Storage.push_back(InputPath);
  std::vector<const char *> Argv;
  for (const std::string &S : Storage)
    Argv.push_back(S.c_str());
  if (!gollc::parseDriverCommandLine(Argv.size(), Argv.data(), Opts, errs()))
    std::exit(1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  {
    std::error_code EC;
    raw_fd_ostream OS(InputPath, EC);
    if (EC)
      std::abort();
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }
  raw_null_ostream Null;
  int RC = gollc::runDriver(Opts, Null);
  // The driver's contract: 0 or 1, nothing else.
  if (RC != 0 && RC != 1)
    std::abort();
  return 0;
}
