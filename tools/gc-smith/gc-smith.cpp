//===- gc-smith.cpp - Random precise-GC programs for refrt ----------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Writes one random, terminating Gollvm-style program per seed (see
// GCSmith.h and docs/GCSmith.md); tools/gc-smith/gc-smith-run compiles it with
// go-llc and runs it under refrt.
//
//   build/bin/gc-smith --seed 7 [--size 4] [--features ssa,derived] -o prog.ll
//   build/bin/gc-smith --seed 7 --print-features   # what the program contains
//
//===----------------------------------------------------------------------===//

#include "GCSmith.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory Cat("gc-smith options");
static cl::opt<uint64_t> Seed("seed", cl::desc("the program's seed"),
                              cl::Required, cl::cat(Cat));
static cl::opt<unsigned>
    Size("size", cl::desc("how much to generate (1-16, default 4)"),
         cl::init(4), cl::cat(Cat));
static cl::opt<std::string>
    Features("features",
             cl::desc("comma-separated features to use (default all)"),
             cl::init("all"), cl::cat(Cat));
static cl::opt<std::string> Output("o", cl::desc("output file ('-' = stdout)"),
                                   cl::init("-"), cl::value_desc("file"),
                                   cl::cat(Cat));
static cl::opt<bool> PrintFeatures(
    "print-features",
    cl::desc("print the features the program contains (one comma-separated "
             "line on stdout); the program is written only with -o FILE"),
    cl::cat(Cat));

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(Cat);
  std::string Overview = "gc-smith: random precise-GC programs in Gollvm "
                         "style, for differential runs under refrt.\n\n"
                         "Features: ";
  Overview += gollc::smith::featureList();
  cl::ParseCommandLineOptions(argc, argv, Overview);

  gollc::smith::Options Opts;
  Opts.Seed = Seed;
  std::string Error;
  if (Size < 1 || Size > 16) {
    errs() << "gc-smith: error: --size must be between 1 and 16\n";
    return 1;
  }
  Opts.Size = Size;
  if (!gollc::smith::parseFeatures(Features, Opts, Error) ||
      Opts.Features.empty()) {
    errs() << "gc-smith: error: "
           << (Error.empty() ? "--features is empty" : Error) << "\n";
    return 1;
  }
  LLVMContext Ctx;
  std::set<std::string> Used;
  std::unique_ptr<Module> M = gollc::smith::generate(Ctx, Opts, &Used);
  std::string VerifyErrors;
  raw_string_ostream VS(VerifyErrors);
  if (verifyModule(*M, &VS)) {
    // A generator bug, never a go-llc finding.
    errs() << "gc-smith: error: seed " << Seed
           << " produced invalid IR (generator bug): "
           << StringRef(VS.str()).split('\n').first << "\n";
    return 1;
  }
  if (PrintFeatures) {
    std::string List;
    for (const std::string &F : Used)
      List += (List.empty() ? "" : ",") + F;
    outs() << List << "\n";
    if (Output == "-")
      return 0;
  }
  std::error_code EC;
  ToolOutputFile Out(Output, EC, sys::fs::OF_Text);
  if (EC) {
    errs() << "gc-smith: error: " << Output << ": " << EC.message() << "\n";
    return 1;
  }
  M->print(Out.os(), nullptr);
  Out.keep();
  return 0;
}
