// Compiled by test/dtype/dtype-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { DType, dtype, parseBufferFormat, parseTypestr } from '../../src/index.js';
import type { BufferFormat, BufferFormatField, ByteOrder, DescrEntry, DTypeField, DTypeName } from '../../src/index.js';

const f8: DType = dtype('float64');
const swapped: DType = parseTypestr('>f8');
const order: ByteOrder = swapped.byteorder;
const name: DTypeName = f8.name;
const str: string = f8.str;
const native: boolean = swapped.isNative;
const unit: string = parseTypestr('<M8[25s]').unit;
const descr: readonly DescrEntry[] = f8.descr;
const fields: readonly DTypeField[] | null = f8.fields;
const made: DType = new DType({ name: 'str', itemsize: 12, byteorder: '<' });
const record: DType = new DType({ name: 'void', itemsize: 8, byteorder: '|', fields: [{ name: 'a', offset: 0, dtype: f8 }] });
const parsed: BufferFormat = parseBufferFormat('T{<i:a:<d:b:}');
const itemsize: number = parsed.itemsize + parsed.alignment;
const element: DType = parsed.dtype;
const first: BufferFormatField | undefined = parsed.fields?.[0];
const shape: readonly number[] | undefined = parsed.shape;
const same: boolean = dtype(f8).equals(dtype('d'));

// @ts-expect-error parseTypestr takes a string
parseTypestr(8);
// @ts-expect-error parseBufferFormat takes a string
parseBufferFormat(['<d']);
// @ts-expect-error DType attributes are read-only
f8.itemsize = 4;
// @ts-expect-error byte orders are '<', '>', '=', '|'
new DType({ name: 'int32', itemsize: 4, byteorder: '!' });
// @ts-expect-error DTypeInit names are the table's names
new DType({ name: 'float65', itemsize: 8, byteorder: '=' });
// @ts-expect-error BufferFormat is read-only
parsed.itemsize = 3;
// @ts-expect-error fields may be absent
parsed.fields.length;

export { order, name, str, native, unit, descr, fields, made, record, itemsize, element, first, shape, same };
