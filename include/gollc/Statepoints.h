//===- Statepoints.h - Go safepoint liveness and statepoints ----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The heart of the Go GC lowering (docs/IRContract.md, section 3):
//
//  - prepareForGoSafepoints() puts a gc "go" function in the form the
//    analysis describes (a transform: it changes the IR);
//  - GoSafepointsAnalysis finds, in a prepared function, every call that can
//    reach the collector and what is live across it: GC pointer SSA values
//    (including vectors of pointers and pointer fields of first-class
//    aggregates) and stack objects (allocas holding pointers, with a pointer
//    bitmap per 8-byte word);
//  - GoStatepointsPass prepares each function, asks the analysis and
//    rewrites those calls into gc.statepoint with the stack-object layout in
//    "deopt" and the roots in "gc-live";
//  - GoSafepointsPrinterPass (print<go-safepoints>) prepares a copy of the
//    function and prints the analysis of the copy.
//
// docs/Statepoints.md ("One analysis, two clients") explains the split.
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

/// The pointer layout of a stack object: its size in 8-byte words and which
/// of them hold a GC pointer. Sparse: only 64-word chunks holding a pointer
/// are stored, so a layout costs time and memory in proportion to its
/// pointer words, not to the object's size (a 1 GiB object with two
/// pointers is two chunks).
struct StackObjectLayout {
  uint64_t SizeInWords = 0;
  /// Chunk j -> its bits: bit i set when word 64*j+i holds a pointer. Only
  /// chunks with a bit set are present; no bit lies at or beyond
  /// SizeInWords.
  std::map<uint64_t, uint64_t> Chunks;

  bool isPointerWord(uint64_t Word) const {
    if (Word >= SizeInWords)
      return false;
    auto It = Chunks.find(Word / 64);
    return It != Chunks.end() && ((It->second >> (Word % 64)) & 1);
  }
  /// Marks \p Word (ignored at or beyond SizeInWords).
  void markPointerWord(uint64_t Word) {
    if (Word < SizeInWords)
      Chunks[Word / 64] |= uint64_t(1) << (Word % 64);
  }
  /// Marks every word of the object.
  void markAllWords();
  bool hasPointers() const { return !Chunks.empty(); }
  /// The last pointer word plus one (0 without pointers).
  uint64_t pointerPrefixWords() const;
  /// 64-bit word \p J of the dense bitmap.
  uint64_t bitmapWord(uint64_t J) const {
    auto It = Chunks.find(J);
    return It == Chunks.end() ? 0 : It->second;
  }
  /// The maximal runs of consecutive pointer words, in order: (first word,
  /// number of words).
  llvm::SmallVector<std::pair<uint64_t, uint64_t>, 4> pointerRuns() const;
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

/// The pointer fields of a first-class aggregate: extractvalue index paths.
using FieldPaths = llvm::SmallVector<llvm::SmallVector<unsigned, 2>, 2>;

/// One SSA root recorded at a safepoint.
struct GoRoot {
  static constexpr unsigned NoFields = ~0u;
  llvm::Value *V = nullptr;
  /// For a first-class aggregate: the index in GoSafepointInfo::
  /// AggregateFields of the fields recorded by extracting them from V.
  /// NoFields for a pointer or a vector of pointers, recorded whole.
  unsigned Fields = NoFields;
};

/// One safepoint and what is live across it.
struct GoSafepoint {
  llvm::CallBase *Call = nullptr;
  /// The roots recorded at the call, in a deterministic order: GC pointers
  /// and vectors of them (the base of every derived pointer that is not
  /// provably inside its object), and first-class aggregates, of which the
  /// fields GoRoot::Fields names are recorded.
  llvm::SmallVector<GoRoot, 8> LiveValues;
  /// Indices into GoSafepointInfo::Objects of the live stack objects.
  llvm::SmallVector<unsigned, 4> LiveObjects;
};

/// The result of the analysis for one function.
struct GoSafepointInfo {
  unsigned GCAddressSpace = 0;
  std::vector<GoStackObject> Objects;
  std::vector<GoSafepoint> Safepoints;
  /// For each aggregate root (GoRoot::Fields indexes this): the paths of the
  /// pointer fields recorded by extracting them from the aggregate. Fields
  /// traced to a scalar are recorded through that scalar's base instead,
  /// fields traced to a constant (undef, null) not at all. Indexed rather
  /// than keyed by the aggregate's address: go-statepoints deletes calls
  /// while it reads this, and a new value may take a deleted one's address.
  std::vector<FieldPaths> AggregateFields;
  /// A reason the function cannot be lowered (empty when it can).
  std::string Unsupported;

  /// Sum over safepoints of the live values and stack objects.
  uint64_t totalRoots() const;

  /// The result describes the function as it was when computed: any change
  /// not declared to preserve GoSafepointsAnalysis invalidates it (a
  /// deleted call or value would leave dangling pointers here).
  bool invalidate(llvm::Function &F, const llvm::PreservedAnalyses &PA,
                  llvm::FunctionAnalysisManager::Invalidator &Inv);
};

/// Puts \p F (gc "go") in the form go-statepoints analyses and rewrites,
/// without changing what the program computes: invokes get normal
/// successors of their own, once-only allocas move to the entry block, a
/// byval argument holding pointers is copied into a stack object at entry,
/// and undef/poison GC pointers (alone or inside aggregates and vectors)
/// become null, so that no never-written slot is ever recorded. Returns
/// whether it changed \p F. go-statepoints runs it right before
/// GoSafepointsAnalysis; print<go-safepoints> runs it on a copy.
bool prepareForGoSafepoints(llvm::Function &F);

/// The safepoints of a gc "go" function prepared by prepareForGoSafepoints,
/// and what is live across each. It does not prepare: preparing changes the
/// function, which an analysis must not do, and the printer prepares a copy
/// instead. The only change it makes to the function: a derived pointer
/// merged by a phi or select from pointers into different objects gets a
/// base phi/select beside it (named *.go.base) to be recorded in its place;
/// those are new instructions nothing else uses, which leave the CFG and
/// every other value as they were.
///
///   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so \
///       -passes='go-prepare-gc,function(print<go-safepoints>)' \
///       -disable-output in.ll
class GoSafepointsAnalysis
    : public llvm::AnalysisInfoMixin<GoSafepointsAnalysis> {
  friend llvm::AnalysisInfoMixin<GoSafepointsAnalysis>;
  static llvm::AnalysisKey Key;

public:
  using Result = GoSafepointInfo;
  Result run(llvm::Function &F, llvm::FunctionAnalysisManager &);
};

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
