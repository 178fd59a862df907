// DType objects, built from the native dtype table (native/core/dtype/table.cc),
// which is the one source of truth for names, kinds, chars, sizes and DLPack codes.
import { describeValue, makeError } from '../base/errors.js';
import { native, type NativeDTypeRow, type NativeScalarType } from '../base/native.js';
import { closestName } from '../base/suggest.js';
import { dtypeCloneRefusal } from '../base/clone-guard.js';
import type { DTypeNameOf, DTypeSpelling } from './spelling.js';

export type { DTypeNameOf, DTypeSpelling } from './spelling.js';

/** NumPy's dtype.byteorder: '=' native, '<' little, '>' big, '|' not applicable. */
export type ByteOrder = '<' | '>' | '=' | '|';

/** What DType.newByteOrder accepts: NumPy's codes and names, 'S' (swap) by default. */
export type ByteOrderRequest = ByteOrder | 'S' | 'swap' | 'L' | 'little' | 'B' | 'big' | 'N' | 'native' | 'I';

const byteOrderRequests = new Map<unknown, ByteOrder | 'S'>([
  ['S', 'S'], ['swap', 'S'],
  ['<', '<'], ['L', '<'], ['little', '<'],
  ['>', '>'], ['B', '>'], ['big', '>'],
  ['=', '='], ['N', '='], ['native', '='],
  ['|', '|'], ['I', '|'],
]);

/** Names of the dtypes that take part in arithmetic. */
export type NumericDTypeName =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'bfloat16'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128';

/**
 * Every dtype name: the numeric ones, plus longdouble and clongdouble, bytes
 * (NumPy's `S`), str (`U`), void (`V`: raw bytes or a structured type),
 * datetime64, timedelta64 and object.
 */
export type DTypeName =
  | NumericDTypeName
  | 'longdouble'
  | 'clongdouble'
  | 'bytes'
  | 'str'
  | 'void'
  | 'datetime64'
  | 'timedelta64'
  | 'object';

export const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const nativeOrderChar = littleEndianHost ? '<' : '>';

function swappedOrder(order: ByteOrder): ByteOrder {
  if (order === '|') return '|';
  const actual = order === '=' ? nativeOrderChar : order;
  return actual === '<' ? '>' : '<';
}

/**
 * What the {@link DType} constructor takes. Most code gets a DType from
 * {@link dtype} instead.
 *
 * @typeParam N - The dtype's name as a literal type.
 */
export interface DTypeInit<N extends DTypeName = DTypeName> {
  /** The dtype's name. */
  readonly name: N;
  /** Bytes per element (4 per character for str). */
  readonly itemsize: number;
  /** '<' little-endian, '>' big-endian, '=' native, '|' not applicable; normalised as NumPy does (native order becomes '='). */
  readonly byteorder: ByteOrder;
  /** datetime64/timedelta64 unit, e.g. 'ns', '25s'; '' for generic. */
  readonly unit?: string;
  /** Makes a structured type (name 'void'): its fields, in order, inside `itemsize` bytes. */
  readonly fields?: readonly DTypeField[];
}

/** One field of a structured DType; `shape` is present for a sub-array field. */
export interface DTypeField {
  /** The field's name. */
  readonly name: string;
  /** Bytes from the start of the record. */
  readonly offset: number;
  /** The field's element type. */
  readonly dtype: DType;
  /** The sub-array shape of a sub-array field; absent for a scalar field. */
  readonly shape?: readonly number[];
}

/**
 * NumPy's dtype.descr (the `descr` of `__array_interface__`): one entry per
 * field, `[name, typestr]`, `[name, typestr, shape]` or `[name, nested descr]`,
 * with `['', '|V<n>']` for gaps; `[['', str]]` for a plain type.
 */
export type DescrEntry =
  | readonly [name: string, typestr: string]
  | readonly [name: string, typestr: string, shape: readonly number[]]
  | readonly [name: string, descr: readonly DescrEntry[]];

/**
 * An element type, with NumPy's attributes and `.str`. `N` is its name as a
 * literal type when known statically (`dtype('<f8')` is a `DType<'float64'>`).
 */
