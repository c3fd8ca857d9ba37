/*===- sysstack.S - refrt's system stack for deep C work --------*- asm -*-===*\
|*                                                                            *|
|* Part of go-llc, under the Apache License v2.0 with LLVM Exceptions.        *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* refrt_on_system_stack(a, b, fn) calls fn(a, b) on a 256 KiB stack of its   *|
|* own. Go code may call refrt on a split-stack segment with only the 3.5 KiB *|
|* libgcc's __morestack leaves below its guard (0xe00): GNU ld, unlike gold    *|
|* and lld, does not give a split-stack caller of code without split stacks   *|
|* more room. libgcc's unwinder, and the dynamic linker binding its symbols   *|
|* lazily (_dl_runtime_resolve saves the whole XSAVE area: 2.7 KiB with       *|
|* AVX-512), need more than that. Unwinding and frame-pointer walks cross the *|
|* switch: the frame here is an ordinary %rbp frame on the caller's stack,    *|
|* and its CFA is %rbp + 16 wherever %rsp is. A call made while already on    *|
|* the system stack runs in place. refrt runs Go code on one thread only.     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#define REFRT_SYSTEM_STACK_SIZE 262144

#if defined(__x86_64__)
        .text
        .globl  refrt_on_system_stack
        .hidden refrt_on_system_stack
        .type   refrt_on_system_stack,@function
        .p2align 4
refrt_on_system_stack:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        leaq    refrt_system_stack(%rip), %rax
        cmpq    %rax, %rsp
        jb      1f
        addq    $REFRT_SYSTEM_STACK_SIZE, %rax
        cmpq    %rax, %rsp
        jbe     2f                    /* already on it */
1:      leaq    refrt_system_stack+REFRT_SYSTEM_STACK_SIZE(%rip), %rsp
2:      callq   *%rdx
        movq    %rbp, %rsp
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        retq
        .cfi_endproc
        .size   refrt_on_system_stack, .-refrt_on_system_stack

        .bss
        .p2align 6
refrt_system_stack:
        .zero   REFRT_SYSTEM_STACK_SIZE
#endif

        .section .note.GNU-stack,"",@progbits
