//===- Preempt.h - Preemption polls for Go code -----------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-preempt inserts preemption polls (load a flag, branch unlikely to a cold
// call of the runtime's slow path) at function entry, loop back edges and
// returns, so that a goroutine spinning in a call-free loop reaches a
// safepoint within a bounded number of iterations. go-verify-preempt checks
// that bound on every cycle of a function. docs/Preemption.md describes the
// placement rules.
//
// The work is split the way LoopVectorize splits legality, planning and
// execution:
//  - what polls already (PreemptPlan.cpp): poll and safepoint queries, trip
//    bounds, the unpolled cycles (also what go-verify-preempt reports);
//  - what to do (PreemptPlan.cpp): planPreemption() decides, on the
//    unmodified function, where each poll goes and emits the remarks;
//  - doing it: PollInserter (Preempt.cpp) inserts a poll, StripMine.cpp the
//    chunked loop forms, GoPreemptPass::run applies the plan.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_PREEMPT_H
#define GOLLC_PREEMPT_H

#include "gollc/Cycles.h"
#include "gollc/Pipeline.h"
#include "gollc/StripMine.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/CallingConv.h"
#include "llvm/IR/DebugLoc.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class AssumptionCache;
class BasicBlock;
class DominatorTree;
class GlobalVariable;
class Instruction;
class IntegerType;
class Loop;
class LoopInfo;
class MDNode;
class OptimizationRemarkEmitter;
class ScalarEvolution;
class TargetLibraryInfo;
} // namespace llvm

namespace gollc {

/// Metadata kind on the flag load of every poll go-preempt inserts.
inline constexpr llvm::StringLiteral PollMDName = "go.preempt.poll";
/// Metadata kind on the down-counter decrement of a strip-mined loop.
inline constexpr llvm::StringLiteral CounterMDName = "go.preempt.counter";

/// Inserts preemption polls into Go functions.
class GoPreemptPass : public llvm::PassInfoMixin<GoPreemptPass> {
public:
  struct Options {
    /// The default, also of `go-preempt` without parameters.
    PreemptPoints Points{/*Entry=*/true, /*Backedge=*/true, /*Return=*/false};
  };

  /// Entry and back-edge polls, the default of `go-preempt` without
  /// parameters.
  GoPreemptPass() = default;
  explicit GoPreemptPass(Options Opts) : Opts(Opts) {}

  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName);

  /// Parses "entry;backedge;return" (any non-empty subset); an empty string
  /// means the default Options.
  static llvm::Expected<Options> parseOptions(llvm::StringRef Params);

private:
  Options Opts;
};

/// Checks that every cycle of every Go function passes a poll, a safepoint
/// call or a strip-mining counter, or is a loop whose trip count is provably
/// below -go-preempt-max-unpolled-iters. Violations are reported as errors
/// through LLVMContext::diagnose.
class GoVerifyPreemptPass : public llvm::PassInfoMixin<GoVerifyPreemptPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
  static bool isRequired() { return true; }
};

//===----------------------------------------------------------------------===//
// What polls already (PreemptPlan.cpp)
//===----------------------------------------------------------------------===//

/// Reports \p Msg as an error diagnostic of \p F's context ("error: Msg").
void reportPreemptError(const llvm::Function &F, const llvm::Twine &Msg);

/// The block name used in remarks and errors: "%name" or "%<number>".
std::string preemptBlockName(const llvm::BasicBlock &BB);

/// -go-preempt-max-unpolled-iters: the longest run of loop iterations allowed
/// without a poll (also the strip-mining chunk).
uint64_t preemptMaxUnpolledIters();

/// -go-preempt-fn: the void() function a poll calls when the flag is set.
llvm::StringRef preemptSlowPathName();

/// Why go-preempt leaves \p F entirely alone ("go-nopreempt", runtime skip
/// list, "gc-leaf-function", not Go code, the slow path itself), or
/// std::nullopt if \p F gets polls.
std::optional<std::string> preemptSkipReason(const llvm::Function &F);

/// True if \p I is the flag load of a go-preempt poll.
bool isPollLoad(const llvm::Instruction &I);

/// True if \p BB contains a call that is a safepoint (GoIR.h) or a poll.
bool blockPolls(const llvm::BasicBlock &BB);

/// True if \p F has no safepoint call and no cycle (a leaf: it runs for a
/// bounded time).
bool isPreemptLeaf(const llvm::Function &F);