export class DType<N extends DTypeName = DTypeName> {
  // First, so structuredClone and postMessage stop here (see clone-guard.ts).
  private readonly noStructuredClone = dtypeCloneRefusal;
  /** The name without size or unit: 'float64', 'str', 'datetime64' (see {@link DType.fullName} for 'datetime64[ns]'). */
  readonly name: N;
  /**
   * NumPy's dtype.kind: 'b' bool, 'i' signed integer, 'u' unsigned integer,
   * 'f' floating (bfloat16 too), 'c' complex, 'M' datetime64, 'm'
   * timedelta64, 'S' bytes, 'U' str, 'V' void, 'O' object.
   */
  readonly kind: string;
  /** NumPy's dtype.char, the one-letter type code: 'd' float64, 'e' float16, '?' bool ('E' for bfloat16, which NumPy lacks). */
  readonly char: string;
  /** Bytes per element (NumPy's dtype.itemsize). */
  readonly itemsize: number;
  /** NumPy's dtype.alignment: the byte boundary an aligned element starts on. */
  readonly alignment: number;
  /** NumPy's dtype.byteorder: '=' native, '<' little-endian, '>' big-endian (when not native), '|' not applicable. */
  readonly byteorder: ByteOrder;
  /** The unit of datetime64 and timedelta64 ('ns', '25s'); '' for a generic unit and for every other type. */
  readonly unit: string;
  /** DLPack (code, bits, lanes), or null when DLPack cannot carry this type. */
  readonly dlpack: {
    /** DLPack's DLDataTypeCode: 0 int, 1 uint, 2 float, 4 bfloat, 5 complex, 6 bool. */
    readonly code: number;
    /** Bits per element. */
    readonly bits: number;
    /** Vector lanes: always 1 here. */
    readonly lanes: number;
  } | null;
  /** True for the types ufuncs compute on: {@link NumericDTypeName} and longdouble, clongdouble. */
  readonly numeric: boolean;
  /** Index of this type's row in the native dtype table. */
  readonly id: number;
  /** The fields of a structured type (name 'void'), in order; null for every other type. */
  readonly fields: readonly DTypeField[] | null;

  constructor(init: DTypeInit<N>) {
    const row = rowsByName.get(init.name);
    if (!row) throw makeError(TypeError, 'ERR_INVALID_DTYPE', `unknown dtype name ${describeValue(init.name)}`);
    this.id = row.id;
    this.name = init.name;
    this.kind = row.kind;
    this.char = row.char;
    this.itemsize = init.itemsize;
    this.alignment = row.alignment;
    this.byteorder = normaliseByteOrder(init.byteorder, init.itemsize, row.kind);
    this.unit = init.unit ?? '';
    this.dlpack = row.dlpack;
    this.numeric = row.numeric;
    this.fields = init.fields ? checkedFields(init) : null;
    Object.freeze(this);
  }

  /** True when the data is in this machine's byte order (or order does not apply). */
  get isNative(): boolean {
    return this.byteorder === '=' || this.byteorder === '|';
  }

  /** NumPy's dtype.str: '<f8', '|b1', '<M8[ns]', '<U3', '|S5', '|V8', '|O'. */
  get str(): string {
    const order = this.byteorder === '=' ? nativeOrderChar : this.byteorder;
    const row = rows[this.id]!;
    if (this.kind === 'O') return '|O';
    const size = this.kind === 'U' ? this.itemsize / 4 : this.itemsize;
    const unit = this.kind === 'M' || this.kind === 'm' ? (this.unit ? `[${this.unit}]` : '') : '';
    return `${order}${row.typestrKind}${size}${unit}`;
  }

