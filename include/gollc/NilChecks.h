//===- NilChecks.h - Gollvm's nil checks made implicit -----------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_NILCHECKS_H
#define GOLLC_NILCHECKS_H

#include "llvm/IR/PassManager.h"

namespace gollc {

/// go-nil-checks: prepares Gollvm's nil checks (`br (icmp eq %p, null),
/// %panic, %ok, !make.implicit`, %panic calling runtime.panicmem) for
/// LLVM's ImplicitNullChecks, which folds a check into the first load or
/// store through %p when that access comes right after it. It keeps
/// `!make.implicit` only where a fault at that access means exactly what
/// the branch meant under libgo (a SIGSEGV below 4096 in Go code becomes
/// runtime.panicmem's panic, raised from the faulting frame), and removes
/// it everywhere else; and it moves the first load through each checked
/// pointer of a chain of checks up behind its own check
/// (docs/Statepoints.md, "Implicit nil checks").
class GoNilChecksPass : public llvm::PassInfoMixin<GoNilChecksPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &AM);
};

} // namespace gollc

#endif // GOLLC_NILCHECKS_H