/// True if go-preempt, polling entries and back edges, gives the defined
/// function \p F an entry poll: it gets polls at all (no skip reason, not
/// nosplit) and has a safepoint call (a function without one cannot
/// recurse, and its loops poll on their back edges or are bounded). A call
/// to a function of the module polls only if this holds for it (blockPolls,
/// which back-edge planning and go-verify-preempt use).
bool preemptPollsAtEntry(const llvm::Function &F);

/// The maximum number of iterations of \p L's innermost bodies that can run
/// without leaving \p L, counting nested loops (product of constant maximum
/// trip counts), or std::nullopt if unbounded or not computable. Loops with a
/// safepoint call on every iteration count as one iteration.
std::optional<uint64_t> unpolledTripBound(const llvm::Loop &L,
                                          llvm::ScalarEvolution &SE,
                                          const llvm::DominatorTree &DT);

/// True if a safepoint call (or poll) dominates every latch of \p L, so every
/// iteration already reaches the collector.
bool loopAlwaysPolls(const llvm::Loop &L, const llvm::DominatorTree &DT);

/// The strongly connected sets of reachable blocks of \p F that still form a
/// cycle once polling blocks, strip-mining counters and the back edges of
/// loops bounded below the limit are removed: each is a violation. Cycles and
/// their blocks come in function order.
std::vector<BlockCycle> findUnpolledCycles(llvm::Function &F,
                                           llvm::TargetLibraryInfo &TLI,
                                           llvm::AssumptionCache &AC);

//===----------------------------------------------------------------------===//
// What to do (PreemptPlan.cpp)
//===----------------------------------------------------------------------===//

/// How one loop gets polled.
struct LoopPollPlan {
  enum KindT { Poll, Counter, StripMine };
  llvm::Loop *L = nullptr;
  KindT Kind = Poll;
  /// For StripMine: the matched shape.
  std::optional<StripMineShape> Shape;
  /// For Poll: the terminators of the latches to poll before; for Counter:
  /// the only latch's.
  llvm::SmallVector<llvm::Instruction *, 2> LatchTerms;
  /// For Counter and StripMine: iterations per poll.
  uint64_t Chunk = 1;
};

/// Everything go-preempt does to one function, decided before any change
/// (the insertions split blocks and invalidate LoopInfo and SCEV). The
/// cycles LoopInfo does not describe are found after the plan is applied.
struct PreemptPlan {
  llvm::SmallVector<LoopPollPlan, 8> Loops;
  /// Poll at the entry (with Points.Entry).
  bool EntryPoll = false;
  /// Where the return polls go (with Points.Return): before each ret, or
  /// before the musttail call that must stay right before it.
  llvm::SmallVector<llvm::Instruction *, 4> Returns;
};

/// Decides where the polls of \p F go for \p Points and reports each
/// decision as a remark through \p ORE.
PreemptPlan planPreemption(llvm::Function &F, const PreemptPoints &Points,
                           llvm::DominatorTree &DT, llvm::LoopInfo &LI,
                           llvm::ScalarEvolution &SE,
                           llvm::OptimizationRemarkEmitter &ORE);

//===----------------------------------------------------------------------===//
// Doing it (Preempt.cpp, StripMine.cpp)
//===----------------------------------------------------------------------===//

/// Inserts the polls of one function, declaring the flag and the slow path
/// in the module on first use (so that modules without polls stay
/// unchanged).
class PollInserter {
public:
  explicit PollInserter(llvm::Function &F);

  /// Finds the flag and the slow path; false (after a diagnostic) if the
  /// module already defines them incompatibly.
  bool setUp();

  /// Inserts a poll before \p IP; returns the block holding the flag check.
  llvm::BasicBlock *insertPoll(llvm::Instruction *IP);

  /// The location of the code inserted before \p IP: IP's, else line 0 of
  /// the function's subprogram.
  llvm::DebugLoc locationFor(llvm::Instruction *IP) const;

  /// Names the block split off \p Head after its original name, so that the
  /// output stays readable: "loop" continues in "loop.go.preempt.cont".
  static void nameTail(const llvm::BasicBlock &Head, llvm::BasicBlock &Tail);

private:
  void declare();

  llvm::Function &F;
  llvm::LLVMContext &Ctx;
  llvm::GlobalVariable *Flag = nullptr;
  llvm::IntegerType *FlagTy = nullptr;
  llvm::FunctionCallee Slow;
  llvm::CallingConv::ID CC = llvm::CallingConv::C;
  llvm::MDNode *Unlikely = nullptr;
};

} // namespace gollc

#endif // GOLLC_PREEMPT_H
