/** API key ZixflowTestingModule configures when none is given (nothing checks it: no request leaves the process). */
export const DEFAULT_TESTING_API_KEY = 'test-api-key';
/** Workspace id ZixflowTestingModule configures when none is given; also the `workspace_id` of its postbacks. */
export const DEFAULT_TESTING_WORKSPACE_ID = 'test-workspace';
/**
 * Postback URL ZixflowTestingModule signs sends with when `postback.publicUrl` is not given. Only its path and
 * query matter: `deliverPostback` POSTs them to your app. Set `postback.publicUrl` to your route's URL (any host).
 */
export const DEFAULT_TESTING_POSTBACK_URL = 'http://127.0.0.1/zixflow/postback';
/** Postback secret ZixflowTestingModule signs with when `postback.secret` is not given. */
export const DEFAULT_TESTING_POSTBACK_SECRET = 'zixflow-testing-postback-secret';
