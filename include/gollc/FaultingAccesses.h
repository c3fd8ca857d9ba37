//===- FaultingAccesses.h - Implicit nil checks in machine code -*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_FAULTINGACCESSES_H
#define GOLLC_FAULTINGACCESSES_H

#include "llvm/ADT/SmallVector.h"

namespace llvm {
class MachineFunction;
class MachineFunctionPass;
class MCSymbol;
} // namespace llvm

namespace gollc {

/// The last machine pass go-llc runs before the AsmPrinter when it folds
/// nil checks: turns each FAULTING_OP of a gc "go" function (LLVM's
/// ImplicitNullChecks' folded check) back into the plain access, with a
/// label the stack-map printer finds through takeFaultLabels, and removes
/// the nil blocks no branch reaches any more (docs/Statepoints.md,
/// "Implicit nil checks").
llvm::MachineFunctionPass *createGoFaultingAccessesPass();

/// The labels createGoFaultingAccessesPass put before the faulting accesses
/// of \p MF, in code order; forgets them.
llvm::SmallVector<llvm::MCSymbol *, 4>
takeFaultLabels(const llvm::MachineFunction &MF);

} // namespace gollc

#endif // GOLLC_FAULTINGACCESSES_H
