// Hand-made "go-llc" frames and their go_stackmap table, to test refrt's
// stack walker without go-statepoints: the assembler computes every offset,
// so the table is exactly what the format (docs/StackMapFormat.md) says.
//
// fake_go_frame(a, b, c): a 32-byte frame with frame pointer. Words (from sp
// at the call): 0 = nil, 1 = a, 2 = c, 3 = b. The map marks words 0..2 live
// (bitmap 0b0111) and not word 3, then the function calls refrt_collect and
// returns what word 1 holds after the collection.
//
// fake_go_unmapped_call(): calls refrt_collect at a return address with no
// call-site record, followed by a recorded call: the walker must stop with
// "no stack map for return address".
//
// fake_go_after_last_call(): a recorded call of a function that returns
// at once, then refrt_collect from a call after the last recorded one (its
// return address inside the function, by code_size): also fatal, never a
// frame skipped as "not Go".
//
// fake_go_realigned(a, c, x, x, x, x, b): a frame realigned to 32 bytes
// (frame_size variable), a at sp+0 (marked), c at sp+8 (not marked), b the
// stack argument at cfa+0 (marked in the descriptor's cfa part); calls
// refrt_collect and returns the stack argument.
//
// fake_go_bad_frame_size(): a 16-byte frame (frame_size 24) whose record
// claims 32: the checker must notice that the frame pointers disagree.

        .text
        .globl  fake_go_frame
        .type   fake_go_frame,@function
        .p2align 4
fake_go_frame:
        pushq   %rbp
        movq    %rsp, %rbp
        subq    $32, %rsp
        movq    $0, (%rsp)
        movq    %rdi, 8(%rsp)
        movq    %rdx, 16(%rsp)
        movq    %rsi, 24(%rsp)
        // Clobber the argument registers: only the frame keeps the values.
        xorl    %edi, %edi
        xorl    %esi, %esi
        xorl    %edx, %edx
        callq   refrt_collect
.Lret_frame:
        movq    8(%rsp), %rax
        movq    %rbp, %rsp
        popq    %rbp
        retq
.Lend_frame:
        .size   fake_go_frame, .-fake_go_frame

        .globl  fake_go_unmapped_call
        .type   fake_go_unmapped_call,@function
        .p2align 4
fake_go_unmapped_call:
        pushq   %rbp
        movq    %rsp, %rbp
        subq    $16, %rsp
        callq   refrt_collect
        callq   refrt_collect
.Lret_unmapped_recorded:
        movq    %rbp, %rsp
        popq    %rbp
        retq
.Lend_unmapped:
        .size   fake_go_unmapped_call, .-fake_go_unmapped_call

        .globl  fake_go_after_last_call
        .type   fake_go_after_last_call,@function
        .p2align 4
fake_go_after_last_call:
        pushq   %rbp
        movq    %rsp, %rbp
        subq    $16, %rsp
        callq   fake_go_nothing
.Lret_after_recorded:
        callq   refrt_collect
        movq    %rbp, %rsp
        popq    %rbp
        retq
.Lend_after:
        .size   fake_go_after_last_call, .-fake_go_after_last_call

        .type   fake_go_nothing,@function
fake_go_nothing:
        retq
        .size   fake_go_nothing, .-fake_go_nothing

        .globl  fake_go_realigned
        .type   fake_go_realigned,@function
        .p2align 4
fake_go_realigned:
        pushq   %rbp
        movq    %rsp, %rbp
        andq    $-32, %rsp
        subq    $32, %rsp
        movq    %rdi, (%rsp)
        movq    %rsi, 8(%rsp)
        xorl    %edi, %edi
        xorl    %esi, %esi
        callq   refrt_collect
.Lret_realigned:
        movq    16(%rbp), %rax
        movq    %rbp, %rsp
        popq    %rbp
        retq
.Lend_realigned:
        .size   fake_go_realigned, .-fake_go_realigned

        .globl  fake_go_bad_frame_size
        .type   fake_go_bad_frame_size,@function
        .p2align 4
fake_go_bad_frame_size:
        pushq   %rbp
        movq    %rsp, %rbp
        subq    $16, %rsp
        callq   refrt_collect
.Lret_bad_size:
        movq    %rbp, %rsp
        popq    %rbp
        retq
.Lend_bad_size:
        .size   fake_go_bad_frame_size, .-fake_go_bad_frame_size

        .section go_stackmap,"a",@progbits
        .p2align 3
.Ltable:
        .long   0x4D534F47                      // magic "GOSM"
        .short  2                               // version
        .short  32                              // header_size
        .long   .Ltable_end - .Ltable           // table_size
        .long   5                               // num_functions
        .long   5                               // num_callsites
        .long   9                               // pool_words
        .long   0, 0
        // function records (start, code_size, frame_size, first_callsite,
        // num_callsites, reserved), sorted by start
        .long   fake_go_frame - .
        .long   .Lend_frame - fake_go_frame
        .long   40                              // frame_size: sp + 40 = ra slot
        .long   0, 1, 0
        .long   fake_go_unmapped_call - .
        .long   .Lend_unmapped - fake_go_unmapped_call
        .long   24
        .long   1, 1, 0
        .long   fake_go_after_last_call - .
        .long   .Lend_after - fake_go_after_last_call
        .long   24
        .long   2, 1, 0
        .long   fake_go_realigned - .
        .long   .Lend_realigned - fake_go_realigned
        .long   0xFFFFFFFF                      // frame_size: variable
        .long   3, 1, 0
        .long   fake_go_bad_frame_size - .
        .long   .Lend_bad_size - fake_go_bad_frame_size
        .long   32                              // wrong: the frame is 24
        .long   4, 1, 0
        // call sites
        .long   .Lret_frame - fake_go_frame, 2
        .long   .Lret_unmapped_recorded - fake_go_unmapped_call, 0
        .long   .Lret_after_recorded - fake_go_after_last_call, 0
        .long   .Lret_realigned - fake_go_realigned, 5
        .long   .Lret_bad_size - fake_go_bad_frame_size, 0
        // pool: [0] = empty {0} {0}, [2] = sp part 4 words, bits 0..2;
        // cfa part empty
        .long   0, 0
        .long   4, 0x7, 0
        // [5] = sp part 1 word, bit 0; cfa part 1 word, bit 0
        .long   1, 1, 1, 1
        .p2align 3
.Ltable_end:

        .section .note.GNU-stack,"",@progbits
