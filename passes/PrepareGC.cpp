//===- PrepareGC.cpp - Mark Gollvm functions gc "go" ----------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Gollvm's public output carries no `gc` attribute: the precise-GC mode of its
// frontend was never used. This pass opts a module into the Go GC lowering by
// putting gc "go" on each function it defines, optionally restricted to names
// starting with given prefixes. Functions that already name another strategy
// keep it; a missed-optimization remark says so.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='go-prepare-gc<prefix=main.>' -S in.ll
//
// The prefixes can also be given with -go-prepare-gc-prefix=a,b.
//
//===----------------------------------------------------------------------===//

#include "gollc/PrepareGC.h"
#include "gollc/GoIR.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Module.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

#define DEBUG_TYPE "go-prepare-gc"

static cl::list<std::string> PrefixOpt(
    "go-prepare-gc-prefix", cl::CommaSeparated,
    cl::desc("go-prepare-gc: only mark functions whose name starts with one "
             "of these prefixes (default: all defined functions)"),
    cl::cat(gollc::goLoweringCategory()));

namespace gollc {

GoPrepareGCPass::GoPrepareGCPass() {
  Opts.Prefixes.assign(PrefixOpt.begin(), PrefixOpt.end());
}

Expected<GoPrepareGCPass::Options>
GoPrepareGCPass::parseOptions(StringRef Params) {
  Options Result;
  // Without parameters the pass honours -go-prepare-gc-prefix.
  if (Params.empty())
    Result.Prefixes.assign(PrefixOpt.begin(), PrefixOpt.end());
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    if (Param.consume_front("prefix=") && !Param.empty()) {
      Result.Prefixes.push_back(Param.str());
      continue;
    }
    return make_error<StringError>(
        formatv("invalid go-prepare-gc parameter '{0}' (expected "
                "prefix=<name prefix>)",
                Param)
            .str(),
        inconvertibleErrorCode());
  }
  return Result;
}

void GoPrepareGCPass::printPipeline(
    raw_ostream &OS, function_ref<StringRef(StringRef)> MapClassName2PassName) {
  OS << MapClassName2PassName(name());
  if (Opts.Prefixes.empty())
    return;
  OS << '<';
  ListSeparator LS(";");
  for (const std::string &P : Opts.Prefixes)
    OS << LS << "prefix=" << P;
  OS << '>';
}

PreservedAnalyses GoPrepareGCPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    // go-statepoints' own wrappers stay without a GC strategy.
    if (F.isDeclaration() || F.hasFnAttribute(LoweringWrapperAttr))
      continue;
    if (!Opts.Prefixes.empty() &&
        none_of(Opts.Prefixes,
                [&](const std::string &P) { return F.getName().starts_with(P); }))
      continue;
    if (F.hasGC()) {
      if (F.getGC() != GoGCName) {
        OptimizationRemarkEmitter ORE(&F);
        ORE.emit([&] {
          return OptimizationRemarkMissed(DEBUG_TYPE, "OtherStrategy", &F)
                 << "function keeps its GC strategy '" << F.getGC()
                 << "'; not lowered for Go";
        });
      }
      continue;
    }
    F.setGC(GoGCName.str());
    Changed = true;
  }
  // Only the gc attribute changed, but go-gc-info caches it per function.
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace gollc
