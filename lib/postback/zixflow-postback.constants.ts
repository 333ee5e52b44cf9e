/** Token of the postback settings with defaults merged (ResolvedPostbackConfig). */
export const ZIXFLOW_POSTBACK_CONFIG = 'ZIXFLOW_POSTBACK_CONFIG';

/** Token of the path the module mounted its own controller at (null when it mounted none). */
export const ZIXFLOW_POSTBACK_MOUNT_PATH = 'ZIXFLOW_POSTBACK_MOUNT_PATH';

/** Route metadata set by @ZixflowPostback(), so the module can find postback handlers at bootstrap. */
export const ZIXFLOW_POSTBACK_HANDLER_METADATA = 'zixflow:postback-handler';

/** Request property the guard stores its verdict under; a symbol so it can't clash with anything. */
export const ZIXFLOW_POSTBACK_REQUEST_STATE = Symbol('zixflow.postback.state');

/** Logger context of everything the postback endpoint logs. */
export const ZIXFLOW_POSTBACK_LOGGER_CONTEXT = 'ZixflowPostback';
