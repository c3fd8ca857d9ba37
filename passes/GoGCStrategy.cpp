//===- GoGCStrategy.cpp - The "go" GC strategy ----------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Registers the GC strategy "go" with LLVM's GCRegistry from a static
// initializer. Both GoPasses.so and go-llc link this object, so
//
//   llc -load=$PWD/build/lib/GoPasses.so file.ll
//
// compiles functions marked gc "go".
//
//===----------------------------------------------------------------------===//

#include "gollc/GoGCStrategy.h"
#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GCStrategy.h"

using namespace llvm;

namespace gollc {

GoGCStrategy::GoGCStrategy() {
  // Safepoints are statepoints; roots are recorded from the statepoint's
  // gc-live bundle, never from gcroot intrinsics.
  UseStatepoints = true;
  NeededSafePoints = false;
  // The AsmPrinter looks up a GCMetadataPrinter only for strategies that use
  // metadata; ours (GoStackMapPrinter.cpp) writes the go_stackmap section.
  UsesMetadata = true;
}

std::optional<bool> GoGCStrategy::isGCManagedPointer(const Type *Ty) const {
  // Go's collector accepts interior pointers and does not move objects, so
  // any pointer may refer to the heap. Gollvm's -enable-gc IR puts GC
  // pointers in address space 1; its public output uses address space 0.
  if (const auto *PT = dyn_cast<PointerType>(Ty->getScalarType()))
    return PT->getAddressSpace() == 0 || PT->getAddressSpace() == 1;
  return false;
}

void linkGoGCStrategy() { linkGoStackMapPrinter(); }

} // namespace gollc

static GCRegistry::Add<gollc::GoGCStrategy>
    RegisterGoGC(gollc::GoGCName, "Go: statepoints, precise stack maps, "
                                  "non-moving collector");
