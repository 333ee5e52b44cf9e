export { zixflowConfig } from './zixflow.config';
export { loadZixflowOptionsFromEnv } from './load-zixflow-env';
