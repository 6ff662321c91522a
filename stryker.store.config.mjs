// Stryker config for a store-only run beside other Stryker runs in the same tree (`scopedConfig` in
// stryker.config.mjs: own sandbox and reports; STRYKER_RUN=<name> for several).
// npx stryker run stryker.store.config.mjs --mutate 'packages/store/src/vector.ts'
import { scopedConfig } from './stryker.config.mjs';

export default scopedConfig('store', 'packages/store/src/**/*.ts');
