//===- Pipeline.cpp - The go-llc IR pipeline as text ----------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Builds the new-PM pipeline text for go-llc's IR stages. Order matters:
// polls or statepoints inserted before default<On> stop inlining and
// vectorization, so the Go lowering always runs after the optimizer:
//
//   go-safe-getg,default<O2>,go-prepare-gc,go-gc-roots,
//   function(go-preempt<entry;backedge>),go-statepoints
//
// go-safe-getg is the one pass before the optimizer: it hides every access
// of the thread-local current goroutine behind an opaque call.
//
//===----------------------------------------------------------------------===//

#include "gollc/Pipeline.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace gollc {

Expected<PreemptPoints> parsePreemptPoints(StringRef Spec) {
  PreemptPoints P;
  if (Spec.trim() == "none")
    return P;
  SmallVector<StringRef, 4> Parts;
  Spec.split(Parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  if (Parts.empty())
    return createStringError(inconvertibleErrorCode(),
                             "empty preemption point list (use 'none' or a "
                             "subset of entry,backedge,return)");
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (Part == "entry")
      P.Entry = true;
    else if (Part == "backedge")
      P.Backedge = true;
    else if (Part == "return")
      P.Return = true;
    else
      return createStringError(
          inconvertibleErrorCode(),
          formatv("unknown preemption point '{0}' (expected 'none' or a "
                  "comma-separated subset of entry,backedge,return)",
                  Part)
              .str());
  }
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
  if (Opts.GC)
    Stages.push_back("go-statepoints");
  return join(Stages, ",");
}

std::string buildIRPipeline(unsigned OptLevel, const GoLoweringOptions &Opts) {
  std::string Text = formatv("default<O{0}>", OptLevel).str();
  // Before the optimizer, so that it never sees an ordinary load of the
  // thread-local current goroutine it could reuse across a thread switch.
  if (Opts.GC || Opts.Preempt.any())
    Text = "go-safe-getg," + Text;
  std::string Lowering = buildLoweringPipeline(Opts);
  if (!Lowering.empty())
    Text += "," + Lowering;
  return Text;
}

} // namespace gollc
