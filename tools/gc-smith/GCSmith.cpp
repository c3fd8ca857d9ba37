//===- GCSmith.cpp - Random precise-GC programs in Gollvm style -----------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The generator behind gc-smith (docs/GCSmith.md). A program is main.main
// calling a few random "feature functions" and printing each one's result,
// then a checksum of a list main kept live across all of them. Each feature
// function either builds and walks a list, or makes "holders" (heap nodes
// kept live in one IR shape each: SSA value, out-of-object or interior
// derived pointer, vector lane, aggregate field, undef-initialised
// interface, stack object at a constant or variable index, select, phi
// swapped around a loop), runs a counted loop of "disturbers" (calls that
// collect under REFRT_STRESS: allocation, a callee allocating, a closure
// called through a function pointer with its context in `nest`, invoke,
// an invoke that really unwinds (refrt.throw) into a landing pad that
// collects and reads the holders, byval and sret calls, slices passed and returned by value, recursion deep
// enough to cross split-stack segments, a long call-free loop that
// go-preempt strip-mines, a call dirtying the stack) and reads every holder
// back. Every value it reads is folded into the result, so a node freed too
// early shows up as a different checksum or a crash.
//
// Values the optimizer must not fold (vector lane and stack indices, select
// conditions, the offsets that bring a derived pointer back into its
// object) are loaded from the external globals @main.zero and @main.one,
// which no code writes. Loops are counted with constant bounds and
// recursion depth is a constant, so every program terminates.
//
//   build/bin/gc-smith --seed 7 -o prog.ll
//
//===----------------------------------------------------------------------===//

#include "GCSmith.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Metadata.h"

#include <map>
#include <vector>

using namespace llvm;

namespace gollc {
namespace smith {

namespace {

const char *const AllFeatures[] = {
    // Holders: how a live pointer is kept across the collecting calls.
    "ssa", "derived", "interior", "vector", "aggr", "undef", "stack",
    "stackvar", "escape", "select", "phi",
    // Disturbers: what collects while the holders are live.
    "closure", "invoke", "unwind", "loop", "recursion", "byval", "sret",
    "slice", "dirty",
    // Whole feature functions.
    "list"};

/// SplitMix64: fully specified, so a seed gives the same program with any
/// standard library (std::uniform_int_distribution is not portable).
class Rng {
  uint64_t State;

public:
  explicit Rng(uint64_t Seed) : State(Seed) {}
  uint64_t next() {
    uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
    Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
    return Z ^ (Z >> 31);
  }
  /// Uniform in [0, N).
  unsigned pick(unsigned N) { return N ? unsigned(next() % N) : 0; }
  /// Uniform in [Lo, Hi].
  int64_t range(int64_t Lo, int64_t Hi) {
    return Lo + int64_t(next() % uint64_t(Hi - Lo + 1));
  }
  bool percent(unsigned P) { return pick(100) < P; }
};

enum class HolderKind {
  SSA,
  Derived,
  Interior,
  Vector,
  Aggr,
  Undef,
  Stack,
  StackVar,
  Select,
  Phi
};

/// One pointer kept live in one shape, and how to read it back.
struct Holder {
  HolderKind Kind;
  Value *Repr = nullptr;  // the live value (or the stack object)
  Value *Repr2 = nullptr; // the second phi of a swapped pair
  PHINode *PhiA = nullptr, *PhiB = nullptr;
  Type *AggTy = nullptr; // aggregate, vector or stack object type
  int64_t Offset = 0;    // derived: byte offset from the node
  unsigned Slot = 0;     // stack: element index; aggr: pointer field
  unsigned Lanes = 0;    // vector: lanes holding nodes (bit mask)
  int64_t Extra = 0;     // aggr length / stack tag, folded into the sum
  bool Escapes = false;  // stack: its slot is read by main.peek
};

class Generator {
  LLVMContext &Ctx;
  const Options &Opts;
  Rng R;
  std::unique_ptr<Module> M;

  Type *I64, *I32, *I8, *Ptr;
  StructType *TypeDescTy, *NodeTy, *SliceTy, *IfaceTy, *PairTy, *BoxTy;
  GlobalVariable *Zero = nullptr, *One = nullptr;
  std::map<std::string, GlobalVariable *> Descs;
  std::map<std::string, Function *> Helpers;
  AttributeList GoAttrs, HelperAttrs;
  MDNode *AddrTaken;
  std::set<std::string> &Used;

  bool has(StringRef F) const { return Opts.Features.count(F.str()); }
  /// Records that the program contains feature F (--print-features).
  void uses(StringRef F) { Used.insert(F.str()); }

public:
  Generator(LLVMContext &C, const Options &O, std::set<std::string> &Used)
      : Ctx(C), Opts(O), R(O.Seed * 0x2545f4914f6cdd1dULL + 0x1234567ULL),
        Used(Used) {}

  std::unique_ptr<Module> run();

private:
  // Types, descriptors, declarations.
  void setUpModule();
  GlobalVariable *desc(const std::string &Name, unsigned Words,
                       const std::vector<bool> &PtrWords, uint8_t Kind);
  GlobalVariable *nodeDesc() { return desc("node", 2, {true, false}, 25); }
  GlobalVariable *pairDesc() { return desc("pair", 2, {true, false}, 25); }
  GlobalVariable *closureDesc() {
    return desc("closure", 2, {false, true}, 25);
  }
  GlobalVariable *ptrArrayDesc(unsigned N) {
    return desc("ptrs" + std::to_string(N), N, std::vector<bool>(N, true), 17);
  }
  GlobalVariable *intArrayDesc(unsigned N) {
    return desc("ints" + std::to_string(N), N, std::vector<bool>(N, false), 17);
  }
  Function *declare(StringRef Name, Type *Ret, ArrayRef<Type *> Params);
  Function *define(const std::string &Name, Type *Ret, ArrayRef<Type *> Params,
                   bool NoInline);

  // Code helpers.
  CallInst *callGo(IRBuilder<> &B, Function *F, ArrayRef<Value *> Args,
                   Value *Nest = nullptr);
  Value *newObject(IRBuilder<> &B, GlobalVariable *D);
  Value *mkNode(IRBuilder<> &B, int64_t Val, Value *Next = nullptr);
  Value *loadVal(IRBuilder<> &B, Value *Node);
  Value *opaque(IRBuilder<> &B, bool IsOne);
  Value *mix(IRBuilder<> &B, Value *Acc, Value *V);
  void printPair(IRBuilder<> &B, Value *A, Value *V);
  int64_t val() { return R.range(1, 999999); }

  // Helper functions the disturbers call, each built once.
  Function *churnFn();
  Function *dirtyFn();
  Function *sinkFn();
  Function *peekFn();
  Function *workFn();
  Function *throwerFn();
  Function *unwinderFn();
  Function *deepFn(bool Throws = false);
  Function *spinFn();
  Function *closureBody();
  Function *takeFn();
  Function *mkBoxFn();
  Function *mkSliceFn(unsigned N);
  Function *sumSliceFn();

