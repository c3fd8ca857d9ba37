//===- GoStackMapPrinterTest.cpp - The "go" GCMetadataPrinter
//--------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What lit cannot see directly: the printer is registered under the
// strategy's name in a binary that links the pass library statically, and the
// strategy asks for it (without UsesMetadata the AsmPrinter never looks a
// printer up and LLVM silently writes .llvm_stackmaps instead).
//
//===----------------------------------------------------------------------===//

#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"

#include "llvm/CodeGen/GCMetadataPrinter.h"
#include "llvm/IR/GCStrategy.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace llvm;

namespace {

TEST(GoStackMapPrinterTest, IsRegisteredWithTheStrategy) {
  gollc::linkGoGCStrategy();
  unsigned Printers = 0;
  for (const GCMetadataPrinterRegistry::entry &E :
       GCMetadataPrinterRegistry::entries())
    if (E.getName() == gollc::GoGCName)
      ++Printers;
  EXPECT_EQ(Printers, 1u);
  std::unique_ptr<GCStrategy> S = getGCStrategy(gollc::GoGCName);
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->usesMetadata());
  EXPECT_TRUE(S->useStatepoints());
}

TEST(GoStackMapPrinterTest, HasTheFormatOption) {
  gollc::linkGoGCStrategy();
  cl::Option *O = cl::getRegisteredOptions().lookup("go-stackmap-format");
  ASSERT_NE(O, nullptr);
  // Both values parse (addOccurrence returns true on error); the last one
  // given wins, and go is the default.
  EXPECT_FALSE(O->addOccurrence(0, "go-stackmap-format", "llvm"));
  EXPECT_FALSE(O->addOccurrence(0, "go-stackmap-format", "go"));
  EXPECT_TRUE(O->addOccurrence(0, "go-stackmap-format", "dwarf"));
}

} // namespace
