// Standard library of GTM's sandboxed JavaScript, for type-checking template sources with
// `noLib: true`. It declares ONLY what the sandbox documents (developers.google.com/tag-platform/
// tag-manager/templates/standard-library), plus `hasOwnProperty` (undocumented but used by many
// published templates) and the empty global types the TypeScript compiler insists on. Anything
// else (`startsWith`, `includes`, `Object.keys`, `Date`, `Math`, `JSON`, `.call`/`.apply`...) is a
// type error here, because it is missing (or only reachable through `import X from 'X'`) in GTM.
//
// Used by build/typecheck.ts together with server-apis.d.ts or web-apis.d.ts, never by the
// project's own tsconfig.json (Node code uses the real lib).

interface Object {
  hasOwnProperty(key: string | number): boolean;
  toString(): string;
}

interface Function {}
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}

interface IArguments {
  [index: number]: unknown;
  length: number;
}

interface Boolean {
  toString(): string;
}

interface Number {
  toString(): string;
}

/** Opaque regular-expression object; only `createRegex` (server) makes one. */
interface RegExp {}

interface String {
  readonly length: number;
  readonly [index: number]: string;
  charAt(position: number): string;
  concat(...strings: unknown[]): string;
  indexOf(searchString: string, position?: number): number;
  lastIndexOf(searchString: string, position?: number): number;
  /** A string pattern is a regular expression. */
  match(pattern: string | RegExp): string[] | null;
  /** A string pattern replaces the first literal occurrence; a `g` regex from createRegex replaces all. */
  replace(pattern: string | RegExp, replacement: string): string;
  search(pattern: string | RegExp): number;
  slice(start?: number, end?: number): string;
  split(separator: string | RegExp, limit?: number): string[];
  substring(start: number, end?: number): string;
  toLowerCase(): string;
  toLocaleLowerCase(): string;
  toString(): string;
  toUpperCase(): string;
  toLocaleUpperCase(): string;
  trim(): string;
}

interface Array<T> {
  length: number;
  [index: number]: T;
  concat(...items: (T | T[])[]): T[];
  every(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  filter<S extends T>(predicate: (value: T, index: number, array: T[]) => value is S): S[];
  filter(predicate: (value: T, index: number, array: T[]) => unknown): T[];
  forEach(callback: (value: T, index: number, array: T[]) => void): void;
  indexOf(searchElement: T, fromIndex?: number): number;
  join(separator?: string): string;
  lastIndexOf(searchElement: T, fromIndex?: number): number;
  map<U>(callback: (value: T, index: number, array: T[]) => U): U[];
  pop(): T | undefined;
  push(...items: T[]): number;
  reduce(callback: (previous: T, current: T, index: number, array: T[]) => T): T;
  reduce<U>(callback: (previous: U, current: T, index: number, array: T[]) => U, initialValue: U): U;
  reduceRight(callback: (previous: T, current: T, index: number, array: T[]) => T): T;
  reduceRight<U>(callback: (previous: U, current: T, index: number, array: T[]) => U, initialValue: U): U;
  reverse(): T[];
  shift(): T | undefined;
  slice(start?: number, end?: number): T[];
  some(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  sort(compare?: (a: T, b: T) => number): T[];
  splice(start: number, deleteCount?: number, ...items: T[]): T[];
  toString(): string;
  unshift(...items: T[]): number;
}

/** Needed by the compiler for readonly arrays and `as const`; same documented methods. */
interface ReadonlyArray<T> {
  readonly length: number;
  readonly [index: number]: T;
  concat(...items: (T | readonly T[])[]): T[];
  every(predicate: (value: T, index: number, array: readonly T[]) => unknown): boolean;
  filter(predicate: (value: T, index: number, array: readonly T[]) => unknown): T[];
  forEach(callback: (value: T, index: number, array: readonly T[]) => void): void;
  indexOf(searchElement: T, fromIndex?: number): number;
  join(separator?: string): string;
  lastIndexOf(searchElement: T, fromIndex?: number): number;
  map<U>(callback: (value: T, index: number, array: readonly T[]) => U): U[];
  reduce<U>(callback: (previous: U, current: T, index: number, array: readonly T[]) => U, initialValue: U): U;
  slice(start?: number, end?: number): T[];
  some(predicate: (value: T, index: number, array: readonly T[]) => unknown): boolean;
  toString(): string;
}

/** Template literals are banned by the build; the type exists because the compiler requires it. */
interface TemplateStringsArray extends ReadonlyArray<string> {}

// `for...of` over arrays type-checks through these (the compiler targets ES2015+).
interface SymbolConstructor {
  readonly iterator: unique symbol;
}
declare var Symbol: SymbolConstructor;
interface IteratorResult<T> {
  done?: boolean;
  value: T;
}
interface Iterator<T> {
  next(): IteratorResult<T>;
}
interface Iterable<T> {
  [Symbol.iterator](): Iterator<T>;
}
interface IterableIterator<T> extends Iterator<T> {
  [Symbol.iterator](): IterableIterator<T>;
}
interface Array<T> {
  [Symbol.iterator](): IterableIterator<T>;
}
interface ReadonlyArray<T> {
  [Symbol.iterator](): IterableIterator<T>;
}

/** Utility types that only exist at compile time. */
type Partial<T> = { [P in keyof T]?: T[P] };
type Required<T> = { [P in keyof T]-?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Record<K extends keyof any, T> = { [P in K]: T };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;

/**
 * A sandbox promise (server `Promise` API, `sendHttpRequest`, `BigQuery`...). There is no global
 * `Promise` value: get `create`/`all` with `import Promise from 'Promise'` (server only).
 */
interface Promise<T> {
  then<R = T, E = never>(
    onFulfilled?: ((value: T) => R | PromiseLike<R>) | null,
    onRejected?: ((reason: any) => E | PromiseLike<E>) | null,
  ): Promise<R | E>;
  catch<E = never>(onRejected?: ((reason: any) => E | PromiseLike<E>) | null): Promise<T | E>;
  finally(onFinally?: (() => void) | null): Promise<T>;
}
interface PromiseLike<T> {
  then<R = T, E = never>(
    onFulfilled?: ((value: T) => R | PromiseLike<R>) | null,
    onRejected?: ((reason: any) => E | PromiseLike<E>) | null,
  ): PromiseLike<R | E>;
}

// The template's `data` object (its field values, keyed by field name; tags also get
// gtmOnSuccess/gtmOnFailure) is declared per template by the build from its template.ts
// (build/template-data.ts), so reading a field the template does not define is a type error.

/** Values `getType` distinguishes. */
type SandboxTypeName = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'function';

/** Result of `parseUrl`. */
interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  searchParams: { [name: string]: string | string[] };
  hash: string;
}

/** Result of `getContainerVersion`. */
interface ContainerVersion {
  containerId: string;
  debugMode: boolean;
  environmentName: string;
  environmentMode: boolean;
  previewMode: boolean;
  version: string;
}

/** Result of `addEventCallback`'s second argument. */
interface EventMetadata {
  tags: Array<{ id: string; status: 'success' | 'failure' | 'exception' | 'timeout'; executionTime: number; [key: string]: unknown }>;
}
