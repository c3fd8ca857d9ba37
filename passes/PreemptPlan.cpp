//===- PreemptPlan.cpp - Where go-preempt polls ---------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The analysis and planning half of go-preempt, and what go-verify-preempt
// checks with: which blocks and calls already poll, how many iterations a
// loop can run without a poll (constant maximum trip counts from SCEV), which
// cycles of the CFG remain unpolled, and planPreemption(), which decides on
// the unmodified function where each poll goes: nowhere in a loop that is
// short or polls already, a chunked form (StripMine.cpp) in a counted loop,
// a back-edge poll otherwise, plus the entry and return polls. Every
// decision is an optimization remark under "go-preempt"; Preempt.cpp then
// carries the plan out.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-preempt<entry;backedge>)' \
//       -pass-remarks=go-preempt -pass-remarks-missed=go-preempt \
//       -disable-output in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/GoIR.h"
#include "gollc/Preempt.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Statepoint.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

#define DEBUG_TYPE "go-preempt"

static cl::opt<std::string> SlowFnName(
    "go-preempt-fn", cl::init("__go_preempt_slow"),
    cl::desc("go-preempt: the void() function a poll calls when the flag is "
             "set"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<std::string> SkipPrefixes(
    "go-preempt-skip", cl::init("runtime."),
    cl::desc("go-preempt: comma-separated name prefixes of functions that "
             "get no polls at all (default: runtime.)"),
    cl::cat(gollc::goLoweringCategory()));

static cl::opt<uint64_t> MaxUnpolledIters(
    "go-preempt-max-unpolled-iters", cl::init(1000),
    cl::desc("go-preempt: loops provably shorter than this get no poll; "
             "longer counted loops poll once per this many iterations"),
    cl::cat(gollc::goLoweringCategory()));


namespace gollc {

uint64_t preemptMaxUnpolledIters() {
  return std::max<uint64_t>(1, MaxUnpolledIters);
}

StringRef preemptSlowPathName() { return SlowFnName; }

std::string preemptBlockName(const BasicBlock &BB) {
  std::string S;
  raw_string_ostream OS(S);
  BB.printAsOperand(OS, /*PrintType=*/false);
  return S;
}

namespace {

/// An error from go-preempt or its verifier, printed as "error: <message>".
class PreemptDiagnostic : public DiagnosticInfo {
public:
  explicit PreemptDiagnostic(std::string Msg)
      : DiagnosticInfo(kind(), DS_Error), Msg(std::move(Msg)) {}
  void print(DiagnosticPrinter &DP) const override { DP << Msg; }

private:
  static int kind() {
    static int Kind = getNextAvailablePluginDiagnosticKind();
    return Kind;
  }
  std::string Msg;
};

} // namespace

void reportPreemptError(const Function &F, const Twine &Msg) {
  F.getContext().diagnose(PreemptDiagnostic(Msg.str()));
}

std::optional<std::string> preemptSkipReason(const Function &F) {
  if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
    return std::string("not defined here");
  if (!isGollvmFunction(F) && !hasGoGC(F))
    return std::string("not Go code (no nest parameter, \"split-stack\" or "
                       "gc \"go\")");
  if (F.hasFnAttribute("go-nopreempt"))
    return std::string("function is \"go-nopreempt\"");
  if (F.hasFnAttribute("go-nosplit"))
    return std::string("function is \"go-nosplit\"");
  if (isGoNoSplit(F))
    return std::string("function is nosplit (no \"split-stack\" in a module "
                       "whose Go functions have it: Gollvm's //go:nosplit)");
  if (F.hasFnAttribute("gc-leaf-function"))
    return std::string("function is a \"gc-leaf-function\"");
  if (F.getName() == preemptSlowPathName())
    return std::string("function is the preemption slow path");
  SmallVector<StringRef, 4> Prefixes;
  StringRef(SkipPrefixes).split(Prefixes, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Prefixes)
    if (F.getName().starts_with(P.trim()))
      return formatv("name matches the skip list prefix '{0}'", P.trim()).str();
  return std::nullopt;
}

bool isPollLoad(const Instruction &I) {
  return isa<LoadInst>(I) && I.getMetadata(PollMDName);
}

/// True if \p CB is a safepoint call; \p Callee is then the function it
/// calls (null if indirect). After go-statepoints a safepoint call is a
/// gc.statepoint intrinsic; what matters is the function it calls.
static bool isSafepointCall(const CallBase &CB, const Function *&Callee) {
  Callee = CB.getCalledFunction();
  if (const auto *SP = dyn_cast<GCStatepointInst>(&CB)) {
    Callee = SP->getActualCalledFunction();
    return true;
  }
  return classifyCallSite(CB) == CallSiteKind::Safepoint;
}

/// True if the call \p CB reaches a poll: a safepoint call, unless it calls a
/// function of this module that go-preempt leaves without an entry poll.
static bool callPolls(const CallBase &CB) {
  const Function *Callee;
  if (!isSafepointCall(CB, Callee))
    return false;
  if (!Callee || Callee->isDeclaration())
    return true;
  return preemptPollsAtEntry(*Callee);
}

/// Whether \p F has a safepoint call other than a poll's slow path (so that
/// what go-preempt decides for F does not change once F has polls).
static bool hasSafepointCall(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB) {
      const Function *Callee;
      if (const auto *CB = dyn_cast<CallBase>(&I))
        if (isSafepointCall(*CB, Callee) &&
            (!Callee || Callee->getName() != preemptSlowPathName()))
          return true;
    }
  return false;
}

bool isPreemptLeaf(const Function &F) {
  if (F.isDeclaration())
    return false;
  // A const_cast only to walk the CFG: nothing is changed.
  return !hasSafepointCall(F) &&
         findReachableCycles(const_cast<Function &>(F)).empty();
}

bool preemptPollsAtEntry(const Function &F) {
  return !F.isDeclaration() && !preemptSkipReason(F) && !isGoNoSplit(F) &&
         hasSafepointCall(F);
}

bool blockPolls(const BasicBlock &BB) {
  for (const Instruction &I : BB) {
    if (isPollLoad(I))
      return true;
    if (const auto *CB = dyn_cast<CallBase>(&I))
      if (callPolls(*CB))
        return true;
  }
  return false;
}

/// True if \p BB ends a strip-mined loop's hot cycle: its conditional branch
/// tests a value go-preempt marked (the down-counter decrement or the chunk
/// limit phi), and a block at most two edges away on that branch polls.
static bool blockCounts(const BasicBlock &BB) {
  const auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  if (!Br || !Br->isConditional())
    return false;
  const auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || none_of(Cmp->operands(), [](const Use &U) {
        const auto *I = dyn_cast<Instruction>(U.get());
        return I && I->getMetadata(CounterMDName);
      }))
    return false;
  for (const BasicBlock *Succ : successors(&BB)) {
    if (blockPolls(*Succ))
      return true;
    for (const BasicBlock *Next : successors(Succ))
      if (blockPolls(*Next))
        return true;
  }
  return false;
}

bool loopAlwaysPolls(const Loop &L, const DominatorTree &DT) {
  SmallVector<BasicBlock *, 4> Latches;
  L.getLoopLatches(Latches);
  for (BasicBlock *BB : L.blocks()) {
    if (!blockPolls(*BB))
      continue;
    if (all_of(Latches, [&](BasicBlock *Latch) {
          return DT.dominates(BB, Latch);
        }))
      return true;
  }
  return false;
}

/// The constant maximum trip count of \p L, or std::nullopt.
static std::optional<uint64_t> maxTripCount(const Loop &L,
                                            ScalarEvolution &SE) {
  const SCEV *Max = SE.getConstantMaxBackedgeTakenCount(&L);
  const auto *C = dyn_cast<SCEVConstant>(Max);
  if (!C || C->getAPInt().getActiveBits() > 62)
    return std::nullopt;
  return C->getAPInt().getZExtValue() + 1;
}

std::optional<uint64_t> unpolledTripBound(const Loop &L, ScalarEvolution &SE,
                                          const DominatorTree &DT) {
  if (loopAlwaysPolls(L, DT))
    return 1;
  std::optional<uint64_t> Trips = maxTripCount(L, SE);
  if (!Trips)
    return std::nullopt;
  uint64_t Inner = 1;
  for (const Loop *Sub : L.getSubLoops()) {
    std::optional<uint64_t> SubBound = unpolledTripBound(*Sub, SE, DT);
    if (!SubBound)
      return std::nullopt;
    Inner = std::max(Inner, *SubBound);
  }
  if (*Trips > UINT64_MAX / Inner)
    return std::nullopt;
  return *Trips * Inner;
}

std::vector<BlockCycle>
findUnpolledCycles(Function &F, TargetLibraryInfo &TLI, AssumptionCache &AC) {
  // Fresh analyses: the caller may just have changed the CFG.
  DominatorTree DT(F);
  LoopInfo LI(DT);
  ScalarEvolution SE(F, TLI, AC, DT, LI);
  uint64_t Limit = preemptMaxUnpolledIters();

  DenseSet<std::pair<const BasicBlock *, const BasicBlock *>> BoundedEdges;
  for (Loop *L : LI.getLoopsInPreorder()) {
    std::optional<uint64_t> Bound = unpolledTripBound(*L, SE, DT);
    if (!Bound || *Bound >= Limit)
      continue;
    SmallVector<BasicBlock *, 4> Latches;
    L->getLoopLatches(Latches);
    for (BasicBlock *Latch : Latches)
      BoundedEdges.insert({Latch, L->getHeader()});
  }
  DenseMap<const BasicBlock *, bool> CutCache;
  auto CutBlock = [&](const BasicBlock *BB) {
    if (!DT.isReachableFromEntry(BB))
      return true;
    auto [It, New] = CutCache.try_emplace(BB, false);
    if (New)
      It->second = blockPolls(*BB) || blockCounts(*BB);
    return It->second;
  };
  auto CutEdge = [&](const BasicBlock *From, const BasicBlock *To) {
    return BoundedEdges.contains({From, To});
  };
  return findCycles(F, CutBlock, CutEdge);
}

//===----------------------------------------------------------------------===//
// Planning
//===----------------------------------------------------------------------===//

/// Where remarks about \p L point: its start location, else the first
/// located instruction of its header.
static DebugLoc loopLocation(const Loop &L) {
  if (DebugLoc DL = L.getStartLoc())
    return DL;
  for (const Instruction &I : *L.getHeader())
    if (I.getDebugLoc())
      return I.getDebugLoc();
  return DebugLoc();
}

namespace {

/// Decides how each loop of one function is polled.
class LoopPlanner {
public:
  LoopPlanner(LoopInfo &LI, DominatorTree &DT, ScalarEvolution &SE,
              OptimizationRemarkEmitter &ORE)
      : LI(LI), DT(DT), SE(SE), ORE(ORE), Limit(preemptMaxUnpolledIters()) {}

  /// The plan for \p L, or std::nullopt when it needs no poll of its own.
  std::optional<LoopPollPlan> plan(Loop &L);

private:
  bool elide(Loop &L, const std::string &Where);
  void report(const LoopPollPlan &Plan, uint64_t Inner, StringRef Reason,
              const std::string &Where);

  LoopInfo &LI;
  DominatorTree &DT;
  ScalarEvolution &SE;
  OptimizationRemarkEmitter &ORE;
  uint64_t Limit;
};

} // namespace

/// True (after a remark saying why) if \p L needs no poll: it has one, a
/// safepoint call runs on every iteration, or it is provably short.
bool LoopPlanner::elide(Loop &L, const std::string &Where) {
  const BasicBlock *H = L.getHeader();
  // Polled already (a second run, or lowered IR given to go-llc): a poll at
  // this loop's own level (not in an inner loop) is one go-preempt placed.
  if (any_of(L.blocks(), [&](BasicBlock *BB) {
        return LI.getLoopFor(BB) == &L && any_of(*BB, isPollLoad);
      })) {
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(L), H)
             << "no poll in loop at " << Where << ": it has one already";
    });
    return true;
  }
  if (loopAlwaysPolls(L, DT)) {
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(L), H)
             << "no poll in loop at " << Where
             << ": a safepoint call runs on every iteration";
    });
    return true;
  }
  std::optional<uint64_t> Bound = unpolledTripBound(L, SE, DT);
  if (Bound && *Bound < Limit) {
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "PollElided", loopLocation(L), H)
             << "no poll in loop at " << Where << ": at most "
             << ore::NV("MaxIterations", *Bound)
             << " iterations, below the limit of " << ore::NV("Limit", Limit)
             << "; unpolled run <= " << ore::NV("UnpolledRun", *Bound)
             << " iterations";
    });
    return true;
  }
  return false;
}

