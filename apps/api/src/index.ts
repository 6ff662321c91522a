// Public API of @rustygpt/api: start the server, its configuration, the schema, and the session
// token format the web app mints for it.
export { startApi, withApiData, type StartApiOptions, type StartedApi } from './compose';
export { loadConfig, isLoopbackHost, type ApiConfig } from './config';
export { getSchema, printApiSchema } from './schema';
export {
  signSessionToken,
  verifySessionToken,
  type SessionClaims,
  type SessionTokenOptions,
} from './auth/session-token';
export { API_TOKEN_PREFIX, hashApiToken, mintApiToken } from './auth/api-token';
export type { StreamEvent, ControlType } from './streaming/events';
export type { RunningServer } from './server';
