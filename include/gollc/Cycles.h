//===- Cycles.h - The cycles of a function's CFG ----------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The one cycle detection of the passes: go-preempt (is a function a leaf,
// which cycles still lack a poll), go-verify-preempt (the same question
// asked of the output) and go-statepoints (which allocas sit on a cycle)
// all ask it here. It handles irreducible control flow, which LoopInfo does
// not describe, by computing strongly connected components with LLVM's
// scc_iterator.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_CYCLES_H
#define GOLLC_CYCLES_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace llvm {
class BasicBlock;
class Function;
} // namespace llvm

namespace gollc {

/// A set of blocks that lie on a common cycle (a strongly connected
/// component with at least one edge), in function order.
using BlockCycle = llvm::SmallVector<llvm::BasicBlock *, 8>;

/// Says whether a block or an edge is left out of the graph searched.
using CutBlockFn = llvm::function_ref<bool(const llvm::BasicBlock *)>;
using CutEdgeFn =
    llvm::function_ref<bool(const llvm::BasicBlock *, const llvm::BasicBlock *)>;

/// The cycles of \p F's CFG once the blocks \p CutBlock accepts and the edges
/// \p CutEdge accepts are removed; every remaining block is searched, not
/// only those reachable from the entry through remaining edges. Cycles and
/// their members come in function order.
std::vector<BlockCycle> findCycles(llvm::Function &F, CutBlockFn CutBlock,
                                   CutEdgeFn CutEdge);

/// The cycles of \p F's CFG among the blocks reachable from its entry.
std::vector<BlockCycle> findReachableCycles(llvm::Function &F);

} // namespace gollc

#endif // GOLLC_CYCLES_H
