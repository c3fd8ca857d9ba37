//===- CommandLine.h - go-llc's command line, shared parts ------*- C++ -*-===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What the driver (Driver.cpp) needs from the command-line half
// (CommandLine.cpp) besides parseDriverCommandLine: private to go-llc.
//
//===----------------------------------------------------------------------===//

#ifndef GOLLC_TOOLS_GOLLC_COMMANDLINE_H
#define GOLLC_TOOLS_GOLLC_COMMANDLINE_H

#include "llvm/ADT/StringRef.h"

namespace gollc {

/// Registers every target LLVM was built with. Needed before the command
/// line is parsed (--version lists them) and before any target lookup.
void initializeTargets();

/// Whether an option defined inside libLLVM (not in a header) was given on
/// the command line.
bool sharedLLVMOptionGiven(llvm::StringRef Name);

} // namespace gollc

#endif // GOLLC_TOOLS_GOLLC_COMMANDLINE_H