std::optional<LoopPollPlan> LoopPlanner::plan(Loop &L) {
  std::string Where = preemptBlockName(*L.getHeader());
  if (elide(L, Where))
    return std::nullopt;
  LoopPollPlan Plan;
  Plan.L = &L;
  SmallVector<BasicBlock *, 4> Latches;
  L.getLoopLatches(Latches);
  for (BasicBlock *Latch : Latches) {
    // A back edge whose latch is dominated by a safepoint call inside the
    // loop (a landing pad calling runtime.checkdefer) already polls.
    bool Covered = any_of(L.blocks(), [&](BasicBlock *BB) {
      return blockPolls(*BB) && DT.dominates(BB, Latch);
    });
    if (!Covered)
      Plan.LatchTerms.push_back(Latch->getTerminator());
  }
  // The widest unpolled run of one iteration: sub-loops that carry no poll
  // of their own run inside it.
  uint64_t Inner = 1;
  bool InnerPolls = false;
  for (Loop *Sub : L.getSubLoops()) {
    std::optional<uint64_t> SubBound = unpolledTripBound(*Sub, SE, DT);
    if (!SubBound || *SubBound >= Limit)
      InnerPolls = true;
    else
      Inner = std::max(Inner, *SubBound);
  }
  // Counted: SCEV bounds the trip count by a value computed before the loop
  // (a length), exactly or, for early-exit searches, as a maximum. Such
  // loops run a predictable body; a data-driven loop (list walk, wait loop)
  // polls on every iteration instead.
  bool Counted =
      !isa<SCEVCouldNotCompute>(SE.getSymbolicMaxBackedgeTakenCount(&L));
  StringRef Reason;
  if (!Counted) {
    Reason = "trip count unknown";
  } else if (InnerPolls) {
    // A counter here would let each chunk of outer iterations run the inner
    // loops' own chunks unpolled: chunk * chunk iterations.
    Reason = "inner loops poll";
  } else if (Latches.size() != 1) {
    Reason = "several back edges";
  } else if (Limit / Inner < 2) {
    Reason = "inner loops use up the iteration budget";
  } else {
    Plan.Chunk = Limit / Inner;
    Plan.Shape = matchStripMine(L, SE, Plan.Chunk);
    Plan.Kind = Plan.Shape ? LoopPollPlan::StripMine : LoopPollPlan::Counter;
  }
  report(Plan, Inner, Reason, Where);
  return Plan;
}

