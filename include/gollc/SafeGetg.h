//===- SafeGetg.h - The current goroutine across thread switches -*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_SAFEGETG_H
#define GOLLC_SAFEGETG_H

#include "llvm/IR/PassManager.h"

namespace gollc {

/// go-safe-getg: every load and store of the thread-local runtime.g (the
/// current goroutine) goes through a small out-of-line accessor, so that no
/// TLS address (nor a loaded g) computed on one thread is reused after a
/// call during which the goroutine may have moved to another thread
/// (docs/IRContract.md, "The current goroutine").
class GoSafeGetgPass : public llvm::PassInfoMixin<GoSafeGetgPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

} // namespace gollc

#endif // GOLLC_SAFEGETG_H
