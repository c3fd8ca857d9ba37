//===- StatepointsTest.cpp - Stack-object layouts and safepoint liveness ---===//
//
// Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The per-word pointer bitmap of stack objects, computed from LLVM types
// (what the "deopt" bundle and then the go_stackmap tables carry), and the
// liveness the analysis reports for a small function.
//
//===----------------------------------------------------------------------===//

#include "gollc/Statepoints.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace gollc;

namespace {

std::string bits(const StackObjectLayout &L) {
  std::string S;
  for (uint64_t W = 0; W != L.SizeInWords; ++W)
    S += L.isPointerWord(W) ? '1' : '0';
  return S;
}

struct LayoutTest : ::testing::Test {
  LLVMContext Ctx;
  DataLayout DL{"e-m:e-i64:64-f80:128-n8:16:32:64-S128"};
  Type *Ptr = PointerType::get(Ctx, 0);
  Type *I64 = Type::getInt64Ty(Ctx);
  Type *I8 = Type::getInt8Ty(Ctx);
};

TEST_F(LayoutTest, GoStringSliceInterface) {
  auto *Str = StructType::get(Ctx, {Ptr, I64});
  auto *Slice = StructType::get(Ctx, {Ptr, I64, I64});
  auto *Iface = StructType::get(Ctx, {Ptr, Ptr});
  EXPECT_EQ(bits(*computeStackObjectLayout(Str, 1, DL, 0)), "10");
  EXPECT_EQ(bits(*computeStackObjectLayout(Slice, 1, DL, 0)), "100");
  EXPECT_EQ(bits(*computeStackObjectLayout(Iface, 1, DL, 0)), "11");
}

TEST_F(LayoutTest, NestedArraysAndPadding) {
  // { i8, ptr } puts the pointer at byte 8 after padding.
  auto *Padded = StructType::get(Ctx, {I8, Ptr});
  EXPECT_EQ(bits(*computeStackObjectLayout(Padded, 1, DL, 0)), "01");
  auto *Arr = ArrayType::get(StructType::get(Ctx, {I64, Ptr}), 3);
  EXPECT_EQ(bits(*computeStackObjectLayout(Arr, 1, DL, 0)), "010101");
  // An array-size operand multiplies the object.
  EXPECT_EQ(bits(*computeStackObjectLayout(Padded, 2, DL, 0)), "0101");
}

TEST_F(LayoutTest, BitmapSpansSeveralWords) {
  auto *Big = ArrayType::get(Ptr, 130);
  std::optional<StackObjectLayout> L = computeStackObjectLayout(Big, 1, DL, 0);
  ASSERT_TRUE(L);
  EXPECT_EQ(L->SizeInWords, 130u);
  ASSERT_EQ(L->Bitmap.size(), 3u);
  EXPECT_EQ(L->Bitmap[0], ~uint64_t(0));
  EXPECT_EQ(L->Bitmap[1], ~uint64_t(0));
  EXPECT_EQ(L->Bitmap[2], uint64_t(3));
}

TEST_F(LayoutTest, OnlyTheGCAddressSpaceCounts) {
  Type *P1 = PointerType::get(Ctx, 1);
  auto *Mixed = StructType::get(Ctx, {Ptr, P1});
  EXPECT_EQ(bits(*computeStackObjectLayout(Mixed, 1, DL, 1)), "01");
  EXPECT_EQ(bits(*computeStackObjectLayout(Mixed, 1, DL, 0)), "10");
  EXPECT_FALSE(computeStackObjectLayout(I64, 1, DL, 0)->hasPointers());
}

TEST_F(LayoutTest, UnalignedPointerHasNoBitmap) {
  auto *Packed = StructType::get(Ctx, {I8, Ptr}, /*isPacked=*/true);
  EXPECT_FALSE(computeStackObjectLayout(Packed, 1, DL, 0).has_value());
}

TEST(SafepointAnalysisTest, LiveAcrossButNotArguments) {
  LLVMContext Ctx;
  SMDiagnostic Err;
  std::unique_ptr<Module> M = parseAssemblyString(R"(
    declare ptr @main.next(ptr nest, ptr)
    define ptr @main.f(ptr nest %nest, ptr %a, ptr %b) gc "go" {
      %r = call ptr @main.next(ptr nest undef, ptr %a)
      store ptr %r, ptr %b
      ret ptr %r
    }
  )",
                                                  Err, Ctx);
  ASSERT_TRUE(M) << Err.getMessage().str();
  GoSafepointInfo Info = computeGoSafepoints(*M->getFunction("main.f"));
  ASSERT_EQ(Info.Safepoints.size(), 1u);
  // %a is only an argument of the call and %r is its result: only %b lives
  // across it.
  ASSERT_EQ(Info.Safepoints[0].LiveValues.size(), 1u);
  EXPECT_EQ(Info.Safepoints[0].LiveValues[0]->getName(), "b");
  EXPECT_TRUE(Info.Unsupported.empty());
}

} // namespace
