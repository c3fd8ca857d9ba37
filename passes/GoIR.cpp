//===- GoIR.cpp - Facts about Gollvm-style IR -----------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Predicates over Gollvm IR shared by the passes. See GoIR.h and
// docs/IRContract.md. The no-collect list can be extended with
// `-go-nocollect-fns=a,b` on opt or go-llc.
//
//===----------------------------------------------------------------------===//

#include "gollc/GoIR.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

cl::OptionCategory &gollc::goLoweringCategory() {
  static cl::OptionCategory Category(
      "Go lowering options (GoPasses)",
      "Options of go-prepare-gc, go-gc-roots, go-preempt, go-statepoints, "
      "go-safe-getg, the go stack-map printer and -go-auto");
  return Category;
}

static cl::list<std::string> ExtraNoCollectFns(
    "go-nocollect-fns", cl::CommaSeparated,
    cl::desc("Extra functions (comma-separated) known not to reach the "
             "collector; calls to them are not safepoints"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<bool> InferNoSplit(
    "go-nosplit-from-split-stack", cl::init(true),
    cl::desc("In a module whose Go functions carry \"split-stack\", treat a "
             "Go function without it as //go:nosplit (Gollvm's marking); "
             "false: only \"go-nosplit\" marks one"),
    cl::cat(gollc::goLoweringCategory()));

namespace gollc {

bool isGoNoSplit(const Function &F) {
  if (F.hasFnAttribute("go-nosplit"))
    return true;
  if (!InferNoSplit || F.hasFnAttribute("split-stack") || F.isDeclaration())
    return false;
  // A Gollvm function: the closure context parameter, or gc "go".
  if (none_of(F.args(), [](const Argument &A) { return A.hasNestAttr(); }) &&
      !hasGoGC(F))
    return false;
  // Whether the module uses split stacks at all, remembered per module
  // (the answer for a module of N functions is reused while it has N). A
  // thread compiles module after module in go-llc -j: a new module may be
  // allocated where the last one was, so its name is part of the key too.
  struct Cache {
    const Module *M = nullptr;
    size_t Size = 0;
    std::string Name;
    bool SplitStack = false;
  };
  static thread_local Cache C;
  const Module *M = F.getParent();
  if (C.M != M || C.Size != M->size() ||
      C.Name != M->getModuleIdentifier()) {
    C.M = M;
    C.Size = M->size();
    C.Name = M->getModuleIdentifier();
    C.SplitStack = any_of(*M, [](const Function &G) {
      return !G.isDeclaration() && G.hasFnAttribute("split-stack");
    });
  }
  return C.SplitStack;
}

void copyFrameContract(const Function &From, Function &To) {
  for (StringRef Kind :
       {"split-stack", "probe-stack", "stack-probe-size", "no-stack-arg-probe",
        "frame-pointer", "target-cpu", "target-features", "tune-cpu",
        "disable-tail-calls"})
    if (From.hasFnAttribute(Kind))
      To.addFnAttr(From.getFnAttribute(Kind));
  if (From.hasFnAttribute(Attribute::NullPointerIsValid))
    To.addFnAttr(Attribute::NullPointerIsValid);
  if (From.hasUWTable())
    To.setUWTableKind(From.getUWTableKind());
}

bool isGollvmFunction(const Function &F) {
  if (F.hasFnAttribute("split-stack"))
    return true;
  for (const Argument &A : F.args())
    if (A.hasNestAttr())
      return true;
  return false;
}

bool isGollvmModule(const Module &M) {
  for (const Function &F : M)
    if (!F.isDeclaration() && isGollvmFunction(F))
      return true;
  return false;
}

bool hasGoGC(const Function &F) { return F.hasGC() && F.getGC() == GoGCName; }

bool isNoCollectFunction(StringRef Name) {
  // Runtime entry points that Gollvm's frontend treats as unable to trigger a
  // collection: the write barrier and the typed/untyped memory movers run
  // with the world as it is and never allocate or yield.
  bool Builtin = StringSwitch<bool>(Name)
                     .Case("runtime.gcWriteBarrier", true)
                     .Case("runtime.typedmemmove", true)
                     .Case("runtime.memmove", true)
                     .Case("runtime.memclrNoHeapPointers", true)
                     .Case("runtime.memequal", true)
                     .Default(false);
  if (Builtin)
    return true;
  for (const std::string &Extra : ExtraNoCollectFns)
    if (Name == Extra)
      return true;
  return false;
}

CallSiteKind classifyCallSite(const CallBase &CB) {
  if (CB.isInlineAsm())
    return CallSiteKind::InlineAsm;
  const Function *Callee = CB.getCalledFunction();
  if (Callee && Callee->isIntrinsic())
    return CallSiteKind::Intrinsic;
  if (CB.hasFnAttr("gc-leaf-function") ||
      (Callee && Callee->hasFnAttribute("gc-leaf-function")))
    return CallSiteKind::GCLeaf;
  if (Callee && isNoCollectFunction(Callee->getName()))
    return CallSiteKind::NoCollect;
  if (CB.getFunctionType()->isVarArg())
    return CallSiteKind::CVarArg;
  return CallSiteKind::Safepoint;
}

StringRef callSiteKindName(CallSiteKind K) {
  switch (K) {
  case CallSiteKind::Safepoint:
    return "safepoint";
  case CallSiteKind::Intrinsic:
    return "intrinsic";
  case CallSiteKind::GCLeaf:
    return "gc-leaf";
  case CallSiteKind::NoCollect:
    return "no-collect";
  case CallSiteKind::InlineAsm:
    return "inline-asm";
  case CallSiteKind::CVarArg:
    return "c-vararg";
  }
  return "unknown";
}

} // namespace gollc
