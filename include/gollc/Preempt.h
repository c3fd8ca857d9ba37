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
//===----------------------------------------------------------------------===//

#ifndef GOLLC_PREEMPT_H
#define GOLLC_PREEMPT_H

#include "gollc/Pipeline.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class AssumptionCache;
class BasicBlock;
class DominatorTree;
class Instruction;
class Loop;
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
    PreemptPoints Points;
  };

  /// Entry and back-edge polls, the default of `go-preempt` without
  /// parameters.
  GoPreemptPass();
  explicit GoPreemptPass(Options Opts) : Opts(Opts) {}

  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName);

  /// Parses "entry;backedge;return" (any non-empty subset); an empty string
  /// means entry;backedge.
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

/// Reports \p Msg as an error diagnostic of \p F's context ("error: Msg").
void reportPreemptError(const llvm::Function &F, const llvm::Twine &Msg);

/// -go-preempt-max-unpolled-iters: the longest run of loop iterations allowed
/// without a poll (also the strip-mining chunk).
uint64_t preemptMaxUnpolledIters();

/// Why go-preempt leaves \p F entirely alone ("go-nopreempt", runtime skip
/// list, "gc-leaf-function", not Go code, the slow path itself), or
/// std::nullopt if \p F gets polls.
std::optional<std::string> preemptSkipReason(const llvm::Function &F);

/// True if \p I is the flag load of a go-preempt poll.
bool isPollLoad(const llvm::Instruction &I);

/// True if \p BB contains a call that is a safepoint (GoIR.h) or a poll.
bool blockPolls(const llvm::BasicBlock &BB);

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
/// loops bounded below the limit are removed: each is a violation.
std::vector<llvm::SmallVector<llvm::BasicBlock *, 8>>
findUnpolledCycles(llvm::Function &F, llvm::TargetLibraryInfo &TLI,
                   llvm::AssumptionCache &AC);

} // namespace gollc

#endif // GOLLC_PREEMPT_H
