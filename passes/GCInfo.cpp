//===- GCInfo.cpp - Per-function GC strategy and call sites ---------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// GoGCInfoAnalysis and its printer. The printer is the quickest way to see
// what the GC lowering will treat as a safepoint:
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='print<go-gc-info>' -disable-output in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/GCInfo.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Statepoint.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace gollc {

AnalysisKey GoGCInfoAnalysis::Key;

unsigned GoGCInfo::numSafepoints() const {
  return count_if(CallSites, [](const CallSite &CS) {
    return CS.Kind == CallSiteKind::Safepoint;
  });
}

GoGCInfo GoGCInfoAnalysis::run(Function &F, FunctionAnalysisManager &) {
  GoGCInfo Info;
  if (F.hasGC())
    Info.Strategy = F.getGC();
  Info.IsGollvm = isGollvmFunction(F);
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I)) {
      // After go-statepoints a safepoint is a gc.statepoint: still one.
      if (isa<GCStatepointInst>(CB))
        Info.CallSites.push_back({CB, CallSiteKind::Safepoint, true});
      else
        Info.CallSites.push_back({CB, classifyCallSite(*CB), false});
    }
  return Info;
}

static void printCallee(raw_ostream &OS, const CallBase &CB) {
  if (CB.isInlineAsm()) {
    OS << "asm";
    return;
  }
  if (const auto *SP = dyn_cast<GCStatepointInst>(&CB)) {
    if (const Function *Callee = SP->getActualCalledFunction())
      OS << '@' << Callee->getName();
    else
      OS << "<indirect>";
    return;
  }
  if (const Function *Callee = CB.getCalledFunction()) {
    OS << '@' << Callee->getName();
    return;
  }
  OS << "<indirect>";
}

void GoGCInfo::print(raw_ostream &OS, const Function &F) const {
  OS << "GC info for '" << F.getName() << "': strategy "
     << (Strategy.empty() ? std::string("none") : '"' + Strategy + '"')
     << (IsGollvm ? ", gollvm" : "") << '\n';
  for (const CallSite &CS : CallSites) {
    OS << "  " << CS.Call->getOpcodeName() << ' ';
    printCallee(OS, *CS.Call);
    OS << ": " << callSiteKindName(CS.Kind)
       << (CS.Lowered ? " (lowered: gc.statepoint)" : "") << '\n';
  }
  OS << "  " << CallSites.size() << " call sites, " << numSafepoints()
     << " safepoints\n";
}

PreservedAnalyses GoGCInfoPrinterPass::run(Function &F,
                                           FunctionAnalysisManager &FAM) {
  if (!F.isDeclaration())
    FAM.getResult<GoGCInfoAnalysis>(F).print(OS, F);
  return PreservedAnalyses::all();
}

} // namespace gollc
