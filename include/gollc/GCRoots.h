//===- GCRoots.h - Register a module's global GC roots ----------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_GCROOTS_H
#define GOLLC_GCROOTS_H

#include "llvm/ADT/BitVector.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <optional>

namespace llvm {
class DataLayout;
class Type;
} // namespace llvm

namespace gollc {

/// Emits Gollvm's root list for the pointer-bearing global variables of a
/// module that registers none, and registers it with runtime.registerGCRoots
/// from the package init function (`__go_init_main`, `<pkg>..import`) or, if
/// the module has none, from a constructor. Modules that already call
/// runtime.registerGCRoots are left alone (with a remark); modules that do not
/// look like Gollvm output are skipped unless forced.
class GoGCRootsPass : public llvm::PassInfoMixin<GoGCRootsPass> {
public:
  struct Options {
    /// Also process modules that do not look like Gollvm output.
    bool Force = false;
  };

  GoGCRootsPass();
  explicit GoGCRootsPass(Options Opts) : Opts(Opts) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName);

  /// Parses the pass parameters: "" or "force".
  static llvm::Expected<Options> parseOptions(llvm::StringRef Params);

private:
  Options Opts;
};

/// The pointer words of a value of type \p Ty: bit I is set when the
/// pointer-sized word at byte offset I * pointer size holds a pointer. Returns
/// std::nullopt when a pointer is not aligned to a word (packed structs),
/// which Go's word bitmaps cannot describe. The vector is as long as the
/// type's alloc size in words, rounded up.
std::optional<llvm::BitVector> computePointerWords(const llvm::DataLayout &DL,
                                                   llvm::Type *Ty);

} // namespace gollc

#endif // GOLLC_GCROOTS_H
