//===- PrepareGC.h - Mark Gollvm functions gc "go" --------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_PREPAREGC_H
#define GOLLC_PREPAREGC_H

#include "llvm/IR/PassManager.h"

#include <string>
#include <vector>

namespace gollc {

/// Puts gc "go" on every defined function that has no GC strategy, optionally
/// only on those whose name starts with one of a list of prefixes. Functions
/// that already name another strategy are left alone (with a remark).
class GoPrepareGCPass : public llvm::PassInfoMixin<GoPrepareGCPass> {
public:
  struct Options {
    /// Only functions whose name starts with one of these; empty means all.
    std::vector<std::string> Prefixes;
  };

  GoPrepareGCPass();
  explicit GoPrepareGCPass(Options Opts) : Opts(std::move(Opts)) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName);

  /// Parses the pass parameters: "prefix=P1;prefix=P2".
  static llvm::Expected<Options> parseOptions(llvm::StringRef Params);

private:
  Options Opts;
};

} // namespace gollc

#endif // GOLLC_PREPAREGC_H
