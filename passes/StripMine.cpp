//===- StripMine.cpp - Polling a counted loop once per chunk --------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The two chunked forms go-preempt gives a counted loop whose trip count may
// exceed -go-preempt-max-unpolled-iters (docs/Preemption.md says why these
// forms and not a nested loop). Both keep the loop's hot path free of the
// flag load: strip-mining makes the latch test a chunk limit, the counter
// form decrements a register and branches to the poll when it reaches zero.
// The values they create carry !go.preempt.counter so that
// go-verify-preempt recognises the chunk boundary as polling.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
//       -passes='function(go-preempt<backedge>)' \
//       -pass-remarks=go-preempt -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/StripMine.h"
#include "gollc/Preempt.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace gollc {

std::optional<StripMineShape> matchStripMine(Loop &L, ScalarEvolution &SE,
                                             uint64_t Chunk) {
  BasicBlock *Latch = L.getLoopLatch();
  if (!Latch)
    return std::nullopt;
  auto *Br = dyn_cast<BranchInst>(Latch->getTerminator());
  if (!Br || !Br->isConditional())
    return std::nullopt;
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->isEquality() || !Cmp->getOperand(0)->getType()->isIntegerTy())
    return std::nullopt;
  unsigned ExitIdx = L.contains(Br->getSuccessor(0)) ? 1 : 0;
  if (L.contains(Br->getSuccessor(ExitIdx)) ||
      (Cmp->getPredicate() == ICmpInst::ICMP_EQ) != (ExitIdx == 0))
    return std::nullopt;
  // The latch's exit count must be computable: then `iv.next` reaches `end`
  // exactly (unless an early exit leaves first) and the distance
  // `end - iv.next` counts the remaining steps.
  if (isa<SCEVCouldNotCompute>(SE.getExitCount(&L, Latch)))
    return std::nullopt;
  for (unsigned EndIdx = 0; EndIdx < 2; ++EndIdx) {
    Value *End = Cmp->getOperand(EndIdx);
    auto *IVNext = dyn_cast<BinaryOperator>(Cmp->getOperand(1 - EndIdx));
    if (!IVNext || IVNext->getOpcode() != Instruction::Add ||
        !L.isLoopInvariant(End))
      continue;
    auto *IV = dyn_cast<PHINode>(IVNext->getOperand(0));
    auto *Step = dyn_cast<ConstantInt>(IVNext->getOperand(1));
    if (!IV || !Step || IV->getParent() != L.getHeader() ||
        IV->getIncomingValueForBlock(Latch) != IVNext)
      continue;
    const APInt &S = Step->getValue();
    unsigned Bits = S.getBitWidth();
    if (S.isNonPositive() || S.getActiveBits() > 32 || Bits < 16 ||
        S.getZExtValue() * Chunk >= (Bits >= 64 ? UINT64_MAX / 2
                                                : (uint64_t(1) << (Bits - 1))))
      continue;
    return StripMineShape{Br,     Cmp, EndIdx, ExitIdx,
                          IV,     IVNext, End, S.getZExtValue()};
  }
  return std::nullopt;
}

void insertCounter(PollInserter &Polls, Loop &L, Instruction *LatchTerm,
                   uint64_t Chunk) {
  LLVMContext &Ctx = L.getHeader()->getContext();
  BasicBlock *Header = L.getHeader();
  Type *I64 = Type::getInt64Ty(Ctx);
  Constant *Reset = ConstantInt::get(I64, Chunk);
  PHINode *Ctr = PHINode::Create(I64, 2, "go.preempt.ctr");
  Ctr->insertBefore(Header->begin());

  IRBuilder<> B(LatchTerm);
  B.SetCurrentDebugLocation(Polls.locationFor(LatchTerm));
  auto *Dec = cast<Instruction>(
      B.CreateAdd(Ctr, ConstantInt::get(I64, -1), "go.preempt.ctr.dec"));
  Dec->setMetadata(CounterMDName, MDNode::get(Ctx, {}));
  BasicBlock *DecBlock = Dec->getParent();
  Value *Expired =
      B.CreateICmpEQ(Dec, ConstantInt::get(I64, 0), "go.preempt.ctr.zero");
  MDNode *Weights = MDBuilder(Ctx).createBranchWeights(
      1, static_cast<uint32_t>(std::min<uint64_t>(Chunk, UINT32_MAX)) - 1);
  Instruction *ThenTerm = SplitBlockAndInsertIfThen(
      Expired, LatchTerm, /*Unreachable=*/false, Weights);
  PollInserter::nameTail(*DecBlock, *LatchTerm->getParent());
  ThenTerm->getParent()->setName("go.preempt.chunk");
  Polls.insertPoll(ThenTerm);
  BasicBlock *Tail = LatchTerm->getParent();
  PHINode *Next = PHINode::Create(I64, 2, "go.preempt.ctr.next");
  Next->insertBefore(Tail->begin());
  Next->addIncoming(Dec, DecBlock);
  Next->addIncoming(Reset, ThenTerm->getParent());
  for (BasicBlock *Pred : predecessors(Header))
    Ctr->addIncoming(Pred == Tail ? static_cast<Value *>(Next) : Reset, Pred);
}

