//===- GCAddressSpace.h - Go pointers into addrspace(1) ---------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_GCADDRESSSPACE_H
#define GOLLC_GCADDRESSSPACE_H

#include "llvm/IR/PassManager.h"

namespace gollc {

/// Moves the pointer values of a Gollvm module (public output: every pointer
/// in addrspace(0), no "ni:") into the non-integral address space 1 and adds
/// "ni:1" to its data layout, so that the optimizer never carries a Go
/// pointer through an integer (docs/IRContract.md, "Address spaces").
/// Allocas, globals and functions stay in addrspace(0); so do pointers
/// derived only from them, sret/byval/inalloca parameters and what
/// intrinsics, inline asm and landing pads produce. Modules that already
/// have a non-integral address space or use any address space other than 0
/// are left alone.
///
/// With the sink-casts parameter (run after the optimizer, before
/// go-statepoints) it does something else: every addrspacecast out of
/// addrspace(1) is re-created right before each of its uses, so that no
/// addrspace(0) copy of a GC pointer, which go-statepoints does not track,
/// is live across a safepoint while the original is dead (GVN merges the
/// casts in front of two memcmp calls into one).
class GoGCAddressSpacePass : public llvm::PassInfoMixin<GoGCAddressSpacePass> {
public:
  struct Options {
    bool SinkCasts = false;
  };

  GoGCAddressSpacePass() = default;
  explicit GoGCAddressSpacePass(Options Opts) : Opts(Opts) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName);
  static bool isRequired() { return true; }

  /// Parses the pass parameters: "" or "sink-casts".
  static llvm::Expected<Options> parseOptions(llvm::StringRef Params);

private:
  Options Opts;
};

/// Whether \p M is a module go-gc-addrspace converts: no non-integral
/// address space in its data layout and no pointer outside addrspace(0).
bool isGCAddressSpaceCandidate(const llvm::Module &M);

} // namespace gollc

#endif // GOLLC_GCADDRESSSPACE_H
