//===- GoIR.h - Facts about Gollvm-style IR ---------------------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The IR contract shared by every pass (docs/IRContract.md): how a Gollvm
// module is recognised, which calls can reach the collector, and the name of
// the GC strategy. Gollvm's public output never carries gc "go" or
// addrspace(1), so these predicates work on plain addrspace(0) IR too.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_GOIR_H
#define GOLLC_GOIR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

namespace llvm {
class CallBase;
class Function;
class Module;
} // namespace llvm

namespace gollc {

/// The category of every option of the Go lowering passes (GoPasses.so):
/// go-llc's --help lists them, opt -load-pass-plugin=... --help too.
llvm::cl::OptionCategory &goLoweringCategory();

/// An option libLLVM defines in a source file (no header declares it), such
/// as -no-x86-call-frame-opt or -enable-implicit-null-checks, found by name;
/// null if this LLVM has no such option of type T.
template <typename T> llvm::cl::opt<T> *libLLVMOption(llvm::StringRef Name) {
  return dynamic_cast<llvm::cl::opt<T> *>(
      llvm::cl::getRegisteredOptions().lookup(Name));
}

/// The name of the GC strategy registered by this project.
inline constexpr llvm::StringLiteral GoGCName = "go";

/// True if \p F looks like Gollvm output: a `nest` parameter or the
/// "split-stack" attribute.
bool isGollvmFunction(const llvm::Function &F);

/// True if any defined function of \p M looks like Gollvm output.
bool isGollvmModule(const llvm::Module &M);

/// True if \p F is a //go:nosplit function: it has "go-nosplit", or it is a
/// Go function (nest parameter or gc "go") without "split-stack" in a module
/// whose Go functions carry "split-stack" (how Gollvm marks nosplit; off
/// with -go-nosplit-from-split-stack=false). Go preempts such a function
/// only at its calls: go-preempt puts no poll in it.
bool isGoNoSplit(const llvm::Function &F);

/// Marks the functions go-statepoints creates around calls it cannot wrap
/// directly (<caller>.go.retwrap): they have no GC strategy on purpose, and
/// go-prepare-gc leaves them so.
inline constexpr llvm::StringLiteral LoweringWrapperAttr = "go-lowering-wrapper";

/// Gives \p To, a function a pass creates on behalf of \p From, the same
/// frame contract: stack check ("split-stack", stack probes), frame pointer,
/// target CPU and features, unwind table, null_pointer_is_valid.
void copyFrameContract(const llvm::Function &From, llvm::Function &To);

/// True if \p F uses the "go" GC strategy.
bool hasGoGC(const llvm::Function &F);

/// How a call site relates to the collector.
enum class CallSiteKind {
  /// A call that may reach the collector: it must be a safepoint.
  Safepoint,
  /// An LLVM intrinsic that never calls back into Go code.
  Intrinsic,
  /// The callee or call site carries "gc-leaf-function".
  GCLeaf,
  /// A runtime function known not to collect (write barrier, typedmemmove
  /// and the configurable -go-nocollect-fns list).
  NoCollect,
  /// Inline assembly: opaque, never a safepoint.
  InlineAsm,
  /// A C variadic function (printf and friends). Go functions are never
  /// variadic at the LLVM level (Go's `...` is a slice), so the callee is C
  /// code that cannot reach the Go collector; LLVM's statepoints cannot wrap
  /// non-void variadic calls anyway.
  CVarArg,
};

/// Classifies one call site.
CallSiteKind classifyCallSite(const llvm::CallBase &CB);

/// A short lower-case name for \p K, used in printers and remarks.
llvm::StringRef callSiteKindName(CallSiteKind K);

/// True if \p Name is a runtime function that cannot collect.
bool isNoCollectFunction(llvm::StringRef Name);

} // namespace gollc

#endif // GOLLC_GOIR_H
