//===- MLIRImport.cpp - go-llc's MLIR input (GoLLCMLIRImport.so) ----------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// MLIR LLVM-dialect input to an LLVM module: the only code of go-llc that
// needs libMLIR, built as a module the driver loads for .mlir input only
// (MLIRImport.h says why and how it is found).
//
//===----------------------------------------------------------------------===//

#include "MLIRImport.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_VISIBILITY_DEFAULT Module *
gollc_import_mlir(MemoryBufferRef Input, StringRef InputName,
                  LLVMContext &Ctx, std::string &Error) {
  // Type-checks the entry point against the driver's view of it.
  [[maybe_unused]] gollc::MLIRImportFn Self = &gollc_import_mlir;

  mlir::DialectRegistry Registry;
  Registry.insert<mlir::LLVM::LLVMDialect, mlir::DLTIDialect>();
  mlir::registerBuiltinDialectTranslation(Registry);
  mlir::registerLLVMDialectTranslation(Registry);
  mlir::MLIRContext MCtx(Registry, mlir::MLIRContext::Threading::DISABLED);
  MCtx.loadAllAvailableDialects();

  mlir::ScopedDiagnosticHandler Handler(&MCtx, [&](mlir::Diagnostic &D) {
    // One line per run: the first error is the one to fix; later ones are
    // usually its consequences.
    if (D.getSeverity() != mlir::DiagnosticSeverity::Error || !Error.empty())
      return mlir::success();
    raw_string_ostream OS(Error);
    OS << InputName;
    if (auto Loc = D.getLocation()->findInstanceOf<mlir::FileLineColLoc>())
      OS << ':' << Loc.getLine() << ':' << Loc.getColumn();
    OS << ": " << StringRef(D.str()).split('\n').first.trim();
    return mlir::success();
  });

  SourceMgr SrcMgr;
  SrcMgr.AddNewSourceBuffer(
      MemoryBuffer::getMemBuffer(Input.getBuffer(), InputName,
                                 /*RequiresNullTerminator=*/false),
      SMLoc());
  mlir::ParserConfig Config(&MCtx);
  mlir::OwningOpRef<mlir::ModuleOp> Module =
      mlir::parseSourceFile<mlir::ModuleOp>(SrcMgr, Config);
  if (!Module) {
    if (Error.empty())
      Error = (InputName + ": cannot parse MLIR input").str();
    return nullptr;
  }
  std::unique_ptr<llvm::Module> M = mlir::translateModuleToLLVMIR(
      *Module, Ctx, sys::path::filename(InputName));
  if (!M && Error.empty())
    Error = (InputName + ": cannot translate MLIR input to LLVM IR (is it "
                         "in the LLVM dialect?)")
                .str();
  return M.release();
}
