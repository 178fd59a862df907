// DLPack, messages, error settings, dispatch, resultType, createUfunc and the
// helper types: test/types/misc-usage.ts must compile strictly, and each
// marked misuse must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('DLPack, dispatch and helper types', 'misc-usage.ts');