void insertStripMine(PollInserter &Polls, Loop &L, const StripMineShape &S,
                     uint64_t Chunk) {
  LLVMContext &Ctx = L.getHeader()->getContext();
  Function &F = *L.getHeader()->getParent();
  BasicBlock *Header = L.getHeader();
  BasicBlock *Latch = S.Br->getParent();
  auto *Ty = cast<IntegerType>(S.IV->getType());
  Constant *Span = ConstantInt::get(Ty, Chunk * S.Step);
  // The limit of the chunk starting at Base: Base + Chunk*Step, or End when
  // fewer steps remain. The distance is unsigned: End is reached exactly.
  auto LimitFrom = [&](IRBuilder<> &B, Value *Base) {
    Value *Dist = B.CreateSub(S.End, Base, "go.preempt.dist");
    Value *Long = B.CreateICmpUGT(Dist, Span, "go.preempt.long");
    Value *Next = B.CreateAdd(Base, Span, "go.preempt.next");
    return B.CreateSelect(Long, Next, S.End, "go.preempt.lim");
  };
  // The first limit, computed on each edge into the loop from the value
  // the induction variable starts with there (no preheader needed).
  SmallDenseMap<BasicBlock *, Value *, 4> Lim0;
  for (BasicBlock *Pred : predecessors(Header)) {
    if (Pred == Latch || Lim0.count(Pred))
      continue;
    IRBuilder<> PB(Pred->getTerminator());
    Lim0[Pred] = LimitFrom(PB, S.IV->getIncomingValueForBlock(Pred));
  }

  // The latch now leaves the hot loop at the chunk limit.
  ICmpInst *Cmp = S.Cmp;
  if (!Cmp->hasOneUse()) {
    Cmp = cast<ICmpInst>(S.Cmp->clone());
    Cmp->insertBefore(S.Br);
    S.Br->setCondition(Cmp);
  }
  BasicBlock *Exit = S.Br->getSuccessor(S.ExitIdx);
  BasicBlock *ChunkEnd =
      BasicBlock::Create(Ctx, "go.preempt.chunk", &F, Exit);
  BasicBlock *Refill = BasicBlock::Create(Ctx, "go.preempt.refill", &F, Exit);
  S.Br->setSuccessor(S.ExitIdx, ChunkEnd);
  Exit->replacePhiUsesWith(Latch, ChunkEnd);
  // At the chunk end iv.next equals the limit, so the limit phi stands in
  // for it: a use of the induction variable outside the hot cycle would make
  // LoopStrengthReduce keep a second induction variable in the hot loop.
  PHINode *Lim = PHINode::Create(Ty, 3, "go.preempt.lim");
  Lim->insertBefore(Header->begin());
  Lim->setMetadata(CounterMDName, MDNode::get(Ctx, {}));
  DebugLoc DL = Polls.locationFor(S.Br);
  IRBuilder<> CB(ChunkEnd);
  CB.SetCurrentDebugLocation(DL);
  Value *Done = CB.CreateICmpEQ(Lim, S.End, "go.preempt.done");
  CB.CreateCondBr(Done, Exit, Refill);
  IRBuilder<> RB(Refill);
  RB.SetCurrentDebugLocation(DL);
  BranchInst *Back = RB.CreateBr(Header);
  Polls.insertPoll(Back);
  IRBuilder<> LB(Back);
  Value *LimNext = LimitFrom(LB, Lim);
  BasicBlock *BackBlock = Back->getParent();
  for (PHINode &P : Header->phis())
    if (&P != Lim)
      P.addIncoming(P.getIncomingValueForBlock(Latch), BackBlock);
  for (BasicBlock *Pred : predecessors(Header))
    Lim->addIncoming(Pred == Latch       ? static_cast<Value *>(Lim)
                     : Pred == BackBlock ? LimNext
                                         : Lim0.lookup(Pred),
                     Pred);
  Cmp->setOperand(S.EndIdx, Lim);
}

} // namespace gollc