void LoopPlanner::report(const LoopPollPlan &Plan, uint64_t Inner,
                         StringRef Reason, const std::string &Where) {
  const Loop &L = *Plan.L;
  const BasicBlock *H = L.getHeader();
  ORE.emit([&] {
    if (Plan.Kind == LoopPollPlan::StripMine)
      return OptimizationRemark(DEBUG_TYPE, "StripMined", loopLocation(L), H)
             << "loop at " << Where << " strip-mined into chunks of "
             << ore::NV("Chunk", Plan.Chunk)
             << " iterations: its exit test compares against the chunk "
                "limit, the poll runs between chunks; unpolled run <= "
             << ore::NV("UnpolledRun", Plan.Chunk * Inner) << " iterations";
    if (Plan.Kind == LoopPollPlan::Counter)
      return OptimizationRemark(DEBUG_TYPE, "StripMined", loopLocation(L), H)
             << "loop at " << Where
             << " strip-mined with a down-counter: poll once per "
             << ore::NV("Chunk", Plan.Chunk)
             << " iterations, none in the hot path; unpolled run <= "
             << ore::NV("UnpolledRun", Plan.Chunk * Inner) << " iterations";
    return OptimizationRemark(DEBUG_TYPE, "BackedgePoll", loopLocation(L), H)
           << "poll placed on the back edge of loop at " << Where << " ("
           << Reason << "); unpolled run <= " << ore::NV("UnpolledRun", Inner)
           << " iterations";
  });
}

