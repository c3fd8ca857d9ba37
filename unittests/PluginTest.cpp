//===- PluginTest.cpp - Loading GoPasses.so ---------------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Loads the built plugin the way opt does and checks that its passes become
// parseable only after its callbacks are registered. Linked without the pass
// library, so that nothing is registered twice.
//
//===----------------------------------------------------------------------===//

#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <cstdlib>

using namespace llvm;

namespace {

Expected<PassPlugin> loadGoPasses() {
  return PassPlugin::Load(GOPASSES_PLUGIN_PATH);
}

TEST(PluginTest, LoadsWithNameAndVersion) {
  Expected<PassPlugin> Plugin = loadGoPasses();
  ASSERT_TRUE(!!Plugin) << toString(Plugin.takeError());
  EXPECT_EQ(Plugin->getPluginName(), "GoPasses");
  EXPECT_FALSE(Plugin->getPluginVersion().empty());
  EXPECT_EQ(Plugin->getAPIVersion(), uint32_t(LLVM_PLUGIN_API_VERSION));
}

TEST(PluginTest, PassesParseOnlyAfterRegistration) {
  Expected<PassPlugin> Plugin = loadGoPasses();
  ASSERT_TRUE(!!Plugin) << toString(Plugin.takeError());

  PassBuilder PB;
  ModulePassManager MPM;
  Error Before = PB.parsePassPipeline(MPM, "go-prepare-gc");
  EXPECT_TRUE(!!Before);
  consumeError(std::move(Before));

  Plugin->registerPassBuilderCallbacks(PB);
  for (StringRef Text : {"go-prepare-gc", "go-prepare-gc<prefix=main.>",
                         "function(print<go-gc-info>)",
                         "function(require<go-gc-info>)"}) {
    ModulePassManager After;
    Error E = PB.parsePassPipeline(After, Text);
    EXPECT_FALSE(!!E) << Text.str() << ": " << toString(std::move(E));
  }
}

TEST(PluginTest, RejectsMalformedParameters) {
  // A pipeline-parsing callback can only say "not mine", after which the
  // host adds "unknown pass name": a bad parameter of one of our passes
  // ends the run with its own single line instead.
  EXPECT_EXIT(
      {
        Expected<PassPlugin> Plugin = loadGoPasses();
        if (!Plugin)
          std::exit(3);
        PassBuilder PB;
        Plugin->registerPassBuilderCallbacks(PB);
        ModulePassManager MPM;
        Error E = PB.parsePassPipeline(MPM, "go-prepare-gc<bogus>");
        consumeError(std::move(E));
        std::exit(0);
      },
      ::testing::ExitedWithCode(1),
      "invalid go-prepare-gc parameter 'bogus'");
}

TEST(PluginTest, NamesPassClassesForInstrumentation) {
  // -print-after=go-prepare-gc and -print-pipeline-passes need the class to
  // pipeline-name table the plugin fills from Passes.def.
  Expected<PassPlugin> Plugin = loadGoPasses();
  ASSERT_TRUE(!!Plugin) << toString(Plugin.takeError());
  PassInstrumentationCallbacks PIC;
  PassBuilder PB(nullptr, PipelineTuningOptions(), std::nullopt, &PIC);
  Plugin->registerPassBuilderCallbacks(PB);
  EXPECT_EQ(PIC.getPassNameForClassName("gollc::GoPrepareGCPass"),
            "go-prepare-gc");
  EXPECT_EQ(PIC.getPassNameForClassName("gollc::GoGCInfoPrinterPass"),
            "print<go-gc-info>");
}

} // namespace
