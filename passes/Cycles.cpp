//===- Cycles.cpp - The cycles of a function's CFG ------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// findCycles() runs LLVM's scc_iterator over a copy of the CFG from which
// the caller's cut blocks and edges are gone. scc_iterator starts from one
// node, while a search for unpolled cycles must also reach blocks that only
// a cut block leads to, so the copy has a root with an edge to every
// remaining block. The passes that ask (go-preempt, go-verify-preempt,
// go-statepoints) are described in Cycles.h; this file is a library, run
// through them:
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-verify-preempt)' -disable-output in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/Cycles.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DepthFirstIterator.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Function.h"

using namespace llvm;

namespace {

/// The CFG left after the cuts, plus a root (Nodes[0], no block) with an
/// edge to every remaining block.
struct CutGraph {
  struct Node {
    BasicBlock *BB = nullptr;
    SmallVector<Node *, 4> Succs;
  };
  /// Never resized once built: the nodes point at each other.
  std::vector<Node> Nodes;
};

} // namespace

namespace llvm {
template <> struct GraphTraits<CutGraph *> {
  using NodeRef = CutGraph::Node *;
  using ChildIteratorType = SmallVectorImpl<CutGraph::Node *>::iterator;
  static NodeRef getEntryNode(CutGraph *G) { return &G->Nodes.front(); }
  static ChildIteratorType child_begin(NodeRef N) { return N->Succs.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Succs.end(); }
};
} // namespace llvm

namespace gollc {

std::vector<BlockCycle> findCycles(Function &F, CutBlockFn CutBlock,
                                   CutEdgeFn CutEdge) {
  CutGraph G;
  G.Nodes.reserve(F.size() + 1);
  G.Nodes.emplace_back();
  DenseMap<const BasicBlock *, CutGraph::Node *> NodeOf;
  DenseMap<const BasicBlock *, unsigned> Order;
  for (BasicBlock &BB : F) {
    Order[&BB] = Order.size();
    if (CutBlock(&BB))
      continue;
    G.Nodes.emplace_back();
    G.Nodes.back().BB = &BB;
    NodeOf[&BB] = &G.Nodes.back();
    G.Nodes.front().Succs.push_back(&G.Nodes.back());
  }
  for (CutGraph::Node &N : drop_begin(G.Nodes))
    for (BasicBlock *Succ : successors(N.BB))
      if (CutGraph::Node *S = NodeOf.lookup(Succ); S && !CutEdge(N.BB, Succ))
        N.Succs.push_back(S);

  std::vector<BlockCycle> Cycles;
  for (scc_iterator<CutGraph *> It = scc_begin(&G); !It.isAtEnd(); ++It) {
    // The root is on no cycle: nothing leads back to it.
    if (!It.hasCycle())
      continue;
    BlockCycle C;
    for (CutGraph::Node *N : *It)
      C.push_back(N->BB);
    sort(C, [&](BasicBlock *A, BasicBlock *B) { return Order[A] < Order[B]; });
    Cycles.push_back(std::move(C));
  }
  sort(Cycles, [&](const BlockCycle &A, const BlockCycle &B) {
    return Order[A.front()] < Order[B.front()];
  });
  return Cycles;
}

std::vector<BlockCycle> findReachableCycles(Function &F) {
  SmallPtrSet<const BasicBlock *, 32> Reachable;
  for (BasicBlock *BB : depth_first(&F))
    Reachable.insert(BB);
  return findCycles(
      F, [&](const BasicBlock *BB) { return !Reachable.count(BB); },
      [](const BasicBlock *, const BasicBlock *) { return false; });
}

} // namespace gollc
