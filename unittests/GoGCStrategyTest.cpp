//===- GoGCStrategyTest.cpp - The "go" GC strategy --------------------------===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "gollc/GoGCStrategy.h"
#include "gollc/GoIR.h"
#include "gollc/PassRegistry.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GCStrategy.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

using namespace llvm;

namespace {

TEST(GoGCStrategyTest, IsRegisteredAndUsesStatepoints) {
  gollc::linkGoGCStrategy();
  bool Registered = any_of(GCRegistry::entries(), [](const auto &E) {
    return E.getName() == "go";
  });
  EXPECT_TRUE(Registered);
  std::unique_ptr<GCStrategy> S = getGCStrategy("go");
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->useStatepoints());
  EXPECT_FALSE(S->useRS4GC());
}

TEST(GoGCStrategyTest, AnyDataPointerMayBeManaged) {
  LLVMContext Ctx;
  gollc::GoGCStrategy S;
  EXPECT_EQ(S.isGCManagedPointer(PointerType::get(Ctx, 0)), true);
  EXPECT_EQ(S.isGCManagedPointer(PointerType::get(Ctx, 1)), true);
  EXPECT_EQ(S.isGCManagedPointer(PointerType::get(Ctx, 5)), false);
  EXPECT_EQ(S.isGCManagedPointer(Type::getInt64Ty(Ctx)), false);
  EXPECT_EQ(S.isGCManagedPointer(
                FixedVectorType::get(PointerType::get(Ctx, 1), 2)),
            true);
}

TEST(GoGCStrategyTest, ClassifiesCallSites) {
  LLVMContext Ctx;
  SMDiagnostic Err;
  std::unique_ptr<Module> M = parseAssemblyString(R"IR(
declare ptr @runtime.newobject(ptr nest, ptr)
declare void @runtime.gcWriteBarrier(ptr nest, ptr, ptr)
declare void @leaf() "gc-leaf-function"
declare void @llvm.donothing()
define void @f(ptr nest %n, ptr %t) "split-stack" {
  %o = call ptr @runtime.newobject(ptr nest undef, ptr %t)
  call void @runtime.gcWriteBarrier(ptr nest undef, ptr %o, ptr %t)
  call void @leaf()
  call void @llvm.donothing()
  call void asm sideeffect "", ""()
  ret void
}
)IR",
                                                  Err, Ctx);
  ASSERT_NE(M, nullptr) << Err.getMessage().str();
  Function *F = M->getFunction("f");
  EXPECT_TRUE(gollc::isGollvmFunction(*F));
  EXPECT_TRUE(gollc::isGollvmModule(*M));
  std::vector<gollc::CallSiteKind> Kinds;
  for (Instruction &I : F->getEntryBlock())
    if (auto *CB = dyn_cast<CallBase>(&I))
      Kinds.push_back(gollc::classifyCallSite(*CB));
  std::vector<gollc::CallSiteKind> Expected = {
      gollc::CallSiteKind::Safepoint, gollc::CallSiteKind::NoCollect,
      gollc::CallSiteKind::GCLeaf, gollc::CallSiteKind::Intrinsic,
      gollc::CallSiteKind::InlineAsm};
  EXPECT_EQ(Kinds, Expected);
}

} // namespace
