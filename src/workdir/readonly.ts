/**
 * The types of the work-dir files are read-only views of what their zod schemas parse: readers hand
 * out data nobody should change in place, and writers accept the read-only values the pipeline
 * builds (a Sample's `readonly Choice[]` goes into a record as is).
 */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** `true` only when A and B are assignable both ways: a compile-time check that two types agree. */
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
