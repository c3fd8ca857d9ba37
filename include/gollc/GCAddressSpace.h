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
class GoGCAddressSpacePass : public llvm::PassInfoMixin<GoGCAddressSpacePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Whether \p M is a module go-gc-addrspace converts: no non-integral
/// address space in its data layout and no pointer outside addrspace(0).
bool isGCAddressSpaceCandidate(const llvm::Module &M);

} // namespace gollc

#endif // GOLLC_GCADDRESSSPACE_H