/// Whether \p F gets an entry (and return) poll; says why not in a remark.
static bool planEntryPoll(Function &F, bool LoopsPolled,
                          OptimizationRemarkEmitter &ORE) {
  StringRef Why;
  // A function without safepoint calls cannot recurse, so between its entry
  // and its return it runs straight-line code and loops. When back edges
  // are polled too, those loops poll (or are bounded) and an entry poll
  // would add nothing; without back-edge polls it is the only poll a loop
  // calling the function gets.
  if (isPreemptLeaf(F))
    Why = "leaf function (no calls, no loops)";
  else if (LoopsPolled && !hasSafepointCall(F))
    Why = "no calls (its loops poll on their back edges or are bounded)";
  else if (any_of(F.getEntryBlock(), isPollLoad))
    Why = "it has an entry poll already";
  if (Why.empty())
    return true;
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, "EntryPollSkipped", &F)
           << "no poll at entry or return of '"
           << ore::NV("Function", F.getName()) << "': " << Why;
  });
  return false;
}

/// The points before which the return polls of \p F go.
static SmallVector<Instruction *, 4> returnPollPoints(Function &F) {
  SmallVector<Instruction *, 4> Returns;
  for (BasicBlock &BB : F)
    if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
      // A musttail call must stay right before its ret.
      Instruction *IP = Ret;
      if (auto *CI = dyn_cast_or_null<CallInst>(Ret->getPrevNode()))
        if (CI->isMustTailCall())
          IP = CI;
      Returns.push_back(IP);
    }
  return Returns;
}

PreemptPlan planPreemption(Function &F, const PreemptPoints &Points,
                           DominatorTree &DT, LoopInfo &LI,
                           ScalarEvolution &SE,
                           OptimizationRemarkEmitter &ORE) {
  PreemptPlan Plan;
  if (Points.Backedge) {
    LoopPlanner Planner(LI, DT, SE, ORE);
    for (Loop *L : LI.getLoopsInPreorder())
      if (std::optional<LoopPollPlan> LP = Planner.plan(*L))
        Plan.Loops.push_back(std::move(*LP));
  }
  bool FunctionPolls =
      (Points.Entry || Points.Return) &&
      planEntryPoll(F, Points.Backedge, ORE);
  Plan.EntryPoll = FunctionPolls && Points.Entry;
  if (FunctionPolls && Points.Return)
    Plan.Returns = returnPollPoints(F);
  return Plan;
}

} // namespace gollc