  /**
   * NumPy's dtype.newbyteorder: the same type in byte order `order`. The
   * default 'S' (or 'swap') swaps; '<' 'L' 'little', '>' 'B' 'big', '=' 'N'
   * 'native' set it; '|' 'I' keep it. A structured type changes every field.
   */
  newByteOrder(order: ByteOrderRequest = 'S'): DType {
    const request = byteOrderRequests.get(order);
    if (request === undefined) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `byteorder not recognized (got ${describeValue(order)})`);
    }
    const fields = this.fields?.map((field) => ({ ...field, dtype: field.dtype.newByteOrder(order) }));
    let next: ByteOrder = request === 'S' ? swappedOrder(this.byteorder) : request;
    if (request === '|') next = this.byteorder;
    return new DType({ name: this.name, itemsize: this.itemsize, byteorder: next, unit: this.unit, fields });
  }

  /**
   * NumPy's `==` between dtypes: true when `other` is a DType with the same
   * name, itemsize, unit, fields and byte order (native order equals itself
   * however it was spelt).
   */
  equals(other: unknown): boolean {
    if (!(other instanceof DType)) return false;
    return (
      this.name === other.name &&
      this.itemsize === other.itemsize &&
      this.unit === other.unit &&
      (this.isNative ? other.isNative : this.byteorder === other.byteorder) &&
      sameFields(this.fields, other.fields)
    );
  }

  /** NumPy's dtype.descr; throws for structured types whose fields overlap or are out of order (as NumPy does). */
  get descr(): readonly DescrEntry[] {
    if (!this.fields) return [['', this.str]];
    const entries: DescrEntry[] = [];
    let end = 0;
    for (const field of this.fields) {
      if (field.offset < end) {
        throw makeError(
          TypeError,
          'ERR_INVALID_DTYPE',
          `dtype.descr is not defined for overlapping or out-of-order fields: field '${field.name}' starts at byte ${field.offset}, before byte ${end}`,
        );
      }
      if (field.offset > end) entries.push(['', `|V${field.offset - end}`]);
      entries.push(descrEntry(field));
      end = field.offset + fieldSize(field);
    }
    if (this.itemsize > end) entries.push(['', `|V${this.itemsize - end}`]);
    return entries;
  }

  /** What NumPy prints for `str(dtype)`: {@link DType.fullName}, or `.str` ('<U3', '|S5', '|V8') for str, bytes and void. */
  toString(): string {
    return this.name === 'str' || this.name === 'bytes' || this.name === 'void' ? this.str : this.fullName;
  }

  /** 'float64', 'datetime64[ns]', 'S5', '>i4'-style name NumPy prints in reprs. */
  get fullName(): string {
    if (this.byteorder === '<' || this.byteorder === '>') return this.str;
    if (this.kind === 'M' || this.kind === 'm') return this.unit ? `${this.name}[${this.unit}]` : this.name;
    if (this.kind === 'S') return `S${this.itemsize}`;
    if (this.kind === 'U') return this.str;
    if (this.name === 'bfloat16') return 'bfloat16';
    if (this.name === 'longdouble') return 'float128'; // NumPy's name on x86-64
    if (this.name === 'clongdouble') return 'complex256';
    if (this.kind === 'V') return `V${this.itemsize}`;
    return this.name;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return dtypeRepr(this);
  }
}

/**
 * NumPy's repr of a dtype, the form its error messages quote: dtype('float64'),
 * dtype('>i4') for a byte-swapped type (dtype('<f8') when the host is
 * big-endian), dtype('<U3'), dtype('<M8[s]'), dtype([('a', '<i4')]).
 * Every error that names a dtype goes through here.
 */
export function dtypeRepr(type: DType): string {
  if (type.fields) return `dtype(${structRepr(type)})`;
  // NumPy spells datetimes by typestr even in native order: dtype('<M8[s]').
  if (type.kind === 'M' || type.kind === 'm') return `dtype('${type.str}')`;
  return `dtype('${type.fullName}')`;
}

function fieldSize(field: DTypeField): number {
  return (field.shape ?? []).reduce((size, dim) => size * dim, field.dtype.itemsize);
}

function descrEntry(field: DTypeField): DescrEntry {
  if (field.dtype.fields) return [field.name, field.dtype.descr];
  return field.shape ? [field.name, field.dtype.str, field.shape] : [field.name, field.dtype.str];
}

function sameFields(a: readonly DTypeField[] | null, b: readonly DTypeField[] | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.length === b.length &&
    a.every((field, i) => {
      const other = b[i]!;
      return (
        field.name === other.name &&
        field.offset === other.offset &&
        field.dtype.equals(other.dtype) &&
        JSON.stringify(field.shape ?? []) === JSON.stringify(other.shape ?? [])
      );
    })
  );
}

