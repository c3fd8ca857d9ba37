//===- VerifyPreempt.cpp - Check the preemption bound ---------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-verify-preempt checks what go-preempt promises: in every Go function it
// would poll, each cycle of the CFG passes a poll, a safepoint call or the
// down-counter of a strip-mined loop, or belongs to a loop whose constant
// maximum trip count (times that of its unpolled inner loops) is below
// -go-preempt-max-unpolled-iters. A violation is an error diagnostic naming
// the function and the loop, so opt and go-llc exit with status 1.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-verify-preempt)' -disable-output in.ll
//
// `go-llc -verify-each -preempt=...,backedge` runs it after the pipeline.
//
//===----------------------------------------------------------------------===//

#include "gollc/Preempt.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace gollc {

/// "file:line" of the first instruction of \p BB with a location, or "".
static std::string sourceLocation(const BasicBlock &BB) {
  for (const Instruction &I : BB)
    if (const DebugLoc &DL = I.getDebugLoc(); DL && DL.getLine())
      return formatv("{0}:{1}", DL->getFilename(), DL.getLine()).str();
  return "";
}

PreservedAnalyses GoVerifyPreemptPass::run(Function &F,
                                           FunctionAnalysisManager &FAM) {
  if (preemptSkipReason(F))
    return PreservedAnalyses::all();
  auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  auto Cycles = findUnpolledCycles(F, TLI, AC);
  if (Cycles.empty())
    return PreservedAnalyses::all();

  DominatorTree DT(F);
  LoopInfo LI(DT);
  for (const auto &Cycle : Cycles) {
    // Name the outermost loop header inside the cycle when there is one.
    const BasicBlock *Header = nullptr;
    for (const BasicBlock *BB : Cycle)
      if (const Loop *L = LI.getLoopFor(BB); L && L->getHeader() == BB &&
                                              (!Header ||
                                               L->getLoopDepth() <
                                                   LI.getLoopDepth(Header)))
        Header = BB;
    std::string What;
    if (Header) {
      What = "loop at " + preemptBlockName(*Header);
    } else {
      What = "irreducible cycle at " + preemptBlockName(*Cycle.front());
      Header = Cycle.front();
    }
    if (std::string Src = sourceLocation(*Header); !Src.empty())
      What += " (" + Src + ")";
    SmallVector<std::string, 8> Names;
    for (const BasicBlock *BB : Cycle)
      Names.push_back(preemptBlockName(*BB));
    reportPreemptError(
        F, formatv("go-preempt verifier: function '{0}': {1} has no poll, "
                   "safepoint call or trip-count bound below {2} on the cycle "
                   "through {3}",
                   F.getName(), What, preemptMaxUnpolledIters(),
                   join(Names, ", ")));
  }
  return PreservedAnalyses::all();
}

} // namespace gollc
