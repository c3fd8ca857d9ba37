//===- FaultingAccesses.cpp - Implicit nil checks in machine code ----------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// LLVM's ImplicitNullChecks (codegen, -enable-implicit-null-checks) folds a
// `!make.implicit` nil check into the access it guards: a FAULTING_OP that
// the target's AsmPrinter emits as the plain access and records, with the
// address of the nil block, in .llvm_faultmaps, for a runtime that jumps
// there on a fault. Go's runtime needs no such jump: libgo turns a SIGSEGV
// below 4096 in Go code into runtime.panicmem's panic, raised from the
// faulting frame, and go-nil-checks keeps `!make.implicit` only where the
// nil block does exactly that (passes/NilChecks.cpp). And .llvm_faultmaps
// holds absolute addresses in a read-only section, which a PIE links only
// with text relocations (lld refuses).
//
// So this pass, the last before the AsmPrinter, turns each FAULTING_OP of a
// gc "go" function back into the plain access with a label before it, which
// the stack-map printer picks up (takeFaultLabels): with the gollvm format a
// panic's precise stack scan meets the faulting frame at that pc, and finds
// nothing live there (the frame is never resumed). A nil block that no
// branch reaches any more goes: its runtime.panicmem call, and the stack-map
// record of that call, are dead code.
//
//===----------------------------------------------------------------------===//

#include "gollc/FaultingAccesses.h"
#include "gollc/GoIR.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/MachineJumpTableInfo.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetOpcodes.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/MC/MCContext.h"

#include <map>
#include <mutex>

using namespace llvm;

namespace {

/// Labels handed from the pass to the printer, per machine function. go-llc
/// may compile several modules on threads, hence the lock.
std::mutex LabelsLock;
std::map<const MachineFunction *, SmallVector<MCSymbol *, 4>> PendingLabels;

class GoFaultingAccesses : public MachineFunctionPass {
public:
  static char ID;
  GoFaultingAccesses() : MachineFunctionPass(ID) {}
  StringRef getPassName() const override {
    return "Go: faulting accesses of implicit nil checks";
  }
  bool runOnMachineFunction(MachineFunction &MF) override;

private:
  static DebugLoc sourceLocation(const MachineBasicBlock &Nil);
  static void removeIfDead(MachineFunction &MF, MachineBasicBlock &Nil);
};

char GoFaultingAccesses::ID = 0;

bool GoFaultingAccesses::runOnMachineFunction(MachineFunction &MF) {
  if (!gollc::hasGoGC(MF.getFunction()))
    return false;
  const TargetInstrInfo &TII = *MF.getSubtarget().getInstrInfo();
  SmallVector<MCSymbol *, 4> Labels;
  SmallSetVector<MachineBasicBlock *, 4> NilBlocks;
  for (MachineBasicBlock &MBB : MF)
    for (MachineInstr &MI : make_early_inc_range(MBB)) {
      if (MI.getOpcode() != TargetOpcode::FAULTING_OP)
        continue;
      // FAULTING_OP: its def (or none), the fault kind, the nil block, the
      // access's opcode, then the access's uses and implicit operands
      // (which BuildMI adds again from the opcode's description).
      Register Def = MI.getOperand(0).getReg();
      auto Opcode = unsigned(MI.getOperand(3).getImm());
      MachineBasicBlock *Nil = MI.getOperand(2).getMBB();
      // ImplicitNullChecks gives the faulting access no location; a
      // traceback from the fault shows the line of the access, which
      // Gollvm gave the nil check and its panic call.
      DebugLoc DL = MI.getDebugLoc();
      if (!DL || DL.getLine() == 0)
        DL = sourceLocation(*Nil);
      MachineInstrBuilder MIB = BuildMI(MBB, MI, DL, TII.get(Opcode));
      if (Def)
        MIB.addDef(Def);
      for (const MachineOperand &MO : drop_begin(MI.operands(), 4))
        if (!(MO.isReg() && MO.isImplicit()))
          MIB.add(MO);
      MIB.setMemRefs(MI.memoperands());
      MCSymbol *Label = MF.getContext().createTempSymbol("go_fault");
      MIB->setPreInstrSymbol(MF, Label);
      NilBlocks.insert(Nil);
      MI.eraseFromParent();
      Labels.push_back(Label);
    }
  for (MachineBasicBlock *Nil : NilBlocks)
    removeIfDead(MF, *Nil);
  bool Changed = !Labels.empty();
  std::lock_guard<std::mutex> Lock(LabelsLock);
  // Without labels, drop whatever an earlier function left at this address
  // (its compilation failed before the printer took them).
  if (Changed)
    PendingLabels[&MF] = std::move(Labels);
  else
    PendingLabels.erase(&MF);
  return Changed;
}

/// The source location of the panic call in \p Nil, or none.
DebugLoc GoFaultingAccesses::sourceLocation(const MachineBasicBlock &Nil) {
  for (const MachineInstr &MI : Nil)
    if (MI.isCall() && MI.getDebugLoc() && MI.getDebugLoc().getLine() != 0)
      return MI.getDebugLoc();
  return DebugLoc();
}

/// Removes \p Nil, the nil block of folded checks, if no branch reaches it
/// any more. CFIInstrInserter has run: the CFI directives it holds move to
/// the start of the next block, whose own directives follow from them.
void GoFaultingAccesses::removeIfDead(MachineFunction &MF,
                                      MachineBasicBlock &Nil) {
  auto Reaches = [&](MachineBasicBlock &From) {
    if (From.getNextNode() == &Nil && From.canFallThrough())
      return true;
    for (const MachineInstr &MI : From.terminators())
      for (const MachineOperand &MO : MI.operands())
        if (MO.isMBB() && MO.getMBB() == &Nil)
          return true;
    return false;
  };
  for (MachineBasicBlock *Pred :
       SmallVector<MachineBasicBlock *, 4>(Nil.predecessors()))
    if (!Reaches(*Pred))
      Pred->removeSuccessor(&Nil);
  if (!Nil.pred_empty() || &Nil == &MF.front() || Nil.isEHPad() ||
      Nil.hasAddressTaken() || Nil.isMachineBlockAddressTaken())
    return;
  if (const MachineJumpTableInfo *JTI = MF.getJumpTableInfo())
    for (const MachineJumpTableEntry &JTE : JTI->getJumpTables())
      if (is_contained(JTE.MBBs, &Nil))
        return;
  if (MachineBasicBlock *Next = Nil.getNextNode()) {
    auto At = Next->begin();
    for (MachineInstr &MI : make_early_inc_range(Nil))
      if (MI.isCFIInstruction())
        Next->splice(At, &Nil, MI.getIterator());
  }
  while (!Nil.succ_empty())
    Nil.removeSuccessor(Nil.succ_begin());
  Nil.eraseFromParent();
}

} // namespace

MachineFunctionPass *gollc::createGoFaultingAccessesPass() {
  return new GoFaultingAccesses();
}

SmallVector<MCSymbol *, 4>
gollc::takeFaultLabels(const MachineFunction &MF) {
  std::lock_guard<std::mutex> Lock(LabelsLock);
  auto It = PendingLabels.find(&MF);
  if (It == PendingLabels.end())
    return {};
  SmallVector<MCSymbol *, 4> Labels = std::move(It->second);
  PendingLabels.erase(It);
  return Labels;
}