// NumPy's list repr when the fields are packed in order, else its dict repr.
function structRepr(type: DType): string {
  const fields = type.fields!;
  const fieldRepr = (field: DTypeField): string =>
    field.dtype.fields ? structRepr(field.dtype) : `'${field.dtype.str}'`;
  let end = 0;
  const packed = fields.every((field) => {
    const inOrder = field.offset === end;
    end = field.offset + fieldSize(field);
    return inOrder;
  });
  if (packed && end === type.itemsize && fields.length > 0) {
    const items = fields.map((field) => {
      const shape = field.shape ? `, (${field.shape.join(', ')}${field.shape.length === 1 ? ',' : ''})` : '';
      return `('${field.name}', ${fieldRepr(field)}${shape})`;
    });
    return `[${items.join(', ')}]`;
  }
  const names = fields.map((field) => `'${field.name}'`).join(', ');
  const formats = fields.map(fieldRepr).join(', ');
  const offsets = fields.map((field) => field.offset).join(', ');
  return `{'names': [${names}], 'formats': [${formats}], 'offsets': [${offsets}], 'itemsize': ${type.itemsize}}`;
}

function checkedFields(init: DTypeInit): readonly DTypeField[] {
  if (init.name !== 'void') {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `only 'void' types have fields, got fields for ${describeValue(init.name)}`);
  }
  const seen = new Set<string>();
  const fields = init.fields!.map((field) => {
    if (!(field.dtype instanceof DType)) {
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `field ${describeValue(field.name)} needs a DType, got ${describeValue(field.dtype)}`);
    }
    if (seen.has(field.name)) throw makeError(TypeError, 'ERR_INVALID_DTYPE', `duplicate field name ${describeValue(field.name)}`);
    seen.add(field.name);
    const copy: DTypeField = field.shape
      ? { name: field.name, offset: field.offset, dtype: field.dtype, shape: Object.freeze([...field.shape]) }
      : { name: field.name, offset: field.offset, dtype: field.dtype };
    const end = copy.offset + fieldSize(copy);
    if (!Number.isSafeInteger(copy.offset) || copy.offset < 0 || end > init.itemsize) {
      throw makeError(
        RangeError,
        'ERR_INVALID_ARG_VALUE',
        `field ${describeValue(field.name)} spans bytes ${copy.offset}..${end}, outside the record of ${init.itemsize} bytes`,
      );
    }
    return Object.freeze(copy);
  });
  return Object.freeze(fields);
}

// The same rule as normalizeByteOrder in native/core/dtype/typestr.cc (NumPy's):
// order does not apply to bool, bytes, void, object and one-byte types; str
// keeps it even when empty.
function normaliseByteOrder(order: ByteOrder, itemsize: number, kind: string): ByteOrder {
  if (kind === 'S' || kind === 'V' || kind === 'b' || kind === 'O' || (kind !== 'U' && itemsize <= 1)) return '|';
  if (order === '|') return '=';
  return order === nativeOrderChar ? '=' : order;
}

const rows: readonly NativeDTypeRow[] = native.dtypeTable;
const rowsByName = new Map<string, NativeDTypeRow>(rows.map((row) => [row.name, row]));

const fixedTypes = new Map<string, DType>();
for (const row of rows) {
  if (row.itemsize > 0) {
    fixedTypes.set(row.name, new DType({ name: row.name as DTypeName, itemsize: row.itemsize, byteorder: '=' }));
  }
}

/** The native-order DType of a fixed-size type by its name; undefined if unknown. */
export function dtypeByName(name: string): DType | undefined {
  return fixedTypes.get(name);
}

/** The native-order DType for a table row by its id. */
export function dtypeById(id: number): DType {
  const row = rows[id];
  const found = row && fixedTypes.get(row.name);
  if (!found) throw makeError(TypeError, 'ERR_INVALID_DTYPE', `no fixed-size dtype with id ${id}`);
  return found;
}

/**
 * The native-order DType of a one-letter NumPy type character ('d' is
 * float64, 'E' bfloat16), or undefined for a character that names no
 * fixed-size type. A character is looked up in the dtype table first, then
 * read by the native typestr parser, which knows NumPy's aliases ('q'/'Q'
 * are int64/uint64 like 'l'/'L' on LP64 platforms).
 */
export function dtypeOfChar(char: string): DType | undefined {
  let found = typesByChar.get(char);
  if (found === undefined && !typesByChar.has(char)) {
    found = char.length === 1 ? parsedChar(char) : undefined;
    typesByChar.set(char, found);
  }
  return found;
}

const typesByChar = new Map<string, DType | undefined>();
for (const row of rows) {
  const type = fixedTypes.get(row.name);
  if (type) typesByChar.set(row.char, type);
}

