// PEP 3118 buffer formats, parsed in native/core/dtype/buffer_format.cc the way
// NumPy reads a buffer (np.asarray(memoryview)); this module turns the result
// into DTypes.
import { DType, dtypeFromNative, type DTypeField } from './dtype.js';
import { describeValue, makeError } from '../base/errors.js';
import { native, type NativeFormatItem } from '../base/native.js';

/** One field of a struct format ('T{...}' or several items), at its byte offset. */
export interface BufferFormatField {
  /** The ':name:' of the format; unnamed fields get NumPy's 'f0', 'f1', ... (first unused). */
  readonly name: string;
  /** Bytes from the start of the struct. */
  readonly offset: number;
  /** The field's element type: a scalar DType, or a structured DType (with `fields`) for a nested 'T{...}'. */
  readonly dtype: DType;
  /** Present for a repeated or sub-array field ('3i', '(2,3)d'): its dimensions, outermost first. */
  readonly shape?: readonly number[];
}

/** What `parseBufferFormat` returns. */
export interface BufferFormat {
  /** Bytes of one buffer item: what the buffer's itemsize must be. */
  readonly itemsize: number;
  /**
   * The alignment the format asks for: a scalar's natural alignment; for a
   * struct, the least common multiple of its members read with native
   * alignment ('@', the default), 1 when none are.
   */
  readonly alignment: number;
  /**
   * The element type. A format that is one scalar item ('<d', '=q', '@i',
   * '3i') gives that scalar's DType, as NumPy reads it ('l' is int64, '<l'
   * int32). A struct gives a structured DType (name 'void', with `fields`).
   */
  readonly dtype: DType;
  /** Present when the item is a sub-array ('3i' is shape [3] of int32, itemsize 12). */
  readonly shape?: readonly number[];
  /** Present for a struct: its fields in format order, padding ('x') left out. */
  readonly fields?: readonly BufferFormatField[];
}

function itemDType(item: NativeFormatItem): DType {
  if (!item.isStruct) return dtypeFromNative(item.scalar!);
  const fields: DTypeField[] = item.fields!.map((field) => ({
    name: field.name,
    offset: field.offset,
    dtype: itemDType(field.item),
    ...(field.item.shape.length > 0 ? { shape: field.item.shape } : {}),
  }));
  return new DType({ name: 'void', itemsize: item.elementSize, byteorder: '|', fields });
}

function itemSize(item: NativeFormatItem): number {
  return item.shape.reduce((size, dim) => size * dim, item.elementSize);
}

/**
 * Parses a PEP 3118 buffer format as NumPy reads it: prefixes '@' (native
 * sizes and alignment, the default), '^' (native, packed), '=', '<', '>', '!'
 * (standard sizes, no alignment); codes ?bBhHiIlLqQefdg, Zf Zd Zg, c, s
 * (bytes), w (UCS-4), O, x (padding); repeat counts and '(2,3)' sub-arrays;
 * 'T{...}' structs with ':name:' fields.
 * Throws TypeError with code ERR_INVALID_BUFFER_FORMAT and `position` (the
 * characters read before the problem).
 */
export function parseBufferFormat(format: string): BufferFormat {
  if (typeof format !== 'string') {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `expected a PEP 3118 format string like '<d', got ${describeValue(format)}`,
    );
  }
  const item = native.parseBufferFormat(format);
  const dtype = itemDType(item);
  const result: BufferFormat = {
    itemsize: itemSize(item),
    alignment: item.alignment,
    dtype,
    ...(item.shape.length > 0 ? { shape: Object.freeze([...item.shape]) } : {}),
    ...(dtype.fields ? { fields: dtype.fields } : {}),
  };
  return Object.freeze(result);
}
