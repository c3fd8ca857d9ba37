//===- Plugin.cpp - GoPasses.so entry point -------------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The new-PM plugin interface of GoPasses.so:
//
//   opt -load-pass-plugin=$PWD/build/lib/GoPasses.so -passes=go-prepare-gc
//
// Loading the same file into `llc -load=...` runs its static initializers,
// which register the "go" GC strategy.
//
//===----------------------------------------------------------------------===//

#include "gollc/PassRegistry.h"
#include "gollc/Version.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "GoPasses", GOLLC_VERSION_STRING,
          [](llvm::PassBuilder &PB) { gollc::registerGoPasses(PB); }};
}
