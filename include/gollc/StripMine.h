//===- StripMine.h - Polling a counted loop once per chunk ------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-preempt's two ways of polling a counted loop once per chunk of
// iterations instead of on every back edge (docs/Preemption.md): rewrite
// the exit test to compare against a chunk limit (strip-mining proper, when
// the loop has the shape StripMineShape describes), or count the iterations
// down in a register (any counted loop with one back edge). The planner
// (planPreemption in Preempt.h) matches the shape; the pass applies it.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_STRIPMINE_H
#define GOLLC_STRIPMINE_H

#include <cstdint>
#include <optional>

namespace llvm {
class BranchInst;
class ICmpInst;
class Instruction;
class Loop;
class PHINode;
class ScalarEvolution;
class Value;
} // namespace llvm

namespace gollc {

class PollInserter;

/// A loop go-preempt can strip-mine in place: one latch, which exits (other
/// blocks may exit too, as in a search) when `iv.next == end` (the form
/// LoopVectorize and IndVarSimplify's exit-test rewriting produce), with
/// `iv.next = iv + step`, a positive constant step and a loop-invariant
/// `end`.
struct StripMineShape {
  llvm::BranchInst *Br;
  llvm::ICmpInst *Cmp;
  unsigned EndIdx;
  unsigned ExitIdx;
  llvm::PHINode *IV;
  llvm::Instruction *IVNext;
  llvm::Value *End;
  uint64_t Step;
};

/// The strip-mining shape of \p L for chunks of \p Chunk iterations, or
/// std::nullopt if \p L does not have it (or a chunk's span could overflow
/// the induction variable).
std::optional<StripMineShape> matchStripMine(llvm::Loop &L,
                                             llvm::ScalarEvolution &SE,
                                             uint64_t Chunk);

/// Strip-mines \p L (shape \p S) into chunks of \p Chunk iterations: the
/// latch compares against a chunk limit instead of the end, and the poll
/// \p Polls inserts runs between chunks.
void insertStripMine(PollInserter &Polls, llvm::Loop &L,
                     const StripMineShape &S, uint64_t Chunk);

/// Counts \p L's iterations down from \p Chunk at \p LatchTerm (its only
/// back edge) and polls when the count reaches zero.
void insertCounter(PollInserter &Polls, llvm::Loop &L,
                   llvm::Instruction *LatchTerm, uint64_t Chunk);

} // namespace gollc

#endif // GOLLC_STRIPMINE_H
