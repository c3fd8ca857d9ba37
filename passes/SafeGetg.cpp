//===- SafeGetg.cpp - The current goroutine across thread switches --------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Gollvm IR reads the current goroutine from the thread-local `runtime.g`
// (the runtime package, and any code with getg inlined). A goroutine can
// move to another thread during any call that reaches the scheduler, and
// with go-preempt every poll's slow path is such a call. Two things then
// go wrong if the access is an ordinary TLS load:
//  - code generation computes the TLS address once (`__tls_get_addr` under
//    -relocation-model=pic) and reuses it after the call: the load reads
//    the old thread's g, which is another goroutine's;
//  - the optimizer treats the TLS address (`llvm.threadlocal.address`) as a
//    pure function of the global and may forward a loaded g across a call
//    it believes cannot write memory.
// So every load and store of runtime.g becomes a call of a tiny accessor
// the module defines (`gollc.getg`, `gollc.setg`): noinline and optnone, so
// no pass looks inside it, and with no memory attributes, so no pass
// merges two calls or moves one across another call. The accessor computes
// the TLS address afresh each time. It is a gc-leaf function (no
// safepoint), has no stack check (Go's getg is nosplit) and gets no poll.
// go-llc runs this pass before the optimizer whenever it lowers for Go.
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so -passes=go-safe-getg -S in.ll
//
//===----------------------------------------------------------------------===//

#include "gollc/SafeGetg.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "go-safe-getg"

namespace gollc {

static constexpr StringLiteral GName = "runtime.g";

/// The accessor of runtime.g for values of type \p Ty: a getter
/// `Ty gollc.getg()` or a setter `void gollc.setg(Ty)`.
static Function *accessor(Module &M, GlobalVariable &G, Type *Ty,
                          bool Setter) {
  LLVMContext &Ctx = M.getContext();
  std::string Name = Setter ? "gollc.setg" : "gollc.getg";
  if (!Ty->isPointerTy() || Ty->getPointerAddressSpace() != 0)
    Name += "." + std::to_string(Ty->getTypeID()) + "." +
            std::to_string(M.getDataLayout().getTypeSizeInBits(Ty));
  FunctionType *FT = Setter ? FunctionType::get(Type::getVoidTy(Ctx), {Ty},
                                                false)
                            : FunctionType::get(Ty, {}, false);
  if (Function *F = M.getFunction(Name)) {
    if (F->getFunctionType() == FT && !F->isDeclaration())
      return F;
    return nullptr; // someone else's symbol: leave the accesses alone
  }
  Function *F = Function::Create(FT, GlobalValue::LinkOnceODRLinkage,
                                 GlobalValue::DefaultVisibility, Name, &M);
  F->setVisibility(GlobalValue::HiddenVisibility);
  F->addFnAttr(Attribute::NoInline);
  F->addFnAttr(Attribute::OptimizeNone);
  F->addFnAttr(Attribute::NoUnwind);
  F->addFnAttr("gc-leaf-function");
  F->addFnAttr("go-nopreempt");
  // The module's target and frame pointer, but no stack check: getg is
  // nosplit in Go, and the accessor has no frame to speak of.
  for (const Function &Go : M)
    if (!Go.isDeclaration() && isGollvmFunction(Go)) {
      copyFrameContract(Go, *F);
      break;
    }
  F->removeFnAttr("split-stack");
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  if (Setter) {
    B.CreateStore(F->getArg(0), &G);
    B.CreateRetVoid();
  } else {
    B.CreateRet(B.CreateLoad(Ty, &G, "g"));
  }
  return F;
}

PreservedAnalyses GoSafeGetgPass::run(Module &M, ModuleAnalysisManager &) {
  GlobalVariable *G = M.getGlobalVariable(GName, /*AllowInternal=*/true);
  if (!G || !G->isThreadLocal())
    return PreservedAnalyses::all();

  // The accesses: loads and stores of runtime.g itself or of its
  // llvm.threadlocal.address, outside the accessors.
  SmallVector<Instruction *, 16> Accesses;
  SmallVector<Instruction *, 4> Addresses;
  auto Collect = [&](Value *Addr) {
    for (User *U : Addr->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I || I->getFunction()->getName().starts_with("gollc.getg") ||
          I->getFunction()->getName().starts_with("gollc.setg"))
        continue;
      if (auto *LI = dyn_cast<LoadInst>(I)) {
        if (LI->getPointerOperand() == Addr)
          Accesses.push_back(LI);
      } else if (auto *SI = dyn_cast<StoreInst>(I)) {
        if (SI->getPointerOperand() == Addr)
          Accesses.push_back(SI);
      }
    }
  };
  Collect(G);
  for (User *U : G->users())
    if (auto *II = dyn_cast<IntrinsicInst>(U))
      if (II->getIntrinsicID() == Intrinsic::threadlocal_address) {
        Addresses.push_back(II);
        Collect(II);
      }
  unsigned Rewritten = 0;
  for (Instruction *I : Accesses) {
    auto *LI = dyn_cast<LoadInst>(I);
    auto *SI = dyn_cast<StoreInst>(I);
    Type *Ty = LI ? LI->getType() : SI->getValueOperand()->getType();
    Function *Acc = accessor(M, *G, Ty, /*Setter=*/SI != nullptr);
    if (!Acc)
      continue;
    IRBuilder<> B(I);
    CallInst *Call = SI ? B.CreateCall(Acc, {SI->getValueOperand()})
                        : B.CreateCall(Acc, {});
    Call->setDebugLoc(I->getDebugLoc());
    if (LI) {
      Call->takeName(LI);
      LI->replaceAllUsesWith(Call);
    }
    I->eraseFromParent();
    ++Rewritten;
  }
  for (Instruction *A : Addresses)
    if (A->use_empty())
      A->eraseFromParent();
  if (!Rewritten)
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace gollc
