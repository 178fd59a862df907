// The public types of dtype, parseTypestr and parseBufferFormat: test/types/dtype-usage.ts must compile strictly, and each
// marked misuse must really fail (test/helpers/type-usage.ts).
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('dtype and parser public types', 'dtype-usage.ts');
