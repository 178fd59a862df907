// The code of docs/guides/typescript.md (test/types/guide-usage.ts) compiles strictly.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('the TypeScript guide', 'guide-usage.ts');
