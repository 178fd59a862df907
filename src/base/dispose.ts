// The one global the public .d.ts needs beyond ES2022: `Symbol.dispose`, the
// key of NDArray's and DLPackCapsule's `[Symbol.dispose]()`. Node >= 20 (the
// package's engines) has it at run time, but TypeScript declares it only in
// lib esnext.disposable, which a consumer need not load. It is declared here
// the way @types/node declares it, so the declarations merge with either.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

export {};