  // Feature functions.
  Function *holdFunction(unsigned Index);
  Function *listFunction(unsigned Index);
  Holder makeHolder(IRBuilder<> &B, HolderKind K, AllocaInst *&StackObj);
  void makeStackHolder(IRBuilder<> &B, Holder &H, AllocaInst *&StackObj);
  Value *readHolder(IRBuilder<> &B, const Holder &H);
  Value *disturb(IRBuilder<> &B, Function *F, Value *Acc, AllocaInst *Box,
                 BasicBlock *&LandingPad, const std::vector<Holder> &Holders);
  Value *unwind(IRBuilder<> &B, Function *F, Value *Acc,
                const std::vector<Holder> &Holders);
};

GlobalVariable *Generator::desc(const std::string &Name, unsigned Words,
                                const std::vector<bool> &PtrWords,
                                uint8_t Kind) {
  auto It = Descs.find(Name);
  if (It != Descs.end())
    return It->second;
  // gcdata: bit i of the mask is word i, LSB first (refrt reads it so).
  std::vector<uint8_t> Mask((Words + 7) / 8, 0);
  uint64_t PtrData = 0;
  for (unsigned I = 0; I < Words; ++I)
    if (PtrWords[I]) {
      Mask[I / 8] |= uint8_t(1u << (I % 8));
      PtrData = 8 * (I + 1);
    }
  Constant *GCData = ConstantPointerNull::get(cast<PointerType>(Ptr));
  if (PtrData) {
    auto *Data = ConstantDataArray::get(Ctx, ArrayRef<uint8_t>(Mask));
    auto *G = new GlobalVariable(*M, Data->getType(), true,
                                 GlobalValue::PrivateLinkage, Data,
                                 "main." + Name + "..gcdata");
    GCData = G;
  }
  Constant *Null = ConstantPointerNull::get(cast<PointerType>(Ptr));
  Constant *Fields[] = {ConstantInt::get(I64, 8 * Words),
                        ConstantInt::get(I64, PtrData),
                        ConstantInt::get(I32, R.next() & 0x7fffffff),
                        ConstantInt::get(I8, 0),
                        ConstantInt::get(I8, 8),
                        ConstantInt::get(I8, 8),
                        ConstantInt::get(I8, Kind),
                        Null,
                        GCData,
                        Null,
                        Null,
                        Null};
  auto *G = new GlobalVariable(
      *M, TypeDescTy, true, GlobalValue::ExternalLinkage,
      ConstantStruct::get(TypeDescTy, Fields), "main." + Name + "..d");
  Descs[Name] = G;
  return G;
}

void Generator::setUpModule() {
  M->setTargetTriple("x86_64-pc-linux-gnu");
  M->setDataLayout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-"
                   "f80:128-n8:16:32:64-S128");
  I64 = Type::getInt64Ty(Ctx);
  I32 = Type::getInt32Ty(Ctx);
  I8 = Type::getInt8Ty(Ctx);
  Ptr = PointerType::get(Ctx, 0);
  TypeDescTy = StructType::create(
      Ctx, {I64, I64, I32, I8, I8, I8, I8, Ptr, Ptr, Ptr, Ptr, Ptr}, "_type.0");
  NodeTy = StructType::create(Ctx, {Ptr, I64}, "main.node");
  SliceTy = StructType::create(Ctx, {Ptr, I64, I64}, "main.slice");
  IfaceTy = StructType::create(Ctx, {Ptr, Ptr}, "main.iface");
  PairTy = StructType::create(Ctx, {Ptr, I64}, "main.pair");
  BoxTy = StructType::create(Ctx, {Ptr, Ptr, I64}, "main.box");

  auto Opaque = [&](const char *Name, int64_t V) {
    return new GlobalVariable(*M, I64, false, GlobalValue::ExternalLinkage,
                              ConstantInt::get(I64, V), Name);
  };
  Zero = Opaque("main.zero", 0);
  One = Opaque("main.one", 1);

  // Gollvm's function attributes; helpers are noinline so that their frames
  // (and the pointers live in them) exist at -O2 too.
  AttrBuilder AB(Ctx);
  AB.addAttribute("disable-tail-calls", "true");
  AB.addAttribute("frame-pointer", "none");
  AB.addAttribute("split-stack");
  AB.addAttribute(Attribute::NullPointerIsValid);
  GoAttrs = AttributeList::get(Ctx, AttributeList::FunctionIndex, AB);
  AB.addAttribute(Attribute::NoInline);
  HelperAttrs = AttributeList::get(Ctx, AttributeList::FunctionIndex, AB);
  AddrTaken = MDNode::get(Ctx, {});