function parsedChar(char: string): DType | undefined {
  try {
    return fixedTypes.get(native.parseDTypeString(char).name);
  } catch {
    return undefined;
  }
}

/**
 * What a `dtype` option takes: a DType or any spelling dtype() accepts as a
 * literal ('float64', '<f8', 'd', 'S10', 'M8[ns]'). A string known only at
 * run time goes through dtype(s) first, which checks it.
 */
export type DTypeLike = DType | DTypeSpelling;

/**
 * The parameter type that accepts a literal only when it is a DTypeSpelling,
 * and any string whose value is known only at run time (`string`).
 */
export type CheckedSpelling<S extends string> = string extends S ? S : S extends DTypeSpelling ? S : DTypeSpelling;

/** Turns a parse result from native/core/dtype/typestr.cc into a DType (the shared instance when there is one). */
export function dtypeFromNative(parsed: NativeScalarType): DType {
  const shared = fixedTypes.get(parsed.name);
  if (shared && parsed.byteorder === shared.byteorder && parsed.itemsize === shared.itemsize && parsed.unit === '') {
    return shared;
  }
  return new DType({
    name: parsed.name as DTypeName,
    itemsize: parsed.itemsize,
    byteorder: parsed.byteorder,
    unit: parsed.unit,
  });
}

/**
 * A DType from a NumPy name or alias ('float64', 'double', 'intc', 'str'),
 * a one-letter code ('d', 'b' is int8, '?' is bool), a typestr ('<f8',
 * '|b1', '<M8[25s]', '<U3'), or a DType (returned as is).
 * Throws TypeError: ERR_INVALID_DTYPE for unknown names and non-strings,
 * ERR_INVALID_TYPESTR (with `position`) for malformed typestrs.
 */
export function dtype<N extends DTypeName>(spec: DType<N>): DType<N>;
export function dtype<const S extends string>(spec: CheckedSpelling<S>): DType<DTypeNameOf<S>>;
export function dtype(spec: DTypeLike): DType;
export function dtype(spec: DType | string): DType {
  if (spec instanceof DType) return spec;
  if (typeof spec !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `expected a dtype name, typestr or DType, got ${describeValue(spec)}`);
  }
  const fixed = fixedTypes.get(spec);
  if (fixed) return fixed;
  try {
    return dtypeFromNative(native.parseDTypeString(spec));
  } catch (error) {
    throw withSuggestion(error, spec);
  }
}

// NumPy's common spellings besides the table's names; only those the parser
// accepts are ever suggested.
const aliasCandidates = ['double', 'single', 'half', 'float', 'int', 'intc', 'uintc', 'intp', 'uintp', 'short', 'ushort', 'byte', 'ubyte',
  'longlong', 'ulonglong', 'bool', 'complex', 'csingle', 'cdouble', 'str', 'bytes', 'void', 'datetime64', 'timedelta64'];
let nameCandidates: string[] | undefined;

function knownNames(): string[] {
  if (nameCandidates) return nameCandidates;
  const accepted = aliasCandidates.filter((name) => {
    try {
      native.parseDTypeString(name);
      return true;
    } catch {
      return false;
    }
  });
  nameCandidates = [...fixedTypes.keys(), ...accepted];
  return nameCandidates;
}

// An unknown dtype name that is a typo of a known one says which.
function withSuggestion(error: unknown, spec: string): unknown {
  if ((error as { code?: string }).code !== 'ERR_INVALID_DTYPE' || spec.length > 32 || !/^[A-Za-z_]+\d*$/.test(spec)) return error;
  const suggestion = closestName(spec, knownNames());
  if (suggestion === undefined) return error;
  (error as Error).message += `; did you mean '${suggestion}'?`;
  return error;
}

/**
 * Parses a NumPy typestr exactly as np.dtype does: an optional byte order
 * (`<`, `>`, `=`, `|`) then kind and size (`f8`, `b1`, `U3` in characters,
 * `S5`, `V16`, `M8[ns]`, `m8[25s]`) or a one-letter code (`d`, `b`, `?`).
 * Throws TypeError with code ERR_INVALID_TYPESTR and `position`, the number
 * of characters read before the problem.
 */
export function parseTypestr(typestr: string): DType {
  if (typeof typestr !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a typestr string like '<f8', got ${describeValue(typestr)}`);
  }
  return dtypeFromNative(native.parseTypestr(typestr));
}
