//===- GoGCStrategy.h - The "go" GC strategy --------------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The GC strategy selected by `gc "go"` on a function. It uses statepoints,
// treats every pointer in address space 0 or 1 as a possible GC pointer (Go's
// collector does not move objects and accepts interior pointers) and is
// registered statically, so loading GoPasses.so into `llc -load` is enough
// for llc to compile gc "go" functions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_GOGCSTRATEGY_H
#define GOLLC_GOGCSTRATEGY_H

#include "llvm/IR/GCStrategy.h"

namespace gollc {

class GoGCStrategy : public llvm::GCStrategy {
public:
  GoGCStrategy();

  std::optional<bool> isGCManagedPointer(const llvm::Type *Ty) const override;
};

} // namespace gollc

#endif // GOLLC_GOGCSTRATEGY_H
