//===- PassRegistry.cpp - Registering go-llc passes -----------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Expands Passes.def into PassBuilder callbacks. The same code serves the
// plugin (opt -load-pass-plugin=GoPasses.so) and go-llc, which links the pass
// library directly.
//
// -go-auto puts go-gc-addrspace at the start of every default<On> pipeline
// and appends the Go GC lowering at its end, so `opt -load-pass-plugin=... -go-auto -passes='default<O2>'`
// produces what `go-llc -gc=go -emit-llvm` does.
//
//===----------------------------------------------------------------------===//

#include "gollc/PassRegistry.h"
#include "gollc/GCAddressSpace.h"
#include "gollc/GCInfo.h"
#include "gollc/GCRoots.h"
#include "gollc/GoIR.h"
#include "gollc/NilChecks.h"
#include "gollc/Pipeline.h"
#include "gollc/Preempt.h"
#include "gollc/PrepareGC.h"
#include "gollc/SafeGetg.h"
#include "gollc/Statepoints.h"

#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::opt<bool> GoAuto(
    "go-auto", cl::init(false),
    cl::desc("Lower for Go in opt's final pipelines: go-safe-getg at the "
             "start of default<On>, go-prepare-gc, go-gc-roots, go-preempt "
             "(with -go-auto-preempt) and go-statepoints after the optimizer "
             "of default<On>, thinlto<On> and lto<On>"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<std::string> GoAutoPreempt(
    "go-auto-preempt", cl::init("none"),
    cl::desc("Preemption points for -go-auto: 'none' or a comma-separated "
             "subset of entry,backedge,return"),
    cl::cat(gollc::goLoweringCategory()));

namespace gollc {

/// Whether -go-auto is on; a -go-auto-preempt without it is an error (it
/// would otherwise be ignored without a word).
static bool goAutoEnabled() {
  if (!GoAuto && GoAutoPreempt.getNumOccurrences() != 0)
    report_fatal_error("-go-auto-preempt has no effect without -go-auto",
                       /*gen_crash_diag=*/false);
  return GoAuto;
}

/// True when opt was asked for a pre-link pipeline (-passes text naming
/// thinlto-pre-link<...> or lto-pre-link<...>). Hosts without opt's
/// -passes option are taken to build a final pipeline.
static bool requestedPreLinkPipeline() {
  auto *Passes = libLLVMOption<std::string>("passes");
  return Passes && StringRef(Passes->getValue()).contains("pre-link<");
}

/// Appends the -go-auto lowering to \p MPM; a bad option fails the run.
static void addGoAutoLowering(PassBuilder &PB, ModulePassManager &MPM) {
  GoLoweringOptions Opts;
  Opts.GC = true;
  Opts.ImplicitNilChecks = true;
  Expected<PreemptPoints> Points = parsePreemptPoints(GoAutoPreempt);
  if (!Points)
    report_fatal_error(Twine("-go-auto-preempt: ") +
                           toString(Points.takeError()),
                       /*gen_crash_diag=*/false);
  Opts.Preempt = *Points;
  if (Error Err = PB.parsePassPipeline(MPM, buildLoweringPipeline(Opts)))
    report_fatal_error(Twine("-go-auto: ") + toString(std::move(Err)),
                       /*gen_crash_diag=*/false);
}

/// Parses the parameters of a parameterised pass; a malformed list is a
/// fatal one-line error.
template <typename ParserT>
static auto parseParams(ParserT Parser, StringRef Name, StringRef PassName)
    -> decltype(PassBuilder::parsePassParameters(Parser, Name, PassName)) {
  auto Params = PassBuilder::parsePassParameters(Parser, Name, PassName);
  // A pipeline callback can only answer "not mine", after which opt adds
  // "unknown pass name" on a second line: a bad parameter of our pass
  // ends the run here with its own single line instead.
  if (!Params)
    report_fatal_error(Twine(toString(Params.takeError())),
                       /*gen_crash_diag=*/false);
  return Params;
}

static bool parseModulePass(StringRef Name, ModulePassManager &MPM) {
#define GO_MODULE_PASS(NAME, CLASS, CREATE)                                    \
  if (Name == NAME) {                                                          \
    MPM.addPass(CREATE);                                                       \
    return true;                                                               \
  }
#define GO_MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)        \
  if (PassBuilder::checkParametrizedPassName(Name, NAME)) {                    \
    auto Params = parseParams(PARSER, Name, NAME);                             \
    if (!Params)                                                               \
      return false;                                                            \
    MPM.addPass(CREATE(std::move(*Params)));                                   \
    return true;                                                               \
  }
#define GO_MODULE_ANALYSIS(NAME, CLASS, CREATE)                                \
  if (Name == "require<" NAME ">") {                                           \
    MPM.addPass(RequireAnalysisPass<CLASS, Module>());                         \
    return true;                                                               \
  }                                                                            \
  if (Name == "invalidate<" NAME ">") {                                        \
    MPM.addPass(InvalidateAnalysisPass<CLASS>());                              \
    return true;                                                               \
  }
#include "gollc/Passes.def"
  return false;
}

static bool parseFunctionPass(StringRef Name, FunctionPassManager &FPM) {
#define GO_FUNCTION_PASS(NAME, CLASS, CREATE)                                  \
  if (Name == NAME) {                                                          \
    FPM.addPass(CREATE);                                                       \
    return true;                                                               \
  }
#define GO_FUNCTION_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)      \
  if (PassBuilder::checkParametrizedPassName(Name, NAME)) {                    \
    auto Params = parseParams(PARSER, Name, NAME);                             \
    if (!Params)                                                               \
      return false;                                                            \
    FPM.addPass(CREATE(std::move(*Params)));                                   \
    return true;                                                               \
  }
#define GO_FUNCTION_ANALYSIS(NAME, CLASS, CREATE)                              \
  if (Name == "require<" NAME ">") {                                           \
    FPM.addPass(RequireAnalysisPass<CLASS, Function>());                       \
    return true;                                                               \
  }                                                                            \
  if (Name == "invalidate<" NAME ">") {                                        \
    FPM.addPass(InvalidateAnalysisPass<CLASS>());                              \
    return true;                                                               \
  }
#include "gollc/Passes.def"
  return false;
}

void registerGoPassNames(PassInstrumentationCallbacks &PIC) {
#define GO_MODULE_PASS(NAME, CLASS, CREATE)                                    \
  PIC.addClassToPassName(CLASS::name(), NAME);
#define GO_MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)        \
  PIC.addClassToPassName(CLASS::name(), NAME);
#define GO_FUNCTION_PASS(NAME, CLASS, CREATE)                                  \
  PIC.addClassToPassName(CLASS::name(), NAME);
#define GO_FUNCTION_PASS_WITH_PARAMS(NAME, CLASS, CREATE, PARSER, PARAMS)      \
  PIC.addClassToPassName(CLASS::name(), NAME);
#define GO_MODULE_ANALYSIS(NAME, CLASS, CREATE)                                \
  PIC.addClassToPassName(CLASS::name(), NAME);
#define GO_FUNCTION_ANALYSIS(NAME, CLASS, CREATE)                              \
  PIC.addClassToPassName(CLASS::name(), NAME);
#include "gollc/Passes.def"
}

void registerGoPasses(PassBuilder &PB) {
  if (PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks())
    registerGoPassNames(*PIC);

  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
#define GO_MODULE_ANALYSIS(NAME, CLASS, CREATE)                                \
  MAM.registerPass([] { return CREATE; });
#include "gollc/Passes.def"
    (void)MAM;
  });
  PB.registerAnalysisRegistrationCallback([](FunctionAnalysisManager &FAM) {
#define GO_FUNCTION_ANALYSIS(NAME, CLASS, CREATE)                              \
  FAM.registerPass([] { return CREATE; });
#include "gollc/Passes.def"
  });

  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        return parseModulePass(Name, MPM);
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, FunctionPassManager &FPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        return parseFunctionPass(Name, FPM);
      });

  // -go-auto: the lowering goes where the module is optimized for the last
  // time: at the end of default<On>, of the ThinLTO post-link pipeline
  // (thinlto<On>, whose optimizer also ends in OptimizerLast) and of the
  // full LTO post-link pipeline (lto<On>). Pre-link pipelines
  // (thinlto-pre-link<On>, lto-pre-link<On>) must not lower: the post-link
  // optimizer would run on statepoints and the post-link lowering would
  // lower twice. LLVM 19 does not tell OptimizerLast callbacks which
  // pipeline they are in, so the pipeline text opt was given decides.
  // The accessors of the current goroutine go in before the optimizer
  // (pipelines that start from unoptimized IR: default and pre-link), and
  // so does go-gc-addrspace: the optimizer must see Go pointers in the
  // non-integral addrspace(1) from the start.
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        if (goAutoEnabled()) {
          MPM.addPass(GoSafeGetgPass());
          if (gcAddressSpaceEnabled())
            MPM.addPass(GoGCAddressSpacePass());
        }
      });
  PB.registerOptimizerLastEPCallback(
      [&PB](ModulePassManager &MPM, OptimizationLevel) {
        if (goAutoEnabled() && !requestedPreLinkPipeline())
          addGoAutoLowering(PB, MPM);
      });
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [&PB](ModulePassManager &MPM, OptimizationLevel) {
        if (goAutoEnabled())
          addGoAutoLowering(PB, MPM);
      });
}

} // namespace gollc
