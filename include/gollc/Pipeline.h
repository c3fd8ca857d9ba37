//===- Pipeline.h - The go-llc IR pipeline as text --------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The IR stages go-llc runs are described as new-PM pipeline text: the
// standard default<On> pipeline followed by the Go GC lowering. Building the
// text in one place keeps go-llc, the plugin's -go-auto callback and
// `go-llc -print-pipeline` in agreement, and the text is what
// `opt -load-pass-plugin=GoPasses.so -passes=...` accepts.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_PIPELINE_H
#define GOLLC_PIPELINE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace gollc {

/// Where preemption checks go (go-preempt). All false means no polls.
struct PreemptPoints {
  bool Entry = false;
  bool Backedge = false;
  bool Return = false;

  bool any() const { return Entry || Backedge || Return; }
  bool operator==(const PreemptPoints &O) const {
    return Entry == O.Entry && Backedge == O.Backedge && Return == O.Return;
  }
};

/// Parses "none" or a comma-separated subset of entry,backedge,return.
llvm::Expected<PreemptPoints> parsePreemptPoints(llvm::StringRef Spec);

/// The one parser of preemption point names, for both spellings of a list
/// (go-llc's "entry,backedge" and go-preempt's "entry;backedge"): adds each
/// name of \p Spec, split at \p Separator (blanks around a name and empty
/// names ignored), to \p P. Returns the first word that names no point, or
/// std::nullopt when all do.
std::optional<llvm::StringRef>
parsePreemptPointList(llvm::StringRef Spec, char Separator, PreemptPoints &P);

/// Prints \p P as go-preempt's parameter list, e.g. "entry;backedge".
std::string formatPreemptParams(const PreemptPoints &P);

/// What the Go GC lowering stage does.
struct GoLoweringOptions {
  /// Mark functions gc "go" and (once go-statepoints exists) rewrite calls
  /// into statepoints with stack maps.
  bool GC = false;
  PreemptPoints Preempt;
  /// With GC: prepare Gollvm's nil checks for LLVM's ImplicitNullChecks
  /// (go-nil-checks); the code generator must then run with
  /// -enable-implicit-null-checks for them to fold.
  bool ImplicitNilChecks = false;
};

/// The lowering stage alone (possibly empty): what runs after default<On>.
std::string buildLoweringPipeline(const GoLoweringOptions &Opts);

/// Whether the GC lowering puts Go pointers in addrspace(1) before the
/// optimizer (go-gc-addrspace); on unless -go-gc-addrspace=false.
bool gcAddressSpaceEnabled();

/// The stage before the lowering: default<O{OptLevel}>, preceded by
/// go-safe-getg and go-gc-addrspace when the lowering needs them. go-llc
/// -save-temps writes the module between this stage and the lowering.
std::string buildOptimizationPipeline(unsigned OptLevel,
                                      const GoLoweringOptions &Opts);

/// The whole IR pipeline: buildOptimizationPipeline, then
/// buildLoweringPipeline.
std::string buildIRPipeline(unsigned OptLevel, const GoLoweringOptions &Opts);

} // namespace gollc

#endif // GOLLC_PIPELINE_H