  declare("runtime.newobject", Ptr, {Ptr, Ptr});
  declare("runtime.printlock", Type::getVoidTy(Ctx), {Ptr});
  declare("runtime.printunlock", Type::getVoidTy(Ctx), {Ptr});
  declare("runtime.printint", Type::getVoidTy(Ctx), {Ptr, I64});
  declare("runtime.printsp", Type::getVoidTy(Ctx), {Ptr});
  declare("runtime.printnl", Type::getVoidTy(Ctx), {Ptr});
}

Function *Generator::declare(StringRef Name, Type *Ret,
                             ArrayRef<Type *> Params) {
  return cast<Function>(
      M->getOrInsertFunction(Name, FunctionType::get(Ret, Params, false))
          .getCallee());
}

Function *Generator::define(const std::string &Name, Type *Ret,
                            ArrayRef<Type *> Params, bool NoInline) {
  std::vector<Type *> All{Ptr};
  All.insert(All.end(), Params.begin(), Params.end());
  auto *F = Function::Create(FunctionType::get(Ret, All, false),
                             GlobalValue::ExternalLinkage, Name, *M);
  F->setAttributes(NoInline ? HelperAttrs : GoAttrs);
  F->addParamAttr(0, Attribute::Nest);
  F->getArg(0)->setName("nest");
  return F;
}

CallInst *Generator::callGo(IRBuilder<> &B, Function *F, ArrayRef<Value *> Args,
                            Value *Nest) {
  std::vector<Value *> All{Nest ? Nest : UndefValue::get(Ptr)};
  All.insert(All.end(), Args.begin(), Args.end());
  CallInst *CI = B.CreateCall(F, All);
  CI->addParamAttr(0, Attribute::Nest);
  return CI;
}

Value *Generator::newObject(IRBuilder<> &B, GlobalVariable *D) {
  return callGo(B, M->getFunction("runtime.newobject"), {D});
}

Value *Generator::mkNode(IRBuilder<> &B, int64_t Val, Value *Next) {
  Value *N = newObject(B, nodeDesc());
  if (Next)
    B.CreateStore(Next, N);
  B.CreateStore(ConstantInt::get(I64, Val), B.CreateStructGEP(NodeTy, N, 1));
  return N;
}

Value *Generator::loadVal(IRBuilder<> &B, Value *Node) {
  return B.CreateLoad(I64, B.CreateStructGEP(NodeTy, Node, 1));
}

Value *Generator::opaque(IRBuilder<> &B, bool IsOne) {
  return B.CreateLoad(I64, IsOne ? One : Zero);
}

Value *Generator::mix(IRBuilder<> &B, Value *Acc, Value *V) {
  return B.CreateAdd(B.CreateMul(Acc, ConstantInt::get(I64, 31)), V);
}

void Generator::printPair(IRBuilder<> &B, Value *A, Value *V) {
  callGo(B, M->getFunction("runtime.printlock"), {});
  callGo(B, M->getFunction("runtime.printint"), {A});
  callGo(B, M->getFunction("runtime.printsp"), {});
  callGo(B, M->getFunction("runtime.printint"), {V});
  callGo(B, M->getFunction("runtime.printnl"), {});
  callGo(B, M->getFunction("runtime.printunlock"), {});
}

// main.churn(n): n garbage allocations, nodes and integer arrays.
Function *Generator::churnFn() {
  if (Function *F = Helpers["churn"])
    return F;
  Function *F = define("main.churn", Type::getVoidTy(Ctx), {I64}, true);
  Helpers["churn"] = F;
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "loop", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *I = B.CreatePHI(I64, 2, "i");
  I->addIncoming(ConstantInt::get(I64, 0), Entry);
  mkNode(B, -1);
  newObject(B, intArrayDesc(5));
  Value *Next = B.CreateAdd(I, ConstantInt::get(I64, 1), "i.next");
  I->addIncoming(Next, Loop);
  B.CreateCondBr(B.CreateICmpSLT(Next, F->getArg(1)), Loop, Done);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();
  return F;
}

Function *Generator::sinkFn() {
  if (Function *F = Helpers["sink"])
    return F;
  Function *F = define("main.sink", Type::getVoidTy(Ctx), {Ptr}, true);
  Helpers["sink"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  B.CreateRetVoid();
  return F;
}

// main.dirty: fills 64 stack words with a pointer to an object that dies at
// once, so a later frame's unwritten slot holds a stale heap pointer (what
// an undef value recorded in a map would expose).
Function *Generator::dirtyFn() {
  if (Function *F = Helpers["dirty"])
    return F;
  Function *Sink = sinkFn();
  Function *F = define("main.dirty", Type::getVoidTy(Ctx), {}, true);
  Helpers["dirty"] = F;
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "fill", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  auto *ArrTy = ArrayType::get(Ptr, 64);
  AllocaInst *Arr = B.CreateAlloca(ArrTy, nullptr, "arr");
  Arr->setMetadata("go_addrtaken", AddrTaken);
  Value *O = newObject(B, intArrayDesc(12));
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *K = B.CreatePHI(I64, 2, "k");
  K->addIncoming(ConstantInt::get(I64, 0), Entry);
  B.CreateStore(O,
                B.CreateInBoundsGEP(ArrTy, Arr, {ConstantInt::get(I64, 0), K}));
  Value *Next = B.CreateAdd(K, ConstantInt::get(I64, 1));
  K->addIncoming(Next, Loop);
  B.CreateCondBr(B.CreateICmpULT(Next, ConstantInt::get(I64, 64)), Loop, Done);
  B.SetInsertPoint(Done);
  callGo(B, Sink, {Arr});
  B.CreateRetVoid();
  return F;
}

// main.peek(slot): allocates, then reads the node a stack slot of its
// caller holds (an escaping stack object live across the callee's calls).
Function *Generator::peekFn() {
  if (Function *F = Helpers["peek"])
    return F;
  Function *F = define("main.peek", I64, {Ptr}, true);
  Helpers["peek"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  mkNode(B, -2);
  Value *N = B.CreateLoad(Ptr, F->getArg(1), "n");
  B.CreateRet(loadVal(B, N));
  return F;
}

// main.work(n): called by invoke; allocates n garbage nodes, returns n.
Function *Generator::workFn() {
  if (Function *F = Helpers["work"])
    return F;
  Function *F = define("main.work", I64, {I64}, true);
  Helpers["work"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  callGo(B, churnFn(), {F->getArg(1)});
  B.CreateRet(F->getArg(1));
  return F;
}

// main.thrower(v): keeps a node live across allocations, then throws
// (refrt.throw, docs/ReferenceRuntime.md, Unwinding) a value computed from
// it, with the node's type descriptor as the exception's type.
Function *Generator::throwerFn() {
  if (Function *F = Helpers["thrower"])
    return F;
  Function *Throw = declare("refrt.throw", Type::getVoidTy(Ctx), {Ptr, Ptr, I64});
  Throw->setDoesNotReturn();
  Function *F = define("main.thrower", I64, {I64}, true);
  Helpers["thrower"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *N = newObject(B, nodeDesc());
  B.CreateStore(F->getArg(1), B.CreateStructGEP(NodeTy, N, 1));
  callGo(B, churnFn(), {ConstantInt::get(I64, R.range(1, 3))});
  Value *T = B.CreateAdd(B.CreateMul(loadVal(B, N), ConstantInt::get(I64, 3)),
                         ConstantInt::get(I64, R.range(1, 99)));
  callGo(B, Throw, {nodeDesc(), T})->setDoesNotReturn();
  B.CreateUnreachable();
  return F;
}

// main.unwinder(cell, v): invokes main.thrower with a node of its own live
// into a cleanup landing pad, which allocates, folds that node into the
// caller's cell and resumes unwinding.
Function *Generator::unwinderFn() {
  if (Function *F = Helpers["unwinder"])
    return F;
  Function *F = define("main.unwinder", I64, {Ptr, I64}, true);
  Helpers["unwinder"] = F;
  F->setPersonalityFn(M->getFunction("__gccgo_personality_v0"));
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Cont = BasicBlock::Create(Ctx, "cont", F);
  auto *Pad = BasicBlock::Create(Ctx, "cleanup", F);
  IRBuilder<> B(Entry);
  Value *Own = mkNode(B, val());
  InvokeInst *II =
      B.CreateInvoke(throwerFn(), Cont, Pad,
                     {UndefValue::get(Ptr),
                      B.CreateAdd(F->getArg(2), ConstantInt::get(I64, 1))});
  II->addParamAttr(0, Attribute::Nest);
  B.SetInsertPoint(Cont);
  B.CreateRet(II);
  B.SetInsertPoint(Pad);
  LandingPadInst *LP = B.CreateLandingPad(StructType::get(Ctx, {Ptr, I32}), 0);
  LP->setCleanup(true);
  callGo(B, churnFn(), {ConstantInt::get(I64, R.range(1, 3))});
  Value *CellVal = B.CreateStructGEP(NodeTy, F->getArg(1), 1);
  B.CreateStore(mix(B, B.CreateLoad(I64, CellVal), loadVal(B, Own)), CellVal);
  B.CreateResume(LP);
  return F;
}

// main.deep(d, v): every frame keeps its own node across the recursive call
// (and the allocations of the frames below); deep enough, the recursion
// crosses split-stack segments and refrt walks __morestack frames.
// main.deepthrow (Throws) calls main.thrower at the bottom: the exception
// unwinds through every frame (and __morestack's) to its caller's pad.
Function *Generator::deepFn(bool Throws) {
  std::string Name = Throws ? "deepthrow" : "deep";
  if (Function *F = Helpers[Name])
    return F;
  Function *F = define("main." + Name, I64, {I64, I64}, true);
  Helpers[Name] = F;
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Rec = BasicBlock::Create(Ctx, "rec", F);
  BasicBlock *Bottom =
      Throws ? BasicBlock::Create(Ctx, "bottom", F) : nullptr;
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  // Padding (written by a volatile store, so -O2 keeps it) makes each frame
  // a few hundred bytes: a few hundred levels cross several 4 KiB segments.
  auto *PadTy = ArrayType::get(I64, unsigned(R.range(8, 64)));
  AllocaInst *Pad = B.CreateAlloca(PadTy, nullptr, "pad");
  B.CreateStore(F->getArg(1), Pad, /*isVolatile=*/true);
  Value *N = newObject(B, nodeDesc());
  B.CreateStore(F->getArg(2), B.CreateStructGEP(NodeTy, N, 1));
  B.CreateCondBr(B.CreateICmpSGT(F->getArg(1), ConstantInt::get(I64, 0)), Rec,
                 Bottom ? Bottom : Done);
  Value *Last = ConstantInt::get(I64, 0);
  if (Bottom) {
    B.SetInsertPoint(Bottom);
    Last = callGo(B, throwerFn(), {loadVal(B, N)});
    B.CreateBr(Done);
  }
  B.SetInsertPoint(Rec);
  Value *Sub = callGo(B, F,
                      {B.CreateSub(F->getArg(1), ConstantInt::get(I64, 1)),
                       B.CreateAdd(F->getArg(2), ConstantInt::get(I64, 3))});
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  PHINode *S = B.CreatePHI(I64, 2, "sub");
  S->addIncoming(Last, Bottom ? Bottom : Entry);
  S->addIncoming(Sub, Rec);
  B.CreateRet(mix(B, S, loadVal(B, N)));
  return F;
}

// main.spin(p, n): a call-free loop of n iterations reading through p with
// volatile loads (kept by the optimizer); longer than go-preempt's chunk,
// so with backedge polls it is strip-mined and p is live at each poll.
Function *Generator::spinFn() {
  if (Function *F = Helpers["spin"])
    return F;
  Function *F = define("main.spin", I64, {Ptr, I64}, true);
  Helpers["spin"] = F;
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "loop", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *I = B.CreatePHI(I64, 2, "i");
  PHINode *S = B.CreatePHI(I64, 2, "s");
  I->addIncoming(ConstantInt::get(I64, 0), Entry);
  S->addIncoming(ConstantInt::get(I64, 0), Entry);
  Value *V = B.CreateLoad(I64, B.CreateStructGEP(NodeTy, F->getArg(1), 1),
                          /*isVolatile=*/true);
  Value *SN = B.CreateAdd(S, B.CreateXor(V, I));
  Value *IN = B.CreateAdd(I, ConstantInt::get(I64, 1));
  I->addIncoming(IN, Loop);
  S->addIncoming(SN, Loop);
  B.CreateCondBr(B.CreateICmpSLT(IN, F->getArg(2)), Loop, Done);
  B.SetInsertPoint(Done);
  B.CreateRet(SN);
  return F;
}

// main.closure(nest ctx, x): a Go closure body; its context {fn, node}
// arrives in nest and must stay live across the allocation.
Function *Generator::closureBody() {
  if (Function *F = Helpers["closure"])
    return F;
  Function *F = define("main.closure", I64, {I64}, true);
  Helpers["closure"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  mkNode(B, -3);
  Value *Cap =
      B.CreateLoad(Ptr, B.CreateConstInBoundsGEP1_64(Ptr, F->getArg(0), 1));
  B.CreateRet(B.CreateAdd(loadVal(B, Cap), F->getArg(1)));
  return F;
}

// main.take(byval pair): only the callee's copy holds the node.
Function *Generator::takeFn() {
  if (Function *F = Helpers["take"])
    return F;
  Function *F = define("main.take", I64, {Ptr}, true);
  Helpers["take"] = F;
  F->addParamAttr(1, Attribute::getWithByValType(Ctx, PairTy));
  F->addParamAttr(1, Attribute::getWithAlignment(Ctx, Align(8)));
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  mkNode(B, -4);
  newObject(B, intArrayDesc(3));
  Value *N = B.CreateLoad(Ptr, F->getArg(1));
  Value *K = B.CreateLoad(I64, B.CreateStructGEP(PairTy, F->getArg(1), 1));
  B.CreateRet(B.CreateAdd(loadVal(B, N), K));
  return F;
}

// main.mkbox(sret box, v): writes two fresh nodes and v into its caller's
// stack object, allocating between the writes.
Function *Generator::mkBoxFn() {
  if (Function *F = Helpers["mkbox"])
    return F;
  // Gollvm puts the sret pointer before the nest parameter.
  auto *FTy = FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, I64}, false);
  auto *F =
      Function::Create(FTy, GlobalValue::ExternalLinkage, "main.mkbox", *M);
  F->setAttributes(HelperAttrs);
  F->addParamAttr(0, Attribute::getWithStructRetType(Ctx, BoxTy));
  F->addParamAttr(1, Attribute::Nest);
  Helpers["mkbox"] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Out = F->getArg(0);
  Value *V = F->getArg(2);
  Value *A = newObject(B, nodeDesc());
  B.CreateStore(V, B.CreateStructGEP(NodeTy, A, 1));
  B.CreateStore(A, B.CreateStructGEP(BoxTy, Out, 0));
  Value *Bn = newObject(B, nodeDesc());
  B.CreateStore(B.CreateAdd(V, ConstantInt::get(I64, 11)),
                B.CreateStructGEP(NodeTy, Bn, 1));
  B.CreateStore(Bn, B.CreateStructGEP(BoxTy, Out, 1));
  callGo(B, churnFn(), {ConstantInt::get(I64, 2)});
  B.CreateStore(B.CreateMul(V, ConstantInt::get(I64, 3)),
                B.CreateStructGEP(BoxTy, Out, 2));
  B.CreateRetVoid();
  return F;
}

// main.mkslicesN(v): a slice of N fresh nodes, returned by value (24 bytes:
// returned in memory, through go-statepoints' wrapper).
Function *Generator::mkSliceFn(unsigned N) {
  std::string Key = "mkslice" + std::to_string(N);
  if (Function *F = Helpers[Key])
    return F;
  Function *F = define("main." + Key, SliceTy, {I64}, true);
  Helpers[Key] = F;
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Arr = newObject(B, ptrArrayDesc(N));
  for (unsigned J = 0; J < N; ++J) {
    Value *Nd = newObject(B, nodeDesc());
    B.CreateStore(B.CreateAdd(F->getArg(1), ConstantInt::get(I64, J * 7)),
                  B.CreateStructGEP(NodeTy, Nd, 1));
    B.CreateStore(Nd, B.CreateConstInBoundsGEP1_64(Ptr, Arr, J));
  }
  Value *S = UndefValue::get(SliceTy);
  S = B.CreateInsertValue(S, Arr, 0);
  S = B.CreateInsertValue(S, ConstantInt::get(I64, N), 1);
  S = B.CreateInsertValue(S, ConstantInt::get(I64, N), 2);
  B.CreateRet(S);
  return F;
}

// main.sumslice(s): a slice passed by value, live across an allocation,
// then summed.
Function *Generator::sumSliceFn() {
  if (Function *F = Helpers["sumslice"])
    return F;
  Function *F = define("main.sumslice", I64, {SliceTy}, true);
  Helpers["sumslice"] = F;
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Loop = BasicBlock::Create(Ctx, "loop", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  callGo(B, churnFn(), {ConstantInt::get(I64, 1)});
  Value *Base = B.CreateExtractValue(F->getArg(1), 0);
  Value *Len = B.CreateExtractValue(F->getArg(1), 1);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *J = B.CreatePHI(I64, 2, "j");
  PHINode *S = B.CreatePHI(I64, 2, "s");
  J->addIncoming(ConstantInt::get(I64, 0), Entry);
  S->addIncoming(ConstantInt::get(I64, 0), Entry);
  Value *Nd = B.CreateLoad(Ptr, B.CreateInBoundsGEP(Ptr, Base, J));
  Value *SN = mix(B, S, loadVal(B, Nd));
  Value *JN = B.CreateAdd(J, ConstantInt::get(I64, 1));
  J->addIncoming(JN, Loop);
  S->addIncoming(SN, Loop);
  B.CreateCondBr(B.CreateICmpSLT(JN, Len), Loop, Done);
  B.SetInsertPoint(Done);
  B.CreateRet(SN);
  return F;
}

/// Fills \p H (Stack or StackVar) with a typed stack object holding one node
/// pointer, and returns the object in \p StackObj.
void Generator::makeStackHolder(IRBuilder<> &B, Holder &H,
                                AllocaInst *&StackObj) {
  // A typed stack object {tag, [N x ptr]} (Go zeroes it: so do we). The
  // tag is an odd integer, never a valid pointer: a map that marks it
  // fails refrt's checker.
  unsigned N = unsigned(R.range(1, 6));
  H.AggTy = StructType::get(Ctx, {I64, ArrayType::get(Ptr, N)});
  H.Slot = R.pick(N);
  H.Extra = R.range(1, 1 << 20) * 2 + 1;
  IRBuilder<> EB(&B.GetInsertBlock()->getParent()->getEntryBlock(),
                 B.GetInsertBlock()->getParent()->getEntryBlock().begin());
  AllocaInst *A = EB.CreateAlloca(H.AggTy, nullptr, "obj");
  if (R.percent(50))
    A->setMetadata("go_addrtaken", AddrTaken);
  StackObj = A;
  B.CreateStore(ConstantInt::get(I64, H.Extra), A);
  for (unsigned J = 0; J < N; ++J)
    B.CreateStore(ConstantPointerNull::get(cast<PointerType>(Ptr)),
                  B.CreateInBoundsGEP(H.AggTy, A,
                                      {ConstantInt::get(I64, 0),
                                       ConstantInt::get(I32, 1),
                                       ConstantInt::get(I64, J)}));
  Value *Idx = ConstantInt::get(I64, H.Slot);
  if (H.Kind == HolderKind::StackVar)
    Idx = B.CreateAdd(opaque(B, false), Idx, "idx");
  B.CreateStore(mkNode(B, val()),
                B.CreateInBoundsGEP(H.AggTy, A,
                                    {ConstantInt::get(I64, 0),
                                     ConstantInt::get(I32, 1), Idx}));
  H.Repr = A;
  H.Escapes = has("escape") && R.percent(50);
}

Holder Generator::makeHolder(IRBuilder<> &B, HolderKind K,
                             AllocaInst *&StackObj) {
  Holder H;
  H.Kind = K;
  switch (K) {
  case HolderKind::SSA:
    H.Repr = mkNode(B, val());
    break;
  case HolderKind::Derived: {
    // Outside the node: before it, or at or past its end. Only the derived
    // pointer is live at the calls; the map must record the node.
    static const int64_t Offsets[] = {-8, -16, -64, 16, 24, 4096};
    H.Offset = Offsets[R.pick(6)];
    Value *N = mkNode(B, val());
    H.Repr = B.CreateGEP(I8, N, ConstantInt::get(I64, H.Offset), "derived");
    break;
  }
  case HolderKind::Interior: {
    Value *N = mkNode(B, val());
    H.Repr = B.CreateStructGEP(NodeTy, N, 1, "interior");
    break;
  }
  case HolderKind::Vector: {
    unsigned W = R.percent(50) ? 2 : 4;
    H.AggTy = FixedVectorType::get(Ptr, W);
    Value *V = Constant::getNullValue(H.AggTy);
    for (unsigned L = 0; L < W; ++L) {
      if (L != 0 && R.percent(25))
        continue; // a null lane
      H.Lanes |= 1u << L;
      V = B.CreateInsertElement(V, mkNode(B, val()), ConstantInt::get(I64, L));
    }
    H.Repr = V;
    break;
  }
  case HolderKind::Aggr: {
    // A Go slice or interface as a first-class value, every field set.
    if (R.percent(50)) {
      H.AggTy = SliceTy;
      H.Extra = R.range(1, 100);
      Value *S = UndefValue::get(SliceTy);
      S = B.CreateInsertValue(S, mkNode(B, val()), 0);
      S = B.CreateInsertValue(S, ConstantInt::get(I64, H.Extra), 1);
      S = B.CreateInsertValue(S, ConstantInt::get(I64, H.Extra), 2);
      H.Repr = S;
      H.Slot = 0;
    } else {
      H.AggTy = IfaceTy;
      Value *S = UndefValue::get(IfaceTy);
      S = B.CreateInsertValue(S, nodeDesc(), 0);
      S = B.CreateInsertValue(S, mkNode(B, val()), 1);
      H.Repr = S;
      H.Slot = 1;
    }
    break;
  }
  case HolderKind::Undef: {
    // An interface whose type word stays undef: only the data word is set.
    H.AggTy = IfaceTy;
    H.Repr = B.CreateInsertValue(UndefValue::get(IfaceTy), mkNode(B, val()), 1,
                                 "iface");
    H.Slot = 1;
    break;
  }
  case HolderKind::Stack:
  case HolderKind::StackVar:
    makeStackHolder(B, H, StackObj);
    break;
  case HolderKind::Select: {
    Value *P = mkNode(B, val());
    Value *Q = mkNode(B, val());
    Value *C = B.CreateICmpEQ(opaque(B, true), ConstantInt::get(I64, 1));
    H.Repr = R.percent(50) ? B.CreateSelect(C, P, Q, "sel")
                           : B.CreateSelect(C, Q, P, "sel");
    break;
  }
  case HolderKind::Phi:
    H.Repr = mkNode(B, val());
    H.Repr2 = mkNode(B, val());
    break;
  }
  return H;
}

Value *Generator::readHolder(IRBuilder<> &B, const Holder &H) {
  switch (H.Kind) {
  case HolderKind::SSA:
  case HolderKind::Select:
    return loadVal(B, H.Repr);
  case HolderKind::Derived: {
    // Back to the value field by an offset the optimizer cannot fold into
    // the GEP that made the derived pointer.
    Value *Off =
        B.CreateMul(opaque(B, true), ConstantInt::get(I64, 8 - H.Offset));
    return B.CreateLoad(I64, B.CreateGEP(I8, H.Repr, Off));
  }
  case HolderKind::Interior:
    return B.CreateLoad(I64, H.Repr);
  case HolderKind::Vector: {
    Value *S = ConstantInt::get(I64, 0);
    unsigned W = cast<FixedVectorType>(H.AggTy)->getNumElements();
    for (unsigned L = 0; L < W; ++L)
      if (H.Lanes & (1u << L)) {
        Value *Idx = B.CreateAdd(opaque(B, false), ConstantInt::get(I64, L));
        S = mix(B, S, loadVal(B, B.CreateExtractElement(H.Repr, Idx)));
      }
    return S;
  }
  case HolderKind::Aggr:
  case HolderKind::Undef: {
    Value *V = loadVal(B, B.CreateExtractValue(H.Repr, H.Slot));
    if (H.AggTy == SliceTy)
      V = B.CreateAdd(V, B.CreateExtractValue(H.Repr, 1));
    return V;
  }
  case HolderKind::Stack:
  case HolderKind::StackVar: {
    Value *Idx = ConstantInt::get(I64, H.Slot);
    if (H.Kind == HolderKind::StackVar)
      Idx = B.CreateAdd(opaque(B, false), Idx);
    Value *N =
        B.CreateLoad(Ptr, B.CreateInBoundsGEP(H.AggTy, H.Repr,
                                              {ConstantInt::get(I64, 0),
                                               ConstantInt::get(I32, 1), Idx}));
    return B.CreateAdd(loadVal(B, N), B.CreateLoad(I64, H.Repr));
  }
  case HolderKind::Phi:
    return mix(B, loadVal(B, H.PhiA), loadVal(B, H.PhiB));
  }
  return nullptr;
}

// One collecting call (or a few) in the loop body; returns the new
// accumulator. May end the current block (invoke, inline loops).
Value *Generator::disturb(IRBuilder<> &B, Function *F, Value *Acc,
                          AllocaInst *Box, BasicBlock *&LandingPad,
                          const std::vector<Holder> &Holders) {
  std::vector<std::string> Kinds{"alloc", "churn"};
  for (const char *K : {"closure", "invoke", "unwind", "loop", "recursion",
                        "byval", "sret", "slice", "dirty"})
    if (has(K) && !(StringRef(K) == "sret" && !Box))
      Kinds.push_back(K);
  std::string K = Kinds[R.pick(Kinds.size())];
  if (K != "alloc" && K != "churn")
    uses(K);
  if (K == "alloc") {
    newObject(B, R.percent(50) ? nodeDesc() : intArrayDesc(R.range(1, 40)));
    return Acc;
  }
  if (K == "churn") {
    callGo(B, churnFn(), {ConstantInt::get(I64, R.range(1, 6))});
    return Acc;
  }
  if (K == "dirty") {
    callGo(B, dirtyFn(), {});
    return Acc;
  }
  if (K == "closure") {
    Value *Clo = newObject(B, closureDesc());
    B.CreateStore(closureBody(), Clo);
    B.CreateStore(mkNode(B, val()), B.CreateConstInBoundsGEP1_64(Ptr, Clo, 1));
    Value *Fn = B.CreateLoad(Ptr, Clo, "fn");
    CallInst *CI = B.CreateCall(closureBody()->getFunctionType(), Fn,
                                {Clo, ConstantInt::get(I64, R.range(1, 50))});
    CI->addParamAttr(0, Attribute::Nest);
    return mix(B, Acc, CI);
  }
  if (K == "unwind")
    return unwind(B, F, Acc, Holders);
  if (K == "invoke") {
    // The landing pad is reachable only in principle: main.work never
    // unwinds (refrt's personality would find no handler).
    if (!LandingPad) {
      LandingPad = BasicBlock::Create(Ctx, "lpad", F);
      IRBuilder<> LB(LandingPad);
      auto *LPTy = StructType::get(Ctx, {Ptr, I32});
      LandingPadInst *LP = LB.CreateLandingPad(LPTy, 0);
      LP->setCleanup(true);
      LB.CreateResume(LP);
      if (!F->hasPersonalityFn())
        F->setPersonalityFn(M->getFunction("__gccgo_personality_v0"));
    }
    auto *Cont = BasicBlock::Create(Ctx, "invoke.cont", F);
    Function *W = workFn();
    InvokeInst *II = B.CreateInvoke(
        W, Cont, LandingPad,
        {UndefValue::get(Ptr), ConstantInt::get(I64, R.range(1, 4))});
    II->addParamAttr(0, Attribute::Nest);
    B.SetInsertPoint(Cont);
    return mix(B, Acc, II);
  }
  if (K == "loop") {
    Value *N = mkNode(B, val());
    Value *S =
        callGo(B, spinFn(), {N, ConstantInt::get(I64, R.range(1001, 4000))});
    return mix(B, Acc, B.CreateAdd(S, loadVal(B, N)));
  }
  if (K == "recursion") {
    int64_t Depth = R.percent(70) ? R.range(10, 200) : R.range(200, 1000);
    return mix(
        B, Acc,
        callGo(B, deepFn(),
               {ConstantInt::get(I64, Depth), ConstantInt::get(I64, val())}));
  }
  if (K == "byval") {
    Value *Pair = newObject(B, pairDesc());
    B.CreateStore(mkNode(B, val()), Pair);
    B.CreateStore(ConstantInt::get(I64, R.range(1, 99)),
                  B.CreateStructGEP(PairTy, Pair, 1));
    CallInst *CI = callGo(B, takeFn(), {Pair});
    CI->addParamAttr(1, Attribute::getWithByValType(Ctx, PairTy));
    CI->addParamAttr(1, Attribute::getWithAlignment(Ctx, Align(8)));
    return mix(B, Acc, CI);
  }
  if (K == "sret") {
    CallInst *CI = B.CreateCall(
        mkBoxFn(), {Box, UndefValue::get(Ptr), ConstantInt::get(I64, val())});
    CI->addParamAttr(0, Attribute::getWithStructRetType(Ctx, BoxTy));
    CI->addParamAttr(1, Attribute::Nest);
    newObject(B, nodeDesc());
    Value *A = B.CreateLoad(Ptr, B.CreateStructGEP(BoxTy, Box, 0));
    Value *Bn = B.CreateLoad(Ptr, B.CreateStructGEP(BoxTy, Box, 1));
    Value *V = B.CreateLoad(I64, B.CreateStructGEP(BoxTy, Box, 2));
    newObject(B, nodeDesc());
    return mix(B, Acc,
               B.CreateAdd(B.CreateAdd(loadVal(B, A), loadVal(B, Bn)), V));
  }
  // slice
  unsigned N = unsigned(R.range(1, 5));
  Value *S = callGo(B, mkSliceFn(N), {ConstantInt::get(I64, val())});
  newObject(B, nodeDesc());
  return mix(B, Acc, callGo(B, sumSliceFn(), {S}));
}

// An invoke that really unwinds: of main.thrower, of main.unwinder
// (through its cleanup pad) or of main.deepthrow (through a recursion). The catching landing pad takes the thrown
// value (refrt.catch), allocates, reads some of the function's holders
// (live across the invoke into the pad) and the cell the cleanup wrote;
// a typed catch (a decoy type first) also checks its selector. What the
// pad computes joins the normal result in a phi.
Value *Generator::unwind(IRBuilder<> &B, Function *F, Value *Acc,
                         const std::vector<Holder> &Holders) {
  if (!F->hasPersonalityFn())
    F->setPersonalityFn(M->getFunction("__gccgo_personality_v0"));
  Function *Catch = declare("refrt.catch", I64, {Ptr, Ptr});
  Value *Cell = mkNode(B, val());
  // Straight from main.thrower, through main.unwinder's cleanup pad, or
  // from the bottom of a recursion (across split-stack segments).
  unsigned Via = R.pick(3);
  Function *Callee =
      Via == 0 ? throwerFn() : Via == 1 ? unwinderFn() : deepFn(true);
  std::vector<Value *> Args{UndefValue::get(Ptr)};
  if (Via == 1)
    Args.push_back(Cell);
  if (Via == 2)
    Args.push_back(ConstantInt::get(
        I64, R.percent(70) ? R.range(10, 200) : R.range(200, 800)));
  Args.push_back(ConstantInt::get(I64, val()));
  auto *Cont = BasicBlock::Create(Ctx, "unwind.cont", F);
  auto *Pad = BasicBlock::Create(Ctx, "catch", F);
  auto *Join = BasicBlock::Create(Ctx, "unwind.join", F);
  InvokeInst *II = B.CreateInvoke(Callee, Cont, Pad, Args);
  II->addParamAttr(0, Attribute::Nest);
  B.SetInsertPoint(Cont);
  B.CreateBr(Join);

  B.SetInsertPoint(Pad);
  LandingPadInst *LP = B.CreateLandingPad(StructType::get(Ctx, {Ptr, I32}),
                                          2);
  bool Typed = R.percent(50);
  if (Typed) {
    LP->addClause(pairDesc()); // a decoy: never thrown
    LP->addClause(nodeDesc());
  } else {
    LP->addClause(ConstantPointerNull::get(cast<PointerType>(Ptr)));
  }
  Value *T = callGo(B, Catch, {B.CreateExtractValue(LP, 0)});
  if (R.percent(70))
    newObject(B, R.percent(50) ? nodeDesc() : intArrayDesc(R.range(1, 9)));
  for (const Holder &H : Holders)
    if (R.percent(50))
      T = mix(B, T, readHolder(B, H));
  T = mix(B, T, loadVal(B, Cell));
  if (Typed) {
    Function *TypeId = Intrinsic::getDeclaration(
        M.get(), Intrinsic::eh_typeid_for, {Ptr});
    Value *Right = B.CreateICmpEQ(B.CreateExtractValue(LP, 1),
                                  B.CreateCall(TypeId, {nodeDesc()}));
    T = B.CreateAdd(T, B.CreateSelect(Right, ConstantInt::get(I64, 0),
                                      ConstantInt::get(I64, 1000003)));
  }
  B.CreateBr(Join);

  B.SetInsertPoint(Join);
  PHINode *V = B.CreatePHI(I64, 2, "unwound");
  V->addIncoming(II, Cont);
  V->addIncoming(T, Pad);
  return mix(B, Acc, V);
}

// A feature function: holders, a counted loop of disturbers, the holders
// read back.
Function *Generator::holdFunction(unsigned Index) {
  Function *F =
      define("main.f" + std::to_string(Index), I64, {}, R.percent(50));
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  IRBuilder<> B(Entry);

  std::vector<HolderKind> Kinds;
  static const std::pair<const char *, HolderKind> Names[] = {
      {"ssa", HolderKind::SSA},           {"derived", HolderKind::Derived},
      {"interior", HolderKind::Interior}, {"vector", HolderKind::Vector},
      {"aggr", HolderKind::Aggr},         {"undef", HolderKind::Undef},
      {"stack", HolderKind::Stack},       {"stackvar", HolderKind::StackVar},
      {"select", HolderKind::Select},     {"phi", HolderKind::Phi}};
  for (auto &[Name, K] : Names)
    if (has(Name))
      Kinds.push_back(K);

  AllocaInst *Box = nullptr;
  if (has("sret"))
    Box = B.CreateAlloca(BoxTy, nullptr, "box");
  if (Box)
    B.CreateStore(Constant::getNullValue(BoxTy), Box);

  std::vector<Holder> Holders;
  unsigned NH = Kinds.empty() ? 0 : 1 + R.pick(Opts.Size + 1);
  for (unsigned I = 0; I < NH; ++I) {
    AllocaInst *Obj = nullptr;
    Holders.push_back(makeHolder(B, Kinds[R.pick(Kinds.size())], Obj));
    for (auto &[Name, K] : Names)
      if (K == Holders.back().Kind)
        uses(Name);
  }

  auto *Loop = BasicBlock::Create(Ctx, "loop", F);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *I = B.CreatePHI(I64, 2, "i");
  PHINode *Acc = B.CreatePHI(I64, 2, "acc");
  I->addIncoming(ConstantInt::get(I64, 0), Entry);
  Acc->addIncoming(ConstantInt::get(I64, 0), Entry);
  for (Holder &H : Holders)
    if (H.Kind == HolderKind::Phi) {
      H.PhiA = B.CreatePHI(Ptr, 2, "swap.a");
      H.PhiB = B.CreatePHI(Ptr, 2, "swap.b");
      H.PhiA->addIncoming(H.Repr, Entry);
      H.PhiB->addIncoming(H.Repr2, Entry);
    }
  Value *A = Acc;
  // Some holders are also read at the top of every iteration, before the
  // disturbers: otherwise -O2 sinks a derived pointer (or an aggregate
  // or vector) below the calls and only its base is live across them.
  for (Holder &H : Holders)
    if (R.percent(50))
      A = mix(B, A, readHolder(B, H));
  BasicBlock *LandingPad = nullptr;
  unsigned ND = 1 + R.pick(3);
  for (unsigned D = 0; D < ND; ++D) {
    A = disturb(B, F, A, Box, LandingPad, Holders);
    // An escaping stack object is read by a callee that allocates.
    for (Holder &H : Holders)
      if (H.Escapes && R.percent(50)) {
        Value *Idx = ConstantInt::get(I64, H.Slot);
        if (H.Kind == HolderKind::StackVar)
          Idx = B.CreateAdd(opaque(B, false), Idx);
        uses("escape");
        Value *Slot = B.CreateInBoundsGEP(
            H.AggTy, H.Repr,
            {ConstantInt::get(I64, 0), ConstantInt::get(I32, 1), Idx});
        A = mix(B, A, callGo(B, peekFn(), {Slot}));
      }
  }
  BasicBlock *Latch = B.GetInsertBlock();
  Value *INext = B.CreateAdd(I, ConstantInt::get(I64, 1));
  I->addIncoming(INext, Latch);
  Acc->addIncoming(A, Latch);
  for (Holder &H : Holders)
    if (H.Kind == HolderKind::Phi) {
      H.PhiA->addIncoming(H.PhiB, Latch);
      H.PhiB->addIncoming(H.PhiA, Latch);
    }
  auto *Exit = BasicBlock::Create(Ctx, "exit", F);
  B.CreateCondBr(B.CreateICmpSLT(INext, ConstantInt::get(I64, R.range(1, 3))),
                 Loop, Exit);
  B.SetInsertPoint(Exit);
  Value *Sum = A;
  for (const Holder &H : Holders)
    Sum = mix(B, Sum, readHolder(B, H));
  B.CreateRet(Sum);
  // The landing pad was created first; keep the blocks in a readable order.
  if (LandingPad)
    LandingPad->moveAfter(&F->back());
  return F;
}

// A feature function that builds a list in a loop (the head a phi, garbage
// between the nodes) and walks it.
Function *Generator::listFunction(unsigned Index) {
  Function *F =
      define("main.f" + std::to_string(Index), I64, {}, R.percent(50));
  uses("list");
  auto *Entry = BasicBlock::Create(Ctx, "entry", F);
  auto *Build = BasicBlock::Create(Ctx, "build", F);
  auto *Walk = BasicBlock::Create(Ctx, "walk", F);
  auto *Done = BasicBlock::Create(Ctx, "done", F);
  IRBuilder<> B(Entry);
  B.CreateBr(Build);
  B.SetInsertPoint(Build);
  PHINode *I = B.CreatePHI(I64, 2, "i");
  PHINode *Head = B.CreatePHI(Ptr, 2, "head");
  I->addIncoming(ConstantInt::get(I64, 0), Entry);
  Head->addIncoming(ConstantPointerNull::get(cast<PointerType>(Ptr)), Entry);
  Value *N = newObject(B, nodeDesc());
  B.CreateStore(Head, N);
  int64_t Mul = val();
  B.CreateStore(B.CreateMul(I, ConstantInt::get(I64, Mul)),
                B.CreateStructGEP(NodeTy, N, 1));
  if (R.percent(70))
    newObject(B, R.percent(50) ? nodeDesc() : intArrayDesc(R.range(1, 9)));
  Value *INext = B.CreateAdd(I, ConstantInt::get(I64, 1));
  I->addIncoming(INext, Build);
  Head->addIncoming(N, Build);
  B.CreateCondBr(B.CreateICmpSLT(INext, ConstantInt::get(I64, R.range(2, 200))),
                 Build, Walk);
  B.SetInsertPoint(Walk);
  PHINode *P = B.CreatePHI(Ptr, 2, "p");
  PHINode *S = B.CreatePHI(I64, 2, "s");
  P->addIncoming(N, Build);
  S->addIncoming(ConstantInt::get(I64, 0), Build);
  Value *SN = mix(B, S, loadVal(B, P));
  Value *PN = B.CreateLoad(Ptr, P, "p.next");
  P->addIncoming(PN, Walk);
  S->addIncoming(SN, Walk);
  B.CreateCondBr(B.CreateIsNull(PN), Done, Walk);
  B.SetInsertPoint(Done);
  B.CreateRet(SN);
  return F;
}

std::unique_ptr<Module> Generator::run() {
  M = std::make_unique<Module>("gc-smith-" + std::to_string(Opts.Seed), Ctx);
  setUpModule();
  declare("__gccgo_personality_v0", I32, {I32, I32, I64, Ptr, Ptr});

  unsigned NF = Opts.Size + R.pick(Opts.Size + 1);
  std::vector<Function *> Fs;
  for (unsigned I = 0; I < NF; ++I)
    Fs.push_back(has("list") && R.percent(20) ? listFunction(I)
                                              : holdFunction(I));

  // main.main: a list kept live across every feature function, each
  // function's result printed, then the list's checksum and the total.
  Function *Main = define("main.main", Type::getVoidTy(Ctx), {}, false);
  auto *Entry = BasicBlock::Create(Ctx, "entry", Main);
  IRBuilder<> B(Entry);
  Value *Keep = nullptr;
  unsigned NK = unsigned(R.range(1, 4));
  for (unsigned K = 0; K < NK; ++K)
    Keep = mkNode(B, val(), Keep);
  Value *Total = ConstantInt::get(I64, 0);
  for (unsigned I = 0; I < NF; ++I) {
    // Stale heap pointers where the function's frame will be: an undef
    // word the maps wrongly mark then points to freed memory.
    if (has("dirty")) {
      uses("dirty");
      callGo(B, dirtyFn(), {});
    }
    Value *V = callGo(B, Fs[I], {});
    printPair(B, ConstantInt::get(I64, I), V);
    Total = mix(B, Total, V);
  }
  Value *KS = ConstantInt::get(I64, 0);
  for (unsigned K = 0; K < NK; ++K) {
    KS = mix(B, KS, loadVal(B, Keep));
    if (K + 1 < NK)
      Keep = B.CreateLoad(Ptr, Keep);
  }
  printPair(B, KS, Total);
  B.CreateRetVoid();

  Function *Init = define("__go_init_main", Type::getVoidTy(Ctx), {}, false);
  IRBuilder<> IB(BasicBlock::Create(Ctx, "entry", Init));
  IB.CreateRetVoid();

  // Unused declarations would only be noise.
  if (Function *P = M->getFunction("__gccgo_personality_v0"))
    if (P->use_empty())
      P->eraseFromParent();
  return std::move(M);
}

} // namespace

const char *featureList() {
  static std::string List = [] {
    std::string S;
    for (const char *F : AllFeatures)
      S += (S.empty() ? "" : ",") + std::string(F);
    return S;
  }();
  return List.c_str();
}

bool parseFeatures(const std::string &List, Options &Opts, std::string &Error) {
  Opts.Features.clear();
  SmallVector<StringRef, 16> Parts;
  StringRef(List).split(Parts, ',', -1, false);
  for (StringRef P : Parts) {
    P = P.trim();
    if (P == "all") {
      for (const char *F : AllFeatures)
        Opts.Features.insert(F);
      continue;
    }
    bool Known = false;
    for (const char *F : AllFeatures)
      Known |= P == F;
    if (!Known) {
      Error =
          "unknown feature '" + P.str() + "' (known: " + featureList() + ")";
      return false;
    }
    Opts.Features.insert(P.str());
  }
  return true;
}

std::unique_ptr<Module> generate(LLVMContext &Ctx, const Options &Opts,
                                 std::set<std::string> *Used) {
  Options O = Opts;
  if (O.Features.empty())
    for (const char *F : AllFeatures)
      O.Features.insert(F);
  std::set<std::string> Ignored;
  return Generator(Ctx, O, Used ? *Used : Ignored).run();
}

} // namespace smith
} // namespace gollc
