//===- Pipeline.cpp - The go-llc IR pipeline as text ----------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Builds the new-PM pipeline text for go-llc's IR stages. Order matters:
// polls or statepoints inserted before default<On> stop inlining and
// vectorization, so the Go lowering always runs after the optimizer. Only
// go-safe-getg and go-gc-addrspace run before it; go-gc-addrspace puts Go
// pointers in the non-integral addrspace(1) so that the optimizer cannot
// hide them in integers:
//
//   go-safe-getg,go-gc-addrspace,default<O2>,go-prepare-gc,go-gc-roots,
//   function(go-preempt<entry;backedge>),go-gc-addrspace<sink-casts>,
//   go-statepoints
//
// go-safe-getg hides every access of the thread-local current goroutine
// behind an opaque call; go-gc-addrspace moves Go pointers into addrspace(1).
//
//===----------------------------------------------------------------------===//

#include "gollc/Pipeline.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

static cl::opt<bool> GCAddrSpaceOpt(
    "go-gc-addrspace", cl::init(true), cl::Hidden,
    cl::desc("With the Go GC lowering, run go-gc-addrspace before the "
             "optimizer (Go pointers in the non-integral addrspace(1)); "
             "=false only to measure what it costs"));

namespace gollc {

bool gcAddressSpaceEnabled() { return GCAddrSpaceOpt; }

std::optional<StringRef> parsePreemptPointList(StringRef Spec, char Separator,
                                               PreemptPoints &P) {
  SmallVector<StringRef, 4> Parts;
  Spec.split(Parts, Separator, /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (Part == "entry")
      P.Entry = true;
    else if (Part == "backedge")
      P.Backedge = true;
    else if (Part == "return")
      P.Return = true;
    else if (!Part.empty())
      return Part;
  }
  return std::nullopt;
}

Expected<PreemptPoints> parsePreemptPoints(StringRef Spec) {
  PreemptPoints P;
  if (Spec.trim() == "none")
    return P;
  if (std::optional<StringRef> Bad = parsePreemptPointList(Spec, ',', P))
    return createStringError(
        inconvertibleErrorCode(),
        formatv("unknown preemption point '{0}' (expected 'none' or a "
                "comma-separated subset of entry,backedge,return)",
                *Bad)
            .str());
  if (!P.any())
    return createStringError(inconvertibleErrorCode(),
                             "empty preemption point list (use 'none' or a "
                             "subset of entry,backedge,return)");
  return P;
}

std::string formatPreemptParams(const PreemptPoints &P) {
  SmallVector<StringRef, 3> Parts;
  if (P.Entry)
    Parts.push_back("entry");
  if (P.Backedge)
    Parts.push_back("backedge");
  if (P.Return)
    Parts.push_back("return");
  return join(Parts, ";");
}

std::string buildLoweringPipeline(const GoLoweringOptions &Opts) {
  SmallVector<std::string, 4> Stages;
  // go-gc-roots runs before the polls and statepoints: the call it adds to
  // the package init function is a safepoint like any other.
  if (Opts.GC) {
    Stages.push_back("go-prepare-gc");
    Stages.push_back("go-gc-roots");
  }
  if (Opts.Preempt.any())
    Stages.push_back(
        formatv("function(go-preempt<{0}>)", formatPreemptParams(Opts.Preempt))
            .str());
  // Statepoints last: the slow-path calls of the polls are safepoints too.
  // Right before them, no addrspace(0) copy of a GC pointer may outlive it.
  if (Opts.GC) {
    // After the polls (their blocks leave the checks alone), before the
    // statepoints: a moved load must be where liveness is computed.
    if (Opts.ImplicitNilChecks)
      Stages.push_back("function(go-nil-checks)");
    if (gcAddressSpaceEnabled())
      Stages.push_back("go-gc-addrspace<sink-casts>");
    Stages.push_back("go-statepoints");
  }
  return join(Stages, ",");
}

std::string buildOptimizationPipeline(unsigned OptLevel,
                                      const GoLoweringOptions &Opts) {
  std::string Text = formatv("default<O{0}>", OptLevel).str();
  // Before the optimizer, so that it never sees an ordinary load of the
  // thread-local current goroutine it could reuse across a thread switch,
  // nor a Go pointer it could carry through an integer.
  if (Opts.GC && gcAddressSpaceEnabled())
    Text = "go-gc-addrspace," + Text;
  if (Opts.GC || Opts.Preempt.any())
    Text = "go-safe-getg," + Text;
  return Text;
}

std::string buildIRPipeline(unsigned OptLevel, const GoLoweringOptions &Opts) {
  std::string Text = buildOptimizationPipeline(OptLevel, Opts);
  std::string Lowering = buildLoweringPipeline(Opts);
  if (!Lowering.empty())
    Text += "," + Lowering;
  return Text;
}

} // namespace gollc
