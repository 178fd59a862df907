// DType objects, built from the native dtype table (native/core/dtype_table.cc),
// which is the one source of truth for names, kinds, chars, sizes and DLPack codes.
import { describeValue, makeError } from './errors.js';
import { native, type NativeDTypeRow } from './native.js';

/** NumPy's dtype.byteorder: '=' native, '<' little, '>' big, '|' not applicable. */
export type ByteOrder = '<' | '>' | '=' | '|';

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

export type DTypeName =
  | NumericDTypeName
  | 'longdouble'
  | 'bytes'
  | 'str'
  | 'void'
  | 'datetime64'
  | 'timedelta64'
  | 'object';

export const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const nativeOrderChar = littleEndianHost ? '<' : '>';

export interface DTypeInit {
  readonly name: DTypeName;
  readonly itemsize: number;
  readonly byteorder: ByteOrder;
  /** datetime64/timedelta64 unit, e.g. 'ns', '25s'; '' for generic. */
  readonly unit?: string;
}

/** An element type, with NumPy's attributes and `.str`. */
export class DType {
  readonly name: DTypeName;
  readonly kind: string;
  readonly char: string;
  readonly itemsize: number;
  readonly alignment: number;
  readonly byteorder: ByteOrder;
  readonly unit: string;
  /** DLPack (code, bits, lanes), or null when DLPack cannot carry this type. */
  readonly dlpack: { readonly code: number; readonly bits: number; readonly lanes: number } | null;
  readonly numeric: boolean;
  /** Index of this type's row in the native dtype table. */
  readonly id: number;

  constructor(init: DTypeInit) {
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
    Object.freeze(this);
  }

  /** True when the data is in this machine's byte order (or order does not apply). */
  get isNative(): boolean {
    return this.byteorder === '=' || this.byteorder === '|';
  }

  /** NumPy's dtype.str: '<f8', '|b1', '<M8[ns]', '<U3', '|S5', '|V8'. */
  get str(): string {
    const order = this.byteorder === '=' ? nativeOrderChar : this.byteorder;
    const size = this.kind === 'U' ? this.itemsize / 4 : this.itemsize;
    const typeChar = this.name === 'bfloat16' ? 'V' : this.kind;
    const unit = this.kind === 'M' || this.kind === 'm' ? (this.unit ? `[${this.unit}]` : '') : '';
    return `${order}${typeChar}${size}${unit}`;
  }

  /** The same type in native byte order. */
  newByteOrder(order: ByteOrder): DType {
    return new DType({ name: this.name, itemsize: this.itemsize, byteorder: order, unit: this.unit });
  }

  equals(other: unknown): boolean {
    if (!(other instanceof DType)) return false;
    return (
      this.name === other.name &&
      this.itemsize === other.itemsize &&
      this.unit === other.unit &&
      (this.isNative ? other.isNative : this.byteorder === other.byteorder)
    );
  }

  toString(): string {
    return this.name === 'str' || this.name === 'bytes' || this.name === 'void' ? this.str : this.fullName;
  }

  /** 'float64', 'datetime64[ns]', 'S5'-style name NumPy prints in reprs. */
  get fullName(): string {
    if (this.kind === 'M' || this.kind === 'm') return this.unit ? `${this.name}[${this.unit}]` : this.name;
    if (this.kind === 'S') return `S${this.itemsize}`;
    if (this.kind === 'U') return `<U${this.itemsize / 4}`;
    if (this.kind === 'V') return this.name === 'bfloat16' ? 'bfloat16' : `V${this.itemsize}`;
    return this.name;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `dtype('${this.fullName}')`;
  }
}

function normaliseByteOrder(order: ByteOrder, itemsize: number, kind: string): ByteOrder {
  if (itemsize <= 1 || kind === 'S' || kind === 'V' || kind === 'b' || kind === 'O') return '|';
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

export type DTypeLike = DType | DTypeName | string;

/**
 * A DType from a name ('float64'), a NumPy char ('d'), or a DType.
 * (Typestrings are added by the typestr parser.)
 */
export function dtype(spec: DTypeLike): DType {
  if (spec instanceof DType) return spec;
  if (typeof spec !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `expected a dtype name, typestr or DType, got ${describeValue(spec)}`);
  }
  const byName = fixedTypes.get(spec);
  if (byName) return byName;
  throw makeError(TypeError, 'ERR_INVALID_DTYPE', `unknown dtype ${describeValue(spec)}`);
}
