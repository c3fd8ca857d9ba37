//===- ParallelCodeGen.h - go-llc -codegen-threads, private -----*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// go-llc -codegen-threads=N cuts the lowered module into N parts, generates
// code for each on a thread of its own and links the part objects into the
// one output object. This header is what Driver.cpp (the threads) needs
// from ParallelCodeGen.cpp: the cut, which is decided on the whole module
// after the Go lowering, and the link. Private to go-llc.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_TOOLS_GOLLC_PARALLELCODEGEN_H
#define GOLLC_TOOLS_GOLLC_PARALLELCODEGEN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace gollc {

/// The lowered module cut into parts.
struct ModuleParts {
  /// Each part as bitcode, to be read into an LLVMContext of its own (code
  /// generation of modules sharing a context is not thread-safe).
  std::vector<llvm::SmallVector<char, 0>> Bitcode;
  /// Symbols of the module with local linkage that a part other than their
  /// own refers to: they became hidden globals so that the parts link, and
  /// the linked object makes them local again (linkPartObjects), so that two
  /// go-llc objects with a local of the same name still link together.
  std::vector<std::string> Externalized;
};

/// Cuts \p M, already lowered, into \p N parts: every definition goes into
/// exactly one part, what must stay together (a COMDAT group, an alias and
/// its aliasee, a function and the users of its block addresses) goes into
/// one part, and the functions are spread so that the parts have about as
/// many instructions each. A global variable goes into the part of the
/// first function using it (part 0 if none does); the constructor list and
/// module-level assembly into part 0; llvm.used and llvm.compiler.used
/// into every part, each naming its own definitions. The result depends on
/// \p M and \p N only. Changes \p M (the externalized locals).
ModuleParts splitModuleForCodeGen(llvm::Module &M, unsigned N);

/// The programs linkPartObjects runs: LLVM's linker and objcopy, next to the
/// LLVM go-llc was built against. An error message if one is missing.
std::optional<std::string> findPartLinkTools();

/// Links the part objects (in this order) into one relocatable object with
/// `ld.lld -r`, then makes \p Localize local again with llvm-objcopy. The
/// result goes into \p Out. Returns an error message on failure. Changes
/// \p Objects (the split-stack notes are renamed for the link).
std::optional<std::string>
linkPartObjects(llvm::MutableArrayRef<llvm::SmallVector<char, 0>> Objects,
                llvm::ArrayRef<std::string> Localize,
                llvm::SmallVectorImpl<char> &Out);

} // namespace gollc

#endif // GOLLC_TOOLS_GOLLC_PARALLELCODEGEN_H
