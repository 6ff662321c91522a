/** Entry point of the browser tests (started by scripts/e2e.mjs with the servers' URLs). */
import { runAll } from './harness';
import './auth.spec';
import './chat.spec';
import './explorer.spec';
import './dedup.spec';
import './dag.spec';
import './i18n.spec';

const env = {
  webUrl: process.env.E2E_WEB_URL ?? 'http://127.0.0.1:3100',
  apiUrl: process.env.E2E_API_URL ?? 'http://127.0.0.1:3101/graphql',
  userName: process.env.E2E_USER_NAME ?? 'Ada Tester',
  artifacts: process.env.E2E_ARTIFACTS ?? 'test-results',
};

const failures = await runAll(env);
process.exit(failures === 0 ? 0 : 1);
