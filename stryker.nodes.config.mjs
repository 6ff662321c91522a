// Stryker config for a run over the reasoning DAG nodes beside other Stryker runs in the same tree
// (`scopedConfig` in stryker.config.mjs: own sandbox and reports; STRYKER_RUN=<name> for several).
// npx stryker run stryker.nodes.config.mjs --mutate 'packages/reasoning/src/nodes/generation.ts'
import { scopedConfig } from './stryker.config.mjs';

export default scopedConfig('nodes', 'packages/reasoning/src/nodes/**/*.ts');
