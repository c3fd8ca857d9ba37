//===- Statepoints.h - Go safepoint liveness and statepoints ----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The heart of the Go GC lowering (docs/IRContract.md, section 3):
//
//  - computeGoSafepoints() finds, for a gc "go" function, every call that can
//    reach the collector and what is live across it: GC pointer SSA values
//    (including vectors of pointers and pointer fields of first-class
//    aggregates) and stack objects (allocas holding pointers, with a pointer
//    bitmap per 8-byte word);
//  - GoStatepointsPass rewrites those calls into gc.statepoint with the
//    stack-object layout in "deopt" and the roots in "gc-live";
//  - GoSafepointsPrinterPass (print<go-safepoints>) prints the analysis.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_STATEPOINTS_H
#define GOLLC_STATEPOINTS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace llvm {
class AllocaInst;
class CallBase;
class DataLayout;
class Function;
class Module;
class Type;
class Value;
class raw_ostream;
} // namespace llvm

namespace gollc {

/// The address space whose pointers the collector must see in \p M: 1 when
/// the data layout makes it non-integral (Gollvm's -enable-gc convention),
/// 0 otherwise (Gollvm's public output: every pointer may be a GC pointer).
unsigned getGCAddressSpace(const llvm::Module &M);

/// True if \p Ty is, or contains (struct, array, fixed vector), a pointer in
/// address space \p GCAS.
bool containsGCPointer(llvm::Type *Ty, unsigned GCAS);

/// The pointer layout of a stack object: its size in 8-byte words and a
/// bitmap, bit i of word j set when word 64*j+i holds a GC pointer.
struct StackObjectLayout {
  uint64_t SizeInWords = 0;
  llvm::SmallVector<uint64_t, 1> Bitmap;

  bool isPointerWord(uint64_t Word) const {
    return Word < SizeInWords && ((Bitmap[Word / 64] >> (Word % 64)) & 1);
  }
  bool hasPointers() const;
};

/// Computes the layout of \p Count consecutive objects of type \p Ty.
/// Returns std::nullopt when a GC pointer is not 8-byte aligned within the
/// object (a packed struct), which no word bitmap can describe.
std::optional<StackObjectLayout>
computeStackObjectLayout(llvm::Type *Ty, uint64_t Count,
                         const llvm::DataLayout &DL, unsigned GCAS);

/// One stack object of a function.
struct GoStackObject {
  llvm::AllocaInst *Alloca = nullptr;
  StackObjectLayout Layout;
  /// The address leaves the function's sight (stored, passed to a call,
  /// !go_addrtaken, merged through a phi or select): the object is then live
  /// from its first initialization to lifetime.end or return.
  bool Escapes = false;
};

/// One safepoint and what is live across it.
struct GoSafepoint {
  llvm::CallBase *Call = nullptr;
  /// The roots recorded at the call, in a deterministic order: GC pointers
  /// and vectors of them (the base of every derived pointer that is not
  /// provably inside its object), and first-class aggregates, of which the
  /// fields in GoSafepointInfo::AggregateFields are recorded.
  llvm::SmallVector<llvm::Value *, 8> LiveValues;
  /// Indices into GoSafepointInfo::Objects of the live stack objects.
  llvm::SmallVector<unsigned, 4> LiveObjects;
};

/// The result of the analysis for one function.
struct GoSafepointInfo {
  unsigned GCAddressSpace = 0;
  std::vector<GoStackObject> Objects;
  std::vector<GoSafepoint> Safepoints;
  /// For each aggregate in some LiveValues: the paths (extractvalue indices)
  /// of the pointer fields recorded by extracting them from the aggregate.
  /// Fields traced to a scalar are recorded through that scalar's base
  /// instead, fields traced to a constant (undef, null) not at all.
  std::map<const llvm::Value *,
           llvm::SmallVector<llvm::SmallVector<unsigned, 2>, 2>>
      AggregateFields;
  /// A reason the function cannot be lowered (empty when it can).
  std::string Unsupported;

  /// Sum over safepoints of the live values and stack objects.
  uint64_t totalRoots() const;
};

/// Puts \p F (gc "go") in the form go-statepoints analyses and rewrites,
/// without changing what the program computes: invokes get normal
/// successors of their own, once-only allocas move to the entry block, a
/// byval argument holding pointers is copied into a stack object at entry,
/// and undef/poison GC pointers (alone or inside aggregates and vectors)
/// become null, so that no never-written slot is ever recorded. Returns
/// whether it changed \p F. print<go-safepoints> runs it on a copy.
bool prepareForGoSafepoints(llvm::Function &F);

/// Analyses \p F (gc "go", prepared by prepareForGoSafepoints). The only
/// change it makes to \p F: a derived pointer merged by a phi or select from
/// pointers into different objects gets a base phi/select beside it
/// (named *.go.base) to be recorded in its place.
GoSafepointInfo computeGoSafepoints(llvm::Function &F);

/// Rewrites every safepoint of every gc "go" function into a statepoint.
///
///   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
///       -passes='go-prepare-gc,go-statepoints' -S in.ll
class GoStatepointsPass : public llvm::PassInfoMixin<GoStatepointsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// print<go-safepoints>: the analysis in a stable text form for lit tests.
class GoSafepointsPrinterPass
    : public llvm::PassInfoMixin<GoSafepointsPrinterPass> {
public:
  explicit GoSafepointsPrinterPass(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace gollc

#endif // GOLLC_STATEPOINTS_H
