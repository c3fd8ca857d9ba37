//===- GCInfo.h - Per-function GC strategy and call sites -------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// GoGCInfoAnalysis summarises what the GC lowering will see in a function:
// its GC strategy and each call site with its kind (safepoint, intrinsic,
// gc-leaf, no-collect runtime call, inline asm). print<go-gc-info> prints it.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_GCINFO_H
#define GOLLC_GCINFO_H

#include "gollc/GoIR.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <string>

namespace llvm {
class CallBase;
class raw_ostream;
} // namespace llvm

namespace gollc {

struct GoGCInfo {
  struct CallSite {
    const llvm::CallBase *Call;
    CallSiteKind Kind;
    /// A safepoint go-statepoints has already rewritten (a gc.statepoint
    /// calling the original callee).
    bool Lowered = false;
  };
  /// The function's GC strategy name, empty when it has none.
  std::string Strategy;
  bool IsGollvm = false;
  llvm::SmallVector<CallSite, 8> CallSites;

  unsigned numSafepoints() const;
  void print(llvm::raw_ostream &OS, const llvm::Function &F) const;
};

class GoGCInfoAnalysis : public llvm::AnalysisInfoMixin<GoGCInfoAnalysis> {
  friend llvm::AnalysisInfoMixin<GoGCInfoAnalysis>;
  static llvm::AnalysisKey Key;

public:
  using Result = GoGCInfo;
  Result run(llvm::Function &F, llvm::FunctionAnalysisManager &);
};

class GoGCInfoPrinterPass : public llvm::PassInfoMixin<GoGCInfoPrinterPass> {
  llvm::raw_ostream &OS;

public:
  explicit GoGCInfoPrinterPass(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
  static bool isRequired() { return true; }
};

} // namespace gollc

#endif // GOLLC_GCINFO_H
