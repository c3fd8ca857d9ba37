//===- GCSmith.h - Random precise-GC programs in Gollvm style ---*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// gc-smith writes random, terminating, Gollvm-style programs that keep heap
// pointers live across collecting calls in as many IR shapes as it can, and
// print a checksum of what they reach. The expected output comes from the
// program itself run without collection; under refrt's REFRT_STRESS=1 a
// wrong stack map turns into a different checksum, a crash or a checker
// error. See docs/GCSmith.md.
//
//   build/bin/gc-smith --seed 7 --size 4 -o prog.ll
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_TOOLS_GCSMITH_GCSMITH_H
#define GOLLC_TOOLS_GCSMITH_GCSMITH_H

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace gollc {
namespace smith {

/// What one program may contain. Every feature is on by default; a feature
/// that is off is never generated.
struct Options {
  uint64_t Seed = 1;
  unsigned Size = 4;
  std::set<std::string> Features;
};

/// The names --features accepts, comma-separated in one string.
const char *featureList();

/// Parses "a,b,c" into Opts.Features; on an unknown name returns false and
/// sets Error to one sentence naming it.
bool parseFeatures(const std::string &List, Options &Opts, std::string &Error);

/// Builds the program for Opts. The same options always give the same
/// module, byte for byte. If Used is given, it receives the features the
/// program contains (a subset of Opts.Features; the runner's per-feature
/// detection report groups seeds by them).
std::unique_ptr<llvm::Module> generate(llvm::LLVMContext &Ctx,
                                       const Options &Opts,
                                       std::set<std::string> *Used = nullptr);

} // namespace smith
} // namespace gollc

#endif
